package pipeline

import (
	"context"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// TestSignificanceMarks compares the ▲/▼ marks the needs queries compute in
// SQL with stats.VsRest run in Go on group statistics taken from the truth
// file: two independent implementations of the same method.
func TestSignificanceMarks(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	if _, err := Import(ctx, ImportOptions{Key: testtool.Key(), DataDir: data, Event: "mdk16", Files: []string{"../testdata/mdk16-msforms.xlsx"}}); err != nil {
		t.Fatal(err)
	}
	tr, err := sample.ReadTruth("../testdata/mdk16-msforms.xlsx.truth.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query, col string
		group      func(r sample.TruthRespondent) *string
		codes      []sample.Label
	}{
		{"headline_by_group", "state", func(r sample.TruthRespondent) *string { return r.State }, sample.States},
		{"headline_by_group", "sector", func(r sample.TruthRespondent) *string { return r.Sector }, sample.Sectors},
	} {
		t.Run(tc.col, func(t *testing.T) {
			var table [][]stats.Group
			for _, it := range sample.Items {
				var row []stats.Group
				for _, g := range tc.codes {
					var vals []float64
					for _, r := range tr.Respondents {
						if gr := tc.group(r); gr != nil && *gr == g.Code {
							if v, ok := r.Need[it.Code]; ok {
								vals = append(vals, float64(v))
							}
						}
					}
					row = append(row, group(g.Code, vals))
				}
				table = append(table, row)
			}
			marks := stats.VsRest(table, 0.05, 5)
			want := map[string]string{}
			nMarks := 0
			for i, it := range sample.Items {
				for j, g := range tc.codes {
					switch marks[i][j].Dir {
					case stats.Higher:
						want[g.Code+"|"+it.Code] = "▲"
						nMarks++
					case stats.Lower:
						want[g.Code+"|"+it.Code] = "▼"
						nMarks++
					}
				}
			}
			if nMarks == 0 {
				t.Fatal("the sample should have significant differences")
			}
			rows := queryCSV(t, data, "select grp as g, item, sig from "+tc.query+" where dimension = '"+tc.col+"'")
			for _, r := range rows {
				k := r["g"] + "|" + r["item"]
				if r["sig"] != want[k] {
					t.Errorf("%s: sig = %q, stats.VsRest says %q", k, r["sig"], want[k])
				}
			}
		})
	}
}

func group(label string, vals []float64) stats.Group {
	n := len(vals)
	var s float64
	for _, v := range vals {
		s += v
	}
	m := s / float64(n)
	var ss float64
	for _, v := range vals {
		ss += (v - m) * (v - m)
	}
	sd := math.NaN()
	if n > 1 {
		sd = math.Sqrt(ss / float64(n-1))
	}
	return stats.Group{Label: label + strconv.Itoa(n), N: n, Mean: m, SD: sd}
}
