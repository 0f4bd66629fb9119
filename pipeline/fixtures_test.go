package pipeline_test

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/resonanz/resonanz/internal/dbtest"
	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// fixtures are the generated layout files; each imports without options
// except where a survey definition is named.
var fixtures = []struct {
	file   string
	survey string
	layout string // what Detect must call it
}{
	{"mdk16-msforms.xlsx", "", survey.LayoutMSForms},
	{"mdk15-googleforms.xlsx", "", survey.LayoutGoogleForms},
	{"mdk17-limesurvey.xlsx", "mdk17-limesurvey.survey.yaml", survey.LayoutLimeSurvey},
	{"layouts/msforms-en.xlsx", "", survey.LayoutMSForms},
	{"layouts/googleforms.csv", "", survey.LayoutGoogleForms},
	{"layouts/limesurvey-fulltext.xlsx", "", survey.LayoutLimeSurvey},
	{"layouts/limesurvey-codes.csv", "layouts/limesurvey-codes.survey.yaml", survey.LayoutLimeCodes},
	{"layouts/surveymonkey.xlsx", "", survey.LayoutSurveyMonkey},
	{"layouts/qualtrics.csv", "", survey.LayoutQualtrics},
	{"layouts/excel-de-1252.csv", "", survey.LayoutExcelCSV},
	{"layouts/excel-de-utf8bom.csv", "", survey.LayoutExcelCSV},
	{"layouts/handtyped.xlsx", "", survey.LayoutHandTyped},
}

// TestFixtures imports every generated fixture into a fresh dataset, reads
// the Parquet files back with DuckDB and compares them with the truth the
// generator wrote: per respondent, and the aggregates the report rests on,
// computed here from the truth independently of the SQL.
func TestFixtures(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(filepath.Base(fx.file), func(t *testing.T) {
			path := filepath.Join("..", "testdata", filepath.FromSlash(fx.file))
			truth, err := sample.ReadTruth(sample.TruthPath(path))
			if err != nil {
				t.Fatal(err)
			}
			opt := pipeline.ImportOptions{Key: testtool.Key(), DataDir: t.TempDir(), Event: truth.Event, Files: []string{path}}
			if fx.survey != "" {
				opt.Survey = filepath.Join("..", "testdata", filepath.FromSlash(fx.survey))
			}
			res, err := pipeline.Import(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			sum := res[0].Summary
			checkSummary(t, truth, res[0], fx.layout)
			got := readBack(t, opt.DataDir, truth.Event)
			checkRespondents(t, truth, got)
			checkAggregates(t, truth, got.db, truth.Event)
			checkRejects(t, truth, got)
			if sum.Blank != truth.BlankRows {
				t.Errorf("blank rows: got %d, want %d", sum.Blank, truth.BlankRows)
			}
		})
	}
}

func checkSummary(t *testing.T, truth *sample.Truth, r *pipeline.FileResult, layout string) {
	t.Helper()
	s := r.Summary
	m := s.Mapping
	if m.Layout != layout {
		t.Errorf("layout: got %s, want %s", m.Layout, layout)
	}
	if r.Sheet != truth.Sheet {
		t.Errorf("sheet: got %q, want %q", r.Sheet, truth.Sheet)
	}
	if m.HeaderRow != truth.HeaderRow {
		t.Errorf("header row: got %d, want %d", m.HeaderRow, truth.HeaderRow)
	}
	idCol := ""
	for _, c := range m.Columns {
		if c.Kind == survey.KindID {
			idCol = c.Header
			break
		}
	}
	if idCol != truth.IDColumn {
		t.Errorf("id column: got %q, want %q", idCol, truth.IDColumn)
	}
	if got := m.DataRow(); got != truth.DataRow {
		t.Errorf("first data row: got %d, want %d", got, truth.DataRow)
	}
	if s.Imported != len(truth.Respondents) {
		t.Errorf("imported: got %d, want %d", s.Imported, len(truth.Respondents))
	}
	if s.Duplicates != len(truth.ExpectedDuplicates) {
		t.Errorf("duplicates: got %d, want %d", s.Duplicates, len(truth.ExpectedDuplicates))
	}
	if s.CellsRejected != len(truth.ExpectedRejects) {
		t.Errorf("rejected values: got %d, want %d", s.CellsRejected, len(truth.ExpectedRejects))
	}
	if want := len(truth.Respondents) + len(truth.ExpectedDuplicates); s.RowsRead != want {
		t.Errorf("rows read: got %d, want %d", s.RowsRead, want)
	}
	for _, h := range truth.PersonalColumns {
		found := false
		for _, c := range m.Columns {
			if c.Header == h {
				found = true
				if c.Kind != survey.KindPersonal {
					t.Errorf("column %q: kind %s, want personal", h, c.Kind)
				}
			}
		}
		if !found {
			t.Errorf("personal column %q not in the mapping", h)
		}
	}
	for _, c := range m.Columns {
		if c.Kind == survey.KindUnknown {
			t.Errorf("column %s %q not recognised %s", ingest.ColName(c.Index), c.Header, c.Note)
		}
	}
}

