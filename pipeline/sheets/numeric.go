package sheets

import (
	"math"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// maxValues is how many distinct values a numeric question's distribution
// lists one by one; more are put in bins.
const maxValues = 15

var _ = register(builder{name: "numeric", order: 50, build: buildNumeric})

// buildNumeric makes a section per numeric question: n, mean with its
// interval and quartiles, and the distribution. No minimum or maximum:
// each is one person's answer.
func buildNumeric(env *Env) ([]placed, error) {
	ds, err := env.dists()
	if err != nil {
		return nil, err
	}
	L := env.L
	return env.questionSheets(survey.Numeric, func(q *Question, s *book.Sheet) {
		d := ds.of(q.ID, "")
		sm := d.summary(env.opt.Rule.Level)
		st := &book.Table{Columns: []book.Column{
			col("n", i18n.Column(L, "n"), format.Int), col("mean", i18n.Column(L, "mean"), format.Dec1),
			col("sd", i18n.Column(L, "sd"), format.Dec1), col("ci_low", i18n.Column(L, "ci_low"), format.Dec1), col("ci_high", i18n.Column(L, "ci_high"), format.Dec1),
			col("q1", i18n.T(L, "sheets.q1"), format.Dec1), col("median", i18n.T(L, "sheets.median"), format.Dec1), col("q3", i18n.T(L, "sheets.q3"), format.Dec1),
		}, Rows: [][]any{{int64(sm.n), nan(sm.mean), nan(sm.sd), nan(sm.ciLo), nan(sm.ciHi), nan(sm.q1), nan(sm.med), nan(sm.q3)}}}
		st.Protect = answersTo(q.ID, "")
		dt := distTable(L, q, d)
		s.Description = i18n.T(L, "sheets.numeric_desc", sm.n)
		s.Blocks = []book.Block{
			{Heading: i18n.T(L, "sheets.summary_block"), Table: st},
			{Heading: i18n.T(L, "sheets.distribution"), Table: dt, Chart: &book.Chart{Kind: chart.Bar, X: "label", Y: "n"}},
		}
	}), nil
}

// distTable lists how many gave each value, with its label where the
// question has one ("4 – zufrieden"), or, for many distinct values, bins
// of equal width.
func distTable(L string, q *Question, d *dist) *book.Table {
	t := &book.Table{Columns: []book.Column{
		internal("value"), col("label", i18n.T(L, "sheets.value"), format.Text),
		col("n", i18n.Column(L, "n"), format.Int), col("share", i18n.Column(L, "share"), format.Pct),
	}}
	total := d.n()
	share := func(k int) any {
		if total == 0 {
			return nil
		}
		return float64(k) / float64(total)
	}
	var values []float64
	if lv := levels(q); len(lv) > 0 && len(lv) <= maxValues && q.Scaled() {
		for v := q.Min; v <= q.Max; v++ {
			values = append(values, v)
		}
	} else if len(d.values) <= maxValues {
		values = d.values
	}
	if values != nil || total == 0 {
		for _, v := range values {
			label := num(v)
			if l := q.label("", v); l != "" && l != label {
				label += " – " + l
			}
			k := d.count(v)
			t.Rows = append(t.Rows, []any{v, label, int64(k), share(k)})
		}
		t.Protect = levelSpec{of: disclosure.Answers + q.ID, n: "n"}
		return t
	}
	lo, hi := d.values[0], d.values[len(d.values)-1]
	width := niceWidth((hi - lo) / 10)
	start := math.Floor(lo/width) * width
	for b := start; b <= hi; b += width {
		k := 0
		for i, v := range d.values {
			if v >= b && v < b+width {
				k += d.counts[i]
			}
		}
		t.Rows = append(t.Rows, []any{b, i18n.T(L, "sheets.from_to", num(b), num(b+width)), int64(k), share(k)})
	}
	t.Protect = levelSpec{of: disclosure.Answers + q.ID, n: "n"}
	return t
}

// niceWidth rounds a bin width up to 1, 2 or 5 times a power of ten.
func niceWidth(w float64) float64 {
	if !(w > 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(w)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= w {
			return m * p
		}
	}
	return 10 * p
}
