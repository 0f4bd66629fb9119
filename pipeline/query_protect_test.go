package pipeline

import (
	"context"
	"encoding/csv"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/disclosure"
)

// printedTable is the first table of a report sheet with a column n: the
// label cells left of n as the row's key, and the row's cells.
type printedTable struct {
	header []string
	n      int
	rows   map[string][]string
}

func readPrinted(t *testing.T, f *excelize.File, sheet string) printedTable {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		width := 0
		for width < len(r) && r[width] != "" {
			width++
		}
		n := slices.Index(r[:width], "n")
		if n < 0 {
			continue
		}
		p := printedTable{header: r[:width], n: n, rows: map[string][]string{}}
		for _, row := range rows[i+1:] {
			if len(row) == 0 || row[0] == "" {
				break
			}
			row = append(row, make([]string, width)...)[:width]
			k := strings.Join(row[:n], "\x00")
			if _, dup := p.rows[k]; dup {
				t.Fatalf("%s: two rows %q", sheet, k)
			}
			p.rows[k] = row
		}
		return p
	}
	t.Fatalf("%s: no table with a column n", sheet)
	return printedTable{}
}

// TestQueryProtectsAsReport: `query --min-n 5 "select * from <built-in>"`
// hides exactly the rows the report hides, and every figure of them. #14:
// participation through query hid 14 rows where the report hid 15 (it
// printed Sachsen-Anhalt × Landesverwaltung = 6), and the state × sector
// means got the primary rule only.
func TestQueryProtectsAsReport(t *testing.T) {
	testtool.Slow(t)
	w := sampleReport(t, "de")
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data := filepath.Join(sampleDir, "data")
	cases := []struct {
		sheet, sql string
		keys       []string // query columns giving the sheet's label cells
	}{
		{"Teilnahme Bundesland × Bereich", "select * from participation", []string{"grp_name", "grp2_name"}},
		{"Mittel Bundesland × Bereich", "select * from headline_by_pair", []string{"grp_name", "grp2_name", "group", "item_text"}},
		{"Handlungsbedarf nach Bundesland", "select * from headline_by_group where dimension = 'state'", []string{"grp_name", "item_text"}},
		{"Handlungsbedarf nach Bereich", "select * from headline_by_group where dimension = 'sector'", []string{"grp_name", "item_text"}},
	}
	total := 0
	for _, c := range cases {
		t.Run(c.sheet, func(t *testing.T) {
			rep := readPrinted(t, f, c.sheet)
			var out, log strings.Builder
			err := Query(context.Background(), QueryOptions{DataDir: data, SQL: c.sql, Format: "csv", Rule: disclosure.Default, Log: &log}, &out)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
			if err != nil || len(recs) < 2 {
				t.Fatalf("query output %q: %v", out.String(), err)
			}
			head := recs[0]
			var keys []int
			for _, k := range c.keys {
				keys = append(keys, slices.Index(head, k))
			}
			nc := slices.Index(head, "n")
			hidden, matched := 0, 0
			for _, r := range recs[1:] {
				var kv []string
				for _, k := range keys {
					kv = append(kv, r[k])
				}
				row, ok := rep.rows[strings.Join(kv, "\x00")]
				if !ok {
					t.Errorf("query row %q: not in the report", kv)
					continue
				}
				matched++
				repHidden, qHidden := row[rep.n] == ".", r[nc] == "."
				if repHidden != qHidden {
					t.Errorf("%q: the report shows n = %q, query %q", kv, row[rep.n], r[nc])
				}
				if !qHidden {
					continue
				}
				hidden++
				for j, v := range r {
					if _, err := strconv.ParseFloat(v, 64); err == nil {
						t.Errorf("%q: n is hidden but %s shows %s", kv, head[j], v)
					}
				}
			}
			if matched != len(rep.rows) {
				t.Errorf("query gives %d of the report's %d rows", matched, len(rep.rows))
			}
			// The note is there when something was hidden, and only then:
			// nothing to say on every query.
			if said := strings.Contains(log.String(), "as the report protects it"); said != (hidden > 0) {
				t.Errorf("%d rows hidden, note %q", hidden, log.String())
			}
			total += hidden
			t.Logf("%d rows, %d hidden, as in the report", matched, hidden)
		})
	}
	if total == 0 {
		t.Errorf("nothing hidden: the test tests nothing")
	}
}
