package pipeline

import (
	"context"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/disclosure"
)

// sampleReport imports the bundled sample and writes its report once per
// test binary; the tests below read the workbook back.
func sampleWorkbook(t *testing.T) (*excelize.File, map[string]string, *sample.Truth) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	_, err := Import(ctx, ImportOptions{Key: testtool.Key(),
		DataDir: data, Event: "mdk16", Files: []string{"../testdata/mdk16-msforms.xlsx"},
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	w, err := Report(ctx, ReportOptions{DataDir: data, Out: out, Rule: disclosure.Default})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	truth, err := sample.ReadTruth("../testdata/mdk16-msforms.xlsx.truth.json")
	if err != nil {
		t.Fatal(err)
	}
	return f, w.Sheets, truth
}

// sheetTable finds the header row of a query sheet (the row whose first
// cell is first) and returns its rows keyed by header.
func tableRows(t *testing.T, f *excelize.File, sheet, first string) []map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == first {
			var out []map[string]string
			for _, d := range rows[i+1:] {
				if len(d) == 0 || d[0] == "" {
					break
				}
				// The table ends at the first empty heading; the chart
				// data block beside it repeats some headings.
				m := map[string]string{}
				for j, h := range r {
					if h == "" {
						break
					}
					if j < len(d) {
						m[h] = d[j]
					}
				}
				out = append(out, m)
			}
			return out
		}
	}
	t.Fatalf("sheet %s: no header row starting with %q", sheet, first)
	return nil
}

func label(ls []sample.Label, code string) string {
	for _, l := range ls {
		if l.Code == code {
			return l.DE
		}
	}
	return code
}

type agg struct {
	n   int
	sum float64
}

func (a agg) mean() float64 { return a.sum / float64(a.n) }

func nearCell(t *testing.T, what string, got string, want float64) {
	t.Helper()
	f, err := strconv.ParseFloat(got, 64)
	if err != nil {
		t.Errorf("%s: cell %q is not a number (want %.4f)", what, got, want)
		return
	}
	if math.Abs(f-want) > 1e-9 {
		t.Errorf("%s = %.6f, want %.6f", what, f, want)
	}
}

