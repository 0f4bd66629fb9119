package stats

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// respondents makes n rows with the given sex and region.
func respondents(rows []map[string]string, n int, sex, region string) []map[string]string {
	for range n {
		rows = append(rows, map[string]string{"sex": sex, "region": region, "id": "ignored"})
	}
	return rows
}

func TestRake2x2(t *testing.T) {
	// Sample (n = 8):      N   S
	//                  m   1   2
	//                  f   3   2
	// Margins: sex m:f = 600:400, region N:S = 300:200, i.e. 60 % / 40 %
	// each (the totals differ on purpose: only shares count).
	//
	// IPF converges to the table that meets both margins and keeps the
	// sample's odds ratio (1·2)/(2·3) = 1/3. On the scale n = 8 the fitted
	// table has margins 4.8/3.2 both ways; with m-N = x:
	// x(x − 1.6) / ((4.8 − x)²) = 1/3 gives x = 2.4, so the fitted table is
	//                      N    S
	//                  m  2.4  2.4
	//                  f  2.4  0.8
	// and the weights are fitted/sample: m-N 2.4, m-S 1.2, f-N 0.8, f-S 0.4.
	// Check: odds ratio 2.4·0.8/(2.4·2.4) = 1/3, mean weight 8/8 = 1.
	var rows []map[string]string
	rows = respondents(rows, 1, "m", "N")
	rows = respondents(rows, 2, "m", "S")
	rows = respondents(rows, 3, "f", "N")
	rows = respondents(rows, 2, "f", "S")
	margins := map[string]map[string]float64{
		"sex":    {"m": 600, "f": 400},
		"region": {"N": 300, "S": 200},
	}
	w, err := Rake(rows, margins, 200, 1e-10)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{2.4, 1.2, 1.2, 0.8, 0.8, 0.8, 0.4, 0.4}
	for i := range want {
		if !near(w[i], want[i], 1e-8) {
			t.Fatalf("weights %v, want %v", w, want)
		}
	}
}

func TestRakeErrors(t *testing.T) {
	var rows []map[string]string
	rows = respondents(rows, 3, "m", "N")
	rows = respondents(rows, 3, "f", "S")
	rows = append(rows, map[string]string{"sex": "d", "region": "N"})
	rows = append(rows, map[string]string{"region": "S"}) // no sex at all

	_, err := Rake(rows, map[string]map[string]float64{
		"sex":    {"m": 50, "f": 50},
		"region": {"N": 40, "S": 40, "O": 20},
	}, 100, 1e-6)
	if !errors.Is(err, ErrNoMargin) || !errors.Is(err, ErrNoRespondents) {
		t.Fatalf("err = %v, want ErrNoMargin and ErrNoRespondents", err)
	}
	for _, s := range []string{`sex "d" (n=1)`, `sex "" (n=1)`, `region "O"`} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not mention %s", err, s)
		}
	}

	if _, err := Rake(rows[:6], map[string]map[string]float64{"sex": {"m": 1, "f": 0}}, 10, 1e-6); err == nil {
		t.Error("zero margin accepted")
	}
	if _, err := Rake(nil, map[string]map[string]float64{"sex": {"m": 1}}, 10, 1e-6); err == nil {
		t.Error("no respondents accepted")
	}
	if _, err := Rake(rows[:6], map[string]map[string]float64{"sex": {"m": 1, "f": 1}}, 0, 1e-6); err == nil {
		t.Error("maxIter 0 accepted")
	}
}

func TestRakeNoConvergence(t *testing.T) {
	// Every man is in N and every woman in S, so the share of men is the
	// share of N: margins of 50 % men and 30 % N cannot both hold.
	var rows []map[string]string
	rows = respondents(rows, 3, "m", "N")
	rows = respondents(rows, 3, "f", "S")
	w, err := Rake(rows, map[string]map[string]float64{
		"sex":    {"m": 50, "f": 50},
		"region": {"N": 30, "S": 70},
	}, 50, 1e-6)
	var ce *ConvergenceError
	if !errors.As(err, &ce) || ce.Sweeps != 50 || !near(ce.MaxDev, 0.2, 1e-9) {
		t.Fatalf("err = %v, want ConvergenceError after 50 sweeps, 0.2 off", err)
	}
	if len(w) != 6 {
		t.Errorf("got %d weights with the error, want the last 6", len(w))
	}
}

func TestRakeAlreadyFitting(t *testing.T) {
	// A sample that matches its margins keeps weight 1 everywhere.
	var rows []map[string]string
	rows = respondents(rows, 2, "m", "N")
	rows = respondents(rows, 2, "f", "N")
	w, err := Rake(rows, map[string]map[string]float64{"sex": {"m": 1, "f": 1}, "region": {"N": 7}}, 5, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range w {
		if math.Abs(x-1) > 1e-12 {
			t.Fatalf("weights %v, want all 1", w)
		}
	}
}
