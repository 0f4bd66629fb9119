package survey

import (
	"fmt"
	"path/filepath"

	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey/layout"
	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// DetectOptions configure Detect.
type DetectOptions struct {
	Sheet string // the sheet's name, "" for CSV
	File  string // the file's base name: a draft is named after it
	CSV   bool
	// HeaderRow is the header row the user named (--header-row); 0 finds it.
	HeaderRow int
	// MaxRows is how many rows the values are read from; 0 reads all.
	MaxRows int
	// Own says the definition is the user's own (--survey): its questions
	// claim columns without the built-in template's caution, and columns it
	// does not know are not imported (the draft still has them).
	Own bool
	// Assign maps columns (by number) onto questions before anything else
	// claims them: the links a dataset's registry found (see
	// Linking.Assign). An empty Item under a matrix question adds the
	// column as a new item.
	Assign map[int]Assignment
}

// Assignment is a column's question and item as given to Detect.
type Assignment struct {
	Question, Item string
}

// Detection is what Detect made of a sheet.
type Detection struct {
	Mapping Mapping
	// Survey is the definition the sheet is imported with: the user's own,
	// or, without one, the draft.
	Survey *Definition
	// Draft is a definition drafted from the file, for detect
	// --write-survey: every question the file asks (the definition's where
	// they hold), with a columns rule per column.
	Draft *Definition
	// Notes say, per question id of Draft, what a person must decide.
	Notes map[string]string
	// Profiles are the columns' values, by column number.
	Profiles map[int]*Profile
	// Answers say, per column number, what its distinct answers are read
	// as (nothing for free text and personal data).
	Answers map[int][]Answer
	// Unknown are answers that match no label of their question.
	Unknown []UnknownLabel
	// Reworded are the file's answers that the definition words otherwise,
	// each with the label it was taken for: by its words ("Wissenschaft
	// und Forschung" → wissenschaft), as "other", or by its number ("10
	// (äußerst wahrscheinlich)" → 10). The draft holds them as aliases.
	Reworded []LabelMatch
	// Rows is how many data rows the values were read from.
	Rows int
	// sample are the first data rows, for what only rows tell (a ranking's
	// answers are different numbers in each row).
	sample []*Row
}

// sampleRows is how many data rows a detection keeps.
const sampleRows = 500

// Answer is one distinct answer of a column and what it is read as.
type Answer struct {
	Value string
	Count int
	As    string // the label, item or value it is read as; "" for none
	// How it is read: "" (as As), "words" (a label by its words), "other",
	// "missing" (no answer), "number" (a numbered label), "unknown",
	// "chosen" / "not chosen" (an option column), "in order" (a ranking
	// in one cell), "typed" (texts typed into "other": Value is "").
	How string
}

// UnknownLabel is an answer that matches no label of its question, with
// the line that would add it to the definition.
type UnknownLabel struct {
	Question string
	Column   int
	Value    string
	Count    int
	Line     string
}

// ProfileRows is how many rows import reads to decide each column's type
// before it reads the file again for the data: every row of any survey of
// ordinary size. detect reads every row.
const ProfileRows = 20000

// RowSource hands a sheet's rows from the top, one at a time; a row is
// valid until the next call. Next returns nil at the end.
type RowSource interface {
	Next() *Row
	Err() error
}

// Rows returns a RowSource of a sheet's cells (ingest.CellSchema).
func Rows(cells array.RecordReader) RowSource { return newRowReader(cells) }

// sliceRows is a RowSource of rows in memory.
type sliceRows struct {
	rows []*Row
	i    int
}

// RowsOf returns a RowSource of rows in memory.
func RowsOf(rows []*Row) RowSource { return &sliceRows{rows: rows} }

func (s *sliceRows) Next() *Row {
	if s.i >= len(s.rows) {
		return nil
	}
	s.i++
	return s.rows[s.i-1]
}

func (s *sliceRows) Err() error { return nil }

// Detect finds a sheet's header from its structure, the tool from its
// signature, each column's kind and type from its header and every value
// (up to opt.MaxRows rows; 0 reads all), and only then maps columns onto
// the definition's questions: on whole words, and only where the answers
// fit. It drafts questions for the rest.
func (d *Definition) Detect(src RowSource, opt DetectOptions) (*Detection, error) {
	var head []*Row
	if rr, ok := src.(*rowReader); ok {
		rr.keep = true
	}
	for len(head) < headRows {
		r := src.Next()
		if r == nil {
			break
		}
		head = append(head, r)
	}
	if rr, ok := src.(*rowReader); ok {
		rr.keep = false
	}
	if err := src.Err(); err != nil {
		return nil, err
	}
	h, top := findHeader(head, opt.HeaderRow, opt.CSV, opt.Sheet)
	sh := &layout.Sheet{Header: h, Data: dataRows(h, top, blockRows), CSV: opt.CSV, Name: opt.Sheet}
	lay := layout.Best(sh)
	det := &Detection{Profiles: map[int]*Profile{}, Answers: map[int][]Answer{}, Notes: map[string]string{}}
	m := &det.Mapping
	m.Sheet, m.HeaderRow, m.HeaderRows, m.SkipRows, m.Layout = opt.Sheet, h.Row, max(h.Rows, 1), h.Skip, lay.Name
	if h.Row == 0 {
		det.Survey, det.Draft = d, &Definition{Name: draftName(opt), Title: draftTitle(opt)}
		return det, nil
	}
	m.Above = rowsAbove(h, top)
	for i, cell := range h.Cells {
		text := ""
		if i < len(h.Texts) {
			text = h.Texts[i]
		}
		if cell == "" && text == "" {
			continue
		}
		if cell == "" {
			cell = text
		}
		if text == cell {
			text = ""
		}
		m.Columns = append(m.Columns, Column{Index: i + 1, Header: cell, Text: text, Kind: KindUnknown})
	}
	m.Warnings = append(m.Warnings, numberRepeats(m.Columns)...)
	rows := func(yield func(*Row) bool) {
		for _, r := range head {
			if !yield(r) {
				return
			}
		}
		for n := len(head); opt.MaxRows == 0 || n < opt.MaxRows; n++ {
			r := src.Next()
			if r == nil || !yield(r) {
				return
			}
		}
	}
	det.Rows = det.profile(rows, lay)
	if err := src.Err(); err != nil {
		return nil, err
	}
	for _, p := range det.Profiles {
		p.finish()
	}
	if err := d.classify(det, lay, opt); err != nil {
		return nil, err
	}
	d.draft(det, opt)
	return det, nil
}

// profile reads every data row's values into the columns' profiles and
// returns how many rows it read.
func (det *Detection) profile(rows func(func(*Row) bool), lay *layout.Layout) int {
	m := &det.Mapping
	byCol := map[int]*Profile{}
	for _, c := range m.Columns {
		p := newProfile()
		det.Profiles[c.Index] = p
		byCol[c.Index] = p
	}
	missing := func(v string) bool {
		if isMissingWord(v) {
			return true
		}
		for _, w := range lay.Missing {
			if v == w {
				return true
			}
		}
		return false
	}
	n := 0
	skip := newSkipper(m)
	for r := range rows {
		if r.Num < m.DataRow() || skip.reason(r) != "" {
			continue
		}
		n++
		if len(det.sample) < sampleRows {
			det.sample = append(det.sample, &Row{Num: r.Num, Cols: slices.Clone(r.Cols), Vals: cloneStrings(r.Vals), Width: r.Width})
		}
		for i, c := range r.Cols {
			if p := byCol[c]; p != nil {
				if v := strings.TrimSpace(r.Vals[i]); v != "" {
					p.add(v, missing)
				}
			}
		}
	}
	return n
}

func cloneStrings(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.Clone(v)
	}
	return out
}