// imported is one response as read back from the dataset.
type imported struct {
	row          int
	state        string
	sector       string
	submitted    string // wall clock, "2006-01-02T15:04:05"
	need         map[string]int
	topics       []string
	other        string
	satisfaction *float64
	nps          *float64
	improve      string
	heard        string // code of the answer to mdk17's new question
}

type dataset struct {
	db   *sql.DB
	byID map[string]*imported // respondent → response
	rows []*imported          // in sheet order
	rej  []reject
}

type reject struct {
	file, sheet string
	row         int
	column      string
	value       string
	reason      string
}

// readBack loads the event's Parquet files into views of a scratch DuckDB.
func readBack(t *testing.T, dir, event string) *dataset {
	t.Helper()
	db := dbtest.Open(t, dir, event)
	d := &dataset{db: db, byID: map[string]*imported{}}
	dbtest.Each(t, db, `select respondent, source_row, coalesce(state, ''), coalesce(sector, ''), coalesce(strftime(submitted_at, '%Y-%m-%dT%H:%M:%S'), '') from responses order by source_row`, func(s func(...any)) {
		var id string
		r := &imported{need: map[string]int{}}
		s(&id, &r.row, &r.state, &r.sector, &r.submitted)
		if d.byID[id] != nil {
			t.Errorf("respondent %s stored twice", id)
		}
		d.byID[id] = r
		d.rows = append(d.rows, r)
	})
	dbtest.Each(t, db, `select respondent, question, coalesce(item, ''), value from answers`, func(s func(...any)) {
		var id, q, item string
		var v float64
		s(&id, &q, &item, &v)
		r := d.byID[id]
		if r == nil {
			t.Errorf("answer of unknown respondent %s", id)
			return
		}
		switch q {
		case "need":
			if _, dup := r.need[item]; dup {
				t.Errorf("respondent %s: need.%s twice", id, item)
			}
			if v != math.Trunc(v) {
				t.Errorf("respondent %s: need.%s = %v", id, item, v)
			}
			r.need[item] = int(v)
		case "topics":
			if v != 1 {
				t.Errorf("respondent %s: topic %s value %v, want 1", id, item, v)
			}
			r.topics = append(r.topics, item)
		case "satisfaction":
			r.satisfaction = &v
		case "nps":
			r.nps = &v
		case "heard":
			// read with its code below
		default:
			t.Errorf("respondent %s: answer to unexpected question %s", id, q)
		}
	})
	dbtest.Each(t, db, `select a.respondent, l.code from answers a join labels l on l.question = a.question and l.label = a.label where a.question = 'heard'`, func(s func(...any)) {
		var id, code string
		s(&id, &code)
		if r := d.byID[id]; r != nil {
			r.heard = code
		}
	})
	dbtest.Each(t, db, `select respondent, question, text from comments`, func(s func(...any)) {
		var id, q, text string
		s(&id, &q, &text)
		r := d.byID[id]
		if r == nil {
			t.Errorf("comment of unknown respondent %s", id)
			return
		}
		switch q {
		case "improve":
			r.improve = text
		case "topics":
			r.other = text
		default:
			t.Errorf("respondent %s: comment to unexpected question %s", id, q)
		}
	})
	dbtest.Each(t, db, `select file, coalesce(sheet, ''), row, coalesce("column", ''), value, reason from rejects order by row`, func(s func(...any)) {
		var r reject
		s(&r.file, &r.sheet, &r.row, &r.column, &r.value, &r.reason)
		d.rej = append(d.rej, r)
	})
	return d
}

