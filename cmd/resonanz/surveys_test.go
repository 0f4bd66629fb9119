package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/dbtest"
	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/survey"
	"github.com/resonanz/resonanz/pipeline/survey/layout"
)

// TestSurveyFixtures imports every generated export of testdata/surveys
// (surveys of every tool, the conference's with reworded labels among
// them) as the commands do (pipeline.Detect and Import, printed by the
// commands' printers): once without a survey definition, once with the
// draft `detect --write-survey` writes, unedited.
// Each time the dataset read back with DuckDB must hold the truth: the
// responses, every question's columns fed into one question of the truth's
// type (never two questions from one column, never one item from two
// columns), its answer counts per label (per template code for the
// conference's questions), the order of every ordered scale; no meta
// column as a question; and none of the personal values planted in the
// file in any Parquet value, the draft, or what the commands printed.
func TestSurveyFixtures(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/surveys/*.truth.json")
	if len(paths) < 15 {
		t.Fatalf("%d survey fixtures, want at least 15", len(paths))
	}
	for _, tp := range paths {
		truth, err := sample.ReadTruth(tp)
		if err != nil {
			t.Fatal(err)
		}
		file := strings.TrimSuffix(tp, ".truth.json")
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			checkSurveyFixture(t, file, truth)
		})
	}
}

// checkSurveyFixture detects a fixture as `detect --write-survey` does,
// then imports it as `import` does, without a definition and with the
// draft, printing what the commands print.
func checkSurveyFixture(t *testing.T, file string, truth *sample.Truth) {
	dir := t.TempDir()
	var out bytes.Buffer
	det, err := pipeline.Detect(context.Background(), pipeline.DetectOptions{File: file})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "en"} {
		printColumns(&out, lang, det.Detection, det.Survey, true)
		printMatched(&out, lang, det.Reworded)
		printUnknown(&out, lang, det.Unknown)
	}
	draft := filepath.Join(dir, "draft.yaml")
	y, err := det.Draft.YAML("draft", det.Notes)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(draft, y, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"without definition", "with the draft"} {
		t.Run(mode, func(t *testing.T) {
			data := filepath.Join(dir, strings.ReplaceAll(mode, " ", "-"))
			opt := pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: "e", Files: []string{file}}
			if mode == "with the draft" {
				opt.Survey = draft
			}
			res, err := pipeline.Import(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			var printed bytes.Buffer
			printed.Write(out.Bytes())
			printImport(&printed, "de", res[0], true, true)
			checkImported(t, data, res[0], truth, draft, printed.String())
		})
	}
}

// checkImported compares a fixture's dataset with its truth.
func checkImported(t *testing.T, data string, res *pipeline.FileResult, truth *sample.Truth, draft, printed string) {
	t.Helper()
	def := res.Survey
	db := dbtest.Open(t, data, "")
	var n int
	dbtest.One(t, db, `select count(*) from responses`, &n)
	if n != truth.Responses {
		t.Errorf("responses: got %d, want %d", n, truth.Responses)
	}
	if len(truth.Submitted) > 0 {
		var got []string
		dbtest.Each(t, db, `select coalesce(strftime(submitted_at, '%Y-%m-%d %H:%M:%S'), '') from responses order by 1`, func(s func(...any)) {
			var at string
			s(&at)
			got = append(got, at)
		})
		if !slices.Equal(got, truth.Submitted) {
			t.Errorf("submit times %q…, want %q…", got[:min(3, len(got))], truth.Submitted[:min(3, len(truth.Submitted))])
		}
	}
	byLetter := map[string]survey.Column{}
	for _, c := range res.Summary.Mapping.Columns {
		byLetter[ingest.ColName(c.Index)] = c
	}
	for _, l := range truth.NotQuestions {
		if c, ok := byLetter[l]; ok && c.Kind == survey.KindQuestion {
			t.Errorf("column %s %q is no question, but is read as %s", l, c.Header, c.Question)
		}
	}
	owner := map[string]string{} // question id → the truth question (its first column) that has it
	for _, tq := range truth.Questions {
		checkQuestion(t, db, def, byLetter, tq, owner)
	}
	// Nothing personal anywhere.
	if len(truth.PersonalValues) > 0 {
		y, err := os.ReadFile(draft)
		if err != nil {
			t.Fatal(err)
		}
		texts := map[string]string{"the draft": string(y), "the commands' output": printed}
		scanData(t, data, func(where, s string) { texts[where] += "\x00" + s })
		for where, text := range texts {
			for _, v := range truth.PersonalValues {
				if strings.Contains(text, v) {
					t.Errorf("%s holds the personal value %q", where, v)
				}
			}
		}
	}
}

// checkQuestion compares one truth question with what was stored.
func checkQuestion(t *testing.T, db *sql.DB, def *survey.Definition, byLetter map[string]survey.Column, tq sample.TruthQuestion, owner map[string]string) {
	t.Helper()
	first, ok := byLetter[tq.Columns[0]]
	for i := 1; first.Kind == survey.KindSystem && i < len(tq.Columns); i++ {
		first = byLetter[tq.Columns[i]] // past a one-cell copy of option columns
	}
	if !ok || first.Kind != survey.KindQuestion {
		t.Errorf("%s %q: not read as a question (%s %s)", tq.Columns[0], tq.Header, first.Kind, first.Note.In("en"))
		return
	}
	qid := first.Question
	if o, dup := owner[qid]; dup {
		t.Errorf("%s %q and %s: both read as question %s (merged)", tq.Columns[0], tq.Header, o, qid)
		return
	}
	owner[qid] = tq.Columns[0]
	q := def.Question(qid)
	if tq.Template != "" && qid != tq.Template {
		t.Errorf("%s %q: read as %s, want the built-in %s", tq.Columns[0], tq.Header, qid, tq.Template)
	}
	// Every column of the question feeds it, each a different item.
	items := map[string]string{} // item code → column
	for _, l := range tq.Columns {
		c := byLetter[l]
		if c.Kind == survey.KindSystem && (c.Note.Key == survey.NoteOptionCopy || c.By == "rule") {
			continue // KoboToolbox's one-cell copy of the option columns: read once, from them
		}
		if c.Kind != survey.KindQuestion || c.Question != qid {
			t.Errorf("%s: column %s read as %s %s, want question %s", tq.Header, l, c.Kind, c.Question, qid)
			continue
		}
		k := c.Item + "#" + strconv.Itoa(c.Rank)
		if o, dup := items[k]; dup && len(tq.Columns) > 1 {
			t.Errorf("%s: columns %s and %s both feed %s.%s", tq.Header, o, l, qid, c.Item)
		}
		items[k] = l
	}
	for l, c := range byLetter {
		if c.Kind == survey.KindQuestion && c.Question == qid && !slices.Contains(tq.Columns, l) && l != tq.OtherColumn {
			t.Errorf("%s: column %s %q also feeds question %s", tq.Header, l, c.Header, qid)
		}
	}
	if !sameType(tq, q) {
		t.Errorf("%s: question %s is %s, want %s", tq.Header, qid, q.Type, tq.Type)
		return
	}
	got, want := storedCounts(t, db, def, q, byLetter, tq), truthCounts(tq, q)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s (%s, %s): counts\n got  %v\n want %v", tq.Header, qid, q.Type, got, want)
	}
	if tq.Ordered && q.Type == survey.Scale && len(q.Labels) > 0 && !numbersOnly(tq.Labels) {
		var stored []string
		dbtest.Each(t, db, `select label from labels where question = ? order by position`, func(s func(...any)) {
			var l string
			s(&l)
			stored = append(stored, layout.Key(l))
		}, qid)
		var seen []string
		for _, l := range tq.Labels {
			if used(tq, l) {
				seen = append(seen, layout.Key(l))
			}
		}
		if !slices.Equal(stored, seen) {
			t.Errorf("%s: labels in the order %q, want %q", tq.Header, stored, seen)
		}
	}
}

// sameType says a stored question has the truth's type; a scale of one
// column may be the built-in template's numeric question.
func sameType(tq sample.TruthQuestion, q *survey.Question) bool {
	if string(tq.Type) == q.Type {
		return true
	}
	return tq.Type == sample.Scale && q.Type == survey.Numeric && tq.Template != ""
}

func numbersOnly(ls []string) bool {
	for _, l := range ls {
		if _, err := strconv.ParseFloat(l, 64); err != nil {
			return false
		}
	}
	return true
}

// used says a truth label was given by anyone.
func used(tq sample.TruthQuestion, label string) bool {
	for _, m := range tq.Counts {
		if m[label] > 0 {
			return true
		}
	}
	return false
}

// counts are a question's answers as "item|answer" → respondents, items
// and answers folded by layout.Key so wording and case do not matter.
type counts map[string]int

func (c counts) String() string {
	keys := make([]string, 0, len(c))
	for k, n := range c {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%d ", k, c[k])
	}
	return b.String()
}

// truthCounts are the truth's counts in the form storedCounts gives: by
// template code where the truth maps labels onto the template's; the
// "other" option once per respondent who chose it.
func truthCounts(tq sample.TruthQuestion, q *survey.Question) counts {
	out := counts{}
	code := func(s string) string {
		if c, ok := tq.Codes[s]; ok {
			return c
		}
		if survey.IsOtherWord(s) {
			return "other"
		}
		return layout.Key(s)
	}
	switch q.Type {
	case survey.Text:
		out["answered"] = tq.Counts[""]["answered"]
	case survey.Multi:
		for opt, m := range tq.Counts {
			if c := code(opt); c != "other" {
				out[c] += m["chosen"]
			}
		}
		out["other"] += tq.Other
	case survey.Single:
		for l, n := range tq.Counts[""] {
			out[code(l)] += n
		}
		if tq.Other > 0 && tq.OtherColumn != "" {
			out["other"] += tq.Other
		}
	default:
		for item, m := range tq.Counts {
			for l, n := range m {
				out[code(item)+"|"+truthValue(tq, l)] += n
			}
		}
	}
	return out
}

// truthValue is the number a truth label stands for in an ordered question.
func truthValue(tq sample.TruthQuestion, label string) string {
	if i := slices.Index(tq.Labels, label); i >= 0 && i < len(tq.Values) {
		return strconv.Itoa(tq.Values[i])
	}
	return layout.Key(label)
}

// storedCounts counts what the dataset holds for a question, keyed as
// truthCounts does: items and labels by their texts as the file wrote them
// (the definition's texts and aliases), the built-in's by their codes.
func storedCounts(t *testing.T, db *sql.DB, def *survey.Definition, q *survey.Question, byLetter map[string]survey.Column, tq sample.TruthQuestion) counts {
	t.Helper()
	out := counts{}
	template := tq.Template != ""
	itemName := func(code string) string {
		it := q.Item(code)
		switch {
		case it == nil:
			return code
		case it.Other:
			return "other"
		case template:
			return code
		}
		return layout.Key(it.Text)
	}
	switch q.Type {
	case survey.Text:
		var n int
		dbtest.One(t, db, `select count(distinct respondent) from comments where question = ?`, &n, q.ID)
		out["answered"] = n
	case survey.Multi:
		dbtest.Each(t, db, `select item, count(distinct respondent) from answers where question = ? group by item`, func(s func(...any)) {
			var item string
			var n int
			s(&item, &n)
			out[itemName(item)] += n
		}, q.ID)
	case survey.Single:
		switch q.Role {
		case survey.RoleState, survey.RoleSector:
			col := "state"
			if q.Role == survey.RoleSector {
				col = "sector"
			}
			dbtest.Each(t, db, fmt.Sprintf(`select %[1]s, %[1]s_name, count(*) from responses where %[1]s is not null group by all`, col), func(s func(...any)) {
				var code, name string
				var n int
				s(&code, &name, &n)
				out[labelKey(q, code, name, template)] += n
			}, nil...)
		default:
			dbtest.Each(t, db, `select a.label, count(*) from answers a where question = ? group by all`, func(s func(...any)) {
				var name string
				var n int
				s(&name, &n)
				out[labelKey(q, "", name, template)] += n
			}, q.ID)
		}
	default:
		dbtest.Each(t, db, `select coalesce(item, ''), value, count(*) from answers where question = ? group by all`, func(s func(...any)) {
			var item string
			var v float64
			var n int
			s(&item, &v, &n)
			name := itemName(item)
			if len(tq.Columns) == 1 && q.Type != survey.Ranking {
				name = "" // a one-column question: the truth has no item
			}
			out[name+"|"+strconv.FormatFloat(v, 'f', -1, 64)] += n
		}, q.ID)
	}
	return out
}

// labelKey is how a stored single answer is compared: the template's
// code, else the label's text as the file wrote it (its first alias when
// the file's wording was adopted), "other" for the other answer.
func labelKey(q *survey.Question, code, name string, template bool) string {
	for _, l := range q.Labels {
		if l.Text == name || code != "" && l.Code == code {
			switch {
			case l.Other:
				return "other"
			case template:
				return l.Code
			}
			return layout.Key(l.Text)
		}
	}
	if template && code != "" {
		return code
	}
	return layout.Key(name)
}

// TestConferenceWordingsSameNumbers imports the conference survey's same
// responses twice, once in the organiser's wording (sector "Wissenschaft
// und Forschung", "Zivilgesellschaft / Verband", NPS ends labelled "10
// (äußerst wahrscheinlich)", a "Sonstiges" topic with typed texts) and once
// in the built-in template's, each without a survey definition: every
// answer, every response's state and sector and the built-in queries'
// results must be the same; the import output names each reworded label
// and what it was read as, in German by default and in English.
func TestConferenceWordingsSameNumbers(t *testing.T) {
	for _, tool := range []string{"limesurvey", "msforms"} {
		t.Run(tool, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			files := map[string]string{"reworded": filepath.Join(dir, "reworded.xlsx"), "template": filepath.Join(dir, "template.xlsx")}
			if err := sample.WriteConferenceWordings(tool, files["reworded"], files["template"], 323, 120); err != nil {
				t.Fatal(err)
			}
			numbers := map[string]string{}
			printed := map[string]string{}
			for _, wording := range []string{"reworded", "template"} {
				data := filepath.Join(dir, wording+"-data")
				res, err := pipeline.Import(context.Background(), pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: "mdk", Files: []string{files[wording]}})
				if err != nil {
					t.Fatal(err)
				}
				if s := res[0].Summary; s.Imported != 120 || s.Rejected() != 0 {
					t.Errorf("%s: %d imported, %d rejected; want 120, 0", wording, s.Imported, s.Rejected())
				}
				for _, lang := range []string{"de", "en"} {
					var b bytes.Buffer
					printImport(&b, lang, res[0], false, true)
					printed[wording+" "+lang] = b.String()
				}
				db := dbtest.Open(t, data, "")
				var b strings.Builder
				for _, q := range []string{
					`select coalesce(state, '-'), coalesce(sector, '-'), count(*) from responses group by all order by all`,
					`select question, coalesce(item, '-'), coalesce(value, -1), count(*) from answers group by all order by all`,
					`select question, count(distinct respondent) from comments group by all order by all`,
				} {
					dbtest.Each(t, db, q, func(s func(...any)) {
						var a, b2 string
						var n int
						if strings.Contains(q, "from answers") {
							var v float64
							s(&a, &b2, &v, &n)
							b2 += fmt.Sprintf("=%g", v)
						} else if strings.Contains(q, "from comments") {
							s(&a, &n)
						} else {
							s(&a, &b2, &n)
						}
						fmt.Fprintf(&b, "%s %s %d\n", a, b2, n)
					})
				}
				for _, name := range []string{"participation", "headline_by_group", "key_figures"} {
					var out bytes.Buffer
					if err := pipeline.Query(context.Background(), pipeline.QueryOptions{DataDir: data, SQL: "select * from " + name, Format: "csv"}, &out); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					// The queries need not order their rows: compare them as sets,
					// numbers to 10 digits (DuckDB sums in parallel, in any order).
					lines := strings.Split(strings.TrimSpace(roundFloats.ReplaceAllStringFunc(out.String(), func(f string) string {
						v, _ := strconv.ParseFloat(f, 64)
						return strconv.FormatFloat(v, 'g', 10, 64)
					})), "\n")
					sort.Strings(lines)
					fmt.Fprintf(&b, "%s:\n%s\n", name, strings.Join(lines, "\n"))
				}
				numbers[wording] = b.String()
			}
			if numbers["reworded"] != numbers["template"] {
				t.Errorf("the reworded export gives other numbers than the template's wording:\nreworded:\n%s\ntemplate:\n%s", numbers["reworded"], numbers["template"])
			}
			// The numbers hold the reworded sectors under the template's codes.
			for _, want := range []string{"wissenschaft", "zivilgesellschaft", "topics other_option=1"} {
				if !strings.Contains(numbers["reworded"], want) {
					t.Errorf("numbers lack %q:\n%s", want, numbers["reworded"])
				}
			}
			wants := map[string][]string{
				"de": {`umformulierte Antwort bei sector: "Wissenschaft und Forschung" ×\d+ → wissenschaft \(Wissenschaft\)`,
					`umformulierte Antwort bei sector: "Zivilgesellschaft / Verband" ×\d+ → zivilgesellschaft \(Zivilgesellschaft\)`,
					`eingetippte Texte zu „Sonstiges“ bei topics ×\d+ → other_option \(Sonstiges\)`},
				"en": {`reworded answer of sector: "Wissenschaft und Forschung" ×\d+ → wissenschaft \(Wissenschaft\)`,
					`reworded answer of sector: "Zivilgesellschaft / Verband" ×\d+ → zivilgesellschaft \(Zivilgesellschaft\)`,
					`texts typed into "other" of topics ×\d+ → other_option \(Sonstiges\)`},
			}
			if tool == "limesurvey" {
				wants["de"] = append(wants["de"], `umformulierte Antwort bei nps: "10 \(äußerst wahrscheinlich\)" ×\d+ → 10`)
				wants["en"] = append(wants["en"], `reworded answer of nps: "10 \(äußerst wahrscheinlich\)" ×\d+ → 10`)
			}
			for lang, res := range wants {
				for _, re := range res {
					if !regexp.MustCompile(re).MatchString(printed["reworded "+lang]) {
						t.Errorf("%s output lacks %s:\n%s", lang, re, printed["reworded "+lang])
					}
				}
				if strings.Contains(printed["template "+lang], "Wissenschaft und") || regexp.MustCompile(`umformuliert|reworded`).MatchString(printed["template "+lang]) {
					t.Errorf("the template's wording is reported as reworded:\n%s", printed["template "+lang])
				}
			}
		})
	}
}

var roundFloats = regexp.MustCompile(`-?[0-9]+\.[0-9]+(e-?[0-9]+)?`)
