package pipeline

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
)

func TestWeightedNeeds(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, err := Import(ctx, ImportOptions{DataDir: data, Event: "mdk16", Files: []string{"../testdata/mdk16-msforms.xlsx"}}); err != nil {
		t.Fatal(err)
	}
	margins := filepath.Join(dir, "margins.yaml")
	os.WriteFile(margins, []byte("state: {DE-SN: 400, DE-ST: 300, DE-TH: 200, OTHER: 100}\n"), 0o644)
	e, err := query.Open(ctx, query.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	m, err := LoadMargins(margins)
	if err != nil {
		t.Fatal(err)
	}
	w, err := Weights(ctx, e, m)
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := sample.ReadTruth("../testdata/mdk16-msforms.xlsx.truth.json")
	// Weighted state shares meet the margins; weights average 1.
	share := map[string]float64{}
	var total float64
	for _, r := range tr.Respondents {
		share[*r.State] += w[r.ID]
		total += w[r.ID]
	}
	if math.Abs(total-float64(len(tr.Respondents))) > 1e-6 {
		t.Errorf("weights sum to %.4f, want n = %d", total, len(tr.Respondents))
	}
	for st, want := range map[string]float64{"DE-SN": .4, "DE-ST": .3, "DE-TH": .2, "OTHER": .1} {
		if got := share[st] / total; math.Abs(got-want) > 1e-6 {
			t.Errorf("weighted share of %s = %.6f, want %.2f", st, got, want)
		}
	}
	tab, err := weightedNeeds(ctx, e, w, disclosure.Default.Level)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 8 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	for _, row := range tab.Rows {
		var code string
		for _, it := range sample.Items {
			if it.DE == row[0] {
				code = it.Code
			}
		}
		var sw, swy float64
		for _, r := range tr.Respondents {
			if v, ok := r.Need[code]; ok {
				sw += w[r.ID]
				swy += w[r.ID] * float64(v)
			}
		}
		if got := row[3].(float64); math.Abs(got-swy/sw) > 1e-9 {
			t.Errorf("%s: weighted mean %.6f, want %.6f", code, got, swy/sw)
		}
		lo, hi, neff := row[4].(float64), row[5].(float64), row[6].(float64)
		if !(lo < swy/sw && swy/sw < hi) || neff >= float64(row[1].(int64)) || neff < 50 {
			t.Errorf("%s: interval [%.3f, %.3f], n_eff %.1f of n %d", code, lo, hi, neff, row[1])
		}
	}
}

func TestLoadMarginsErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ yaml, want string }{
		{"age: {young: 1}\n", "not a respondent variable"},
		{"state: {DE-SN: -4}\n", "positive number"},
		{"", "no margins"},
		{"state: [1, 2]\n", "cannot unmarshal"},
	} {
		p := filepath.Join(dir, "m.yaml")
		os.WriteFile(p, []byte(tc.yaml), 0o644)
		_, err := LoadMargins(p)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.yaml, err, tc.want)
		}
	}
}
