package xlsx_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/xlsx"
)

func Example() {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Antworten")
	f.SetSheetRow("Antworten", "A1", &[]any{"ID", "Bundesland"})
	f.SetSheetRow("Antworten", "A2", &[]any{1, "Sachsen"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		log.Fatal(err)
	}

	b, err := xlsx.OpenReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "umfrage.xlsx", xlsx.DefaultLimits())
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()
	rr, err := b.Cells("Antworten")
	if err != nil {
		log.Fatal(err)
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.RecordBatch()
		rows, cols, vals := rec.Column(0).(*array.Int32), rec.Column(1).(*array.Int32), rec.Column(2).(*array.String)
		for i := range int(rec.NumRows()) {
			fmt.Println(rows.Value(i), cols.Value(i), vals.Value(i))
		}
	}
	if err := rr.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 1 1 ID
	// 1 2 Bundesland
	// 2 1 1
	// 2 2 Sachsen
}
