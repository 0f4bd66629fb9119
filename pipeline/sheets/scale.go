package sheets

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey"
)

type valueCount struct {
	Question string  `sql:"question"`
	Item     string  `sql:"item"`
	Value    float64 `sql:"value"`
	N        int     `sql:"n"`
}

// distSet holds the distributions of every numeric answer: question →
// item ("" for a question in one column) → values.
type distSet map[string]map[string]*dist

// of is the distribution of a question's item, empty where nobody answered.
func (ds distSet) of(question, item string) *dist {
	if d := ds[question][item]; d != nil {
		return d
	}
	return &dist{}
}

// dists reads the distributions of every numeric answer once.
func (env *Env) dists() (distSet, error) {
	if env.distCache != nil {
		return env.distCache, nil
	}
	rows, err := scan[valueCount](env, "values", nil)
	if err != nil {
		return nil, err
	}
	out := distSet{}
	for _, r := range rows {
		if out[r.Question] == nil {
			out[r.Question] = map[string]*dist{}
		}
		d := out[r.Question][r.Item]
		if d == nil {
			d = &dist{}
			out[r.Question][r.Item] = d
		}
		d.add(r.Value, r.N)
	}
	env.distCache = out
	return out, nil
}

// level is one answer level of a scale: its value and text.
type level struct {
	value float64
	text  string
}

// levels are a scale's answer levels: every whole number of its range and
// its labels, a level's text its label where it has one. A scale labelled
// at its ends only ("1 - It doesn't matter to me" … "5 - It's extremely
// important", as a real Google Forms export has it) has all five levels.
func levels(q *Question) []level {
	text := map[float64]string{}
	var out []level
	for _, l := range q.Labels {
		if !math.IsNaN(l.Value) {
			if _, ok := text[l.Value]; !ok {
				out = append(out, level{l.Value, l.Text})
			}
			text[l.Value] = l.Text
		}
	}
	labelled := len(out)
	if q.Scaled() && q.Max-q.Min <= 20 {
		for v := math.Ceil(q.Min); v <= q.Max; v++ {
			if _, ok := text[v]; !ok {
				out = append(out, level{v, num(v)})
			}
		}
	}
	if len(out) > labelled {
		// Levels filled in: in the scale's order. Labels alone keep the
		// definition's.
		slices.SortStableFunc(out, func(a, b level) int { return cmp.Compare(a.value, b.value) })
	}
	return out
}

// scaleWords says what the ends of a scale mean: "1 = sehr gering … 5 =
// sehr hoch", or "1–5". A label that starts with its number ("1 - It
// doesn't matter to me", "10 (äußerst wahrscheinlich)") says it once.
func scaleWords(q *Question) string {
	ls := levels(q)
	end := func(l level) string {
		n := num(l.value)
		if rest, ok := strings.CutPrefix(l.text, n); ok && rest != "" && strings.ContainsRune(" -–—=:.)(", []rune(rest)[0]) {
			return l.text
		}
		return n + " = " + l.text
	}
	if len(ls) >= 2 && ls[0].text != num(ls[0].value) {
		return end(ls[0]) + " … " + end(ls[len(ls)-1])
	}
	if q.Scaled() {
		return num(q.Min) + "–" + num(q.Max)
	}
	return ""
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

var _ = register(builder{name: "scale", order: 40, build: buildScale})

// buildScale makes a section per scale (matrix) question: the Likert
// distribution per item, and means with intervals and the top-2 share.
func buildScale(env *Env) ([]placed, error) {
	ds, err := env.dists()
	if err != nil {
		return nil, err
	}
	L := env.L
	return env.questionSheets(survey.Scale, func(q *Question, s *book.Sheet) {
		lv := levels(q)
		dt := &book.Table{Columns: []book.Column{internal("item"), col("item_text", i18n.T(L, "sheets.item"), format.Text), col("n", i18n.Column(L, "n"), format.Int)}}
		var wide []string
		for _, l := range lv {
			key := "share_" + strings.ReplaceAll(num(l.value), "-", "m")
			dt.Columns = append(dt.Columns, col(key, l.text, format.Pct))
			wide = append(wide, key)
		}
		dt.Columns = append(dt.Columns, col("mean", i18n.Column(L, "mean"), format.Dec1))
		mt := &book.Table{Columns: []book.Column{
			internal("item"), col("item_text", i18n.T(L, "sheets.item"), format.Text), col("n", i18n.Column(L, "n"), format.Int),
			col("mean", i18n.Column(L, "mean"), format.Dec1), col("ci_low", i18n.Column(L, "ci_low"), format.Dec1), col("ci_high", i18n.Column(L, "ci_high"), format.Dec1),
			col("top2_share", i18n.Column(L, "top2_share"), format.Pct), col("top2_ci_low", i18n.Column(L, "top2_ci_low"), format.Pct), col("top2_ci_high", i18n.Column(L, "top2_ci_high"), format.Pct),
		}}
		top2From := math.NaN()
		if len(lv) >= 2 {
			top2From = lv[len(lv)-2].value
		} else if q.Scaled() {
			top2From = q.Max - 1
		}
		for _, it := range q.Items {
			d := ds.of(q.ID, it.Code)
			s := d.summary(env.opt.Rule.Level)
			row := []any{it.Code, it.Text, int64(s.n)}
			for _, l := range lv {
				var share any
				if s.n > 0 {
					share = float64(d.count(l.value)) / float64(s.n)
				}
				row = append(row, share)
			}
			row = append(row, nan(s.mean))
			dt.Rows = append(dt.Rows, row)
			t2, t2lo, t2hi := wilson(d.atLeast(top2From), s.n, env.opt.Rule.Level)
			mt.Rows = append(mt.Rows, []any{it.Code, it.Text, int64(s.n), nan(s.mean), nan(s.ciLo), nan(s.ciHi), t2, t2lo, t2hi})
		}
		// Shares rest on the item's base: a row is hidden with it.
		dt.Protect = answersTo(q.ID, "item")
		mt.Protect = answersTo(q.ID, "item")
		var ymin, ymax *float64
		if q.Scaled() {
			lo, hi := q.Min, q.Max
			ymin, ymax = &lo, &hi
		}
		s.Description = i18n.T(L, "sheets.scale_desc", scaleWords(q))
		s.Blocks = []book.Block{
			{Heading: i18n.T(L, "sheets.distribution"), Table: dt, Chart: &book.Chart{Kind: chart.Diverging, X: "item_text", Y: "share", Wide: wide}},
			{Heading: i18n.T(L, "sheets.means"), Table: mt, Chart: &book.Chart{Kind: chart.Bar, X: "item_text", Y: "mean", ErrLow: "ci_low", ErrHigh: "ci_high", YMin: ymin, YMax: ymax}},
		}
	}), nil
}
