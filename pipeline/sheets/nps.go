package sheets

import (
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/stats"
	"github.com/resonanz/resonanz/pipeline/survey"
)

var _ = register(builder{name: "net promoter score", order: 60, build: buildNPS})

// buildNPS makes a section per NPS question: the 0–10 distribution, the
// shares of promoters, passives and detractors, and the score with its
// interval.
func buildNPS(env *Env) ([]placed, error) {
	ds, err := env.dists()
	if err != nil {
		return nil, err
	}
	L := env.L
	return env.questionSheets(survey.NPS, func(q *Question, s *book.Sheet) {
		d := ds.of(q.ID, "")
		n := d.n()
		dt := &book.Table{Columns: []book.Column{
			internal("value"), col("label", i18n.T(L, "sheets.value"), format.Text),
			col("n", i18n.Column(L, "n"), format.Int), col("share", i18n.Column(L, "share"), format.Pct),
		}}
		for v := 0.0; v <= 10; v++ {
			k := d.count(v)
			var share any
			if n > 0 {
				share = float64(k) / float64(n)
			}
			dt.Rows = append(dt.Rows, []any{v, num(v), int64(k), share})
		}
		dt.Protect = levelSpec{of: disclosure.Answers + q.ID, n: "n"}
		pro, det := d.atLeast(9), n-d.atLeast(7)
		pas := n - pro - det
		gt := &book.Table{Columns: append([]book.Column{
			internal("group"), col("label", i18n.T(L, "sheets.group"), format.Text), col("n", i18n.Column(L, "n"), format.Int),
		}, shareColumns(L)...)}
		for _, g := range []struct {
			code, key string
			k         int
		}{{"promoters", "sheets.promoters", pro}, {"passives", "sheets.passives", pas}, {"detractors", "sheets.detractors", det}} {
			share, lo, hi := wilson(g.k, n, env.opt.Rule.Level)
			gt.Rows = append(gt.Rows, []any{g.code, i18n.T(L, g.key), int64(g.k), share, lo, hi})
		}
		gt.Protect = levelSpec{of: disclosure.Answers + q.ID, n: "n"}
		score, lo, hi := stats.NPS(pro, det, n, env.opt.Rule.Level)
		nt := &book.Table{Columns: []book.Column{
			col("n", i18n.Column(L, "n"), format.Int), col("score", i18n.T(L, "sheets.nps_short"), format.Signed),
			col("ci_low", i18n.Column(L, "ci_low"), format.Signed), col("ci_high", i18n.Column(L, "ci_high"), format.Signed),
		}, Rows: [][]any{{int64(n), nan(score), nan(lo), nan(hi)}}}
		nt.Protect = answersTo(q.ID, "")
		s.Description = i18n.T(L, "sheets.nps_desc", n)
		s.Blocks = []book.Block{
			{Heading: i18n.T(L, "sheets.nps_score"), Table: nt},
			{Heading: i18n.T(L, "sheets.nps_groups"), Table: gt, Chart: &book.Chart{Kind: chart.Bar, X: "label", Y: "share", ErrLow: "ci_low", ErrHigh: "ci_high"}},
			{Heading: i18n.T(L, "sheets.distribution"), Table: dt, Chart: &book.Chart{Kind: chart.Bar, X: "label", Y: "n"}},
		}
	}), nil
}