// classify decides each column's kind: a columns rule of the definition,
// a tool's own column, personal data by header or content, ids and dates
// by content, else a question of the definition where the words and the
// answers fit.
func (d *Definition) classify(det *Detection, lay *layout.Layout, opt DetectOptions) error {
	m := &det.Mapping
	if err := d.applyRules(m); err != nil {
		return err
	}
	for i := range m.Columns {
		c := &m.Columns[i]
		a, ok := opt.Assign[c.Index]
		if !ok || c.Kind != KindUnknown || d.Question(a.Question) == nil {
			continue
		}
		q := d.Question(a.Question)
		c.Kind, c.Question, c.Item, c.By = KindQuestion, a.Question, a.Item, "registry"
		if a.Item == "" && (q.Type == Scale || q.Type == Multi) && len(q.Items) > 0 {
			c.Note = i18n.M(noteNewItem)
		}
	}
	haveID, haveAt := false, false
	for i := range m.Columns {
		c := &m.Columns[i]
		if c.Kind != KindUnknown {
			continue
		}
		p := det.Profiles[c.Index]
		h := strings.TrimSpace(c.Header)
		for _, ig := range d.Ignore {
			if d.ruleMatches(ig, h) || c.Text != "" && d.ruleMatches(ig, c.Text) {
				c.Kind, c.By = KindSystem, "rule"
			}
		}
		if c.Kind != KindUnknown {
			continue
		}
		if k := toolKind(lay, c.Header, c.Text); k != "" {
			c.Kind, c.By = k, "name"
			if k == KindID && haveID || k == KindSubmitted && haveAt {
				c.Kind, c.Note = KindSystem, i18n.M("note.second_column", k)
			}
		}
		switch {
		case c.Kind != KindUnknown:
		case (personalHeader(c.Header) || personalHeader(c.Text)) && !answersNotPersonal(p):
			c.Kind, c.By = KindPersonal, "name"
		case p.answered() > 0 && 2*p.Personal >= p.answered():
			c.Kind, c.By, c.Note = KindPersonal, "content", i18n.M("note.personal_values")
		case isIDColumn(c, p):
			c.Kind, c.By, c.Note = KindSystem, "content", i18n.M("note.id_values")
			if !haveID && idWord(c.Header) {
				c.Kind, c.Note = KindID, i18n.Message{}
			}
		case p.answered() > 0 && 10*p.Dates >= 9*p.answered():
			c.Kind, c.By, c.Note = KindSystem, "content", i18n.M("note.dates")
			if !haveAt && dateWord(c.Header) {
				c.Kind, c.Note = KindSubmitted, i18n.Message{}
			}
		}
		haveID = haveID || c.Kind == KindID
		haveAt = haveAt || c.Kind == KindSubmitted
	}
	d.claimColumns(det, opt)
	return nil
}

