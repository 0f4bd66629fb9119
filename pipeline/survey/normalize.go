package survey

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/pipeline/survey/layout"
)

var (
	// ErrNoQuestions means no row of a sheet looks like a header of the survey.
	ErrNoQuestions = errors.New("no recognisable survey questions in the first rows")
	// ErrCodeHeaders means the header holds question codes (LimeSurvey's
	// G01Q01, G02Q03[SQ001]) that only a survey definition can explain.
	ErrCodeHeaders = errors.New("the column headers are question codes (as LimeSurvey's G01Q01), which only a survey definition explains")
)

// Sink receives the data model's record batches. Write must not keep rec
// beyond the call without retaining it.
type Sink interface {
	Write(table string, rec arrow.RecordBatch) error
}

// Options configure Normalize.
type Options struct {
	Event string
	File  string // base name: source_file, and messages
	Sheet string // sheet name for messages; "" for CSV
	// CSV says the rows are lines of delimited text: a line with values
	// beyond the header's last column (an unquoted separator in a value
	// shifts the rest) is one reject, kept whole, not cell by cell.
	CSV bool
	// Pseudonym turns an export's response id into the stored respondent id
	// (a keyed hash); nil stores the id as it is.
	Pseudonym func(id string) string
	// Scrub removes personal data (e-mail addresses, phone numbers) from free
	// text before it is stored; nil stores text as it is.
	Scrub func(text string) (string, int)
	// Seen reports a respondent already stored in the event by an earlier
	// import: the row is a duplicate.
	Seen func(respondent string) bool
	// DateOrder is how slash dates read: DayFirst ("13/11/2025"),
	// MonthFirst ("11/13/2025"), or "" to decide from the file: day first
	// when a submit time in the first rows can only be read so. Without
	// that sign a later one that can only be day first ends Normalize
	// with ErrDayFirst: the file is to be read again day first, as the
	// dates before it were read month first.
	DateOrder string
	// Mapping, when set, is used instead of detecting the header (as
	// Detect found it, with the definition it found: Detection.Survey).
	// Without one, Normalize detects it in the first HeaderScan rows with
	// d as the user's own definition.
	Mapping *Mapping
}

// Summary counts what Normalize did.
type Summary struct {
	Mapping       Mapping
	RowsRead      int // data rows with cells
	Imported      int // responses written
	RowsRejected  int // rows not imported (duplicates, rows that are no responses)
	Duplicates    int
	Skipped       int // rows that are no responses: a tool's previews and tests, the header again
	CellsRejected int // answers rejected, their response kept
	Blank         int // fully blank rows skipped
	Scrubbed      int // personal data replaced in free text
	// Respondents are the respondents imported, each with its row.
	Respondents *IDs
	// Rejects are the first MaxRejects rejects, for the import summary; the
	// rejects table holds them all.
	Rejects []Reject
	// Matched are answers taken for a label by their words, not their
	// exact text ("Wissenschaft und Forschung" → wissenschaft).
	Matched []LabelMatch
	// Unknown are answers that match no label, with counts and the line
	// that would add them to the definition.
	Unknown []UnknownLabel
}

// LabelMatch is an answer as the file words it and the label it was taken for.
type LabelMatch struct {
	Question string
	Value    string // "" for the texts typed into "other"
	Label    string // the label's code
	Text     string // the label's text
	Count    int
}

// MaxRejects is how many rejects a Summary lists.
const MaxRejects = 100

// Reject is one value or row that was not imported.
type Reject struct {
	Row    int
	Col    int // 0 for a whole row
	Value  string
	Reason string
}

// Rejected is the number of rejects written.
func (s *Summary) Rejected() int { return s.RowsRejected + s.CellsRejected }

