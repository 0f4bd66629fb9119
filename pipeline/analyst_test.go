package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testfiles"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
)

// importForAnalyst imports testdata files (path relative to testdata/)
// into a fresh data directory, one event each, with the test key:
// respondent id is disclosure.Pseudonym(testtool.Key(), event, the file's
// response id).
func importForAnalyst(t *testing.T, files map[string]string) string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	for event, f := range files {
		_, err := Import(context.Background(), ImportOptions{Key: testtool.Key(),
			DataDir: data, Event: event, Files: []string{filepath.Join("..", "testdata", f)},
		})
		if err != nil {
			t.Fatalf("import %s: %v", f, err)
		}
	}
	return data
}

func analystTruth(t *testing.T, f string) *sample.Truth {
	t.Helper()
	tr, err := sample.ReadTruth(filepath.Join("..", "testdata", f+".truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// readWide reads an exported file back as header and rows of text; numbers
// as Go prints them, NULL as "".
func readWide(t *testing.T, format, p string) ([]string, [][]string) {
	t.Helper()
	var rows [][]string
	switch format {
	case "csv":
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err = csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
	case "xlsx":
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); !slices.Equal(got, []string{"Daten", "Codebuch"}) {
			t.Fatalf("sheets %v", got)
		}
		rows, err = f.GetRows("Daten", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range rows {
			for len(rows[i]) < len(rows[0]) {
				rows[i] = append(rows[i], "")
			}
		}
	case "parquet":
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		tbl := testfiles.ReadParquet(t, b)
		defer tbl.Release()
		tab, err := query.Collect(array.NewTableReader(tbl, 100))
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, tab.Columns)
		for _, r := range tab.Rows {
			var s []string
			for _, v := range r {
				switch x := v.(type) {
				case nil:
					s = append(s, "")
				case string:
					s = append(s, x)
				case float64:
					s = append(s, strconv.FormatFloat(x, 'f', -1, 64))
				case int64:
					s = append(s, strconv.FormatInt(x, 10))
				default:
					s = append(s, "?") // times are not compared
				}
			}
			rows = append(rows, s)
		}
	}
	if len(rows) == 0 {
		t.Fatal("empty file")
	}
	return rows[0], rows[1:]
}

// formulaLike is what a spreadsheet takes for a formula, written out here
// apart from pipeline/sanitize.
func formulaLike(s string) bool {
	s = strings.TrimLeft(s, " ")
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// TestExportWide: the wide file read back holds, for every respondent,
// what the generator put into the sample (the truth file), in each format;
// the codebook has a row per column.
func TestExportWide(t *testing.T) {
	data := importForAnalyst(t, map[string]string{"mdk16": "mdk16-msforms.xlsx"})
	tr := analystTruth(t, "mdk16-msforms.xlsx")
	stateName := map[string]string{sample.Other: "Anderes Bundesland"}
	for k, v := range sample.GermanStates {
		stateName[k] = v
	}
	sectorName := map[string]string{}
	for _, l := range sample.Sectors {
		sectorName[l.Code] = l.DE
	}
	wantCols := []string{"event", "respondent", "submitted_at", "state", "state_label", "sector", "sector_label"}
	for _, it := range sample.Items {
		wantCols = append(wantCols, "need_"+it.Code)
	}
	// The template offers a ninth topic (for exports like Google Forms' that
	// name it); a single topics column means every option was offered.
	for _, it := range append(sample.Items, sample.OpenData) {
		wantCols = append(wantCols, "topics_"+it.Code)
	}
	wantCols = append(wantCols, "satisfaction", "nps", "improve")
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	numStr := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	for _, format := range []string{"xlsx", "csv", "parquet"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "wide."+format)
			res, err := Export(context.Background(), ExportOptions{DataDir: data, Format: format, Out: out})
			if err != nil {
				t.Fatal(err)
			}
			cols, rows := readWide(t, format, out)
			if !slices.Equal(cols, wantCols) || res.Columns != len(wantCols) {
				t.Fatalf("columns\n got %v\nwant %v", cols, wantCols)
			}
			if len(rows) != len(tr.Respondents) || format != "parquet" && res.Rows != len(rows) {
				t.Fatalf("%d rows (said %d), truth %d", len(rows), res.Rows, len(tr.Respondents))
			}
			byID := map[string][]string{}
			for _, r := range rows {
				byID[r[1]] = r
			}
			risky := 0
			for _, r := range tr.Respondents {
				got := byID[disclosure.Pseudonym(testtool.Key(), "mdk16", r.ID)]
				if got == nil {
					t.Fatalf("respondent %s missing", r.ID)
				}
				improve, _ := disclosure.ScrubPII(str(r.Improve)) // as every import stores it
				want := map[string]string{"event": "mdk16", "state": str(r.State), "state_label": stateName[str(r.State)],
					"sector": str(r.Sector), "sector_label": sectorName[str(r.Sector)],
					"satisfaction": numStr(r.Satisfaction), "nps": numStr(r.NPS), "improve": improve}
				for _, it := range sample.Items {
					want["need_"+it.Code] = ""
					if v, ok := r.Need[it.Code]; ok {
						want["need_"+it.Code] = strconv.Itoa(v)
					}
					want["topics_"+it.Code] = "0"
					if slices.Contains(r.Topics, it.Code) {
						want["topics_"+it.Code] = "1"
					}
				}
				if s := want["improve"]; format == "csv" && formulaLike(s) {
					want["improve"] = "'" + s // defused for spreadsheets
					risky++
				}
				for i, c := range cols {
					if w, ok := want[c]; ok && got[i] != w {
						t.Errorf("respondent %s %s = %q, want %q", r.ID, c, got[i], w)
					}
				}
			}
			if format == "csv" && risky == 0 {
				t.Error("no risky free text met; the sample should hold =HYPERLINK")
			}
			// The codebook: a row per column, in order.
			var book [][]string
			if format == "xlsx" {
				noFormulas(t, out)
				f, _ := excelize.OpenFile(out)
				book, _ = f.GetRows("Codebuch")
				f.Close()
			} else {
				if !slices.Equal(res.Files, []string{out, out + ".codebook.csv"}) {
					t.Errorf("files %v", res.Files)
				}
				_, book = readWide(t, "csv", out+".codebook.csv")
				book = append([][]string{query.CodebookColumns}, book...)
			}
			if len(book) != len(cols)+1 || !slices.Equal(book[0], query.CodebookColumns) {
				t.Fatalf("codebook: %d rows, header %v", len(book), book[0])
			}
			for i, c := range cols {
				if book[i+1][0] != c {
					t.Errorf("codebook row %d names %q, column %q", i+1, book[i+1][0], c)
				}
			}
			if r := book[slices.Index(cols, "need_datenschutz")+1]; r[1] != "need" || r[2] != "datenschutz" || r[3] != "scale" ||
				r[5] != "Datenschutz" || r[6] != "1 = sehr gering; 2 = gering; 3 = mittel; 4 = hoch; 5 = sehr hoch" {
				t.Errorf("codebook need_datenschutz: %q", r)
			}
			// Only the files said, no temporary leftovers.
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(res.Files) {
				t.Errorf("directory holds %v", entries)
			}
		})
	}
}