// applyRules maps the columns the definition's columns rules name; a rule
// that matches two columns is an error naming both.
func (d *Definition) applyRules(m *Mapping) error {
	for ri, r := range d.Columns {
		var hit []int
		for i, c := range m.Columns {
			if !d.ruleMatches(r.Header, strings.TrimSpace(c.Header)) {
				continue
			}
			if r.Nth > 0 && c.Nth != r.Nth && !(r.Nth == 1 && c.Nth == 0) {
				continue
			}
			hit = append(hit, i)
		}
		if len(hit) > 1 {
			return fmt.Errorf("survey: columns rule %d (header %q) matches columns %s and %s: columns are never merged; give the rule nth: 1, nth: 2 … or a header that matches one",
				ri+1, r.Header, xlsx.ColName(m.Columns[hit[0]].Index), xlsx.ColName(m.Columns[hit[1]].Index))
		}
		if len(hit) == 1 {
			c := &m.Columns[hit[0]]
			if c.Kind == KindQuestion {
				return fmt.Errorf("survey: columns rules %q and %q both match column %s", d.ruleFor(c), r.Header, xlsx.ColName(c.Index))
			}
			c.Kind, c.Question, c.Item, c.Value, c.Other, c.Rank, c.By = KindQuestion, r.Question, r.Item, r.Value, r.Other, r.Rank, "rule"
		}
	}
	return nil
}