// Normalize reads a sheet's cells (ingest.CellSchema), recognises its header
// and writes the data model to sink: responses, answers, comments, rejects,
// and the codebook (questions, labels) of the definition.
func Normalize(cells array.RecordReader, d *Definition, opt Options, sink Sink) (*Summary, error) {
	rows := newRowReader(cells)
	rows.keep = true // the header rows are looked at together
	var head []*Row
	for len(head) < headRows {
		r := rows.Next()
		if r == nil {
			break
		}
		head = append(head, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var m Mapping
	if opt.Mapping != nil {
		m = *opt.Mapping
	} else {
		det, err := d.Detect(RowsOf(head), DetectOptions{Sheet: opt.Sheet, File: opt.File, CSV: opt.Sheet == "", Own: true})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where(opt.File, opt.Sheet), err)
		}
		if m = det.Mapping; len(m.Mapped()) == 0 {
			if m.Layout == LayoutLimeCodes {
				return nil, fmt.Errorf("%s: %w: %w", where(opt.File, opt.Sheet), ErrNoQuestions, ErrCodeHeaders)
			}
			return nil, fmt.Errorf("%s: %w (looked for %s)", where(opt.File, opt.Sheet), ErrNoQuestions, questionList(d))
		}
	}
	n := newNormalizer(d, opt, m, sink)
	if err := n.codebook(); err != nil {
		return nil, err
	}
	// A submit time in the first rows that can only be day first
	// ("13/11/2025") makes the file's "05/11/2025" the 5th of November.
	switch opt.DateOrder {
	case DayFirst:
		n.dayFirst = true
	case MonthFirst:
	case "":
		n.autoDates = true
		for _, r := range head {
			if n.atCol > 0 && r.Num >= m.DataRow() && onlyDayFirst(r.Get(n.atCol)) {
				n.dayFirst = true
				n.warnings = append(n.warnings, dayFirstWarning(r.Num, n.atCol, r.Get(n.atCol)))
				break
			}
		}
	default:
		return nil, fmt.Errorf("%s: %w", where(opt.File, opt.Sheet), CheckDateOrder(opt.DateOrder))
	}
	for _, r := range head {
		if err := n.row(r); err != nil {
			return nil, err
		}
	}
	rows.keep = false // the rest one at a time
	for r := rows.Next(); r != nil; r = rows.Next() {
		if err := n.row(r); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	n.labelStats()
	if err := n.flush(); err != nil {
		return nil, err
	}
	n.sum.Mapping = m
	n.sum.Mapping.Warnings = append(slices.Clip(m.Warnings), n.warnings...)
	n.sum.Respondents = n.seen
	return &n.sum, nil
}

// DayFirstError is ErrDayFirst with the submit time that says so.
type DayFirstError struct {
	Row, Col int
	Value    string
}

func (e *DayFirstError) Error() string {
	return fmt.Sprintf("%v: %s%d %q", ErrDayFirst, ingest.ColName(e.Col), e.Row, e.Value)
}

func (e *DayFirstError) Unwrap() error { return ErrDayFirst }

// Warning says the file's dates were read day first, and why.
func (e *DayFirstError) Warning() i18n.Message { return dayFirstWarning(e.Row, e.Col, e.Value) }

func dayFirstWarning(row, col int, v string) i18n.Message {
	return i18n.M("import.warn.dayfirst", strings.TrimSpace(v), ingest.ColName(col)+strconv.Itoa(row))
}

func where(file, sheet string) string {
	if sheet == "" {
		return file
	}
	return file + ": " + sheet
}

func questionList(d *Definition) string {
	ids := make([]string, len(d.Questions))
	for i, q := range d.Questions {
		ids[i] = q.ID
	}
	return strings.Join(ids, ", ")
}

// flushRows is how many rows a table collects before it is handed on: the
// store writes each batch as one Parquet row group.
const flushRows = 64 * 1024

// batcher is a table that collects rows and hands them on in batches.
type batcher interface {
	len() int
	batch() arrow.RecordBatch // the rows so far; the next batch starts empty
	release()
}

// table collects the rows of one of the smaller tables. Its methods append
// one field each, in schema order; normalizer.end finishes a row.
type table struct {
	b *array.RecordBuilder
}

func (t *table) len() int                 { return t.b.Field(0).Len() }
func (t *table) batch() arrow.RecordBatch { return t.b.NewRecordBatch() }
func (t *table) release()                 { t.b.Release() }

func (t *table) str(i int, v string) { t.b.Field(i).(*array.StringBuilder).Append(v) }

// strOpt appends v, or NULL for nil.
func (t *table) strOpt(i int, v *string) {
	b := t.b.Field(i).(*array.StringBuilder)
	if v == nil {
		b.AppendNull()
	} else {
		b.Append(*v)
	}
}

func (t *table) numOpt(i int, v *float64) {
	b := t.b.Field(i).(*array.Float64Builder)
	if v == nil {
		b.AppendNull()
	} else {
		b.Append(*v)
	}
}

func (t *table) int(i int, v int) { t.b.Field(i).(*array.Int32Builder).Append(int32(v)) }

type normalizer struct {
	d      *Definition
	opt    Options
	m      Mapping
	sink   Sink
	sum    Summary
	codecs map[string]*codec
	tables map[string]batcher
	// the tables written per row
	answers           *answerTable
	responses         *responseTable
	comments, rejects *table
	questions, labels *table
	names             *names // the strings of answers and responses

	cols  []column // the columns that map to a question, in sheet order
	idCol int
	atCol int
	// undated are the layout's submit times that mean "not kept".
	undated []string
	// dayFirst: the submit times are slash dates with the day first;
	// autoDates: as the first rows said, not as the user said.
	dayFirst, autoDates bool
	warnings            []i18n.Message // what reading the rows decided
	seen                *IDs           // respondents of this file, with their first row
	last                int            // last data row number, for blank-row counting
	cells               []string       // the current row's values by column, up to the last mapped one
	// headed marks the columns that have a header cell; a value elsewhere
	// (a ragged CSV row, a stray cell) belongs to no question.
	headed []bool
	skip   *skipper
	// answered lists the single questions answered in the current row, so
	// that an "other" text column adds the other answer only where the
	// question's own column gave none.
	answered []int32
}

// column is a mapped column with what its values meant so far.
type column struct {
	Column
	q     *Question
	cd    *codec
	names *names
	qid   int32 // the question's number among names
	cache map[string]*cellValue
}

// maxCached bounds the distinct values remembered per column: labels
// repeat, but a numeric question may not.
const maxCached = 4096

// cellValue is what a cell's text (trimmed) means in its column.
type cellValue struct {
	err     error    // the value is a reject
	answers []answer // the answers rows it makes
	other   string   // options typed into "Other": a comment
	// the answer of the state or sector question, as numbers of names
	role               bool
	roleCode, roleName int32
	how                int  // byExact, byWordsMatch, byOther: how a single answer was read
	hits               int  // cells with this text
	answered           bool // an answer that writes no row: an option not chosen
}

// answer is an answers row without event, respondent and question; item
// and label are numbers of names, -1 is NULL.
type answer struct {
	item, label int32
	value       float64
}

func newNormalizer(d *Definition, opt Options, m Mapping, sink Sink) *normalizer {
	n := &normalizer{d: d, opt: opt, m: m, sink: sink, codecs: map[string]*codec{}, seen: NewIDs(), names: newNames()}
	for i := range d.Questions {
		n.codecs[d.Questions[i].ID] = newCodec(&d.Questions[i])
	}
	small := func(name string) *table {
		return &table{b: array.NewRecordBuilder(memory.DefaultAllocator, model.Schema(name))}
	}
	n.answers = newAnswerTable(n.names, opt.Event)
	n.responses = newResponseTable(n.names, opt.Event, opt.File)
	n.comments, n.rejects, n.questions, n.labels = small(model.Comments), small(model.Rejects), small(model.Questions), small(model.Labels)
	n.tables = map[string]batcher{model.Responses: n.responses, model.Answers: n.answers, model.Questions: n.questions,
		model.Labels: n.labels, model.Comments: n.comments, model.Rejects: n.rejects}
	width := 0
	byID := d.byID()
	for _, c := range m.Columns {
		switch {
		case c.Kind == KindID && n.idCol == 0:
			n.idCol = c.Index
		case c.Kind == KindSubmitted && n.atCol == 0:
			n.atCol = c.Index
		case c.Kind == KindQuestion:
			q := byID[c.Question]
			if c.Item == "" && q.Type == Scale && len(q.Items) == 1 {
				// A scale asked in one column is its one item (check names
				// it after the question), as the codebook lists it: answers
				// and questions must agree on the item.
				c.Item = q.Items[0].Code
			}
			n.cols = append(n.cols, column{Column: c, q: q, cd: n.codecs[q.ID], names: n.names, qid: n.names.id(q.ID), cache: map[string]*cellValue{}})
		}
		width = max(width, c.Index)
	}
	n.cells = make([]string, width+1)
	n.headed = make([]bool, width+1)
	for _, c := range m.Columns {
		if strings.TrimSpace(c.Header) != "" {
			n.headed[c.Index] = true
		}
	}
	n.last = m.DataRow() - 1
	n.skip = newSkipper(&n.m)
	n.undated = layout.ByName(n.m.Layout).Undated
	return n
}

// end finishes a row of table name and hands the table on when it is full:
// at flushRows, or for the tables of free text (comments, rejects) at a
// quarter of it, since their rows are larger.
func (n *normalizer) end(name string, t batcher) error {
	limit := flushRows
	if name == model.Comments || name == model.Rejects {
		limit /= 4
	}
	if t.len() >= limit {
		return n.flushTable(name)
	}
	return nil
}

func (n *normalizer) flushTable(name string) error {
	t := n.tables[name]
	if t.len() == 0 {
		return nil
	}
	rec := t.batch()
	defer rec.Release()
	return n.sink.Write(name, rec)
}

func (n *normalizer) flush() error {
	for _, name := range model.TableNames("survey") {
		if err := n.flushTable(name); err != nil {
			return err
		}
		n.tables[name].release()
	}
	return nil
}

func optStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// codebook writes the questions and labels this file asked: those a column
// maps to, with the header as the file words it, so the questions view shows
// each event's wording and an item missing from a wave is "not asked", not 0.
func (n *normalizer) codebook() error {
	ev := n.opt.Event
	asked := map[string]string{} // question or question\x00item → header
	for _, c := range n.m.Columns {
		if c.Kind != KindQuestion {
			continue
		}
		k := c.Question
		if c.Item != "" {
			k += "\x00" + c.Item
		}
		if _, ok := asked[k]; !ok {
			asked[k] = strings.Join(strings.Fields(c.Header), " ")
		}
	}
	for pos, q := range n.d.Questions {
		var lo, hi *float64
		if a, b, ok := q.Bounds(); ok {
			lo, hi = &a, &b
		}
		whole, wholeAsked := asked[q.ID] // one column for the whole question
		any := wholeAsked
		// Positions order questions, and items within them, as the survey asked.
		if q.Type == Scale || q.Type == Multi || q.Type == Ranking {
			for i, it := range q.Items {
				header, ok := asked[q.ID+"\x00"+it.Code]
				if !ok && !wholeAsked {
					continue
				}
				if !ok {
					header = whole
				}
				any = true
				if err := n.question(&q, &it.Code, &it.Text, lo, hi, it.TextEn, (pos+1)*100+i+1, header); err != nil {
					return err
				}
			}
		} else if wholeAsked {
			if err := n.question(&q, nil, nil, lo, hi, "", (pos+1)*100, whole); err != nil {
				return err
			}
		}
		if !any {
			continue
		}
		for i, l := range labelsOf(&q) {
			var v *float64
			if q.Type != Single {
				v = &l.Value
			}
			t := n.labels
			t.str(0, ev)
			t.str(1, q.ID)
			t.strOpt(2, optStr(l.Code))
			t.numOpt(3, v)
			t.str(4, l.Text)
			t.strOpt(5, optStr(l.TextEn))
			t.int(6, i+1)
			if err := n.end(model.Labels, n.labels); err != nil {
				return err
			}
		}
	}
	return nil
}

// question writes a questions row; item and itemText are nil for a
// question asked in one column.
func (n *normalizer) question(q *Question, item, itemText *string, lo, hi *float64, itemTextEn string, pos int, header string) error {
	t := n.questions
	t.str(0, n.opt.Event)
	t.str(1, q.ID)
	t.strOpt(2, item)
	t.str(3, q.Text)
	t.strOpt(4, itemText)
	t.str(5, q.Type)
	t.numOpt(6, lo)
	t.numOpt(7, hi)
	t.strOpt(8, optStr(q.TextEn))
	t.strOpt(9, optStr(itemTextEn))
	t.int(10, pos)
	t.strOpt(11, optStr(q.StoredRole()))
	t.str(12, header)
	t.strOpt(13, optStr(q.Short))
	t.strOpt(14, optStr(q.ShortEn))
	return n.end(model.Questions, n.questions)
}

// reject writes a rejects row; callers count it as a cell or a row.
func (n *normalizer) reject(row, col int, value, reason, question, item string) error {
	colName := ""
	if col > 0 {
		colName = ingest.ColName(col)
	}
	if n.opt.Scrub != nil {
		// A raw value goes to the data-quality sheet: an address typed into
		// the wrong column must not travel with it.
		value, _ = n.opt.Scrub(value)
	}
	if len(n.sum.Rejects) < MaxRejects {
		// value may alias the sheet's record, which the summary outlives.
		n.sum.Rejects = append(n.sum.Rejects, Reject{Row: row, Col: col, Value: strings.Clone(value), Reason: reason})
	}
	t := n.rejects
	t.str(0, n.opt.Event)
	t.str(1, n.opt.File)
	t.strOpt(2, optStr(n.opt.Sheet))
	t.int(3, row)
	t.strOpt(4, optStr(colName))
	t.str(5, value)
	t.str(6, reason)
	t.strOpt(7, optStr(question))
	t.strOpt(8, optStr(item))
	return n.end(model.Rejects, n.rejects)
}

// row normalises one sheet row below the header.
func (n *normalizer) row(r *Row) error {
	if r.Num < n.m.DataRow() {
		return nil
	}
	if r.Num > n.last+1 {
		n.sum.Blank += r.Num - n.last - 1
	}
	n.last = r.Num
	if allBlank(r) {
		n.sum.Blank++
		return nil
	}
	n.sum.RowsRead++
	if why := n.skip.reason(r); why != "" {
		n.sum.Skipped++
		n.sum.RowsRejected++
		first := 0
		if len(r.Cols) > 0 {
			first = r.Cols[0]
		}
		return n.reject(r.Num, first, "", why, "", "")
	}
	// Values in columns without a header are rejects, never dropped; a row
	// that has nothing else is no response.
	known, stray := false, 0
	for i, c := range r.Cols {
		if strings.TrimSpace(r.Vals[i]) == "" {
			continue
		}
		if c < len(n.headed) && n.headed[c] {
			known = true
		} else {
			stray++
		}
	}
	if stray > 0 && !known {
		// Not a response: one reject for the row, naming its cells.
		var cells, vals []string
		first := 0
		for i, c := range r.Cols {
			if v := strings.TrimSpace(r.Vals[i]); v != "" {
				if first == 0 {
					first = c
				}
				cells = append(cells, ingest.ColName(c)+strconv.Itoa(r.Num))
				vals = append(vals, v)
			}
		}
		n.sum.RowsRejected++
		reason := fmt.Sprintf("values only in columns without a header (%s): not imported", strings.Join(cells, ", "))
		return n.reject(r.Num, first, strings.Join(vals, " | "), reason, "", "")
	}
	if stray > 0 && n.opt.CSV {
		if last := n.lastHeaded(); r.Width > last && beyond(r, last) {
			// Which value holds the separator cannot be told: the whole
			// line is the reject, every field in its place.
			fields := make([]string, r.Width)
			for i, c := range r.Cols {
				fields[c-1] = r.Vals[i]
			}
			n.sum.RowsRejected++
			reason := fmt.Sprintf("%d fields, the header has %d (a separator in a value without quotes?): the line is not imported", r.Width, last)
			return n.reject(r.Num, last+1, strings.Join(fields, " | "), reason, "", "")
		}
	}
	if stray > 0 {
		n.sum.CellsRejected += stray
		for i, c := range r.Cols {
			if v := strings.TrimSpace(r.Vals[i]); v != "" && (c >= len(n.headed) || !n.headed[c]) {
				if err := n.reject(r.Num, c, r.Vals[i], "value in a column without a header", "", ""); err != nil {
					return err
				}
			}
		}
	}
	clear(n.cells)
	for i := len(r.Cols) - 1; i >= 0; i-- { // the first of a column wins, as in Row.Get
		if c := r.Cols[i]; c < len(n.cells) {
			n.cells[c] = r.Vals[i]
		}
	}
	if !n.anyAnswer() {
		// Only the tool's own columns, or "N/A" in every question: an
		// incomplete response that answered nothing.
		n.sum.Skipped++
		n.sum.RowsRejected++
		first := 0
		if len(r.Cols) > 0 {
			first = r.Cols[0]
		}
		return n.reject(r.Num, first, "", "no answers (an incomplete response): not imported", "", "")
	}
	id := ""
	if n.idCol > 0 {
		id = strings.TrimSpace(n.cells[n.idCol])
	}
	if id == "" {
		// No id column (or an empty cell): the response's row is its identity.
		id = fmt.Sprintf("%s#%d", n.opt.File, r.Num)
	}
	respondent := id
	if n.opt.Pseudonym != nil {
		respondent = n.opt.Pseudonym(id)
	}
	// Keyed by respondent: the pseudonym stands for the id one to one. A
	// response already imported is rejected and not remembered.
	var first int
	var dup bool
	imported := n.opt.Seen != nil && n.opt.Seen(respondent)
	if imported {
		first, dup = n.seen.Row(respondent)
	} else {
		first, dup = n.seen.Add(respondent, r.Num)
	}
	if dup || imported {
		n.sum.Duplicates++
		n.sum.RowsRejected++
		// The reject names the pseudonym, never the export's own id.
		reason := fmt.Sprintf("%v: already imported for this event", ErrDuplicate)
		if dup {
			reason = fmt.Sprintf("%v: same as row %d", ErrDuplicate, first)
		}
		return n.reject(r.Num, n.idCol, respondent, reason, "", "")
	}

	var submitted *time.Time
	if n.atCol > 0 {
		if v := strings.TrimSpace(n.cells[n.atCol]); v != "" && !slices.Contains(n.undated, v) {
			t, err := parseInOrder(v, n.dayFirst)
			if err == nil && n.autoDates && !n.dayFirst && onlyDayFirst(v) {
				return &DayFirstError{Row: r.Num, Col: n.atCol, Value: v}
			}
			if err != nil {
				n.sum.CellsRejected++
				if err := n.reject(r.Num, n.atCol, v, err.Error(), "", ""); err != nil {
					return err
				}
			} else {
				submitted = &t
			}
		}
	}
	var state, sector *cellValue
	n.answered = n.answered[:0]
	for i := range n.cols {
		c := &n.cols[i]
		raw := n.cells[c.Index]
		v := strings.TrimSpace(raw)
		if v == "" {
			continue
		}
		if c.q.Type == Text {
			if err := n.comment(respondent, c.q.ID, raw); err != nil {
				return err
			}
			continue
		}
		if c.Other {
			if err := n.otherText(c, r.Num, respondent, raw, &state, &sector); err != nil {
				return err
			}
			continue
		}
		cv := c.value(v)
		cv.hits++
		if cv.err != nil {
			if !isValueError(cv.err) {
				return cv.err
			}
			n.sum.CellsRejected++
			if err := n.reject(r.Num, c.Index, raw, cv.err.Error(), c.q.ID, c.Item); err != nil {
				return err
			}
			continue
		}
		switch {
		case !cv.role:
		case c.q.Role == RoleState:
			state = cv
		case c.q.Role == RoleSector:
			sector = cv
		}
		if c.q.Type == Single && (len(cv.answers) > 0 || cv.role) {
			n.answered = append(n.answered, c.qid)
		}
		for _, a := range cv.answers {
			n.answers.add(r.Num, respondent, c.qid, a)
			if err := n.end(model.Answers, n.answers); err != nil {
				return err
			}
		}
		if cv.other != "" {
			if err := n.comment(respondent, c.q.ID, cv.other); err != nil {
				return err
			}
		}
	}
	n.sum.Imported++
	n.responses.add(respondent, submitted, state, sector, r.Num)
	return n.end(model.Responses, n.responses)
}

// ranked reads a ranking's cell: the item at the column's rank (LimeSurvey's
// "[Rank 2]" columns), or all items in order ("A;B;C", MS Forms).
func (c *column) ranked(v string) ([]answer, error) {
	var parts []string
	if c.Rank > 0 {
		parts = []string{v}
	} else {
		parts = strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' })
	}
	var out []answer
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		it := c.q.findItem(p)
		if it == nil {
			return nil, fmt.Errorf("%w: a part is no item of the ranking", ErrUnknownLabel)
		}
		rank := c.Rank
		if rank == 0 {
			rank = len(out) + 1
		}
		_ = i
		out = append(out, answer{item: c.names.id(it.Code), value: float64(rank), label: -1})
	}
	return out, nil
}