// TestExportWideAgainstViews: every cell of the wide table equals what the
// long views say, aggregated here in Go; the Google Forms fixture has typed
// "other" topics, which land in topics_other.
func TestExportWideAgainstViews(t *testing.T) {
	data := importForAnalyst(t, map[string]string{"gf": "layouts/googleforms.csv"})
	out := filepath.Join(t.TempDir(), "gf.csv")
	if _, err := Export(context.Background(), ExportOptions{DataDir: data, Format: "csv", Out: out}); err != nil {
		t.Fatal(err)
	}
	cols, rows := readWide(t, "csv", out)
	e, err := query.Open(context.Background(), query.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	long := func(sql string) [][]any {
		rr, done, err := e.Query(context.Background(), sql, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		tab, err := query.Collect(rr)
		if err != nil {
			t.Fatal(err)
		}
		return tab.Rows
	}
	want := map[string]map[string]string{}
	for _, r := range long("select respondent, coalesce(state, ''), coalesce(sector, '') from responses") {
		want[r[0].(string)] = map[string]string{"state": r[1].(string), "sector": r[2].(string)}
	}
	multi := map[string]bool{}
	for _, r := range long("select distinct question || '_' || item from questions where type = 'multi'") {
		multi[r[0].(string)] = true
	}
	for _, r := range long("select respondent, question, coalesce(item, ''), value from answers") {
		c := r[1].(string)
		if r[2] != "" {
			c += "_" + r[2].(string)
		}
		want[r[0].(string)][c] = strconv.FormatFloat(r[3].(float64), 'f', -1, 64)
	}
	for _, r := range long("select respondent, question, text from comments") {
		c := r[1].(string)
		if c != "improve" {
			c += "_other"
		}
		if s := r[2].(string); formulaLike(s) {
			want[r[0].(string)][c] = "'" + s
		} else {
			want[r[0].(string)][c] = s
		}
	}
	if !slices.Contains(cols, "topics_other") {
		t.Fatalf("no topics_other column: %v", cols)
	}
	others := 0
	for _, row := range rows {
		w := want[row[1]]
		if w == nil {
			t.Fatalf("respondent %s not in responses", row[1])
		}
		for i, c := range cols {
			switch {
			case c == "event" || c == "respondent" || c == "submitted_at" || strings.HasSuffix(c, "_label"):
				continue
			case multi[c] && w[c] == "":
				if row[i] != "0" {
					t.Errorf("%s %s = %q, want 0", row[1], c, row[i])
				}
			case row[i] != w[c]:
				t.Errorf("%s %s = %q, want %q", row[1], c, row[i], w[c])
			}
			if c == "topics_other" && row[i] != "" {
				others++
			}
		}
	}
	if len(rows) != len(want) || others == 0 {
		t.Errorf("%d rows for %d responses, %d with other topics", len(rows), len(want), others)
	}
}

// TestQueryEvent: $event is the one event the views hold; with two there
// is none, and the message says how to give it.
func TestQueryEvent(t *testing.T) {
	data := importForAnalyst(t, map[string]string{"mdk15": "mdk15-googleforms.xlsx", "mdk16": "mdk16-msforms.xlsx"})
	run := func(events []string, params map[string]string) (string, error) {
		var b bytes.Buffer
		err := Query(context.Background(), QueryOptions{DataDir: data, SQL: "select $event as e, count(*) as n from all_events.responses where event = $event",
			Events: events, Params: params, Format: "csv"}, &b)
		return b.String(), err
	}
	n15 := len(analystTruth(t, "mdk15-googleforms.xlsx").Respondents)
	for _, tc := range []struct {
		events []string
		params map[string]string
		want   string
	}{
		{nil, nil, "e,n\nmdk16,150\n"}, // the latest
		{[]string{"mdk15"}, nil, "e,n\nmdk15," + strconv.Itoa(n15) + "\n"},
		{[]string{"mdk16"}, map[string]string{"event": "mdk15"}, "e,n\nmdk15," + strconv.Itoa(n15) + "\n"},
		{[]string{"all"}, map[string]string{"event": "mdk16"}, "e,n\nmdk16,150\n"},
	} {
		got, err := run(tc.events, tc.params)
		if err != nil || got != tc.want {
			t.Errorf("events %v params %v: %q, %v; want %q", tc.events, tc.params, got, err, tc.want)
		}
	}
	_, err := run([]string{"mdk15", "mdk16"}, nil)
	var qe *query.QueryError
	if !errors.As(err, &qe) || err.Error() != "query: parameter $event has no value (give it with --param event=VALUE)" {
		t.Errorf("two events: %v", err)
	}
	// An unused --param is named.
	var log bytes.Buffer
	err = Query(context.Background(), QueryOptions{DataDir: data, SQL: "select 1", Params: map[string]string{"evnt": "x"}, Format: "csv", Log: &log}, io.Discard)
	if err != nil || log.String() != "resonanz: warning: --param evnt: the SQL has no $evnt\n" {
		t.Errorf("unused param: %v, %q", err, log.String())
	}
}

// TestReportUserQueries: a user folder adds a sheet and a native chart to
// the report, in header order; report: false adds none; a query next to
// the data directory is found by itself.
func TestReportUserQueries(t *testing.T) {
	data := importForAnalyst(t, map[string]string{"mdk16": "mdk16-msforms.xlsx"})
	dir := t.TempDir()
	files := map[string]string{
		"zz_states.sql": `-- title: Antworten je Land
-- chart: bar
-- x: state_name
-- y: n
-- order: 15
select coalesce(s.state_name, '(keine Angabe)') as state_name, count(*) as n
from responses r left join state_names s on s.state = r.state
group by all order by n desc, state_name
`,
		"aa_hidden.sql": "-- title: Nur als View\n-- report: false\nselect 1 as one\n",
	}
	for n, s := range files {
		os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644)
	}
	// A second folder: queries/ beside the data directory, read only when
	// named.
	auto := filepath.Join(filepath.Dir(data), "queries")
	os.Mkdir(auto, 0o755)
	os.WriteFile(filepath.Join(auto, "auto_count.sql"), []byte("-- title: Automatisch\n-- order: 999\nselect count(*) as n from responses\n"), 0o644)
	if got := IgnoredQueries(data, []string{dir}); got != auto {
		t.Errorf("IgnoredQueries = %q, want %q", got, auto)
	}
	if got := IgnoredQueries(data, []string{dir, auto}); got != "" {
		t.Errorf("IgnoredQueries with the folder named = %q", got)
	}

	out := filepath.Join(t.TempDir(), "out")
	w, err := Report(context.Background(), ReportOptions{DataDir: data, Out: out, QueryDirs: []string{dir, auto}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := w.Sheets["aa_hidden"]; ok {
		t.Error("report: false got a sheet")
	}
	sheet, auto2 := w.Sheets["zz_states"], w.Sheets["auto_count"]
	if sheet == "" || auto2 == "" {
		t.Fatalf("sheets %v", w.Sheets)
	}
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list := f.GetSheetList()
	pos := func(name string) int { return slices.Index(list, w.Sheets[name]) }
	// The questions' sections first; then by order: 10 participation <
	// 15 zz_states < 20 the headline by group < … < 999 auto_count.
	if !(pos("q_improve") < pos("participation_state_sector") && pos("participation_state_sector") < pos("zz_states") &&
		pos("zz_states") < pos("headline_by_group_state") && pos("key_figures") < pos("auto_count")) {
		t.Errorf("sheet order %v", list)
	}
	// The sheet's numbers against the truth file.
	counts := map[string]int{}
	names := map[string]string{sample.Other: "Anderes Bundesland"}
	for k, v := range sample.GermanStates {
		names[k] = v
	}
	for _, r := range analystTruth(t, "mdk16-msforms.xlsx").Respondents {
		if r.State == nil {
			counts["(keine Angabe)"]++
		} else {
			counts[names[*r.State]]++
		}
	}
	rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	found := 0
	for _, r := range rows {
		if len(r) >= 2 {
			if n, ok := counts[r[0]]; ok && r[1] == strconv.Itoa(n) {
				found++
			}
		}
	}
	if found < len(counts) {
		t.Errorf("sheet %s: %d of %d state counts found:\n%v", sheet, found, len(counts), rows)
	}
	if c := chartsOn(t, w.Workbook, sheet); len(c) != 1 || !strings.Contains(c[0], "Antworten je Land") {
		t.Errorf("charts on %s: %d", sheet, len(c))
	}
	if _, err := os.Stat(filepath.Join(out, "charts", "zz_states.png")); err != nil {
		t.Errorf("chart image: %v", err)
	}
}

// noFormulas fails if a worksheet of an xlsx file holds a formula.
func noFormulas(t *testing.T, xlsx string) {
	t.Helper()
	z, err := zip.OpenReader(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
				t.Errorf("%s: %s holds a formula", xlsx, f.Name)
			}
		}
	}
}

// chartsOn returns the XML of the charts drawn on a sheet, found the way
// Excel finds them: workbook → sheet part → its drawing → the drawing's
// charts.
func chartsOn(t *testing.T, xlsx, sheet string) []string {
	t.Helper()
	z, err := zip.OpenReader(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	read := func(name string) []byte {
		for _, f := range z.File {
			if f.Name == name {
				r, _ := f.Open()
				b, _ := io.ReadAll(r)
				r.Close()
				return b
			}
		}
		return nil
	}
	type rel struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	}
	rels := func(part string) []rel {
		var x struct {
			Rels []rel `xml:"Relationship"`
		}
		xml.Unmarshal(read(path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")), &x)
		for i := range x.Rels {
			x.Rels[i].Target = path.Clean(path.Join(path.Dir(part), x.Rels[i].Target))
		}
		return x.Rels
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(read("xl/workbook.xml"), &wb); err != nil {
		t.Fatal(err)
	}
	part := ""
	for _, s := range wb.Sheets {
		for _, r := range rels("xl/workbook.xml") {
			if s.Name == sheet && r.ID == s.RID {
				part = r.Target
			}
		}
	}
	if part == "" {
		t.Fatalf("no sheet part for %s", sheet)
	}
	var out []string
	for _, d := range rels(part) {
		if !strings.HasSuffix(d.Type, "/drawing") {
			continue
		}
		for _, c := range rels(d.Target) {
			if strings.HasSuffix(c.Type, "/chart") {
				x := strings.ReplaceAll(string(read(c.Target)), "&#39;", "'")
				if !strings.Contains(x, "'"+sheet+"'!") {
					t.Errorf("%s does not read from sheet %s", c.Target, sheet)
				}
				out = append(out, x)
			}
		}
	}
	return out
}

// TestQueryStreamsWithoutCounts: under --min-n a result without a column n
// has nothing to hide and streams, past the rows a protected result may
// hold (it once was collected whole: 640 MB for a million responses); a
// result with counts is still protected.
func TestQueryStreamsWithoutCounts(t *testing.T) {
	data := importForAnalyst(t, map[string]string{"mdk16": "mdk16-msforms.xlsx"})
	var b bytes.Buffer
	rows := maxSuppressRows + 1
	err := Query(context.Background(), QueryOptions{DataDir: data, SQL: fmt.Sprintf("select range as i from range(%d)", rows),
		Format: "csv", Rule: disclosure.Default}, &b)
	if got := bytes.Count(b.Bytes(), []byte{'\n'}); err != nil || got != rows+1 {
		t.Errorf("no counts: %d lines, %v; want %d", got, err, rows+1)
	}
	b.Reset()
	err = Query(context.Background(), QueryOptions{DataDir: data, SQL: "select g, n from (values ('a', 2), ('b', 40), ('c', 41)) t(g, n)",
		Format: "csv", Rule: disclosure.Default}, &b)
	if err != nil || !strings.Contains(b.String(), "a,.") || !strings.Contains(b.String(), "c,41") {
		t.Errorf("counts: %q, %v; want a's 2 hidden", b.String(), err)
	}
	b.Reset()
	err = Query(context.Background(), QueryOptions{DataDir: data, SQL: fmt.Sprintf("select range as i, 10 as n from range(%d)", rows),
		Format: "csv", Rule: disclosure.Default}, &b)
	if !errors.Is(err, query.ErrTooLarge) {
		t.Errorf("counts past the cap: %v; want ErrTooLarge", err)
	}
}