// TestReportNumbers checks the workbook's figures against sums computed
// here from what the generator put into the sample, not by the report's SQL.
func TestReportNumbers(t *testing.T) {
	f, sheets, truth := sampleWorkbook(t)
	rs := truth.Respondents
	if len(rs) != 150 {
		t.Fatalf("truth has %d respondents", len(rs))
	}

	t.Run("needs_by_state", func(t *testing.T) {
		want := map[string]*agg{}
		for _, r := range rs {
			if r.State == nil {
				continue
			}
			for item, v := range r.Need {
				k := label(sample.States, *r.State) + "|" + label(sample.Items, item)
				if want[k] == nil {
					want[k] = &agg{}
				}
				want[k].n++
				want[k].sum += float64(v)
			}
		}
		rows := tableRows(t, f, sheets["headline_by_group_state"], "Bundesland")
		if len(rows) != len(want) {
			t.Errorf("%d rows, want %d", len(rows), len(want))
		}
		for _, row := range rows {
			k := row["Bundesland"] + "|" + row["Item"]
			w, ok := want[k]
			if !ok {
				t.Errorf("unexpected row %s", k)
				continue
			}
			if row["n"] != strconv.Itoa(w.n) {
				t.Errorf("%s: n = %s, want %d", k, row["n"], w.n)
			}
			nearCell(t, k+" mean", row["Mittelwert"], w.mean())
		}
	})

	t.Run("participation with small cells", func(t *testing.T) {
		want := map[string]int{}
		for _, r := range rs {
			want[label(sample.States, *r.State)+"|"+label(sample.Sectors, *r.Sector)]++
		}
		rows := tableRows(t, f, sheets["participation_state_sector"], "Bundesland")
		small := 0
		for _, row := range rows {
			k := row["Bundesland"] + "|" + row["Bereich"]
			n := want[k]
			if n == 0 {
				t.Errorf("unexpected row %s", k)
				continue
			}
			if n < 5 {
				small++
				if row["n"] != "." {
					t.Errorf("%s: %d respondents shown as %q, want \".\"", k, n, row["n"])
				}
				continue
			}
			// Larger cells may be hidden as complements; whether enough
			// are is TestReportSecondarySuppression's business.
			if row["n"] != strconv.Itoa(n) && row["n"] != "." {
				t.Errorf("%s: n = %s, want %d", k, row["n"], n)
			}
		}
		if want["Thüringen|Politik"] != 2 || small == 0 {
			t.Errorf("the sample should have small cells (Thüringen|Politik = %d, small = %d)", want["Thüringen|Politik"], small)
		}
	})

	t.Run("topics_wanted", func(t *testing.T) {
		want := map[string]int{}
		for _, r := range rs {
			for _, tp := range r.Topics {
				want[label(sample.Items, tp)]++
			}
		}
		// Every option of the survey, in its order, also those nobody chose
		// (a zero is nobody); the chart sorts them by share.
		rows := tableRows(t, f, sheets["q_topics"], "Option")
		if len(rows) != len(sample.Items)+1 {
			t.Errorf("%d rows, want the %d options", len(rows), len(sample.Items)+1)
		}
		seen := 0
		for _, row := range rows {
			k := row["Option"]
			nearCell(t, k+" share", row["Anteil"], float64(want[k])/150)
			if row["n"] != strconv.Itoa(want[k]) {
				t.Errorf("%s: n = %s, want %d", k, row["n"], want[k])
			}
			if want[k] > 0 {
				seen++
			}
		}
		if seen != len(want) {
			t.Errorf("%d chosen options in the table, the truth has %d", seen, len(want))
		}
	})

	t.Run("satisfaction and NPS", func(t *testing.T) {
		var sat agg
		var nps, pro, det int
		for _, r := range rs {
			if r.Satisfaction != nil {
				sat.n++
				sat.sum += float64(*r.Satisfaction)
			}
			if r.NPS != nil {
				nps++
				switch {
				case *r.NPS >= 9:
					pro++
				case *r.NPS <= 6:
					det++
				}
			}
		}
		rows := tableRows(t, f, sheets["key_figures"], "n")
		if len(rows) != 1 {
			t.Fatalf("%d rows", len(rows))
		}
		nearCell(t, "mean satisfaction", rows[0]["Mittelwert"], sat.mean())
		nearCell(t, "NPS", rows[0]["NPS"], math.Round(1000*float64(pro-det)/float64(nps))/10)
		if rows[0]["n"] != strconv.Itoa(sat.n) {
			t.Errorf("satisfaction n = %s, want %d", rows[0]["n"], sat.n)
		}

		// The cover sheet shows the same figures.
		cover, _ := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
		found := 0
		for _, r := range cover {
			if len(r) < 2 {
				continue
			}
			switch {
			case strings.HasPrefix(r[0], "Zufriedenheit (Mittelwert"):
				nearCell(t, "cover satisfaction", r[1], sat.mean())
				found++
			case r[0] == "Weiterempfehlung":
				nearCell(t, "cover NPS", r[1], 100*float64(pro-det)/float64(nps))
				found++
			case r[0] == "Antworten":
				if r[1] != "150" {
					t.Errorf("cover responses = %s", r[1])
				}
				found++
			}
		}
		if found != 3 {
			t.Errorf("cover sheet: found %d of 3 key figures", found)
		}
	})
}

// TestReportHidesSmallCells checks that no table cell of the workbook
// rests on fewer than min_n respondents.
func TestReportHidesSmallCells(t *testing.T) {
	f, sheets, _ := sampleWorkbook(t)
	for name, sheet := range sheets {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		nCol := -1
		for _, r := range rows {
			if nCol < 0 {
				for j, h := range r {
					if h == "n" {
						nCol = j
					}
				}
				continue
			}
			if nCol >= len(r) || r[nCol] == "" || r[nCol] == "." {
				continue
			}
			n, err := strconv.Atoi(r[nCol])
			if err != nil {
				break // past the table
			}
			if n > 0 && n < 5 {
				t.Errorf("%s: a row shows n = %d: %v", name, n, r)
			}
		}
		switch name {
		case "headline_by_group_state", "headline_by_group_sector", "headline_by_pair_state_sector", "participation_state_sector", "q_topics":
			if nCol < 0 {
				t.Errorf("%s: no n column", name)
			}
		}
	}
}
