package sheets_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/sheets"
)

// dump writes a book as text, for looking at it.
func dump(b book.Book) string {
	var w strings.Builder
	fmt.Fprintf(&w, "# %s — %s\n", b.Title, b.Subtitle)
	for _, s := range b.Sheets {
		fmt.Fprintf(&w, "\n== [%s] %s | %s\n   %s\n", s.ID, s.Name, s.Title, s.Description)
		if s.Err != nil {
			fmt.Fprintf(&w, "   ERROR %v\n", s.Err)
		}
		for _, bl := range s.Blocks {
			if bl.Heading != "" {
				fmt.Fprintf(&w, "  -- %s\n", bl.Heading)
			}
			for _, f := range bl.Facts {
				fmt.Fprintf(&w, "   %s: %v\n", f.Label, f.Value)
			}
			for _, p := range bl.Paras {
				fmt.Fprintf(&w, "   * %s [→%s]\n", p.Text, p.Link)
			}
			if t := bl.Table; t != nil {
				var hs []string
				for _, c := range t.Columns {
					if !c.Internal {
						hs = append(hs, c.Heading)
					}
				}
				fmt.Fprintf(&w, "   | %s\n", strings.Join(hs, " | "))
				for r, row := range t.Rows {
					var vs []string
					for c, v := range row {
						if t.Columns[c].Internal {
							continue
						}
						s := fmt.Sprint(v)
						if f, ok := v.(float64); ok {
							s = fmt.Sprintf("%.3f", f)
						}
						if t.IsHidden(r, c) {
							s = "."
						}
						vs = append(vs, s+t.Mark(r, c))
					}
					fmt.Fprintf(&w, "   | %s\n", strings.Join(vs, " | "))
				}
			}
			if bl.Chart != nil {
				fmt.Fprintf(&w, "   chart %+v\n", *bl.Chart)
			}
		}
	}
	return w.String()
}

func TestDump(t *testing.T) {
	out := os.Getenv("DUMP")
	if out == "" {
		t.Skip("DUMP=file")
	}
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	for _, f := range []struct{ file, ev, title string }{{"mdk15-googleforms.xlsx", "mdk15", "15. MDK"}, {"mdk16-msforms.xlsx", "mdk16", "16. MDK"}} {
		if _, err := pipeline.Import(ctx, pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: f.ev, EventTitle: f.title, Files: []string{"../../testdata/" + f.file}}); err != nil {
			t.Fatal(err)
		}
	}
	e, err := query.Open(ctx, query.Options{DataDir: data, Events: []string{"mdk16"}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	b, err := sheets.Build(ctx, e, sheets.Options{Lang: "de", Rule: disclosure.Rule{MinN: 5}, Event: sheets.Event{ID: "mdk16", Title: "16. MDK"}})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(out, []byte(dump(b)), 0o644)
}

func TestDumpClub(t *testing.T) {
	out := os.Getenv("DUMP")
	if out == "" {
		t.Skip("DUMP=file")
	}
	_, b := clubBook(t, 120, "de")
	os.WriteFile(out, []byte(dump(b)), 0o644)
}