// anyAnswer says the current row answers a question: a cell that is text,
// an answer, or a reject (a value that was meant as one).
func (n *normalizer) anyAnswer() bool {
	for i := range n.cols {
		c := &n.cols[i]
		v := strings.TrimSpace(n.cells[c.Index])
		if v == "" {
			continue
		}
		if c.q.Type == Text || c.Other {
			if !isMissingWord(v) {
				return true
			}
			continue
		}
		if cv := c.value(v); cv.err != nil || len(cv.answers) > 0 || cv.role || cv.other != "" || cv.answered {
			return true
		}
	}
	return len(n.cols) == 0
}

// value says what the trimmed text v of a cell means in column c,
// remembering it for the next cell with the same text.
func (c *column) value(v string) *cellValue {
	if cv, ok := c.cache[v]; ok {
		return cv
	}
	cv := c.parse(v)
	if len(c.cache) < maxCached {
		c.cache[strings.Clone(v)] = cv
	}
	return cv
}

// parse reads the trimmed text v of a cell of a question other than text.
func (c *column) parse(v string) *cellValue {
	q, cd := c.q, c.cd
	cv := &cellValue{}
	switch q.Type {
	case Single:
		if cd.isMissing(v) {
			break
		}
		l, how, err := cd.label(v)
		cv.how = how
		switch {
		case err != nil:
			cv.err = err
		case q.Role == RoleState || q.Role == RoleSector:
			cv.role, cv.roleCode, cv.roleName = true, c.names.id(l.Code), c.names.id(l.Text)
		default:
			cv.answers = []answer{{item: -1, value: labelValue(q, l), label: c.names.id(l.Text)}}
		}
	case Ranking, Scale, Numeric, NPS:
		if cd.isMissing(v) {
			break
		}
		// A ranking's rank column, or its one cell listing the order; an
		// item's column holds the item's rank as a number.
		if q.Type == Ranking && (c.Rank > 0 || c.Item == "") {
			cv.answers, cv.err = c.ranked(v)
			break
		}
		f, text, err := cd.number(v)
		if err != nil {
			cv.err = err
			break
		}
		cv.answers = []answer{{item: c.names.idOpt(optStr(c.Item)), value: f, label: c.names.idOpt(optStr(text))}}
	case Multi:
		if c.Item != "" {
			it := q.Item(c.Item)
			ok, err := chosen(v, c.Value, it)
			if ok {
				cv.answers = []answer{{item: c.names.id(c.Item), value: 1, label: c.names.id(it.Text)}}
			}
			cv.err = err
			cv.answered = !ok && err == nil && !isMissingWord(v)
			break
		}
		items, other := splitMulti(v, q)
		if len(items) == 0 && len(other) == 0 {
			break // "N/A", "keine Angabe"
		}
		for _, code := range items {
			it := q.Item(code)
			cv.answers = append(cv.answers, answer{item: c.names.id(it.Code), value: 1, label: c.names.id(it.Text)})
		}
		cv.other = strings.Join(other, ", ")
	}
	return cv
}