// match pairs truth respondents with imported responses: by id where the
// file has an id column, else in sheet order.
func match(t *testing.T, truth *sample.Truth, d *dataset) map[string]*imported {
	t.Helper()
	out := map[string]*imported{}
	if truth.IDColumn == "" {
		if len(d.rows) != len(truth.Respondents) {
			t.Fatalf("responses: got %d, want %d", len(d.rows), len(truth.Respondents))
		}
		for i, p := range truth.Respondents {
			out[p.ID] = d.rows[i]
		}
		return out
	}
	for _, p := range truth.Respondents {
		r := d.byID[disclosure.Pseudonym(testtool.Key(), truth.Event, p.ID)]
		if r == nil {
			t.Errorf("respondent %s not imported", p.ID)
			continue
		}
		out[p.ID] = r
	}
	if len(d.byID) != len(truth.Respondents) {
		t.Errorf("responses: got %d, want %d", len(d.byID), len(truth.Respondents))
	}
	return out
}

// scrubbed is free text as the import stores it: contact details
// replaced (disclosure.ScrubPII).
func scrubbed(s string) string {
	s, _ = disclosure.ScrubPII(s)
	return s
}

func checkRespondents(t *testing.T, truth *sample.Truth, d *dataset) {
	t.Helper()
	got := match(t, truth, d)
	errs := 0
	fail := func(format string, args ...any) {
		if errs++; errs <= 15 {
			t.Errorf(format, args...)
		}
	}
	for _, p := range truth.Respondents {
		r := got[p.ID]
		if r == nil {
			continue
		}
		if s := deref(p.State); r.state != s {
			fail("respondent %s (row %d): state %q, want %q", p.ID, r.row, r.state, s)
		}
		if s := deref(p.Sector); r.sector != s {
			fail("respondent %s (row %d): sector %q, want %q", p.ID, r.row, r.sector, s)
		}
		if len(r.need) != len(p.Need) {
			fail("respondent %s (row %d): need %v, want %v", p.ID, r.row, r.need, p.Need)
		} else {
			for k, v := range p.Need {
				if r.need[k] != v {
					fail("respondent %s (row %d): need.%s = %d, want %d", p.ID, r.row, k, r.need[k], v)
				}
			}
		}
		want := slices.Sorted(slices.Values(p.Topics))
		if len(p.OtherTopics) > 0 {
			// A text typed into "other" chooses the option other, once.
			want = slices.Sorted(slices.Values(append(slices.Clone(p.Topics), "other_option")))
		}
		if have := slices.Sorted(slices.Values(r.topics)); !slices.Equal(have, want) {
			fail("respondent %s (row %d): topics %v, want %v", p.ID, r.row, have, want)
		}
		if o := scrubbed(strings.Join(p.OtherTopics, ", ")); r.other != o {
			fail("respondent %s (row %d): other topics %q, want %q", p.ID, r.row, r.other, o)
		}
		if !sameNum(r.satisfaction, p.Satisfaction) {
			fail("respondent %s (row %d): satisfaction %v, want %v", p.ID, r.row, fmtNum(r.satisfaction), fmtInt(p.Satisfaction))
		}
		if !sameNum(r.nps, p.NPS) {
			fail("respondent %s (row %d): nps %v, want %v", p.ID, r.row, fmtNum(r.nps), fmtInt(p.NPS))
		}
		if s := deref(p.Heard); r.heard != s {
			fail("respondent %s (row %d): heard %q, want %q", p.ID, r.row, r.heard, s)
		}
		if s := scrubbed(strings.TrimSpace(deref(p.Improve))); r.improve != s {
			fail("respondent %s (row %d): improve %q, want %q", p.ID, r.row, r.improve, s)
		}
		want2 := ""
		if p.SubmittedAt != nil {
			at, err := time.Parse(time.RFC3339, *p.SubmittedAt)
			if err != nil {
				t.Fatal(err)
			}
			// Exports give local wall-clock times; that is what is stored.
			want2 = at.Format("2006-01-02T15:04:05")
		}
		if r.submitted != want2 {
			fail("respondent %s (row %d): submitted %q, want %q", p.ID, r.row, r.submitted, want2)
		}
	}
	if errs > 15 {
		t.Errorf("… %d more differences", errs-15)
	}
}

