package survey

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/resonanz/resonanz/pipeline/model"
)

// The answers and responses tables have a row per answer and per response,
// and most of their strings repeat: the event, the file, the questions,
// items and labels of the definition, a respondent on each of her answers.
// So those columns are dictionaries (model.StringDict): a batch holds each string
// once and an index per row. The indices come from names, which numbers
// each distinct string once, when a cell's text is first read (see
// column.value), and the store writes them to Parquet as they are instead
// of hashing every value. The other tables are small and use table.

// names numbers strings: the event, the file, and what the definition says.
type names struct {
	list  []string
	index map[string]int32
}

func newNames() *names { return &names{index: map[string]int32{}} }

// id returns the number of s, adding it on first use.
func (ns *names) id(s string) int32 {
	if i, ok := ns.index[s]; ok {
		return i
	}
	i := int32(len(ns.list))
	ns.list = append(ns.list, s)
	ns.index[s] = i
	return i
}

// idOpt is id, or -1 (NULL) for nil.
func (ns *names) idOpt(s *string) int32 {
	if s == nil {
		return -1
	}
	return ns.id(*s)
}

// array returns the strings numbered so far, for a batch's dictionaries.
func (ns *names) array() arrow.Array {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(ns.list, nil)
	return b.NewArray()
}

// appendIndex appends i, or NULL for -1, to a builder reserved for it.
func appendIndex(b *array.Int32Builder, i int32) {
	if i < 0 {
		b.UnsafeAppendBoolToBitmap(false)
	} else {
		b.UnsafeAppend(i)
	}
}

// room makes sure builders of n rows, all alike, take one more without
// checking each value: a batch starts as large as the one before, so the
// builders of a large file do not grow step by step (copying, and leaving
// the old buffers to the collector), and a small file takes little.
func room(n, last int, bs ...array.Builder) {
	if n < bs[0].Cap() {
		return
	}
	want := min(max(2*n, last, 1024), flushRows)
	for _, b := range bs {
		b.Reserve(want - n)
	}
}

// dictColumn makes a dictionary column of a batch's indices.
func dictColumn(idx *array.Int32Builder, values arrow.Array) arrow.Array {
	ind := idx.NewArray()
	defer ind.Release()
	return array.NewDictionaryArray(model.StringDict, ind, values)
}

