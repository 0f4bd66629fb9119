package survey

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/resonanz/resonanz/pipeline/ingest"
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
	// Pseudonym turns an export's response id into the stored respondent id
	// (a keyed hash); nil stores the id as it is.
	Pseudonym func(id string) string
	// Scrub removes personal data (e-mail addresses, phone numbers) from free
	// text before it is stored; nil stores text as it is.
	Scrub func(text string) (string, int)
	// Seen reports a respondent already stored in the event by an earlier
	// import: the row is a duplicate.
	Seen func(respondent string) bool
	// Mapping, when set, is used instead of detecting the header.
	Mapping *Mapping
}

// Summary counts what Normalize did.
type Summary struct {
	Mapping       Mapping
	RowsRead      int // data rows with cells
	Imported      int // responses written
	RowsRejected  int // rows not imported (duplicates)
	Duplicates    int
	CellsRejected int // answers rejected, their response kept
	Blank         int // fully blank rows skipped
	Scrubbed      int // personal data replaced in free text
	// Rejects are the first MaxRejects rejects, for the import summary; the
	// rejects table holds them all.
	Rejects []Reject
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
	var head []*Row
	for len(head) < HeaderScan {
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
		var ok bool
		if m, ok = d.Detect(opt.Sheet, head); !ok {
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
	for _, r := range head {
		if err := n.row(r); err != nil {
			return nil, err
		}
	}
	for r := rows.Next(); r != nil; r = rows.Next() {
		if err := n.row(r); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := n.flush(); err != nil {
		return nil, err
	}
	n.sum.Mapping = m
	return &n.sum, nil
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

// flushRows is how many rows a table collects before it is handed on.
const flushRows = 16 * 1024

type table struct {
	name string
	b    *array.RecordBuilder
}

type normalizer struct {
	d      *Definition
	opt    Options
	m      Mapping
	sink   Sink
	sum    Summary
	codecs map[string]*codec
	tables map[string]*table
	idCol  int
	atCol  int
	seen   map[string]int // response id → row it was first seen in
	last   int            // last data row number, for blank-row counting
}

func newNormalizer(d *Definition, opt Options, m Mapping, sink Sink) *normalizer {
	n := &normalizer{d: d, opt: opt, m: m, sink: sink, codecs: map[string]*codec{}, tables: map[string]*table{}, seen: map[string]int{}}
	for i := range d.Questions {
		n.codecs[d.Questions[i].ID] = newCodec(&d.Questions[i])
	}
	for _, name := range Tables {
		n.tables[name] = &table{name: name, b: array.NewRecordBuilder(memory.DefaultAllocator, Schemas[name])}
	}
	for _, c := range m.Columns {
		switch {
		case c.Kind == KindID && n.idCol == 0:
			n.idCol = c.Index
		case c.Kind == KindSubmitted && n.atCol == 0:
			n.atCol = c.Index
		}
	}
	n.last = m.DataRow() - 1
	return n
}

// append adds one row to a table; values are string, *string (NULL when
// nil), float64, *float64, int, or time.Time / *time.Time.
func (n *normalizer) append(name string, vals ...any) error {
	t := n.tables[name]
	for i, v := range vals {
		switch b := t.b.Field(i).(type) {
		case *array.StringBuilder:
			switch v := v.(type) {
			case string:
				b.Append(v)
			case *string:
				if v == nil {
					b.AppendNull()
				} else {
					b.Append(*v)
				}
			}
		case *array.Float64Builder:
			switch v := v.(type) {
			case float64:
				b.Append(v)
			case *float64:
				if v == nil {
					b.AppendNull()
				} else {
					b.Append(*v)
				}
			}
		case *array.Int32Builder:
			b.Append(int32(v.(int)))
		case *array.TimestampBuilder:
			if t, ok := v.(*time.Time); ok && t != nil {
				b.Append(arrow.Timestamp(t.UnixMicro()))
			} else {
				b.AppendNull()
			}
		}
	}
	if t.b.Field(0).Len() >= flushRows {
		return n.flushTable(t)
	}
	return nil
}

func (n *normalizer) flushTable(t *table) error {
	if t.b.Field(0).Len() == 0 {
		return nil
	}
	rec := t.b.NewRecordBatch()
	defer rec.Release()
	return n.sink.Write(t.name, rec)
}

func (n *normalizer) flush() error {
	for _, name := range Tables {
		t := n.tables[name]
		if err := n.flushTable(t); err != nil {
			return err
		}
		t.b.Release()
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
		if q.Type == Scale || q.Type == Multi {
			for i, it := range q.Items {
				header, ok := asked[q.ID+"\x00"+it.Code]
				if !ok && !wholeAsked {
					continue
				}
				if !ok {
					header = whole
				}
				any = true
				if err := n.append(Questions, ev, q.ID, it.Code, q.Text, it.Text, q.Type, lo, hi, optStr(q.TextEn), optStr(it.TextEn), (pos+1)*100+i+1, optStr(q.Role), header); err != nil {
					return err
				}
			}
		} else if wholeAsked {
			if err := n.append(Questions, ev, q.ID, (*string)(nil), q.Text, (*string)(nil), q.Type, lo, hi, optStr(q.TextEn), (*string)(nil), (pos+1)*100, optStr(q.Role), whole); err != nil {
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
			if err := n.append(Labels, ev, q.ID, optStr(l.Code), v, l.Text, optStr(l.TextEn), i+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// reject writes a rejects row; callers count it as a cell or a row.
func (n *normalizer) reject(row, col int, value, reason, question, item string) error {
	colName := ""
	if col > 0 {
		colName = ingest.ColName(col)
	}
	if len(n.sum.Rejects) < MaxRejects {
		n.sum.Rejects = append(n.sum.Rejects, Reject{Row: row, Col: col, Value: value, Reason: reason})
	}
	return n.append(Rejects, n.opt.Event, n.opt.File, optStr(n.opt.Sheet), row, optStr(colName), value, reason, optStr(question), optStr(item))
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
	id := ""
	if n.idCol > 0 {
		id = strings.TrimSpace(r.Get(n.idCol))
	}
	if id == "" {
		// No id column (or an empty cell): the response's row is its identity.
		id = fmt.Sprintf("%s#%d", n.opt.File, r.Num)
	}
	respondent := id
	if n.opt.Pseudonym != nil {
		respondent = n.opt.Pseudonym(id)
	}
	if first, dup := n.seen[id]; dup || (n.opt.Seen != nil && n.opt.Seen(respondent)) {
		n.sum.Duplicates++
		n.sum.RowsRejected++
		reason := fmt.Sprintf("%v %q: already imported for this event", ErrDuplicate, id)
		if dup {
			reason = fmt.Sprintf("%v %q: same as row %d", ErrDuplicate, id, first)
		}
		return n.reject(r.Num, n.idCol, id, reason, "", "")
	}
	n.seen[id] = r.Num

	ev := n.opt.Event
	var submitted *time.Time
	if n.atCol > 0 {
		if v := strings.TrimSpace(r.Get(n.atCol)); v != "" {
			t, err := parseTime(v)
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
	var state, stateName, sector, sectorName *string
	for _, c := range n.m.Columns {
		if c.Kind != KindQuestion {
			continue
		}
		raw := r.Get(c.Index)
		v := strings.TrimSpace(raw)
		if v == "" {
			continue
		}
		q := n.d.Question(c.Question)
		cd := n.codecs[q.ID]
		var err error
		switch q.Type {
		case Single:
			if cd.isMissing(v) {
				continue
			}
			l, lerr := cd.label(v)
			if lerr != nil {
				err = lerr
				break
			}
			switch q.Role {
			case RoleState:
				state, stateName = &l.Code, &l.Text
			case RoleSector:
				sector, sectorName = &l.Code, &l.Text
			default:
				val := labelValue(q, l)
				err = n.append(Answers, ev, respondent, q.ID, (*string)(nil), val, l.Text)
			}
		case Scale, Numeric, NPS:
			if cd.isMissing(v) {
				continue
			}
			f, text, nerr := cd.number(v)
			if nerr != nil {
				err = nerr
				break
			}
			err = n.append(Answers, ev, respondent, q.ID, optStr(c.Item), f, optStr(text))
		case Multi:
			if c.Item != "" {
				ok, cerr := chosen(v, c.Value, q.Item(c.Item))
				if cerr != nil {
					err = cerr
					break
				}
				if ok {
					err = n.append(Answers, ev, respondent, q.ID, c.Item, 1.0, q.Item(c.Item).Text)
				}
				break
			}
			items, other := splitMulti(v, q)
			for _, code := range items {
				if err = n.append(Answers, ev, respondent, q.ID, code, 1.0, q.Item(code).Text); err != nil {
					return err
				}
			}
			if len(other) > 0 {
				err = n.comment(respondent, q.ID, strings.Join(other, ", "))
			}
		case Text:
			err = n.comment(respondent, q.ID, raw)
		}
		if err != nil {
			if isValueError(err) {
				n.sum.CellsRejected++
				if err := n.reject(r.Num, c.Index, raw, err.Error(), q.ID, c.Item); err != nil {
					return err
				}
				continue
			}
			return err
		}
	}
	n.sum.Imported++
	return n.append(Responses, ev, respondent, submitted, state, stateName, sector, sectorName, n.opt.File, r.Num)
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
	return n.append(Comments, n.opt.Event, respondent, question, text)
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

func allBlank(r *Row) bool {
	for _, v := range r.Vals {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
