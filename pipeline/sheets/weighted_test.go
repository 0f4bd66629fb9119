package sheets_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/sheets"
)

// TestWeighted: raked weights meet the margins and average 1; the weighted
// sheet's means are the weighted means of the truth's answers.
func TestWeighted(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, err := pipeline.Import(ctx, pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: "mdk16", Files: []string{"../../testdata/mdk16-msforms.xlsx"}}); err != nil {
		t.Fatal(err)
	}
	margins := filepath.Join(dir, "margins.yaml")
	os.WriteFile(margins, []byte("state: {DE-SN: 400, DE-ST: 300, DE-TH: 200, OTHER: 100}\n"), 0o644)
	e, err := query.Open(ctx, query.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	m, err := sheets.LoadMargins(margins)
	if err != nil {
		t.Fatal(err)
	}
	w, err := sheets.Weights(ctx, e, m)
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := sample.ReadTruth("../../testdata/mdk16-msforms.xlsx.truth.json")
	share := map[string]float64{}
	var total float64
	for _, r := range tr.Respondents {
		id := disclosure.Pseudonym(testtool.Key(), "mdk16", r.ID)
		share[*r.State] += w[id]
		total += w[id]
	}
	if math.Abs(total-float64(len(tr.Respondents))) > 1e-6 {
		t.Errorf("weights sum to %.4f, want n = %d", total, len(tr.Respondents))
	}
	for st, want := range map[string]float64{"DE-SN": .4, "DE-ST": .3, "DE-TH": .2, "OTHER": .1} {
		if got := share[st] / total; math.Abs(got-want) > 1e-6 {
			t.Errorf("weighted share of %s = %.6f, want %.2f", st, got, want)
		}
	}
	b, err := sheets.Build(ctx, e, sheets.Options{Lang: "de", Rule: disclosure.Rule{MinN: 5}, Event: sheets.Event{ID: "mdk16"}, Weights: margins})
	if err != nil {
		t.Fatal(err)
	}
	var tab = sheetByID(t, b, "weighted_need").Blocks[0].Table
	if len(tab.Rows) != 8 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	for r := range tab.Rows {
		var code string
		for _, it := range sample.Items {
			if it.DE == tab.Rows[r][tab.Col("item_text")] {
				code = it.Code
			}
		}
		var sw, swy float64
		for _, x := range tr.Respondents {
			if v, ok := x.Need[code]; ok {
				id := disclosure.Pseudonym(testtool.Key(), "mdk16", x.ID)
				sw += w[id]
				swy += w[id] * float64(v)
			}
		}
		near(t, code+" weighted mean", num(tab, r, "mean_weighted"), swy/sw)
		lo, hi, neff := num(tab, r, "ci_low"), num(tab, r, "ci_high"), num(tab, r, "n_eff")
		if !(lo < swy/sw && swy/sw < hi) || neff >= num(tab, r, "n") || neff < 50 {
			t.Errorf("%s: interval [%.3f, %.3f], n_eff %.1f of n %v", code, lo, hi, neff, num(tab, r, "n"))
		}
	}
	// Margins name breakdowns; anything else is an error that says which there are.
	os.WriteFile(margins, []byte("age: {young: 1}\n"), 0o644)
	if _, err := sheets.Build(ctx, e, sheets.Options{Lang: "de", Event: sheets.Event{ID: "mdk16"}, Weights: margins}); err == nil || !strings.Contains(err.Error(), `"age" is not a breakdown of the survey (breakdowns: state, sector)`) {
		t.Errorf("margins of no breakdown: %v", err)
	}
}

func TestLoadMarginsErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ yaml, want string }{
		{"state: {DE-SN: -4}\n", "positive number"},
		{"", "no margins"},
		{"state: [1, 2]\n", "cannot unmarshal"},
	} {
		p := filepath.Join(dir, "m.yaml")
		os.WriteFile(p, []byte(tc.yaml), 0o644)
		_, err := sheets.LoadMargins(p)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.yaml, err, tc.want)
		}
	}
}
