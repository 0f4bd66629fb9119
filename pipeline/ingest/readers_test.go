package ingest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// TestReadersAgree reads every bundled workbook with the streaming reader and
// with the excelize reference: the cells must be the same.
func TestReadersAgree(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*.xlsx")
	more, _ := filepath.Glob("../../testdata/layouts/*.xlsx")
	files = append(files, more...)
	if len(files) < 5 {
		t.Fatalf("only %d workbooks found", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			fast, err := Open(f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer fast.Close()
			ref, err := Open(f, Options{Reference: true})
			if err != nil {
				t.Fatal(err)
			}
			defer ref.Close()
			if got, want := fast.Sheets(), ref.Sheets(); len(got) != len(want) {
				t.Fatalf("sheets %v, reference %v", got, want)
			}
			for _, sh := range ref.Sheets() {
				a, b := cells(t, fast, sh), cells(t, ref, sh)
				if len(a) != len(b) {
					t.Errorf("%s: %d cells, reference %d", sh, len(a), len(b))
				}
				for i := range min(len(a), len(b)) {
					if a[i] != b[i] {
						t.Errorf("%s: cell %d = %+v, reference %+v", sh, i, a[i], b[i])
						break
					}
				}
			}
		})
	}
}

type rawCell struct {
	row, col int32
	v        string
}

func cells(t *testing.T, b Book, sheet string) []rawCell {
	t.Helper()
	rr, err := b.Cells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	var out []rawCell
	for rr.Next() {
		rec := rr.RecordBatch()
		r, c, v := rec.Column(0).(*array.Int32), rec.Column(1).(*array.Int32), rec.Column(2).(*array.String)
		for i := 0; i < int(rec.NumRows()); i++ {
			out = append(out, rawCell{r.Value(i), c.Value(i), strings.Clone(v.Value(i))})
		}
	}
	if err := rr.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
