package survey

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// answerTable builds the answers batches. The table has a dozen rows per
// response, and its strings repeat: the event, a respondent on each of her
// rows, and question, item and label from the survey definition. So its
// string columns are dictionaries: a batch holds each string once and an
// index per row, the definition's strings are numbered once per distinct
// cell text (see column.value), and the store writes the indices to
// Parquet as they are instead of hashing every value.
type answerTable struct {
	// names are the event and the questions, items and labels met so
	// far; event, question, item and label index into them.
	names []string
	index map[string]int32
	// respondents of this batch in order; respondent indexes into it.
	respondents *array.StringBuilder
	lastRow     int

	event, respondent, question, item, label *array.Int32Builder
	value                                    *array.Float64Builder
}

var stringDict = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

func newAnswerTable(event string) *answerTable {
	mem := memory.DefaultAllocator
	t := &answerTable{
		index:       map[string]int32{},
		respondents: array.NewStringBuilder(mem),
		event:       array.NewInt32Builder(mem),
		respondent:  array.NewInt32Builder(mem),
		question:    array.NewInt32Builder(mem),
		item:        array.NewInt32Builder(mem),
		label:       array.NewInt32Builder(mem),
		value:       array.NewFloat64Builder(mem),
	}
	t.name(event) // 0
	return t
}

// name returns the index of s among the names, adding it on first use.
func (t *answerTable) name(s string) int32 {
	if i, ok := t.index[s]; ok {
		return i
	}
	i := int32(len(t.names))
	t.names = append(t.names, s)
	t.index[s] = i
	return i
}

// nameOpt is name, or -1 (NULL) for nil.
func (t *answerTable) nameOpt(s *string) int32 {
	if s == nil {
		return -1
	}
	return t.name(*s)
}

// add appends a row of the response in sheet row row; all rows of a
// response are added one after the other.
func (t *answerTable) add(row int, respondent string, question int32, a answer) {
	if t.respondents.Len() == 0 || row != t.lastRow {
		t.respondents.Append(respondent)
		t.lastRow = row
	}
	t.event.Append(0)
	t.respondent.Append(int32(t.respondents.Len() - 1))
	t.question.Append(question)
	appendIndex(t.item, a.item)
	t.value.Append(a.value)
	appendIndex(t.label, a.label)
}

func appendIndex(b *array.Int32Builder, i int32) {
	if i < 0 {
		b.AppendNull()
	} else {
		b.Append(i)
	}
}

func (t *answerTable) len() int { return t.event.Len() }

// batch hands the rows collected so far over as a record of
// Schemas[Answers] and starts the next batch.
func (t *answerTable) batch() arrow.RecordBatch {
	n := int64(t.len())
	sb := array.NewStringBuilder(memory.DefaultAllocator)
	sb.AppendValues(t.names, nil)
	names := sb.NewArray()
	sb.Release()
	respondents := t.respondents.NewArray()
	dict := func(idx *array.Int32Builder, values arrow.Array) arrow.Array {
		ind := idx.NewArray()
		defer ind.Release()
		return array.NewDictionaryArray(stringDict, ind, values)
	}
	cols := []arrow.Array{
		dict(t.event, names), dict(t.respondent, respondents), dict(t.question, names),
		dict(t.item, names), t.value.NewArray(), dict(t.label, names),
	}
	names.Release()
	respondents.Release()
	rec := array.NewRecordBatch(Schemas[Answers], cols, n)
	for _, c := range cols {
		c.Release()
	}
	return rec
}

func (t *answerTable) release() {
	for _, b := range []array.Builder{t.respondents, t.event, t.respondent, t.question, t.item, t.label, t.value} {
		b.Release()
	}
}