func (n *normalizer) comment(respondent, question, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	if n.opt.Scrub != nil {
		var k int
		text, k = n.opt.Scrub(text)
		n.sum.Scrubbed += k
	}
	t := n.comments
	t.str(0, n.opt.Event)
	t.str(1, respondent)
	t.str(2, question)
	t.str(3, text)
	return n.end(model.Comments, n.comments)
}

// labelValue is what a single question's answer counts as: its value when
// the definition gives one, else its position among the labels.
func labelValue(q *Question, l *Label) float64 {
	if l.Value != 0 {
		return l.Value
	}
	for i := range q.Labels {
		if &q.Labels[i] == l || q.Labels[i].Code == l.Code {
			return float64(i + 1)
		}
	}
	return 0
}

func isValueError(err error) bool {
	for _, e := range []error{ErrUnknownLabel, ErrOutOfRange, ErrNotNumber, ErrNotChosen, ErrNotDate} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// lastHeaded is the last column with a header cell.
func (n *normalizer) lastHeaded() int {
	for c := len(n.headed) - 1; c > 0; c-- {
		if n.headed[c] {
			return c
		}
	}
	return 0
}

// beyond says whether a row has a value past column last (trailing empty
// fields do not count).
func beyond(r *Row, last int) bool {
	for i, c := range r.Cols {
		if c > last && strings.TrimSpace(r.Vals[i]) != "" {
			return true
		}
	}
	return false
}

func allBlank(r *Row) bool {
	for _, v := range r.Vals {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// otherText reads a column of "other" text: it chooses the question's
// other option (for a single question only when its own column gave no
// answer in this row) and keeps the text as a comment. A text that means
// no answer ("-oth-", "N/A") is none.
func (n *normalizer) otherText(c *column, row int, respondent, raw string, state, sector **cellValue) error {
	v := strings.TrimSpace(raw)
	if isMissingWord(v) || c.q.Type != Text && c.cd.isMissing(v) {
		return nil
	}
	switch c.q.Type {
	case Multi:
		if it := c.q.Item(c.Item); it != nil {
			n.answers.add(row, respondent, c.qid, answer{item: c.names.id(it.Code), value: 1, label: c.names.id(it.Text)})
			if err := n.end(model.Answers, n.answers); err != nil {
				return err
			}
		}
	case Single:
		if slices.Contains(n.answered, c.qid) || c.cd.other == nil {
			break
		}
		l := c.cd.other
		n.answered = append(n.answered, c.qid)
		if c.q.Role == RoleState || c.q.Role == RoleSector {
			cv := &cellValue{role: true, roleCode: c.names.id(l.Code), roleName: c.names.id(l.Text)}
			if c.q.Role == RoleState {
				*state = cv
			} else {
				*sector = cv
			}
			break
		}
		n.answers.add(row, respondent, c.qid, answer{item: -1, value: labelValue(c.q, l), label: c.names.id(l.Text)})
		if err := n.end(model.Answers, n.answers); err != nil {
			return err
		}
	}
	if isOtherWord(v) {
		return nil // the option's own name, no text typed
	}
	return n.comment(respondent, c.q.ID, raw)
}

// labelStats lists, from the columns' caches, the answers taken for a
// label by their words and those that match no label, with counts.
func (n *normalizer) labelStats() {
	matched := map[string]*LabelMatch{}
	unknown := map[string]*UnknownLabel{}
	var mOrder, uOrder []string
	for i := range n.cols {
		c := &n.cols[i]
		for v, cv := range c.cache {
			switch {
			case cv.hits == 0:
			case cv.err == nil && cv.how == byWordsMatch && c.q.Type == Single:
				l, _, _ := c.cd.label(v)
				k := c.q.ID + "\x00" + v
				if matched[k] == nil {
					matched[k] = &LabelMatch{Question: c.q.ID, Value: v, Label: l.Code, Text: l.Text}
					mOrder = append(mOrder, k)
				}
				matched[k].Count += cv.hits
			case errors.Is(cv.err, ErrUnknownLabel) && !personalValue(v) && len([]rune(v)) <= 80:
				k := c.q.ID + "\x00" + key(v)
				if unknown[k] == nil {
					value := v
					if n.opt.Scrub != nil {
						value, _ = n.opt.Scrub(v)
					}
					unknown[k] = &UnknownLabel{Question: c.q.ID, Column: c.Index, Value: value, Line: labelLine(c.q, value)}
					uOrder = append(uOrder, k)
				}
				unknown[k].Count += cv.hits
			}
		}
	}
	slices.Sort(mOrder)
	slices.Sort(uOrder)
	for _, k := range mOrder {
		n.sum.Matched = append(n.sum.Matched, *matched[k])
	}
	for _, k := range uOrder {
		n.sum.Unknown = append(n.sum.Unknown, *unknown[k])
	}
}

// skipper tells the data rows that are no responses: the header again
// (exports joined together), or what the layout says (Qualtrics' previews).
type skipper struct {
	header []string // header text by column
	text   []string
	skip   func(value func(string) string) string
	byName map[string]int // lower-case header or text → column
	row    *Row
}

func newSkipper(m *Mapping) *skipper {
	s := &skipper{byName: map[string]int{}, skip: layout.ByName(m.Layout).Skip}
	for _, c := range m.Columns {
		for c.Index >= len(s.header) {
			s.header, s.text = append(s.header, ""), append(s.text, "")
		}
		s.header[c.Index], s.text[c.Index] = c.Header, c.Text
		for _, h := range []string{c.Header, c.Text} {
			if h != "" {
				if _, dup := s.byName[strings.ToLower(h)]; !dup {
					s.byName[strings.ToLower(h)] = c.Index
				}
			}
		}
	}
	return s
}

func (s *skipper) reason(r *Row) string {
	same, filled := 0, 0
	for i, c := range r.Cols {
		if c >= len(s.header) {
			continue
		}
		v := strings.TrimSpace(r.Vals[i])
		if v == "" {
			continue
		}
		filled++
		if v == s.header[c] || v == s.text[c] {
			same++
		} else if filled-same > 2 {
			break // a response: cheap to tell
		}
	}
	if filled >= 3 && 10*same >= 8*filled {
		return "the header again (exports joined together), not a response"
	}
	if s.skip == nil {
		return ""
	}
	s.row = r
	return s.skip(s.value)
}

func (s *skipper) value(header string) string {
	if c, ok := s.byName[strings.ToLower(header)]; ok {
		return strings.TrimSpace(s.row.Get(c))
	}
	return ""
}
