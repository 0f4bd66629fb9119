package main

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
)

// emailRE is deliberately broader than the scrubber's: anything@anything.tld.
var emailRE = regexp.MustCompile(`[^\s@<>"'(),;:\[\]]+@[^\s@<>"'(),;:\[\]]+\.[^\s@<>"'(),;:\[\]]{2,}`)

// TestDemoHasNoEmail runs the demo as make demo does (last year's Google
// Forms export, then this year's MS Forms export with the report) and
// looks for e-mail addresses in every value of every Parquet file of the
// dataset (read with DuckDB), every other file of the data directory,
// every part of report.xlsx, report.html and the SVG charts. The sample's
// addresses and phone numbers in free text must be gone too.
func TestDemoHasNoEmail(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	out := filepath.Join(dir, "out")
	t.Setenv("RESONANZ_KEY", filepath.Join(dir, "key"))
	for _, args := range [][]string{
		{"import", "../../testdata/mdk15-googleforms.xlsx", "--event", "mdk15", "--event-date", "2024-11-14", "-q"},
		{"run", "../../testdata/mdk16-msforms.xlsx", "--event", "mdk16", "--event-date", "2025-11-13", "--out", out, "-q"},
	} {
		var stderr bytes.Buffer
		if code := run(append([]string{"--data", data}, args...), strings.NewReader(""), io.Discard, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
	}
	var secrets []string
	for _, path := range []string{"../../testdata/mdk16-msforms.xlsx.truth.json", "../../testdata/mdk15-googleforms.xlsx.truth.json"} {
		tr, err := sample.ReadTruth(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range tr.PersonalInText {
			secrets = append(secrets, p.Text)
		}
	}
	check := func(where, text string) {
		t.Helper()
		if m := emailRE.FindString(text); m != "" {
			t.Errorf("%s: e-mail address %q", where, m)
		}
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s: personal data %q from a free-text answer", where, s)
			}
		}
	}
	// The check finds what it looks for: the exports hold addresses (an
	// e-mail column and the free text).
	found := 0
	for _, f := range []string{"../../testdata/mdk16-msforms.xlsx", "../../testdata/mdk15-googleforms.xlsx"} {
		for _, part := range zipParts(t, f) {
			found += len(emailRE.FindAllString(part, -1))
		}
	}
	if found < 100 || len(secrets) < 3 {
		t.Fatalf("the exports hold %d e-mail addresses and %d secrets: the check would prove nothing", found, len(secrets))
	}

	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	parquets, values := 0, 0
	err = filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !strings.HasSuffix(path, ".parquet") {
			b, err := os.ReadFile(path)
			check(path, string(b))
			return err
		}
		parquets++
		rows, err := db.Query(fmt.Sprintf("select * from read_parquet('%s')", strings.ReplaceAll(path, "'", "''")))
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			for i, v := range vals {
				if s, ok := v.(string); ok {
					values++
					check(fmt.Sprintf("%s column %s", path, cols[i]), s)
				}
			}
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if parquets < 10 || values < 5000 {
		t.Errorf("read %d Parquet files, %d text values: the dataset is not all there", parquets, values)
	}

	for _, part := range zipParts(t, filepath.Join(out, "report.xlsx")) {
		check("report.xlsx", part)
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	check("report.html", string(html))
	svgs, _ := filepath.Glob(filepath.Join(out, "charts", "*.svg"))
	if len(svgs) == 0 {
		t.Error("no charts")
	}
	for _, s := range svgs {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		check(s, string(b))
	}
}

// zipParts returns the text of every part of an xlsx file.
func zipParts(t *testing.T, path string) []string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var out []string
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/media/") {
			continue // the heatmaps' PNGs: pixels of aggregates, and binary noise looks like text
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}
