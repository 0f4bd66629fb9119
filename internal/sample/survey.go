package sample

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// This file models surveys other than the conference one: a Survey is a
// list of questions of any kind, and GenerateSurvey simulates answers to
// it. The layout writers in surveylayouts.go render one Survey the way a
// tool exports it and derive the truth's questions (TruthQuestion) from
// what they wrote, so the truth always describes the file.

// Kind is a question's type, as the truth file names it.
type Kind string

const (
	Single  Kind = "single"  // one option (categorical, or ordered when Question.Ordered)
	Multi   Kind = "multi"   // any number of options
	Scale   Kind = "scale"   // ordered levels; with Items a matrix (one column per item)
	Numeric Kind = "numeric" // a number in Min..Max
	NPS     Kind = "nps"     // 0..10
	Text    Kind = "text"    // free text
	Ranking Kind = "ranking" // an order of Items
)

// Question is one question of a generic survey.
type Question struct {
	Kind  Kind
	Text  string   // the question as the tool shows it
	Items []string // matrix rows (Scale), options (Multi), things to rank (Ranking)
	// Labels are the options of a Single question or the levels of a Scale,
	// low to high; Values their numbers (default 1..n).
	Labels  []string
	Values  []int
	Ordered bool // a Single whose options are ordered (age ranges, frequencies)
	// Weights skew the answers: per label (Single, Scale) or per item
	// (Multi: chance of being chosen, Ranking: pull towards the top).
	Weights []float64
	// Other is the label of an "Other" option with a text box ("" = none);
	// OtherTexts is the pool of typed texts, OtherP the share choosing it.
	Other      string
	OtherTexts []string
	OtherP     float64
	// NoAnswer is an explicit "no answer" option of a Scale or Single
	// ("keine Angabe"), chosen with NoAnswerP; it is never a level.
	NoAnswer  string
	NoAnswerP float64
	BlankP    float64 // share left blank (per item for matrices)
	Min, Max  int     // Numeric range
	Texts     []string
	TextP     float64 // Text: share who wrote something
	// Personal marks a question whose answers are personal data (a name,
	// an e-mail, a handle): the importer must not store it.
	Personal string // "", "name", "email", "phone", "handle", "url", "panel_id"
	// Part is the block a question is a field of (SurveyMonkey's "Contact
	// information" [Name], [Email] …; the "[If unsure, please describe
	// below:]" text of the question before): the block's title heads its
	// first column, the question's text is in the second header row.
	Part string
	// Shown, if set, decides per respondent whether the question was shown
	// at all (LimeSurvey writes N/A into option columns of hidden ones).
	Shown func(a []Answer) bool
}

// Survey is a generic survey and how its answers are spread.
type Survey struct {
	Seed      uint64
	N         int
	Title     string // the survey's own title (sheet or file name)
	Day       time.Time
	Days      int
	Questions []Question
	// Incomplete is the number of extra started-but-not-submitted
	// responses some tools export (LimeSurvey: empty submitdate).
	Incomplete int
}

// Answer is one respondent's answer to one question.
type Answer struct {
	Shown  bool
	Choice int // Single: option index; -1 blank, -2 NoAnswer, -3 Other
	Chosen []int
	// Levels per item (Scale; one entry without Items): label index, -1
	// blank, -2 NoAnswer.
	Levels []int
	Num    int // Numeric, NPS: the value; Has false = blank
	Has    bool
	Text   string // Text answer, or the typed Other text
	Order  []int  // Ranking: item indices, first = rank 1
}

// Response is one simulated response of a generic survey.
type Response struct {
	ID                 int
	Started, Submitted time.Time
	Complete           bool
	Answers            []Answer // parallel to Survey.Questions
	Person             Person
}

// Person is the personal data a response carries: planted so tests can
// scan every output for it.
type Person struct {
	First, Last, Email, Phone, Handle, URL, PanelID, IP string
}

// values returns a Scale question's numbers.
func (q Question) values() []int {
	if len(q.Values) == len(q.Labels) {
		return q.Values
	}
	v := make([]int, len(q.Labels))
	for i := range v {
		v[i] = i + 1
	}
	return v
}

func (q Question) items() int { return max(1, len(q.Items)) }

// GenerateSurvey simulates s.N complete responses and s.Incomplete
// incomplete ones (after them, as tools number them by start).
func GenerateSurvey(s Survey) []Response {
	r := newRNG(s.Seed)
	n := s.N + s.Incomplete
	rs := make([]Response, n)
	for i := range rs {
		rs[i].ID = i + 1
		rs[i].Complete = i < s.N
		rs[i].Answers = make([]Answer, len(s.Questions))
		rs[i].Person = person(r, i)
		for qi, q := range s.Questions {
			a := &rs[i].Answers[qi]
			a.Shown = q.Shown == nil || q.Shown(rs[i].Answers[:qi])
			if !a.Shown || !rs[i].Complete {
				a.Choice = -1
				if q.Kind == Scale {
					a.Levels = slices.Repeat([]int{-1}, q.items())
				}
				continue
			}
			answer(r, q, a, rs[i].Person)
		}
	}
	times(r, s, rs)
	return rs
}

