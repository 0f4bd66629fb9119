package ingest

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// cellBuilder collects cells into CellSchema records of BatchCells cells.
type cellBuilder struct {
	b    *array.RecordBuilder
	row  *array.Int32Builder
	col  *array.Int32Builder
	val  *array.StringBuilder
	n    int
	recs []arrow.RecordBatch
}

func newCellBuilder() *cellBuilder {
	b := array.NewRecordBuilder(memory.DefaultAllocator, CellSchema)
	return &cellBuilder{
		b:   b,
		row: b.Field(0).(*array.Int32Builder),
		col: b.Field(1).(*array.Int32Builder),
		val: b.Field(2).(*array.StringBuilder),
	}
}

func (c *cellBuilder) add(row, col int, v string) {
	c.row.Append(int32(row))
	c.col.Append(int32(col))
	c.val.Append(v)
	c.n++
	if c.n == BatchCells {
		c.flush()
	}
}

func (c *cellBuilder) flush() {
	if c.n == 0 {
		return
	}
	c.recs = append(c.recs, c.b.NewRecordBatch())
	c.n = 0
}

// reader hands the collected records over as a RecordReader.
func (c *cellBuilder) reader() array.RecordReader {
	c.flush()
	c.b.Release()
	rr, _ := array.NewRecordReader(CellSchema, c.recs) // schema matches by construction
	for _, r := range c.recs {
		r.Release()
	}
	c.recs = nil
	return rr
}
