package sample_test

import (
	"fmt"

	"github.com/resonanz/resonanz/internal/sample"
)

func ExampleGenerate() {
	rs := sample.Generate(sample.MainConfig())
	politikTH := 0
	for _, p := range rs {
		if p.Sector == "politik" && p.StateCode == "DE-TH" {
			politikTH++
		}
	}
	fmt.Println(len(rs), rs[0].ID, rs[0].StateCode, rs[0].Submitted.Format("2006-01-02T15:04:05Z07:00"))
	fmt.Println("Politik × Thüringen:", politikTH)
	// Output:
	// 150 1 DE-ST 2025-11-13T15:19:09+01:00
	// Politik × Thüringen: 2
}
