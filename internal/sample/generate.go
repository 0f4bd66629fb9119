package sample

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// CET is the zone of every wall-clock time in the fixtures. All survey
// periods lie in November, so Europe/Berlin is always +01:00; a fixed zone
// keeps the generator independent of the machine's tzdata.
var CET = time.FixedZone("CET", 3600)

// Respondent is the intended truth of one response: what the importer must
// produce after normalisation, whatever the export layout looks like.
type Respondent struct {
	ID        int       // 1-based response number in submission order
	Started   time.Time // when the respondent opened the form (CET)
	Submitted time.Time // when the response was sent (CET)
	// StateCode is an ISO 3166-2:DE code, Other for "Anderes Bundesland",
	// or "" when the question was not answered.
	StateCode string
	Sector    string         // a code of Sectors, or "" when not answered
	Need      map[string]int // item code → 1..5; a missing item is NoAnswer or blank
	// NoAnswer lists the items answered with the explicit "keine Angabe";
	// items neither here nor in Need were left blank.
	NoAnswer     []string
	Topics       []string // chosen topic codes, in option order
	OtherTopics  []string // texts typed into an "Other" box
	Satisfaction int      // 1..5, 0 = not answered
	NPS          int      // 0..10, -1 = not answered
	Improve      string   // free text, "" = none
	Email, Name  string   // personal data the importer must drop; "" = anonymous
	// Heard is the answer to the 2026 survey's new question (a code of
	// Heard); "" = not asked or not answered.
	Heard string
}

// Share is one answer code with its intended share of respondents.
type Share struct {
	Code string
	P    float64
}

// Config describes one simulated survey. Counts derived from shares are
// exact (largest remainder), so the distributions tests rely on do not
// depend on luck.
type Config struct {
	Seed  uint64
	N     int
	Event string
	// Day is the conference day; responses arrive from its afternoon over
	// Days days.
	Day  time.Time
	Days int

	States  []Share // "" is "not answered"
	Sectors []Share
	// PolitikTH, if > 0, is the exact number of Politik respondents from
	// Thüringen: the report must suppress that small cell.
	PolitikTH int
	// OtherStates replaces Other by concrete states (round robin), for
	// sheets where the state was typed rather than chosen.
	OtherStates []string

	Items     []string           // need items asked
	NeedShift map[string]float64 // added to an item's mean, e.g. a trend between years
	NoAnswerP float64            // share of need cells answered "keine Angabe"
	BlankP    float64            // share of need cells left blank

	Topics      []string // topic options
	OtherTopics []string // texts typed into "Other"; empty = no Other box
	OtherTopicP float64

	SatBlank int // exact number of unanswered satisfaction questions
	NPSBlank int // exact number of unanswered recommendation questions

	ImproveP float64  // share of respondents who wrote something
	Specials []string // texts that must occur once each among those
	Emails   int      // respondents who left their name and address
}

// Conference survey 2025 (mdk16) shares, from the organisers' estimate.
var (
	StateShares2025 = []Share{{"DE-SN", .45}, {"DE-ST", .25}, {"DE-TH", .20}, {Other, .10}}
	SectorShares    = []Share{
		{"landesverwaltung", .20}, {"kommunalverwaltung", .25}, {"wirtschaft", .30},
		{"wissenschaft", .15}, {"politik", .04}, {"zivilgesellschaft", .06},
	}
)

// Generate simulates cfg.N respondents. The same cfg always yields the same
// respondents: all randomness comes from one PCG stream seeded by cfg.Seed.
func Generate(cfg Config) []Respondent {
	r := newRNG(cfg.Seed)
	n := cfg.N
	rs := make([]Respondent, n)

	states := quota(cfg.States, n)
	r.shuffle(len(states), func(i, j int) { states[i], states[j] = states[j], states[i] })
	if len(cfg.OtherStates) > 0 {
		k := 0
		for i, s := range states {
			if s == Other {
				states[i] = cfg.OtherStates[k%len(cfg.OtherStates)]
				k++
			}
		}
	}
	sectors := assignSectors(r, cfg, states)

	for i := range rs {
		p := &rs[i]
		p.ID = i + 1
		p.StateCode = states[i]
		p.Sector = sectors[i]
		p.Need = map[string]int{}
		for _, it := range cfg.Items {
			u := r.float()
			// Draw the value even when unused so that changing the missing
			// shares does not reshuffle every later answer.
			v := needValue(r, cfg, it, p.StateCode, p.Sector)
			switch {
			case u < cfg.NoAnswerP:
				p.NoAnswer = append(p.NoAnswer, it)
			case u < cfg.NoAnswerP+cfg.BlankP:
			default:
				p.Need[it] = v
			}
		}
		p.Topics = pickTopics(r, cfg, p.Need)
		if len(cfg.OtherTopics) > 0 && r.float() < cfg.OtherTopicP {
			p.OtherTopics = []string{cfg.OtherTopics[r.intn(len(cfg.OtherTopics))]}
		}
		p.Satisfaction = 1 + r.pick([]float64{3, 7, 20, 42, 28})
		p.NPS = clamp(int(math.Round(2*float64(p.Satisfaction)-0.5+1.2*r.norm())), 0, 10)
	}
	for _, i := range r.sample(n, cfg.SatBlank) {
		rs[i].Satisfaction = 0
	}
	for _, i := range r.sample(n, cfg.NPSBlank) {
		rs[i].NPS = -1
	}
	assignImprove(r, cfg, rs)
	assignPeople(r, cfg, rs)
	assignTimes(r, cfg, rs)
	return rs
}