// checkAggregates compares what the report shows, computed by SQL over the
// dataset, with the same figures computed here from the truth.
func checkAggregates(t *testing.T, truth *sample.Truth, db *sql.DB, event string) {
	t.Helper()
	wantState, wantSector := map[string]int{}, map[string]int{}
	needSum, needN := map[string]float64{}, map[string]int{}
	topics := map[string]int{}
	var satSum, npsSum float64
	var satN, npsN int
	for _, p := range truth.Respondents {
		wantState[deref(p.State)]++
		wantSector[deref(p.Sector)]++
		for k, v := range p.Need {
			needSum[k] += float64(v)
			needN[k]++
		}
		for _, k := range p.Topics {
			topics[k]++
		}
		if len(p.OtherTopics) > 0 {
			topics["other_option"]++
		}
		if p.Satisfaction != nil {
			satSum += float64(*p.Satisfaction)
			satN++
		}
		if p.NPS != nil {
			npsSum += float64(*p.NPS)
			npsN++
		}
	}
	counts := func(q string) map[string]int {
		m := map[string]int{}
		dbtest.Each(t, db, q, func(s func(...any)) {
			var k string
			var n int
			s(&k, &n)
			m[k] = n
		})
		return m
	}
	cmpCounts(t, "responses per state", counts(`select coalesce(state, ''), count(*) from responses group by all`), wantState)
	cmpCounts(t, "responses per sector", counts(`select coalesce(sector, ''), count(*) from responses group by all`), wantSector)
	cmpCounts(t, "respondents per topic", counts(`select item, count(distinct respondent) from answers where question = 'topics' group by all`), topics)
	cmpCounts(t, "answers per need item", counts(`select item, count(*) from answers where question = 'need' group by all`), needN)
	dbtest.Each(t, db, `select item, avg(value) from answers where question = 'need' group by all`, func(s func(...any)) {
		var item string
		var mean float64
		s(&item, &mean)
		if want := needSum[item] / float64(needN[item]); math.Abs(mean-want) > 1e-9 {
			t.Errorf("mean need %s: got %.4f, want %.4f", item, mean, want)
		}
	})
	for q, want := range map[string][2]float64{"satisfaction": {satSum, float64(satN)}, "nps": {npsSum, float64(npsN)}} {
		var n int
		var mean sql.NullFloat64
		dbtest.Each(t, db, fmt.Sprintf(`select count(*), avg(value) from answers where question = '%s'`, q), func(s func(...any)) { s(&n, &mean) })
		if float64(n) != want[1] || (n > 0 && math.Abs(mean.Float64-want[0]/want[1]) > 1e-9) {
			t.Errorf("%s: got n=%d mean=%.4f, want n=%.0f mean=%.4f", q, n, mean.Float64, want[1], want[0]/want[1])
		}
	}
	var events int
	dbtest.Each(t, db, `select count(distinct event) from (select event from responses union all select event from answers)`, func(s func(...any)) { s(&events) })
	if events > 1 {
		t.Errorf("rows of %d events, want only %s", events, event)
	}
}

func cmpCounts(t *testing.T, what string, got, want map[string]int) {
	t.Helper()
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	var diffs []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range keys {
			if !yield(k) {
				return
			}
		}
	}) {
		if got[k] != want[k] {
			diffs = append(diffs, fmt.Sprintf("%q: got %d, want %d", k, got[k], want[k]))
		}
	}
	if len(diffs) > 0 {
		t.Errorf("%s: %s", what, strings.Join(diffs, "; "))
	}
}

// reasonKind names the truth's kind of a reject reason.
func reasonKind(reason string) string {
	for kind, err := range map[string]error{
		"out_of_range": survey.ErrOutOfRange, "unknown_label": survey.ErrUnknownLabel,
		"not_a_number": survey.ErrNotNumber, "duplicate": survey.ErrDuplicate,
	} {
		if strings.HasPrefix(reason, err.Error()) {
			return kind
		}
	}
	return reason
}

func checkRejects(t *testing.T, truth *sample.Truth, d *dataset) {
	t.Helper()
	type key struct {
		row         int
		col, value  string
		kind        string
		file, sheet string
	}
	var want, got []key
	for _, r := range truth.ExpectedRejects {
		want = append(want, key{r.Row, r.Column, r.Raw, r.Reason, truth.File, truth.Sheet})
	}
	for _, id := range truth.ExpectedDuplicates {
		// A duplicate's id is stored as its pseudonym, as every id.
		want = append(want, key{0, "", disclosure.Pseudonym(testtool.Key(), truth.Event, id), "duplicate", truth.File, truth.Sheet})
	}
	for _, r := range d.rej {
		k := key{r.row, r.column, r.value, reasonKind(r.reason), r.file, r.sheet}
		if k.kind == "duplicate" {
			k.row, k.col = 0, "" // the truth names the id, not where the copy is
		}
		got = append(got, k)
	}
	less := func(a, b key) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) }
	slices.SortFunc(want, less)
	slices.SortFunc(got, less)
	if !slices.Equal(got, want) {
		t.Errorf("rejects:\n got  %v\n want %v", got, want)
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func sameNum(got *float64, want *int) bool {
	if got == nil || want == nil {
		return got == nil && want == nil
	}
	return *got == float64(*want)
}

func fmtNum(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func fmtInt(p *int) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}
