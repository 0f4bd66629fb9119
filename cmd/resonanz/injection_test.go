package main

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/testfiles"
)

// triggers are what respondents type that a spreadsheet program would run:
// each first character of OWASP's list, also after blanks, tab and CR.
var triggers = []string{
	`=HYPERLINK("http://x","klick")`, `+ mehr Kaffee`, `-mehr Pausen`, `@SUM(A1:A9)`,
	"\t=1+1", "\r=2+2", `  =cmd|' /C calc'!A0`, ` -5 Minuten`, "\t", "\r",
}

// injectionFile writes a survey export of 20 responses whose free text,
// "other" topics and (rejected) scale answers begin with the triggers.
func injectionFile(t *testing.T, path string) {
	t.Helper()
	rows, err := testfiles.Rows(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	out := [][]string{rows[0]}
	for i := 1; i <= 20; i++ {
		r := make([]string, 20)
		copy(r, rows[i])
		r[0] = strconv.Itoa(7000 + i)
		out = append(out, r)
	}
	for i, tr := range triggers {
		row := out[1+i]
		row[19] = tr + " (Kommentar)"                                     // improve: free text
		row[16] = "Datenschutz;" + strings.ReplaceAll(tr, ";", ",") + ";" // topics: an "other" text
		row[9] = tr                                                       // need.datenschutz: not a scale value, a reject
	}
	// Inline strings keep tab and CR (&#9; &#13;) as typed.
	if err := testfiles.WriteZip(path, testfiles.Workbook(testfiles.Sheet{Rows: out}.XML())); err != nil {
		t.Fatal(err)
	}
}

func runIn(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("resonanz %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// storedTexts reads back, from the Parquet files, the comment texts and
// rejected values the import stored.
func storedTexts(t *testing.T, data string) (comments, rejects []string) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	read := func(q string) []string {
		rows, err := db.Query(strings.ReplaceAll(q, "DATA", data))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	return read(`select text from read_parquet('DATA/comments/*/*.parquet')`),
		read(`select value from read_parquet('DATA/rejects/*/*.parquet')`)
}

var formulaElem = regexp.MustCompile(`<(\w+:)?f[\s>/]`)

// runnable is OWASP's rule, written out here rather than taken from
// pipeline/sanitize, which is what is being tested.
var riskyRE = regexp.MustCompile("^ *[=+\\-@\t\r]")

func runnable(s string) bool { return riskyRE.MatchString(s) }

// noFormulas fails if any worksheet of an xlsx file holds a formula.
func noFormulas(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	sheets := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if loc := formulaElem.FindIndex(b); loc != nil {
			t.Errorf("%s: %s holds a formula: …%s…", filepath.Base(path), f.Name, b[max(0, loc[0]-80):min(len(b), loc[1]+80)])
		}
	}
	if sheets == 0 {
		t.Errorf("%s: no worksheets", path)
	}
}

// textCells returns, for every cell of the workbook holding one of want,
// whether it is stored as text that stays text: a string cell (shared or
// inline, never t="str", a formula's result) with the Text number format
// or Excel's quotePrefix.
func textCells(t *testing.T, path string, want []string) map[string][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wanted := map[string]bool{}
	for _, w := range want {
		wanted[w] = true
	}
	found := map[string][]string{} // value → problems, "" for a good cell
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if !wanted[v] {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, _ := f.GetCellType(sh, ref)
				problem := ""
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					problem = fmt.Sprintf("%s!%s is not a string cell (type %d)", sh, ref, typ)
				} else if id, _ := f.GetCellStyle(sh, ref); !textStyle(f, id) {
					problem = fmt.Sprintf("%s!%s has neither the Text format nor quotePrefix", sh, ref)
				}
				found[v] = append(found[v], problem)
			}
		}
	}
	return found
}

func textStyle(f *excelize.File, id int) bool {
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	// QuotePrefix is not in excelize's Style; the Text format "@" is 49.
	return st.NumFmt == 49 || (st.CustomNumFmt != nil && *st.CustomNumFmt == "@")
}