func (d *Definition) ruleFor(c *Column) string {
	for _, r := range d.Columns {
		if r.Question == c.Question && r.Item == c.Item && r.Other == c.Other {
			return r.Header
		}
	}
	return c.Header
}

// answersNotPersonal says a column's answers are no personal data though
// its header names some ("Wie erreichbar? – Telefon" ticked with x,
// "Zufriedenheit [E-Mail-Support]" rated): marks, or a few labels each
// given often, none an address or number.
func answersNotPersonal(p *Profile) bool {
	n := p.answered()
	if n == 0 || p.Personal > 0 || p.Overflow {
		return false
	}
	if p.Marks == n {
		return true
	}
	// Scale words ("Very satisfied"): "How satisfied are you with your phone?"
	// asks about a phone, it does not ask for a number.
	scale := true
	for _, v := range p.values() {
		if _, ok := ordinalScore(v); !ok {
			scale = false
			break
		}
	}
	if scale {
		return true
	}
	distinct := len(p.values())
	return distinct <= 6 && n >= 3*distinct
}

// isIDColumn says a column's values are ids: a different large number, or
// code, in (nearly) every row.
func isIDColumn(c *Column, p *Profile) bool {
	n := p.answered()
	if n < 5 || p.Overflow && p.Big < n {
		return false
	}
	distinct := len(p.Distinct) - len(p.missingValues())
	if 10*distinct < 9*n*1 && !p.Overflow {
		return false
	}
	if 10*p.Big >= 9*n {
		return true
	}
	if idWord(c.Header) && (p.Integers == n || p.Long == 0 && p.MaxLen <= 40 && p.Numbers == 0 && p.Commas == 0) && distinct == n {
		return true
	}
	return false
}

func idWord(h string) bool {
	for _, w := range strings.Fields(key(h)) {
		switch w {
		case "id", "nr", "nummer", "number", "no", "code", "kennung", "kennziffer", "uuid", "bogen", "fragebogen", "case", "fall", "respondent", "lfd":
			return true
		}
	}
	return strings.HasSuffix(key(h), "id") && len(key(h)) <= 12
}

func dateWord(h string) bool {
	for _, w := range strings.Fields(key(h)) {
		switch w {
		case "datum", "date", "zeit", "time", "zeitstempel", "timestamp", "submitted", "abgeschickt", "eingang", "eingangsdatum", "erfasst", "completed", "end":
			return true
		}
	}
	return false
}

// draftName and draftTitle name a draft after the file, or its sheet
// when the sheet has a name of its own.
func draftName(opt DetectOptions) string {
	return slug(draftTitle(opt))
}

func draftTitle(opt DetectOptions) string {
	if s := strings.TrimSpace(opt.Sheet); s != "" && !genericSheet(s) {
		return s
	}
	base := strings.TrimSuffix(opt.File, filepath.Ext(opt.File))
	if base == "" {
		return "Umfrage"
	}
	return strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(base)), " ")
}

// genericSheet says a sheet name is a tool's or program's default.
func genericSheet(s string) bool {
	k := key(s)
	for _, p := range []string{"sheet", "tabelle", "blatt", "table", "results", "ergebnisse", "responses", "antworten", "form responses", "formularantworten", "daten", "data", "export", "feuille", "hoja", "worksheet", "sheet1"} {
		if k == p || strings.HasPrefix(k, p+" ") || strings.TrimRight(k, "0123456789 ") == p {
			return true
		}
	}
	return false
}

// hasColumn says the mapping has a column of the kind.
func (m *Mapping) hasColumn(kind string) bool {
	return slices.ContainsFunc(m.Columns, func(c Column) bool { return c.Kind == kind })
}
