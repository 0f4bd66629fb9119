package pipeline_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testfiles"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/pipeline/store"
	"github.com/resonanz/resonanz/pipeline/survey"
)

const fixture = "../testdata/mdk16-msforms.xlsx"

// pid is the stored id of the sample's respondent id in mdk16.
func pid(id string) string { return disclosure.Pseudonym(testtool.Key(), "mdk16", id) }

func importFiles(t *testing.T, data string, replace bool, files ...string) ([]*pipeline.FileResult, error) {
	t.Helper()
	return pipeline.Import(context.Background(), pipeline.ImportOptions{Key: testtool.Key(),
		DataDir: data, Event: "mdk16", Files: files, Replace: replace,
	})
}

func mustImport(t *testing.T, data string, replace bool, files ...string) []*pipeline.FileResult {
	t.Helper()
	res, err := importFiles(t, data, replace, files...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// query runs SQL over the tables of the published files: each table is a
// view over the files the manifest lists (an independent reading, not
// resonanz's query engine).
func query(t *testing.T, data, q string) [][]string {
	t.Helper()
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range model.TableNames("") {
		var files []string
		for _, f := range m.Files(table) {
			files = append(files, "'"+filepath.Join(st.Dir, f)+"'")
		}
		if _, err := db.Exec(fmt.Sprintf("create view %s as select * from read_parquet([%s])", table, strings.Join(files, ","))); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		line := make([]string, len(cols))
		for i, v := range vals {
			line[i] = v.String
		}
		out = append(out, line)
	}
	return out
}

func one(t *testing.T, data, q string) string {
	t.Helper()
	r := query(t, data, q)
	if len(r) != 1 || len(r[0]) != 1 {
		t.Fatalf("%s: %v, want one value", q, r)
	}
	return r[0][0]
}

func snapshot(t *testing.T, data string) *testfiles.Snapshot {
	t.Helper()
	s, err := testfiles.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func copyFile(t *testing.T, src, dst string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func truth(t *testing.T) *sample.Truth {
	t.Helper()
	tr, err := sample.ReadTruth(sample.TruthPath(fixture))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// needAnswers counts the answered need items of the respondents the truth
// lists, except those in skip.
func needAnswers(tr *sample.Truth, skip func(id string) bool) int {
	n := 0
	for _, r := range tr.Respondents {
		if !skip(r.ID) {
			n += len(r.Need)
		}
	}
	return n
}

func TestImportSameBytesTwice(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	tr := truth(t)
	res := mustImport(t, data, false, fixture)
	if res[0].Summary.Imported != len(tr.Respondents) {
		t.Fatalf("imported %d, truth has %d", res[0].Summary.Imported, len(tr.Respondents))
	}
	before := snapshot(t, data)
	wantNeed := needAnswers(tr, func(string) bool { return false })
	if before.Rows["responses"] != int64(len(tr.Respondents)) || one(t, data, "select count(*) from answers where question = 'need'") != strconv.Itoa(wantNeed) {
		t.Fatalf("after the first import: %v, want %d responses and %d need answers", before, len(tr.Respondents), wantNeed)
	}
	manifest, _ := os.ReadFile(filepath.Join(data, store.ManifestName))

	// The same bytes again, also under another name: a no-op that says so.
	for _, f := range []string{fixture, copyFile(t, fixture, filepath.Join(t.TempDir(), "kopie.xlsx"))} {
		res := mustImport(t, data, false, f)
		if !strings.Contains(res[0].Skipped, "already imported into mdk16") || res[0].Summary != nil {
			t.Errorf("%s again: %+v, want skipped", f, res[0])
		}
		if after := snapshot(t, data); !after.Equal(before) {
			t.Errorf("%s again changed the dataset:\n%v\nwas\n%v", f, after, before)
		}
		if m, _ := os.ReadFile(filepath.Join(data, store.ManifestName)); !bytes.Equal(m, manifest) {
			t.Errorf("%s again rewrote the manifest", f)
		}
	}
	// Into another event the same bytes are new.
	res, err := pipeline.Import(context.Background(), pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: "mdk16b", Files: []string{fixture}})
	if err != nil || res[0].Skipped != "" {
		t.Fatalf("into another event: %v %+v", err, res)
	}
	if got := one(t, data, "select count(*) from responses where event = 'mdk16b'"); got != strconv.Itoa(len(tr.Respondents)) {
		t.Errorf("other event: %s responses", got)
	}
}

// corrected writes a copy of the fixture as an organiser would correct it:
// the rows of ids 2–11 deleted, respondent 1's Datenschutz need changed to
// "sehr gering" and respondent 12's state to Thüringen.
func corrected(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Sheet1")
	idCol, _ := testfiles.Column(rows, "ID")
	dsCol, err := testfiles.Column(rows, "Wie hoch schätzen Sie den Handlungsbedarf in den folgenden Bereichen ein?.Datenschutz")
	if err != nil {
		t.Fatal(err)
	}
	stCol, _ := testfiles.Column(rows, "In welchem Bundesland sind Sie tätig?")
	rowOf := map[string]int{}
	for i, r := range rows {
		rowOf[r[idCol]] = i + 1
	}
	set := func(id string, col int, v string) {
		ref, _ := excelize.CoordinatesToCellName(col+1, rowOf[id])
		if err := f.SetCellStr("Sheet1", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	set("1", dsCol, "sehr gering")
	set("12", stCol, "Thüringen")
	// Delete from the bottom, so the row numbers above stay right.
	for id := 11; id >= 2; id-- {
		if err := f.RemoveRow("Sheet1", rowOf[strconv.Itoa(id)]); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// lateEntries writes a second file of the event: 20 responses typed in
// later, ids 1001–1020, answers copied from the fixture's first rows.
func lateEntries(t *testing.T, path string, first int) {
	t.Helper()
	rows, err := testfiles.Rows(fixture)
	if err != nil {
		t.Fatal(err)
	}
	out := [][]string{rows[0]}
	for i := 1; i <= 20; i++ {
		r := slices.Clone(rows[i])
		r[0] = strconv.Itoa(first + i - 1)
		out = append(out, r)
	}
	if err := testfiles.WriteXLSX(path, out); err != nil {
		t.Fatal(err)
	}
}

func fileHashes(t *testing.T, data string, files map[string]string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(data, f))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = sha256.Sum256(b)
	}
	return out
}

func TestReplaceCorrectedFile(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	tr := truth(t)
	v1 := copyFile(t, fixture, filepath.Join(dir, "v1", "umfrage.xlsx"))
	v2 := filepath.Join(dir, "v2", "umfrage.xlsx")
	corrected(t, v2)
	late := filepath.Join(dir, "nachtrag.xlsx")
	lateEntries(t, late, 1001)

	mustImport(t, data, false, v1)
	lateRes := mustImport(t, data, false, late)
	lateFiles := lateRes[0].Import.Files
	lateHashes := fileHashes(t, data, lateFiles)
	if got := one(t, data, "select count(*) from responses"); got != "170" {
		t.Fatalf("before the correction: %s responses, want 150 + 20", got)
	}
	if got := one(t, data, "select value from answers where respondent = '"+pid("1")+"' and question = 'need' and item = 'datenschutz'"); got != strconv.Itoa(tr.Respondents[0].Need["datenschutz"]) {
		t.Fatalf("respondent 1 datenschutz %s before the correction", got)
	}

	// Without --replace the corrected file doubles nothing: every row is a
	// response already in the event.
	before := snapshot(t, data)
	res := mustImport(t, data, false, v2)
	if s := res[0].Summary; s.Imported != 0 || s.Duplicates != 140 {
		t.Errorf("corrected file without --replace: %d imported, %d duplicates; want 0 and 140", s.Imported, s.Duplicates)
	}
	if after := snapshot(t, data); after.Rows["responses"] != before.Rows["responses"] || after.Rows["answers"] != before.Rows["answers"] {
		t.Errorf("corrected file without --replace changed counts: %v, was %v", after, before)
	}

	// With --replace: the earlier imports of umfrage.xlsx go, the corrected
	// one comes in, nachtrag.xlsx is untouched.
	res = mustImport(t, data, true, v2)
	if len(res[0].Replaced) != 2 || res[0].Summary.Imported != 140 {
		t.Fatalf("replace: %+v, want 2 replaced imports and 140 imported", res[0])
	}
	removed := func(id string) bool { n, _ := strconv.Atoi(id); return n >= 2 && n <= 11 }
	var ids []string
	for n := 2; n <= 11; n++ {
		ids = append(ids, "'"+pid(strconv.Itoa(n))+"'")
	}
	removedIDs := strings.Join(ids, ",")
	for q, want := range map[string]string{
		"select count(*) from responses":                                                                                 "160",
		"select count(*) from responses where respondent in (" + removedIDs + ")":                                        "0",
		"select count(*) from answers where respondent = '" + pid("5") + "'":                                             "0",
		"select value from answers where respondent = '" + pid("1") + "' and question = 'need' and item = 'datenschutz'": "1",
		"select state from responses where respondent = '" + pid("12") + "'":                                             "DE-TH",
		"select count(*) from imports":                                                                                   "2",
		"select string_agg(file, ',' order by file) from imports":                                                        "nachtrag.xlsx,umfrage.xlsx",
		"select count(*) from responses where source_file = 'nachtrag.xlsx'":                                             "20",
		// 1001–1020 copy the answers of respondents 1–20.
		"select count(*) from answers where question = 'need'": strconv.Itoa(needAnswers(tr, removed) +
			needAnswers(tr, func(id string) bool { n, _ := strconv.Atoi(id); return n > 20 })),
	} {
		if got := one(t, data, q); got != want {
			t.Errorf("%s = %s, want %s", q, got, want)
		}
	}
	if got := fileHashes(t, data, lateFiles); fmt.Sprint(got) != fmt.Sprint(lateHashes) {
		t.Error("the files of nachtrag.xlsx changed")
	}
	if left, err := testfiles.Leftovers(data); err != nil || len(left) > 0 {
		t.Errorf("leftovers after replace: %v %v", left, err)
	}
	// The same --replace again has nothing left to do.
	before = snapshot(t, data)
	if res := mustImport(t, data, true, v2); res[0].Skipped == "" {
		t.Errorf("second --replace of the same bytes: %+v, want skipped", res[0])
	}
	if after := snapshot(t, data); !after.Equal(before) {
		t.Errorf("second --replace changed the dataset: %v, was %v", after, before)
	}
}

// A failure in the second file of one import publishes nothing of the first.
func TestMultiFileImportAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	mustImport(t, data, false, fixture)
	before := snapshot(t, data)
	late := filepath.Join(dir, "nachtrag.xlsx")
	lateEntries(t, late, 1001)

	rows, _ := testfiles.Rows(fixture)
	broken := filepath.Join(dir, "kaputt.csv")
	if err := testfiles.WriteCSV(broken, rows[:30]); err != nil {
		t.Fatal(err)
	}
	// An unbalanced quote in line 25, far into the data, after the header
	// was recognised: the file fails while being normalised.
	b, _ := os.ReadFile(broken)
	lines := strings.SplitAfter(string(b), "\r\n")
	lines[24] = `"` + lines[24]
	if err := os.WriteFile(broken, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}

	_, err := importFiles(t, data, false, late, broken)
	var pe *ingest.ParseError
	if !errors.As(err, &pe) || pe.StartLine != 25 || !strings.Contains(err.Error(), "kaputt.csv:") {
		t.Fatalf("import of nachtrag.xlsx and kaputt.csv: %v, want a parse error in kaputt.csv from line 25", err)
	}
	if after := snapshot(t, data); !after.Equal(before) {
		t.Errorf("failed import changed the dataset:\n%v\nwas\n%v", after, before)
	}
	if left, err := testfiles.Leftovers(data); err != nil || len(left) > 0 {
		t.Errorf("leftovers after the failed import: %v %v", left, err)
	}

	// Both good files together: one publication with both.
	late2 := filepath.Join(dir, "nachtrag2.xlsx")
	lateEntries(t, late2, 2001)
	res := mustImport(t, data, false, late, late2)
	if res[0].Import == nil || res[1].Import == nil {
		t.Fatalf("results %+v", res)
	}
	var imported []string
	for _, s := range snapshot(t, data).Imports {
		imported = append(imported, strings.Fields(s)[1])
	}
	sort.Strings(imported)
	if !slices.Equal(imported, []string{"mdk16-msforms.xlsx", "nachtrag.xlsx", "nachtrag2.xlsx"}) {
		t.Errorf("imports %v", imported)
	}
	if got := one(t, data, "select count(*) from responses"); got != "190" {
		t.Errorf("%s responses, want 150 + 20 + 20", got)
	}
}

// LimeSurvey writes 1980-01-01 00:00:00 as the submit date of every
// response of an anonymous survey without date stamps: no time, not a
// field period in 1980, and not a reject.
func TestLimeSurveyUndated(t *testing.T) {
	dir := t.TempDir()
	csv := "\"Antwort ID\",\"Datum Abgeschickt\",\"Letzte Seite\",\"Start-Sprache\",\"Zufallsstartwert\",\"Wie zufrieden sind Sie?\"\n" +
		"1,\"1980-01-01 00:00:00\",2,de,123,\"sehr zufrieden\"\n" +
		"2,\"1980-01-01 00:00:00\",2,de,456,\"zufrieden\"\n" +
		"3,\"2025-11-13 10:15:00\",2,de,789,\"unzufrieden\"\n"
	file := filepath.Join(dir, "results-survey123.csv")
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	res := mustImport(t, data, false, file)
	if got := res[0].Summary.Imported; got != 3 {
		t.Fatalf("imported %d, want 3", got)
	}
	if got := one(t, data, "select count(*) from rejects"); got != "0" {
		t.Errorf("%s rejects, want 0", got)
	}
	got := query(t, data, "select count(submitted_at), strftime(max(submitted_at), '%Y-%m-%d %H:%M') from responses")
	if got[0][0] != "1" || got[0][1] != "2025-11-13 10:15" {
		t.Errorf("submitted: %v, want only the real time 2025-11-13 10:15", got)
	}
}

// TestOlderDatasetReads: files an older resonanz wrote lack the columns
// added since (here the questions' short names): the report and queries
// read them as NULL instead of failing with a binder error until a
// re-import.
func TestOlderDatasetReads(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	mustImport(t, data, false, fixture)
	files, err := filepath.Glob(filepath.Join(data, "questions", "*", "*.parquet"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no questions files: %v", err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range files {
		old := f + ".old"
		if _, err := db.Exec(fmt.Sprintf("copy (select * exclude (short, short_en) from read_parquet('%s')) to '%s' (format parquet)", f, old)); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(old, f); err != nil {
			t.Fatal(err)
		}
	}
	rewriteManifest(t, data, "questions")
	if got := one(t, data, "select count(*) from (describe questions) where column_name like 'short%'"); got != "0" {
		t.Fatalf("the old files still have %s short-name columns", got)
	}
	w, err := pipeline.Report(context.Background(), pipeline.ReportOptions{DataDir: data, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatalf("report over an older dataset: %v", err)
	}
	if len(w.Sheets) < 10 {
		t.Errorf("%d sheets, want the whole report", len(w.Sheets))
	}
}

// rewriteManifest records the files of table as they are now (sizes and
// hashes), as the import that wrote them would have.
func rewriteManifest(t *testing.T, data, table string) {
	t.Helper()
	path := filepath.Join(data, store.ManifestName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, imp := range m["imports"].([]any) {
		imp := imp.(map[string]any)
		rel := imp["files"].(map[string]any)[table].(string)
		content, err := os.ReadFile(filepath.Join(data, rel))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(content)
		imp["sizes"].(map[string]any)[table] = len(content)
		imp["sha256s"].(map[string]any)[table] = hex.EncodeToString(sum[:])
	}
	if b, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportNeedsKey: the library refuses to import without a pseudonym
// key, also one of the wrong length, and writes nothing.
func TestImportNeedsKey(t *testing.T) {
	for _, key := range [][]byte{nil, {}, []byte("short key"), append(testtool.Key(), 'x')} {
		data := filepath.Join(t.TempDir(), "data")
		_, err := pipeline.Import(context.Background(), pipeline.ImportOptions{DataDir: data, Event: "mdk16", Files: []string{fixture}, Key: key})
		if !errors.Is(err, pipeline.ErrNoKey) {
			t.Errorf("key of %d bytes: %v, want ErrNoKey", len(key), err)
		}
		if _, err := os.Stat(data); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("key of %d bytes: the data directory was made (%v)", len(key), err)
		}
	}
}

// TestImportStoresNoRawID: a Qualtrics export imported with nothing but
// the required options stores no response id (R_…) and no IP address
// anywhere in the dataset — no table's value, no file of the folder —
// and each respondent is the keyed pseudonym of its id.
func TestImportStoresNoRawID(t *testing.T) {
	const file = "../testdata/layouts/qualtrics.csv"
	tr, err := sample.ReadTruth(file + ".truth.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	secret := regexp.MustCompile(`R_[0-9A-Za-z]{15}|203\.0\.113\.\d+`).FindAllString(string(raw), -1)
	if len(secret) < 2*len(tr.Respondents) {
		t.Fatalf("the fixture shows %d ids and addresses, want %d", len(secret), 2*len(tr.Respondents))
	}
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pipeline.Import(context.Background(), pipeline.ImportOptions{DataDir: data, Event: "mdk16", Files: []string{file}, Key: testtool.Key()}); err != nil {
		t.Fatal(err)
	}
	var stored strings.Builder
	for _, table := range model.TableNames("") {
		for _, row := range query(t, data, "select * from "+table) {
			stored.WriteString(strings.Join(row, "\t") + "\n")
		}
	}
	err = filepath.WalkDir(data, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		stored.Write(b) // Parquet pages are compressed; the tables above are read whole
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secret {
		if strings.Contains(stored.String(), s) {
			t.Errorf("the dataset holds %s from the export", s)
		}
	}
	want := map[string]bool{}
	for _, r := range tr.Respondents {
		want[disclosure.Pseudonym(testtool.Key(), "mdk16", r.ID)] = true
	}
	got := query(t, data, "select respondent from responses")
	if len(got) != len(want) {
		t.Fatalf("%d respondents, want %d", len(got), len(want))
	}
	for _, r := range got {
		if !want[r[0]] {
			t.Errorf("respondent %s is no pseudonym of the export's ids", r[0])
		}
	}
}

// TestImportDropsNUL: a SurveyMonkey CSV with stray NUL bytes (a real
// export had them) is imported, every response and answer without the
// NULs, and the result warns how many were removed and where the first was.
func TestImportDropsNUL(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "monkey.csv")
	var b strings.Builder
	b.WriteString("Respondent ID,Collector ID,Start Date,End Date,How satisfied were you with the event?\n")
	b.WriteString(",,,,Response\n")
	for i := range 30 {
		nul := ""
		if i == 4 {
			nul = "\x00\x00"
		}
		fmt.Fprintf(&b, "%d,1234,01/05/2026 10:00,01/05/2026 10:0%d,%s%d\n", 1000+i, i%10, nul, i%5+1)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res := mustImport(t, filepath.Join(dir, "data"), false, file)
	s := res[0].Summary
	if s.Imported != 30 || s.CellsRejected != 0 {
		t.Errorf("imported %d, %d values rejected; want 30 and none", s.Imported, s.CellsRejected)
	}
	var said []string
	for _, w := range s.Mapping.Warnings {
		said = append(said, w.In("en"))
	}
	if want := "2 NUL byte(s) removed from the file (the first at line 7, column 45)"; !slices.ContainsFunc(said, func(s string) bool { return strings.HasPrefix(s, want) }) {
		t.Errorf("warnings %q, want one starting %q", said, want)
	}
}

// TestImportDayFirst: Google Sheets writes the timestamp in its locale's
// order. A British export's "13/11/2025" was rejected and its "05/11/2025"
// read as the 11th of May; a US export's "11/05/2025" is the 5th of
// November. The first rows decide for the file.
func TestImportDayFirst(t *testing.T) {
	// A British file whose first 80 answers came in on days 1–12: only
	// row 82 says the dates are day first.
	var late, lateWant []string
	for i := range 80 {
		d := i%12 + 1
		late = append(late, fmt.Sprintf("%02d/07/2025 10:%02d:00", d, i%60))
		lateWant = append(lateWant, fmt.Sprintf("2025-07-%02d 10:%02d:00", d, i%60))
	}
	late = append(late, "13/07/2025 09:00:00")
	lateWant = append(lateWant, "2025-07-13 09:00:00")
	// Told month first, the one date that can only be day first is still
	// read so; the others are not read again.
	var monthFirst []string
	for i := 68; i < 80; i++ {
		monthFirst = append(monthFirst, fmt.Sprintf("2025-%02d-07 10:%02d:00", i%12+1, i%60))
	}
	monthFirst = append(monthFirst, "2025-07-13 09:00:00")
	for _, tc := range []struct {
		name  string
		order string
		stamp []string
		want  []string
		warn  string // the warning that says the dates were read day first
	}{
		{"british", "", []string{"13/11/2025 14:03:12", "05/11/2025 09:00:00", "14/11/2025 10:00:00"},
			[]string{"2025-11-13 14:03:12", "2025-11-05 09:00:00", "2025-11-14 10:00:00"}, "13/11/2025 14:03:12 (A2)"},
		{"american", "", []string{"11/13/2025 2:03:12 PM", "11/05/2025 9:00:00 AM", "11/14/2025 10:00:00 AM"},
			[]string{"2025-11-13 14:03:12", "2025-11-05 09:00:00", "2025-11-14 10:00:00"}, ""},
		{"undecided", "", []string{"05/11/2025 09:00:00", "06/11/2025 09:00:00"},
			[]string{"2025-05-11 09:00:00", "2025-06-11 09:00:00"}, ""},
		{"told day first", survey.DayFirst, []string{"05/11/2025 09:00:00", "06/11/2025 09:00:00"},
			[]string{"2025-11-05 09:00:00", "2025-11-06 09:00:00"}, ""},
		{"late sign", "", late, lateWant, "13/07/2025 09:00:00 (A82)"},
		// Told month first, the one date that can only be day first is
		// still read so; the others are not read again.
		{"late sign, told month first", survey.MonthFirst, late[68:], monthFirst, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "responses.csv")
			var b strings.Builder
			b.WriteString("Timestamp,How satisfied were you with the event?\n")
			for i, s := range tc.stamp {
				fmt.Fprintf(&b, "%s,%d\n", s, i%5+1)
			}
			if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			data := filepath.Join(dir, "data")
			res, err := pipeline.Import(context.Background(), pipeline.ImportOptions{Key: testtool.Key(),
				DataDir: data, Event: "mdk16", Files: []string{file}, DateOrder: tc.order})
			if err != nil {
				t.Fatal(err)
			}
			if s := res[0].Summary; s.Imported != len(tc.stamp) || s.CellsRejected != 0 {
				t.Fatalf("imported %d, %d values rejected; want %d and none", s.Imported, s.CellsRejected, len(tc.stamp))
			}
			var got []string
			for _, r := range query(t, data, "select strftime(submitted_at, '%Y-%m-%d %H:%M:%S') from responses order by submitted_at") {
				got = append(got, r[0])
			}
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("submitted %q, want %q", got, want)
			}
			var warned []string
			for _, w := range res[0].Summary.Mapping.Warnings {
				if w.Key == "import.warn.dayfirst" {
					warned = append(warned, i18n.T(i18n.EN, w.Key, w.Args...))
				}
			}
			switch {
			case tc.warn == "" && len(warned) > 0:
				t.Errorf("warnings %q, want none about day first", warned)
			case tc.warn != "" && (len(warned) != 1 || !strings.Contains(warned[0], tc.warn)):
				t.Errorf("warnings %q, want one naming %s", warned, tc.warn)
			}
		})
	}
	_, err := pipeline.Import(context.Background(), pipeline.ImportOptions{Key: testtool.Key(),
		DataDir: filepath.Join(t.TempDir(), "data"), Event: "mdk16", Files: []string{fixture}, DateOrder: "ymd"})
	if !errors.Is(err, survey.ErrDateOrder) || !strings.Contains(err.Error(), `--date-order: unknown date order "ymd": want dmy or mdy`) {
		t.Errorf("--date-order ymd: %v", err)
	}
}
