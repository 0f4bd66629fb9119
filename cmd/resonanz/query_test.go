package main

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestQueryExitCodes: a refused, failing or cancelled query exits 4; bad
// flags 2; no data 3.
func TestQueryExitCodes(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	t.Setenv("RESONANZ_KEY", filepath.Join(dir, "key"))
	var stderr bytes.Buffer
	resonanz := func(args ...string) int {
		stderr.Reset()
		return run(append([]string{"--data", data}, args...), strings.NewReader(""), io.Discard, &stderr)
	}
	if code := resonanz("query", "select 1"); code != exitInput {
		t.Errorf("no data: exit %d: %s", code, stderr.String())
	}
	if code := resonanz("import", "../../testdata/mdk16-msforms.xlsx", "--event", "mdk16", "-q"); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr.String())
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"query", "copy responses to 'x.csv'"}, exitQuery, "found COPY"},
		{[]string{"query", "select * from read_csv('/etc/passwd')"}, exitQuery, "not allowed in resonanz SQL: table function read_csv"},
		{[]string{"query", "select nosuch from responses"}, exitQuery, "Binder Error"},
		{[]string{"query", "select $x"}, exitQuery, "parameter $x has no value"},
		{[]string{"query", "--timeout", "1s", "select count(*) from range(1000000) a, range(100000) b where a.range + b.range = -1"}, exitQuery, "cancelled after 1s"},
		{[]string{"query", "select 1", "--format", "xlsx"}, exitUsage, "needs --out"},
		{[]string{"query", "select 1", "--format", "yaml"}, exitUsage, "unknown format"},
		{[]string{"query", "select 1", "--format", "parquet", "--out", filepath.Join(dir, "x.parquet"), "--min-n", "5"}, exitUsage, "--min-n works with"},
		{[]string{"export", "--wide", "--format", "sav", "--out", "x.sav"}, exitUsage, "unknown format"},
		{[]string{"query", "select 1", "--timeout", "soon"}, exitUsage, "invalid argument"},
		{[]string{"query", "select 1", "--param", "x"}, exitUsage, "want name=value"},
		{[]string{"export", "--format", "csv", "--out", filepath.Join(dir, "x.csv")}, exitUsage, "say --wide"},
		{[]string{"schema", "nosuch"}, exitUsage, "no view"},
		{[]string{"query", "select 1 as one"}, exitOK, ""},
	} {
		code := resonanz(tc.args...)
		if code != tc.code || !strings.Contains(stderr.String(), tc.msg) {
			t.Errorf("%q: exit %d (want %d): %s", tc.args, code, tc.code, stderr.String())
		}
	}
}

// TestQueryXLSXNoFormula: text that looks like a formula (the sample holds
// =HYPERLINK(…) as a free-text answer) is a string cell in the workbook
// `resonanz query --format xlsx` writes: its XML has no <f> element.
func TestQueryXLSXNoFormula(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	t.Setenv("RESONANZ_KEY", filepath.Join(dir, "key"))
	var stderr bytes.Buffer
	if code := run([]string{"--data", data, "import", "../../testdata/mdk16-msforms.xlsx", "--event", "mdk16", "-q"}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("import: %s", stderr.String())
	}
	out := filepath.Join(dir, "c.xlsx")
	if code := run([]string{"--data", data, "query", "select text, '=1+1' as calc, '@x' as at from comments order by text", "--format", "xlsx", "--out", out}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("query: %s", stderr.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Ergebnis", excelize.Options{RawCellValue: true})
	f.Close()
	hyper := 0
	for _, r := range rows[1:] {
		if strings.HasPrefix(r[0], "=HYPERLINK(") {
			hyper++
		}
		if r[1] != "=1+1" || r[2] != "@x" {
			t.Fatalf("row %q", r)
		}
	}
	if hyper == 0 {
		t.Fatal("the sample's =HYPERLINK text is missing")
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, zf := range z.File {
		if strings.HasPrefix(zf.Name, "xl/worksheets/") {
			r, _ := zf.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
				t.Errorf("%s holds a formula", zf.Name)
			}
		}
	}
}
