package survey

import (
	"slices"
	"strings"
)

// A Profile is what a column's values look like over every data row: how
// many, which (up to maxDistinct, with counts), how many are numbers,
// dates, marks, personal data. Types are decided from it, never from the
// first rows alone.
type Profile struct {
	N        int            // non-empty values
	Distinct map[string]int // trimmed value → count
	Overflow bool           // more distinct values than Distinct keeps
	Numbers  int            // values that are numbers
	Integers int
	Min, Max float64 // of the numbers
	Dates    int
	Personal int // e-mail addresses, phone numbers, handles, URLs, IPs
	Marks    int // yes/no marks (Y, Ja, Nein, x, 1, 0)
	Missing  int // "N/A", "keine Angabe" …
	Numbered int // "1 – sehr gut"
	Joined   int // cells holding ";" or a line break (MS Forms' "A;B;")
	Commas   int // cells holding a comma between words (Google's "A, B")
	Long     int // values longer than longText
	MaxLen   int
	Big      int // integers of 6 digits or more (ids, seeds)

	info map[string]valueInfo // what each distinct value is, worked out once
	done bool                 // finish has counted the distinct values
}

// valueInfo is what one distinct value is.
type valueInfo struct {
	flags uint16
	num   float64
}

const (
	fNumber uint16 = 1 << iota
	fInteger
	fDate
	fPersonal
	fMark
	fMissing
	fNumbered
	fJoined
	fComma
	fLong
	fBig
)

const (
	maxDistinct = 2000 // distinct values a profile keeps per column
	longText    = 120  // a value this long is free text, not a label
)

func newProfile() *Profile { return &Profile{Distinct: map[string]int{}, info: map[string]valueInfo{}} }

// add counts one trimmed, non-empty value; missing says it means no
// answer. A value seen before costs one map lookup: what it is is counted
// once per distinct value by finish.
func (p *Profile) add(v string, missing func(string) bool) {
	if n, ok := p.Distinct[v]; ok {
		p.Distinct[v] = n + 1
		return
	}
	vi := classifyValue(v, missing)
	p.MaxLen = max(p.MaxLen, len(v))
	if len(p.Distinct) < maxDistinct && len(v) <= 4*longText {
		v = strings.Clone(v)
		p.Distinct[v] = 1
		p.info[v] = vi
		return
	}
	p.Overflow = true
	p.tally(vi, 1)
}

// finish counts what the distinct values are, once profiling is done.
func (p *Profile) finish() {
	if p.done {
		return
	}
	p.done = true
	for v, n := range p.Distinct {
		p.tally(p.info[v], n)
	}
}

func classifyValue(v string, missing func(string) bool) valueInfo {
	var vi valueInfo
	if len(v) > longText {
		vi.flags |= fLong
	}
	if missing(v) {
		vi.flags |= fMissing
		return vi
	}
	if f, ok := parseNumber(v); ok {
		vi.flags |= fNumber
		vi.num = f
		if f == float64(int64(f)) && !strings.ContainsAny(v, ".,") {
			vi.flags |= fInteger
			if f >= 100000 || f <= -100000 {
				vi.flags |= fBig
			}
		}
	} else if _, err := parseTime(v); err == nil {
		vi.flags |= fDate
	} else if _, _, ok := numbered(v); ok {
		vi.flags |= fNumbered
	}
	k := key(v)
	if chosenWords[k] || unchosenWords[k] {
		vi.flags |= fMark
	}
	if personalValue(v) {
		vi.flags |= fPersonal
	}
	if strings.ContainsAny(v, ";\n") {
		vi.flags |= fJoined
	}
	if i := strings.Index(v, ","); i > 0 && i < len(v)-1 && !isNumber(v) {
		vi.flags |= fComma
	}
	return vi
}

// tally adds n values of what vi says.
func (p *Profile) tally(vi valueInfo, n int) {
	p.N += n
	f := vi.flags
	if f&fNumber != 0 {
		if p.Numbers == 0 || vi.num < p.Min {
			p.Min = vi.num
		}
		if p.Numbers == 0 || vi.num > p.Max {
			p.Max = vi.num
		}
	}
	for _, c := range []struct {
		bit uint16
		to  *int
	}{{fNumber, &p.Numbers}, {fInteger, &p.Integers}, {fDate, &p.Dates}, {fPersonal, &p.Personal}, {fMark, &p.Marks},
		{fMissing, &p.Missing}, {fNumbered, &p.Numbered}, {fJoined, &p.Joined}, {fComma, &p.Commas}, {fLong, &p.Long}, {fBig, &p.Big}} {
		if f&c.bit != 0 {
			*c.to += n
		}
	}
}

// answered are the values that are no missing words.
func (p *Profile) answered() int { return p.N - p.Missing }

// Answered is how many values are answers: not empty, not "N/A" or the like.
func (p *Profile) Answered() int { return p.answered() }

// values returns the distinct values that are answers (not missing), most
// frequent first, ties in natural order.
func (p *Profile) values() []string {
	out := make([]string, 0, len(p.Distinct))
	for v := range p.Distinct {
		if p.info[v].flags&fMissing == 0 {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if p.Distinct[a] != p.Distinct[b] {
			return p.Distinct[b] - p.Distinct[a]
		}
		return naturalCompare(a, b)
	})
	return out
}

// missingValues returns the distinct values that mean no answer.
func (p *Profile) missingValues() []string {
	var out []string
	for v := range p.Distinct {
		if p.info[v].flags&fMissing != 0 {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, strings.Compare)
	return out
}

// is says the distinct value v has all of the flags.
func (p *Profile) is(v string, flags uint16) bool { return p.info[v].flags&flags == flags }

// merged returns one profile of several columns' values, for the columns
// of one question.
func merged(ps ...*Profile) *Profile {
	out := newProfile()
	out.done = true // the sums below are counted already
	for _, o := range ps {
		if o == nil {
			continue
		}
		if o.Numbers > 0 {
			if out.Numbers == 0 || o.Min < out.Min {
				out.Min = o.Min
			}
			if out.Numbers == 0 || o.Max > out.Max {
				out.Max = o.Max
			}
		}
		n := out.N
		num := out.Numbers
		out.Numbers = 0 // tally below would move Min/Max
		for v, c := range o.Distinct {
			out.Distinct[v] += c
			out.info[v] = o.info[v]
		}
		out.N = n + o.N
		out.Numbers = num + o.Numbers
		out.Integers += o.Integers
		out.Dates += o.Dates
		out.Personal += o.Personal
		out.Marks += o.Marks
		out.Missing += o.Missing
		out.Numbered += o.Numbered
		out.Joined += o.Joined
		out.Commas += o.Commas
		out.Long += o.Long
		out.Big += o.Big
		out.MaxLen = max(out.MaxLen, o.MaxLen)
		out.Overflow = out.Overflow || o.Overflow
	}
	return out
}