// baseNeed is the mean need per item before state and sector effects:
// administration digitalisation and skilled labour are pressing everywhere.
var baseNeed = map[string]float64{
	"verwaltungsdigitalisierung": 4.3,
	"datenschutz":                3.0,
	"smart_city":                 2.9,
	"digitale_souveraenitaet":    3.0,
	"kuenstliche_intelligenz":    3.1,
	"it_sicherheit":              3.8,
	"fachkraeftegewinnung":       4.2,
	"gemeinsame_standards":       3.3,
	"barrierefreiheit":           3.4,
}

// needValue draws one need answer. The effects are about one scale point,
// so the report's group comparisons find something at n≈150.
func needValue(r *rng, cfg Config, item, state, sector string) int {
	m := baseNeed[item] + cfg.NeedShift[item]
	switch {
	case item == "datenschutz" && state == "DE-ST":
		m += 0.8
	case item == "digitale_souveraenitaet" && state == "DE-TH":
		m += 0.9
	case item == "smart_city" && sector == "kommunalverwaltung":
		m += 0.9
	case item == "kuenstliche_intelligenz" && (sector == "wirtschaft" || sector == "wissenschaft"):
		m += 0.8
	case item == "gemeinsame_standards" && sector == "landesverwaltung":
		m += 0.9
	}
	return clamp(int(math.Round(m+0.8*r.norm())), 1, 5)
}

var topicPopularity = map[string]float64{
	"verwaltungsdigitalisierung": 1.2, "datenschutz": 1.0, "smart_city": 1.0,
	"digitale_souveraenitaet": 0.9, "kuenstliche_intelligenz": 1.6, "it_sicherheit": 1.1,
	"fachkraeftegewinnung": 1.0, "gemeinsame_standards": 0.9, "open_data_open_government": 0.8,
}

// pickTopics chooses 0–3 topics, favouring those the respondent rated as
// pressing, and returns them in option order as the tools write them.
func pickTopics(r *rng, cfg Config, need map[string]int) []string {
	k := min(r.pick([]float64{12, 30, 33, 25}), len(cfg.Topics))
	w := make([]float64, len(cfg.Topics))
	for i, t := range cfg.Topics {
		w[i] = topicPopularity[t] * (1 + 0.5*float64(max(0, need[t]-3)))
	}
	chosen := make([]bool, len(cfg.Topics))
	for range k {
		i := r.pick(w)
		chosen[i], w[i] = true, 0
	}
	out := []string{}
	for i, t := range cfg.Topics {
		if chosen[i] {
			out = append(out, t)
		}
	}
	return out
}

func assignSectors(r *rng, cfg Config, states []string) []string {
	n := len(states)
	out := make([]string, n)
	if cfg.PolitikTH <= 0 {
		secs := quota(cfg.Sectors, n)
		r.shuffle(n, func(i, j int) { secs[i], secs[j] = secs[j], secs[i] })
		return secs
	}
	// Place the Politik quota first: PolitikTH of them in Thüringen, the rest
	// outside it, then deal the other sectors at random.
	secs := quota(cfg.Sectors, n)
	pol := 0
	var rest []string
	for _, s := range secs {
		if s == "politik" {
			pol++
		} else {
			rest = append(rest, s)
		}
	}
	order := r.perm(n)
	th, nonTH := cfg.PolitikTH, pol-cfg.PolitikTH
	for _, i := range order {
		switch {
		case states[i] == "DE-TH" && th > 0:
			out[i], th = "politik", th-1
		case states[i] != "DE-TH" && nonTH > 0:
			out[i], nonTH = "politik", nonTH-1
		}
	}
	r.shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	k := 0
	for i := range out {
		if out[i] == "" {
			out[i] = rest[k]
			k++
		}
	}
	return out
}