func answer(r *rng, q Question, a *Answer, p Person) {
	a.Choice = -1
	switch q.Kind {
	case Single:
		switch u := r.float(); {
		case u < q.BlankP:
		case u < q.BlankP+q.NoAnswerP && q.NoAnswer != "":
			a.Choice = -2
		case u < q.BlankP+q.NoAnswerP+q.OtherP && q.Other != "":
			a.Choice = -3
			a.Text = q.OtherTexts[r.intn(len(q.OtherTexts))]
		default:
			a.Choice = r.pick(weights(q.Weights, len(q.Labels)))
		}
	case Multi:
		if r.float() < q.BlankP {
			return
		}
		for i := range q.Items {
			w := .35
			if i < len(q.Weights) {
				w = q.Weights[i]
			}
			if r.float() < w {
				a.Chosen = append(a.Chosen, i)
			}
		}
		if q.Other != "" && r.float() < q.OtherP {
			a.Text = q.OtherTexts[r.intn(len(q.OtherTexts))]
		}
		if len(a.Chosen) == 0 && a.Text == "" {
			a.Chosen = []int{r.pick(weights(q.Weights, len(q.Items)))}
		}
	case Scale:
		a.Levels = make([]int, q.items())
		for i := range a.Levels {
			switch u := r.float(); {
			case u < q.BlankP:
				a.Levels[i] = -1
			case u < q.BlankP+q.NoAnswerP && q.NoAnswer != "":
				a.Levels[i] = -2
			default:
				w := weights(q.Weights, len(q.Labels))
				// Items differ: each later item leans a little lower, so a
				// matrix has something to show.
				shift := slices.Clone(w)
				for l := range shift {
					shift[l] *= math.Pow(1+.15*float64(i%4), -float64(l)/float64(len(w)))
				}
				a.Levels[i] = r.pick(shift)
			}
		}
	case NPS:
		if r.float() < q.BlankP {
			return
		}
		a.Has, a.Num = true, r.pick(weights(q.Weights, 11))
	case Numeric:
		if r.float() < q.BlankP {
			return
		}
		a.Has, a.Num = true, q.Min+r.intn(q.Max-q.Min+1)
	case Text:
		if r.float() >= q.TextP {
			return
		}
		switch q.Personal {
		case "name":
			a.Text = p.First + " " + p.Last
		case "email":
			a.Text = p.Email
		case "phone":
			a.Text = p.Phone
		case "handle":
			a.Text = p.Handle
		case "url":
			a.Text = p.URL
		case "panel_id":
			a.Text = p.PanelID
		default:
			a.Text = q.Texts[r.intn(len(q.Texts))]
		}
	case Ranking:
		if r.float() < q.BlankP {
			return
		}
		// A noisy sort by weight: higher weights tend to come first.
		key := make([]float64, len(q.Items))
		for i := range key {
			w := 1.0
			if i < len(q.Weights) {
				w = q.Weights[i]
			}
			key[i] = w + r.norm()
		}
		a.Order = r.perm(len(q.Items))
		slices.SortStableFunc(a.Order, func(x, y int) int {
			switch {
			case key[x] > key[y]:
				return -1
			case key[x] < key[y]:
				return 1
			}
			return 0
		})
	}
}

func weights(w []float64, n int) []float64 {
	if len(w) == n {
		return w
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = 1
	}
	return out
}

// person invents distinct personal data for response i; every value is
// unique to its response so a leak can be traced.
func person(r *rng, i int) Person {
	first := firstNames[r.intn(len(firstNames))]
	last := lastNames[r.intn(len(lastNames))]
	n := strconv.Itoa(100 + i)
	return Person{
		First:   first,
		Last:    last + "-" + n, // unique, still a plausible double name
		Email:   asciiFold(first) + "." + asciiFold(last) + n + "@beispiel-mail.de",
		Phone:   "+49 171 55" + strconv.Itoa(10000+i*37),
		Handle:  "@" + asciiFold(first) + "_" + n,
		URL:     "https://social.example/" + asciiFold(first) + n,
		PanelID: "PNL-" + strconv.Itoa(700000+i*131),
		IP:      "203.0.113." + strconv.Itoa(i%250+1),
	}
}

func times(r *rng, s Survey, rs []Response) {
	day := time.Date(s.Day.Year(), s.Day.Month(), s.Day.Day(), 0, 0, 0, 0, CET)
	days := max(1, s.Days)
	ts := make([]time.Time, len(rs))
	for i := range ts {
		d := r.intn(days)
		ts[i] = day.AddDate(0, 0, d).Add(time.Duration(8*3600+r.intn(14*3600)) * time.Second)
	}
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	for i := range rs {
		rs[i].Submitted = ts[i]
		rs[i].Started = ts[i].Add(-time.Duration(90+r.intn(1200)) * time.Second)
	}
}
