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
	"github.com/resonanz/resonanz/internal/testfiles"
	"github.com/resonanz/resonanz/internal/testtool"
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
	testtool.Slow(t)
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

	parquets, values := scanData(t, data, check)
	if parquets < 10 || values < 5000 {
		t.Errorf("read %d Parquet files, %d text values: the dataset is not all there", parquets, values)
	}
	if n := scanReport(t, out, check); n == 0 {
		t.Error("no charts")
	}
}

// scanData hands check every text value of every Parquet file of a data
// directory (read with DuckDB) and the text of every other file in it; it
// returns how many Parquet files and text values it read.
func scanData(t *testing.T, data string, check func(where, text string)) (parquets, values int) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
	return parquets, values
}

// scanReport hands check every part of a report folder's report.xlsx, its
// report.html and every chart; it returns the number of charts.
func scanReport(t *testing.T, out string, check func(where, text string)) int {
	t.Helper()
	for _, part := range zipParts(t, filepath.Join(out, "report.xlsx")) {
		check("report.xlsx", part)
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	check("report.html", string(html))
	svgs, _ := filepath.Glob(filepath.Join(out, "charts", "*.svg"))
	for _, s := range svgs {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		check(s, string(b))
	}
	return len(svgs)
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

// TestRejectsHoldNoPersonalValue (issue #16, attack 1): personal data typed
// where a value is rejected — an e-mail address as the response id of a
// form entered twice, as a scale answer, a phone number as the
// satisfaction and as the NPS score (out of range) — reaches no file of the
// data directory, no part of the report and nothing on stdout or stderr:
// the rejects show the scrubbed value, reasons do not quote it, the
// duplicate is named by its pseudonym. The rejects are all there, with
// row and column.
func TestRejectsHoldNoPersonalValue(t *testing.T) {
	dir := t.TempDir()
	data, out := filepath.Join(dir, "data"), filepath.Join(dir, "out")
	t.Setenv("RESONANZ_KEY", filepath.Join(dir, "key"))
	rows, err := testfiles.Rows(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	r := few(rows)
	r[1][0], r[2][0] = "alice@corp.example", "alice@corp.example" // ID, twice
	r[3][8] = "bob@corp.example"                                  // a need item (scale of labels)
	r[4][17] = "0341 1234567"                                     // satisfaction 1–5
	r[5][18] = "03419876543"                                      // NPS 0–10
	file := writeFile(t, filepath.Join(dir, "hostile.csv"), []byte(csvText(r)))
	secrets := []string{"alice@corp.example", "bob@corp.example", "corp.example", "0341 1234567", "1234567", "03419876543", "9876543"}

	var stdout, stderr bytes.Buffer
	if code := run([]string{"--data", data, "run", file, "--event", "mdk16", "--out", out, "--verbose"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	check := func(where, text string) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s: personal value %q", where, s)
			}
		}
	}
	check("stdout", stdout.String())
	check("stderr", stderr.String())
	scanData(t, data, check)
	scanReport(t, out, check)

	// The rejects are there: three values and the duplicate row, by row and
	// column, the duplicate as the pseudonym of the response kept.
	got := queryRows(t, data, `select "row" || "column" || ': ' || reason from rejects order by "row"`)
	want := []string{"3A: duplicate response id: same as row 2", "4I: not a number nor an answer label", "5R: not a number nor an answer label", "6S: out of range: not within 0–10"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := queryRows(t, data, `select count(*) from rejects j join responses r on r.respondent = j.value where j."column" = 'A'`); len(n) != 1 || n[0] != "1" {
		t.Errorf("the duplicate's value is not the pseudonym of the response kept: %v", n)
	}
}

// queryRows runs resonanz query on a data directory and returns the lines
// of its CSV output without the header.
func queryRows(t *testing.T, data, sql string) []string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--data", data, "query", sql, "--format", "csv"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("query %s: exit %d: %s", sql, code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	return lines[1:]
}
