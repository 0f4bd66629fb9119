package stats_test

import (
	"fmt"

	"github.com/resonanz/resonanz/pipeline/stats"
)

// The examples check the figures doc.go quotes.

func ExampleWilson() {
	lo, hi := stats.Wilson(5, 20, 0.95)
	fmt.Printf("%.4f %.4f\n", lo, hi)
	lo, hi = stats.Wilson(0, 10, 0.95)
	fmt.Printf("%.4f %.4f\n", lo, hi)
	// Output:
	// 0.1119 0.4687
	// 0.0000 0.2775
}

func ExampleMeanCI() {
	lo, hi := stats.MeanCI(8, 5, 2.138, 0.95)
	fmt.Printf("%.4f %.4f\n", lo, hi)
	fmt.Println(stats.MeanCI(1, 4, 0, 0.95))
	// Output:
	// 3.2126 6.7874
	// NaN NaN
}

func ExampleWelchT() {
	t, df, p := stats.WelchT(10, 5, 2, 20, 4, 1)
	fmt.Printf("%.4f %.2f %.4f\n", t, df, p)
	fmt.Println(stats.Holm([]float64{0.01, 0.04, 0.03, 0.005}))
	// Output:
	// 1.4907 11.31 0.1634
	// [0.03 0.06 0.06 0.02]
}

func ExampleVsRest() {
	marks := stats.VsRest([][]stats.Group{{
		{Label: "A", N: 40, Mean: 4.2, SD: 0.8},
		{Label: "B", N: 40, Mean: 3.0, SD: 0.9},
		{Label: "C", N: 3, Mean: 1.0, SD: 0},
	}}, 0.05, 5)
	for _, m := range marks[0] {
		fmt.Println(m.Label, m.Dir, m.Skip)
	}
	// Output:
	// A higher tested
	// B lower tested
	// C same group below minimum n
}

func ExampleRake() {
	var rows []map[string]string
	for _, r := range []struct {
		sex, region string
		n           int
	}{{"m", "N", 1}, {"m", "S", 2}, {"f", "N", 3}, {"f", "S", 2}} {
		for range r.n {
			rows = append(rows, map[string]string{"sex": r.sex, "region": r.region})
		}
	}
	w, err := stats.Rake(rows, map[string]map[string]float64{
		"sex":    {"m": 600, "f": 400},
		"region": {"N": 300, "S": 200},
	}, 100, 1e-9)
	fmt.Printf("%.2f %v\n", w, err)
	// Output: [2.40 1.20 1.20 0.80 0.80 0.80 0.40 0.40] <nil>
}