// TestFormulaInjection: respondents' text that a spreadsheet would run is
// written by the report and by query --format xlsx|csv as plain text,
// unchanged in xlsx and prefixed with ' in CSV (as pipeline/sanitize
// does); numbers stay numbers.
func TestFormulaInjection(t *testing.T) {
	dir := t.TempDir()
	data, key := filepath.Join(dir, "data"), filepath.Join(dir, "key")
	in := filepath.Join(dir, "formeln.xlsx")
	injectionFile(t, in)
	runIn(t, "import", in, "--event", "inj", "--data", data, "--key", key, "-q")

	comments, rejects := storedTexts(t, data)
	var risky []string
	for _, s := range slices.Concat(comments, rejects) {
		if runnable(s) {
			risky = append(risky, s)
		}
	}
	// The test means something only if every trigger character reached the
	// dataset at the start of a value.
	for _, c := range []string{"=", "+", "-", "@", "\t", "\r", " "} {
		if !slices.ContainsFunc(risky, func(s string) bool { return strings.HasPrefix(s, c) }) {
			t.Errorf("no stored value starts with %q: comments %q, rejects %q", c, comments, rejects)
		}
	}

	// The report: rejects are listed in the data-quality sheet.
	out := filepath.Join(dir, "bericht")
	runIn(t, "report", "--event", "inj", "--data", data, "--out", out, "-q")
	report := filepath.Join(out, "report.xlsx")
	noFormulas(t, report)
	cells := textCells(t, report, rejects)
	for _, v := range rejects {
		if !runnable(v) {
			continue
		}
		if len(cells[v]) == 0 {
			t.Errorf("report: rejected value %q not found intact", v)
		}
		for _, p := range cells[v] {
			if p != "" {
				t.Errorf("report: %q: %s", v, p)
			}
		}
	}

	// Query output: text as text, numbers (also negative ones) as numbers.
	const q = `select text, question, -length(text) as neg, length(text) / 2 as half from comments union all select value, 'reject', -length(value), length(value) / 2 from rejects order by 1`
	qx, qc := filepath.Join(dir, "q.xlsx"), filepath.Join(dir, "q.csv")
	runIn(t, "query", q, "--event", "inj", "--data", data, "--format", "xlsx", "--out", qx)
	runIn(t, "query", q, "--event", "inj", "--data", data, "--format", "csv", "--out", qc)
	noFormulas(t, qx)
	cells = textCells(t, qx, risky)
	for _, v := range risky {
		n := 0
		for _, w := range risky {
			if w == v {
				n++
			}
		}
		if len(cells[v]) != n || slices.ContainsFunc(cells[v], func(p string) bool { return p != "" }) {
			t.Errorf("query xlsx: %q: %q, want %d good text cells", v, cells[v], n)
		}
	}
	f, err := excelize.OpenFile(qx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetList()[0]
	rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
	for r := 2; r <= len(rows); r++ {
		for _, col := range []string{"C", "D"} {
			ref := col + strconv.Itoa(r)
			typ, _ := f.GetCellType(sh, ref)
			v, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
			if _, err := strconv.ParseFloat(v, 64); err != nil || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
				t.Errorf("query xlsx %s = %q (type %d), want a number", ref, v, typ)
			}
		}
	}

	b, err := os.ReadFile(qc)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Concat(comments, rejects)
	slices.Sort(want)
	var got []string
	for _, rec := range recs[1:] {
		text, neg := rec[0], rec[2]
		plain := strings.TrimPrefix(text, "'")
		if runnable(plain) && text != "'"+plain {
			t.Errorf("query csv: %q is not prefixed", text)
		}
		if !runnable(plain) && text != plain {
			t.Errorf("query csv: harmless %q was changed", text)
		}
		if n, err := strconv.Atoi(neg); err != nil || n != -len([]rune(plain)) {
			t.Errorf("query csv: neg %q for %q, want the plain number -%d", neg, plain, len([]rune(plain)))
		}
		got = append(got, plain)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("query csv texts %q, want %q", got, want)
	}
}
