package sample

import "math/rand/v2"

// WriteRandom writes a German Microsoft Forms export of n respondents to
// the conference survey whose states and sectors have random, skewed
// shares — two to four states, two to six sectors, small groups common,
// a few respondents without state or sector — for the disclosure
// adversary over real report runs. The same seed writes the same file.
func WriteRandom(path string, seed uint64, n int) (*Truth, error) {
	r := rand.New(rand.NewPCG(seed, 14))
	shares := func(codes []string, none float64) []Share {
		out := []Share{{"", none}}
		sum := none
		for _, c := range codes {
			p := r.Float64()*r.Float64() + 0.02
			out = append(out, Share{c, p})
			sum += p
		}
		for i := range out {
			out[i].P /= sum
		}
		return out
	}
	c := layoutConfig(seed, n)
	c.States = shares([]string{"DE-SN", "DE-ST", "DE-TH", Other}[:2+r.IntN(3)], 0.05*r.Float64())
	c.Sectors = shares(Codes(Sectors)[:2+r.IntN(5)], 0.05*r.Float64())
	return writeMSForms(path, "mdk16", "de", Generate(c))
}
