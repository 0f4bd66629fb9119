package sheets

import (
	"math"
	"sort"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// col makes a column.
func col(key, heading string, f format.Kind) book.Column {
	return book.Column{Key: key, Heading: heading, Format: f}
}

// internal makes a column kept for linking and disclosure, not shown.
func internal(key string) book.Column {
	return book.Column{Key: key, Heading: key, Format: format.Text, Internal: true}
}

// nan turns NaN and infinities into nil: no value.
func nan(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

// dist is the distribution of a numeric answer: how many gave each value.
type dist struct {
	values []float64 // ascending
	counts []int
}

func (d *dist) add(v float64, n int) {
	i := sort.SearchFloat64s(d.values, v)
	if i < len(d.values) && d.values[i] == v {
		d.counts[i] += n
		return
	}
	d.values = append(d.values, 0)
	d.counts = append(d.counts, 0)
	copy(d.values[i+1:], d.values[i:])
	copy(d.counts[i+1:], d.counts[i:])
	d.values[i], d.counts[i] = v, n
}

func (d *dist) n() int {
	n := 0
	for _, c := range d.counts {
		n += c
	}
	return n
}

func (d *dist) count(v float64) int {
	i := sort.SearchFloat64s(d.values, v)
	if i < len(d.values) && d.values[i] == v {
		return d.counts[i]
	}
	return 0
}

// atLeast counts the answers ≥ v.
func (d *dist) atLeast(v float64) int {
	k := 0
	for i, x := range d.values {
		if x >= v {
			k += d.counts[i]
		}
	}
	return k
}

// summary is a distribution's n, mean, sample standard deviation and the
// t interval of the mean (stats.MeanCI, as the SQL macros compute it).
type summary struct {
	n           int
	mean, sd    float64
	ciLo, ciHi  float64
	q1, med, q3 float64
}

func (d *dist) summary(level float64) summary {
	s := summary{n: d.n(), mean: math.NaN(), sd: math.NaN(), ciLo: math.NaN(), ciHi: math.NaN(), q1: math.NaN(), med: math.NaN(), q3: math.NaN()}
	if s.n == 0 {
		return s
	}
	var sum float64
	for i, v := range d.values {
		sum += v * float64(d.counts[i])
	}
	s.mean = sum / float64(s.n)
	if s.n > 1 {
		var ss float64
		for i, v := range d.values {
			ss += (v - s.mean) * (v - s.mean) * float64(d.counts[i])
		}
		s.sd = math.Sqrt(ss / float64(s.n-1))
		s.ciLo, s.ciHi = stats.MeanCI(s.n, s.mean, s.sd, level)
	}
	s.q1, s.med, s.q3 = d.quantile(0.25), d.quantile(0.5), d.quantile(0.75)
	return s
}

// quantile is the p-quantile by linear interpolation between order
// statistics (R's type 7, the default of quantile() and of DuckDB's
// quantile_cont).
func (d *dist) quantile(p float64) float64 {
	n := d.n()
	if n == 0 {
		return math.NaN()
	}
	h := p * float64(n-1)
	lo := int(math.Floor(h))
	return d.at(lo) + (h-float64(lo))*(d.at(min(lo+1, n-1))-d.at(lo))
}

// at is the k-th smallest answer (from 0).
func (d *dist) at(k int) float64 {
	for i, c := range d.counts {
		if k < c {
			return d.values[i]
		}
		k -= c
	}
	return d.values[len(d.values)-1]
}

// shareColumns hold what wilson gives: the share and its interval.
func shareColumns(L string) []book.Column {
	return []book.Column{
		col("share", i18n.Column(L, "share"), format.Pct),
		col("ci_low", i18n.Column(L, "ci_low"), format.Pct),
		col("ci_high", i18n.Column(L, "ci_high"), format.Pct),
	}
}

// wilson is the share k/n with its Wilson interval; nil values for n = 0.
func wilson(k, n int, level float64) (share, lo, hi any) {
	if n <= 0 {
		return nil, nil, nil
	}
	l, h := stats.Wilson(k, n, level)
	return float64(k) / float64(n), nan(l), nan(h)
}

// hideSmall applies the primary rule to every row of t whose count in
// column n is below minN (and above 0): all its numbers are hidden.
func hideSmall(t *book.Table, n string, rule disclosure.Rule) {
	c := t.Col(n)
	if c < 0 {
		return
	}
	for r, row := range t.Rows {
		k, ok := row[c].(int64)
		if !ok || !rule.Hide(int(k)) {
			continue
		}
		hideRow(t, r)
	}
}

// hideRow hides every number of row r.
func hideRow(t *book.Table, r int) {
	for c, v := range t.Rows[r] {
		switch v.(type) {
		case int64, float64, nil:
			if !t.Columns[c].Internal && t.Columns[c].Format != format.Text {
				t.Hide(r, c)
			}
		}
	}
}
