package sheets

import (
	"sort"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey"
)

var _ = register(builder{name: "ranking", order: 70, build: buildRanking})

// buildRanking makes a section per ranking question: each item's mean
// rank with its interval and the share who ranked it first, best first.
func buildRanking(env *Env) ([]placed, error) {
	ds, err := env.dists()
	if err != nil {
		return nil, err
	}
	L := env.L
	return env.questionSheets(survey.Ranking, func(q *Question, s *book.Sheet) {
		base := q.Answered
		t := &book.Table{Columns: []book.Column{
			internal("item"), col("item_text", i18n.T(L, "sheets.item"), format.Text), col("n", i18n.Column(L, "n"), format.Int),
			col("mean_rank", i18n.T(L, "sheets.mean_rank"), format.Dec1), col("ci_low", i18n.Column(L, "ci_low"), format.Dec1), col("ci_high", i18n.Column(L, "ci_high"), format.Dec1),
			col("first_n", i18n.T(L, "sheets.first_n"), format.Int), col("first_share", i18n.T(L, "sheets.first_share"), format.Pct),
			col("first_ci_low", i18n.T(L, "sheets.first_ci_low"), format.Pct), col("first_ci_high", i18n.T(L, "sheets.first_ci_high"), format.Pct),
		}}
		type row struct {
			vals []any
			mean float64
		}
		var rows []row
		for _, it := range q.Items {
			d := ds.of(q.ID, it.Code)
			s := d.summary(env.opt.Rule.Level)
			first := d.count(1)
			share, lo, hi := wilson(first, base, env.opt.Rule.Level)
			rows = append(rows, row{[]any{it.Code, it.Text, int64(s.n), nan(s.mean), nan(s.ciLo), nan(s.ciHi), int64(first), share, lo, hi}, s.mean})
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].mean < rows[j].mean })
		for _, r := range rows {
			t.Rows = append(t.Rows, r.vals)
		}
		t.Protect = answersTo(q.ID, "item")
		lo, hi := 1.0, float64(max(2, len(q.Items)))
		s.Description = i18n.T(L, "sheets.ranking_desc", base)
		s.Blocks = []book.Block{{Table: t, Chart: &book.Chart{Kind: chart.Bar, X: "item_text", Y: "mean_rank", ErrLow: "ci_low", ErrHigh: "ci_high", YMin: &lo, YMax: &hi}}}
	}), nil
}