func assignImprove(r *rng, cfg Config, rs []Respondent) {
	k := max(int(math.Round(cfg.ImproveP*float64(len(rs)))), len(cfg.Specials))
	who := r.sample(len(rs), k)
	pool := slices.Clone(improvePool)
	r.shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	// who is in random order, so the specials land on random respondents.
	for j, i := range who {
		if j < len(cfg.Specials) {
			rs[i].Improve = cfg.Specials[j]
		} else {
			rs[i].Improve = pool[(j-len(cfg.Specials))%len(pool)]
		}
	}
}

func assignPeople(r *rng, cfg Config, rs []Respondent) {
	used := map[string]bool{}
	for _, i := range r.sample(len(rs), cfg.Emails) {
		p := &rs[i]
		for {
			first := firstNames[r.intn(len(firstNames))]
			last := lastNames[r.intn(len(lastNames))]
			email := asciiFold(first) + "." + asciiFold(last) + "@" + domainFor(r, p.StateCode, p.Sector)
			if used[email] {
				continue
			}
			used[email] = true
			p.Name, p.Email = first+" "+last, email
			break
		}
	}
}

// assignTimes spreads submissions over the days after the conference, most
// on the first days, and numbers respondents in submission order as the
// tools do.
func assignTimes(r *rng, cfg Config, rs []Respondent) {
	day := time.Date(cfg.Day.Year(), cfg.Day.Month(), cfg.Day.Day(), 0, 0, 0, 0, CET)
	w := make([]float64, cfg.Days)
	for d := range w {
		w[d] = 30 / float64(d+1)
	}
	ts := make([]time.Time, len(rs))
	for i := range ts {
		d := r.pick(w)
		from, to := 7*3600, 23*3600
		if d == 0 {
			from = 15 * 3600 // after the last session
		}
		sec := from + r.intn(to-from)
		ts[i] = day.AddDate(0, 0, d).Add(time.Duration(sec) * time.Second)
	}
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	for i := range rs {
		rs[i].Submitted = ts[i]
		rs[i].Started = ts[i].Add(-time.Duration(120+r.intn(900)) * time.Second)
	}
}

// quota turns shares into exact counts by the largest remainder method and
// lists the codes in share order.
func quota(shares []Share, n int) []string {
	total := 0.0
	for _, s := range shares {
		total += s.P
	}
	counts := make([]int, len(shares))
	rem := make([]float64, len(shares))
	sum := 0
	for i, s := range shares {
		x := s.P / total * float64(n)
		counts[i] = int(math.Floor(x))
		rem[i] = x - float64(counts[i])
		sum += counts[i]
	}
	for ; sum < n; sum++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best]+1e-9 {
				best = i
			}
		}
		counts[best]++
		rem[best] = -1
	}
	out := make([]string, 0, n)
	for i, s := range shares {
		for range counts[i] {
			out = append(out, s.Code)
		}
	}
	return out
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// rng derives everything from PCG's Uint64 alone: PCG's output is fixed by
// its specification, whereas the helper algorithms of math/rand/v2 may
// change between Go releases and would silently alter the fixtures.
type rng struct{ src *rand.PCG }

func newRNG(seed uint64) *rng { return &rng{rand.NewPCG(seed, 0x4d444b2025)} }

func (r *rng) float() float64 { return float64(r.src.Uint64()>>11) / (1 << 53) }

func (r *rng) intn(n int) int { return int(r.src.Uint64() % uint64(n)) }

// norm is a standard normal variate (Box–Muller).
func (r *rng) norm() float64 {
	u1, u2 := 1-r.float(), r.float()
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}

// pick returns an index with probability proportional to its weight.
func (r *rng) pick(w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	u := r.float() * total
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] > 0 {
			return i
		}
	}
	return 0
}

func (r *rng) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.intn(i+1))
	}
}

func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// sample returns k distinct indices below n in random order.
func (r *rng) sample(n, k int) []int { return r.perm(n)[:min(k, n)] }

func asciiFold(s string) string {
	return strings.ToLower(strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss", " ", "-").Replace(s))
}
