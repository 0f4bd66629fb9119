package sheets

import (
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey"
)

type answerCount struct {
	Question string `sql:"question"`
	Answer   string `sql:"answer"`
	N        int    `sql:"n"`
}

// choiceCounts are respondents per answer code (single), option (multi)
// and "other" text ("" under a multi question), by question.
func (env *Env) choiceCounts() (map[string]map[string]int, error) {
	if env.counts != nil {
		return env.counts, nil
	}
	rows, err := scan[answerCount](env, "choice_counts", nil)
	if err != nil {
		return nil, err
	}
	env.counts = map[string]map[string]int{}
	for _, r := range rows {
		if env.counts[r.Question] == nil {
			env.counts[r.Question] = map[string]int{}
		}
		env.counts[r.Question][r.Answer] = r.N
	}
	return env.counts, nil
}

// manyLabels is where a single question's table leaves out the answers
// nobody gave (the 16 states of a regional survey).
const manyLabels = 12

var _ = register(builder{name: "single", order: 20, build: buildSingle})

// buildSingle makes a section per single-choice question: respondents
// and share per answer, with Wilson intervals, and a bar chart.
func buildSingle(env *Env) ([]placed, error) {
	counts, err := env.choiceCounts()
	if err != nil {
		return nil, err
	}
	L := env.L
	total := env.facts.responses
	return env.questionSheets(survey.Single, func(q *Question, s *book.Sheet) {
		base := q.Answered
		t := &book.Table{Columns: append([]book.Column{
			internal("code"),
			col("label", i18n.T(L, "sheets.answer"), format.Text),
			col("n", i18n.Column(L, "n"), format.Int),
		}, shareColumns(L)...)}
		for _, l := range q.Labels {
			k := counts[q.ID][l.Code]
			if k == 0 && len(q.Labels) > manyLabels {
				continue
			}
			share, lo, hi := wilson(k, base, env.opt.Rule.Level)
			t.Rows = append(t.Rows, []any{l.Code, l.Text, int64(k), share, lo, hi})
		}
		if miss := total - base; miss > 0 {
			// Not answered: a part of all respondents, no share of those who answered.
			t.Rows = append(t.Rows, []any{nil, i18n.T(L, "sheets.not_answered"), int64(miss), nil, nil, nil})
		}
		t.Protect = respondentsBy(q.ID, "code")
		s.Description = i18n.T(L, "sheets.single_desc", base, total)
		s.Blocks = []book.Block{{Table: t, Chart: &book.Chart{Kind: chart.Bar, X: "label", Y: "share", ErrLow: "ci_low", ErrHigh: "ci_high"}}}
	}), nil
}

var _ = register(builder{name: "multi", order: 30, build: buildMulti})

// buildMulti makes a section per multiple-choice question: the share of
// all respondents choosing each option, with the typed "other" answers.
func buildMulti(env *Env) ([]placed, error) {
	counts, err := env.choiceCounts()
	if err != nil {
		return nil, err
	}
	comments, err := env.comments()
	if err != nil {
		return nil, err
	}
	L := env.L
	total := env.facts.responses
	return env.questionSheets(survey.Multi, func(q *Question, s *book.Sheet) {
		t := &book.Table{Columns: append([]book.Column{
			internal("item"),
			col("item_text", i18n.T(L, "sheets.option"), format.Text),
			col("n", i18n.Column(L, "n"), format.Int),
			col("total", i18n.Column(L, "total"), format.Int),
		}, shareColumns(L)...)}
		for _, it := range q.Items {
			k := counts[q.ID][it.Code]
			share, lo, hi := wilson(k, total, env.opt.Rule.Level)
			t.Rows = append(t.Rows, []any{it.Code, it.Text, int64(k), int64(total), share, lo, hi})
		}
		if k := counts[q.ID][""]; k > 0 {
			share, lo, hi := wilson(k, total, env.opt.Rule.Level)
			t.Rows = append(t.Rows, []any{nil, i18n.T(L, "sheets.other_text"), int64(k), int64(total), share, lo, hi})
		}
		t.Protect = &disclosure.Spec{Counts: []disclosure.Count{
			{Column: "n", Of: disclosure.Answers + q.ID, Item: "item", Values: []string{"share", "ci_low", "ci_high"}},
			{Column: "total", Of: disclosure.Respondents},
		}}
		s.Description = i18n.T(L, "sheets.multi_desc", total)
		s.Blocks = []book.Block{{Table: t, Chart: &book.Chart{Kind: chart.Bar, X: "item_text", Y: "share", ErrLow: "ci_low", ErrHigh: "ci_high", Sort: "desc", Note: i18n.T(L, "sheets.multi_base", total)}}}
		if others := comments[q.ID]; len(others) > 0 {
			ot := &book.Table{Columns: []book.Column{col("text", i18n.T(L, "sheets.answer"), format.Text)}}
			for _, c := range others {
				ot.Rows = append(ot.Rows, []any{c.Text})
			}
			s.Blocks = append(s.Blocks, book.Block{Heading: i18n.T(L, "sheets.other_texts"), Table: ot})
		}
	}), nil
}