// record assembles a batch and releases the columns.
func record(schema *arrow.Schema, cols []arrow.Array, rows int) arrow.RecordBatch {
	rec := array.NewRecordBatch(schema, cols, int64(rows))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// answerTable builds the answers batches.
type answerTable struct {
	names *names
	event int32
	// respondents of this batch in order; respondent indexes into it.
	respondents *array.StringBuilder
	lastRow     int
	last        int // rows of the last batch

	ev, respondent, question, item, label *array.Int32Builder
	value                                 *array.Float64Builder
}

func newAnswerTable(ns *names, event string) *answerTable {
	mem := memory.DefaultAllocator
	t := &answerTable{
		names:       ns,
		event:       ns.id(event),
		respondents: array.NewStringBuilder(mem),
		ev:          array.NewInt32Builder(mem),
		respondent:  array.NewInt32Builder(mem),
		question:    array.NewInt32Builder(mem),
		item:        array.NewInt32Builder(mem),
		label:       array.NewInt32Builder(mem),
		value:       array.NewFloat64Builder(mem),
	}
	return t
}

// add appends an answer of the response in sheet row row; the answers of a
// response are added one after the other.
func (t *answerTable) add(row int, respondent string, question int32, a answer) {
	if t.respondents.Len() == 0 || row != t.lastRow {
		t.respondents.Append(respondent)
		t.lastRow = row
	}
	room(t.len(), t.last, t.ev, t.respondent, t.question, t.item, t.value, t.label)
	t.ev.UnsafeAppend(t.event)
	t.respondent.UnsafeAppend(int32(t.respondents.Len() - 1))
	t.question.UnsafeAppend(question)
	appendIndex(t.item, a.item)
	t.value.UnsafeAppend(a.value)
	appendIndex(t.label, a.label)
}

func (t *answerTable) len() int { return t.ev.Len() }

// batch hands the rows collected so far over as a record of
// model.Schema(model.Answers) and starts the next batch.
func (t *answerTable) batch() arrow.RecordBatch {
	n := t.len()
	names := t.names.array()
	defer names.Release()
	respondents := t.respondents.NewArray()
	defer respondents.Release()
	t.last = n
	return record(model.Schema(model.Answers), []arrow.Array{
		dictColumn(t.ev, names), dictColumn(t.respondent, respondents), dictColumn(t.question, names),
		dictColumn(t.item, names), t.value.NewArray(), dictColumn(t.label, names),
	}, n)
}

func (t *answerTable) release() {
	for _, b := range []array.Builder{t.respondents, t.ev, t.respondent, t.question, t.item, t.label, t.value} {
		b.Release()
	}
}

// responseTable builds the responses batches.
type responseTable struct {
	names       *names
	event, file int32
	last        int // rows of the last batch

	ev, state, stateName, sector, sectorName, sourceFile *array.Int32Builder
	respondent                                           *array.StringBuilder
	submitted                                            *array.TimestampBuilder
	row                                                  *array.Int32Builder
}

func newResponseTable(ns *names, event, file string) *responseTable {
	mem := memory.DefaultAllocator
	t := &responseTable{
		names: ns, event: ns.id(event), file: ns.id(file),
		ev: array.NewInt32Builder(mem), state: array.NewInt32Builder(mem), stateName: array.NewInt32Builder(mem),
		sector: array.NewInt32Builder(mem), sectorName: array.NewInt32Builder(mem), sourceFile: array.NewInt32Builder(mem),
		respondent: array.NewStringBuilder(mem),
		submitted:  array.NewTimestampBuilder(mem, model.Schema(model.Responses).Field(2).Type.(*arrow.TimestampType)),
		row:        array.NewInt32Builder(mem),
	}
	return t
}

// add appends a response; state and sector are nil when not answered.
func (t *responseTable) add(respondent string, submitted *time.Time, state, sector *cellValue, row int) {
	room(t.len(), t.last, t.ev, t.respondent, t.submitted, t.state, t.stateName, t.sector, t.sectorName, t.sourceFile, t.row)
	t.ev.UnsafeAppend(t.event)
	t.respondent.Append(respondent)
	if submitted == nil {
		t.submitted.UnsafeAppendBoolToBitmap(false)
	} else {
		t.submitted.UnsafeAppend(arrow.Timestamp(submitted.UnixMicro()))
	}
	appendRole(state, t.state, t.stateName)
	appendRole(sector, t.sector, t.sectorName)
	t.sourceFile.UnsafeAppend(t.file)
	t.row.UnsafeAppend(int32(row))
}

func appendRole(v *cellValue, code, name *array.Int32Builder) {
	if v == nil {
		code.UnsafeAppendBoolToBitmap(false)
		name.UnsafeAppendBoolToBitmap(false)
	} else {
		code.UnsafeAppend(v.roleCode)
		name.UnsafeAppend(v.roleName)
	}
}

func (t *responseTable) len() int { return t.ev.Len() }

// batch hands the rows collected so far over as a record of
// model.Schema(model.Responses) and starts the next batch.
func (t *responseTable) batch() arrow.RecordBatch {
	n := t.len()
	names := t.names.array()
	defer names.Release()
	t.last = n
	return record(model.Schema(model.Responses), []arrow.Array{
		dictColumn(t.ev, names), t.respondent.NewArray(), t.submitted.NewArray(),
		dictColumn(t.state, names), dictColumn(t.stateName, names), dictColumn(t.sector, names), dictColumn(t.sectorName, names),
		dictColumn(t.sourceFile, names), t.row.NewArray(),
	}, n)
}

func (t *responseTable) release() {
	for _, b := range []array.Builder{t.ev, t.respondent, t.submitted, t.state, t.stateName, t.sector, t.sectorName, t.sourceFile, t.row} {
		b.Release()
	}
}
