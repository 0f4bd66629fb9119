// Package sample simulates the survey exports resonanz must import and
// writes them, with the truth an importer must recover, as test fixtures.
//
// # Contract
//
// Generate(cfg) returns cfg.N respondents. It is deterministic: all
// randomness comes from one PCG stream seeded by cfg.Seed, and only PCG's
// raw output is used (not math/rand/v2's helper algorithms, which may change
// between Go releases). Shares in a Config become exact counts (largest
// remainder), so tests can assert them.
//
// A Respondent is the intended, normalised truth, independent of layout:
//
//	StateCode     "DE-SN", "DE-ST", "DE-TH", Other ("OTHER", the survey's
//	              "Anderes Bundesland"), another ISO code where staff typed a
//	              state (handtyped), or "" = not answered
//	Sector        a code of Sectors, or ""
//	Need          item code → 1..5; an item missing from Need is in NoAnswer
//	              ("keine Angabe") or was left blank
//	Topics        chosen topic codes in option order; OtherTopics typed texts
//	Satisfaction  1..5, 0 = not answered; NPS 0..10, -1 = not answered
//	Improve       free text, "" = none; Email and Name "" = anonymous
//	Submitted     wall-clock time in CET (+01:00; every survey is in November)
//
// The layout writers turn respondents into the files described in
// /work/shared/formats.md; WriteAll writes all fixtures with a
// <file>.truth.json beside each (see Truth). The truth uses ids as the file
// shows them, null for "not answered", and lists deliberately bad cells
// (expected_rejects, which count as not answered in respondents), duplicate
// entries and blank rows. Writing twice gives identical bytes.
//
// # Example
//
//	cfg := sample.MainConfig() // 150 respondents of the 16. MDK, seed 16
//	rs := sample.Generate(cfg)
//	rs[0].ID           // 1
//	rs[0].StateCode    // "DE-ST"
//	rs[0].Need["datenschutz"]
//
//	// Regenerate the fixtures (what `go run ./tools/gen -out testdata` does):
//	paths, err := sample.WriteAll("testdata")
//
//	// In an importer test:
//	truth, err := sample.ReadTruth("testdata/mdk16-msforms.xlsx.truth.json")
package sample
