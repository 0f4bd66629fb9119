package sheets

import (
	"strings"
	"time"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// compareQuery is the built-in comparison with the previous wave, whose
// largest change the findings name.
const compareQuery = "compare_last"

// title is the report's title: the survey's own, else a plain one.
func (env *Env) title() string {
	if env.opt.Event.SurveyTitle != "" {
		return env.opt.Event.SurveyTitle
	}
	return i18n.T(env.L, "sheets.report_title")
}

// subtitle names the event, or the compared events.
func (env *Env) subtitle() string {
	if c := env.opt.Compare; len(c) == 2 {
		return i18n.T(env.L, "sheets.compared_title", c[1].Label(), c[0].Label())
	}
	return env.opt.Event.Label()
}

var _ = register(builder{name: "cover", order: 10, build: buildCover, summary: true})

// buildCover makes the first sheet: what the report is about, the key
// findings, the key figures, the respondents by every breakdown, and the
// contents.
func buildCover(env *Env) ([]placed, error) {
	L := env.L
	f := env.facts
	s := book.Sheet{ID: env.sheetID("cover"), Name: env.sheetName(i18n.T(L, "sheets.cover")), Title: env.title(), Role: book.Cover}
	ev := env.opt.Event
	facts := []book.Fact{{Label: i18n.T(L, "sheets.event"), Value: eventName(ev), Format: format.Text}}
	if ev.Date != "" {
		facts = append(facts, book.Fact{Label: i18n.T(L, "sheets.date"), Value: formatDate(L, ev.Date), Format: format.Text})
	}
	if c := env.opt.Compare; len(c) == 2 {
		facts = append(facts, book.Fact{Label: i18n.T(L, "sheets.compared"), Value: eventName(c[0]) + " → " + eventName(c[1]), Format: format.Text})
	}
	if !f.first.IsZero() {
		facts = append(facts, book.Fact{Label: i18n.T(L, "sheets.field_period"), Value: formatDay(L, f.first) + " – " + formatDay(L, f.last), Format: format.Text})
	}
	facts = append(facts, book.Fact{Label: i18n.T(L, "sheets.responses"), Value: int64(f.responses), Format: format.Int})
	if inv := env.opt.Invited; inv > 0 {
		facts = append(facts,
			book.Fact{Label: i18n.T(L, "sheets.invited"), Value: int64(inv), Format: format.Int},
			book.Fact{Label: i18n.T(L, "sheets.response_rate"), Value: float64(f.responses) / float64(inv), Format: format.Pct})
	}
	facts = append(facts, book.Fact{Label: i18n.T(L, "sheets.generated"), Value: env.opt.Now, Format: format.DateTime})
	s.Blocks = append(s.Blocks, book.Block{Facts: facts})

	var paras []book.Para
	for _, x := range env.findings() {
		paras = append(paras, book.Para{Text: x.text, Link: x.sheet})
	}
	if f.rejected > 0 {
		paras = append(paras, book.Para{Text: i18n.T(L, "sheets.rejected_note", f.rejected), Link: env.idOf(book.Appendix, i18n.T(L, "sheets.quality")), Note: true})
	}
	if len(paras) > 0 {
		s.Blocks = append(s.Blocks, book.Block{Heading: i18n.T(L, "sheets.findings"), Paras: paras})
	}
	for _, b := range env.keyFigures() {
		s.Blocks = append(s.Blocks, b)
	}
	counts, err := env.choiceCounts()
	if err != nil {
		return nil, err
	}
	for _, d := range env.Survey.Breakdowns() {
		t := &book.Table{Columns: []book.Column{
			internal("code"), col("label", d.Name(), format.Text),
			col("n", i18n.Column(L, "n"), format.Int), col("share", i18n.Column(L, "share"), format.Pct),
		}}
		given := 0
		for _, l := range d.Labels {
			k := counts[d.ID][l.Code]
			given += k
			if k == 0 {
				continue
			}
			t.Rows = append(t.Rows, []any{l.Code, l.Text, int64(k), float64(k) / float64(max(1, f.responses))})
		}
		if miss := f.responses - given; miss > 0 {
			t.Rows = append(t.Rows, []any{nil, i18n.T(L, "sheets.not_answered"), int64(miss), float64(miss) / float64(f.responses)})
		}
		t.Protect = respondentsBy(d.ID, "code")
		env.hideAsShown(t)
		s.Blocks = append(s.Blocks, book.Block{Heading: i18n.T(L, "sheets.by_dimension", d.Name()), Table: t})
	}
	s.Blocks = append(s.Blocks, book.Block{Paras: []book.Para{{Text: i18n.T(L, "sheets.suppressed_note", env.opt.Rule.MinN), Note: true}}})
	s.Blocks = append(s.Blocks, book.Block{Heading: i18n.T(L, "sheets.contents"), Contents: true})
	return []placed{{group: groupCover, sheet: s}}, nil
}

// keyFigures are the cover's tables of figures: satisfaction and NPS, and
// the headline's highest items — copies of their sections' cells, hidden
// where those are.
func (env *Env) keyFigures() []book.Block {
	L := env.L
	var out []book.Block
	figure := func(label string, src *book.Table, r int, value string, f format.Kind) *book.Table {
		t := &book.Table{Columns: []book.Column{
			col("label", i18n.T(L, "sheets.figure"), format.Text), col("value", i18n.T(L, "sheets.value"), f), col("n", i18n.Column(L, "n"), format.Int),
			col("ci_low", i18n.Column(L, "ci_low"), f), col("ci_high", i18n.Column(L, "ci_high"), f),
		}}
		copyRow(t, src, r, label, value, "n", "ci_low", "ci_high")
		return t
	}
	if q := env.Survey.Role(survey.RoleSatisfaction); q != nil {
		b := 0
		if q.Type == survey.Scale {
			b = 1
		}
		if src := env.table(env.sections[q.ID], b); src != nil && q.Type != survey.Single && len(src.Rows) > 0 {
			out = append(out, book.Block{Heading: i18n.T(L, "sheets.key_figures"), Table: figure(i18n.T(L, "sheets.mean_of", q.Name(), scaleWords(q)), src, 0, "mean", format.Dec1), Link: env.sections[q.ID]})
		}
	}
	for _, q := range env.Survey.Questions {
		if q.Type == survey.NPS {
			if src := env.table(env.sections[q.ID], 0); src != nil {
				out = append(out, book.Block{Heading: i18n.T(L, "sheets.nps_score"), Table: figure(q.Name(), src, 0, "score", format.Signed), Link: env.sections[q.ID]})
			}
			break
		}
	}
	if hq := env.Survey.Headline(); hq != nil {
		if src := env.table(env.sections[hq.ID], 1); src != nil {
			t := &book.Table{Columns: []book.Column{
				col("label", i18n.T(L, "sheets.item"), format.Text), col("value", i18n.Column(L, "mean"), format.Dec1), col("n", i18n.Column(L, "n"), format.Int),
				col("ci_low", i18n.Column(L, "ci_low"), format.Dec1), col("ci_high", i18n.Column(L, "ci_high"), format.Dec1),
			}}
			mc := src.Col("mean")
			order := make([]int, 0, len(src.Rows))
			for r := range src.Rows {
				if !src.IsHidden(r, mc) && src.Rows[r][mc] != nil {
					order = append(order, r)
				}
			}
			sortByDesc(order, func(r int) float64 { return src.Rows[r][mc].(float64) })
			for _, r := range order[:min(3, len(order))] {
				copyRow(t, src, r, src.Rows[r][src.Col("item_text")].(string), "mean", "n", "ci_low", "ci_high")
			}
			if len(t.Rows) > 0 {
				out = append(out, book.Block{Heading: i18n.T(L, "sheets.top_items", hq.Name(), scaleWords(hq)), Table: t, Link: env.sections[hq.ID]})
			}
		}
	}
	return out
}

// copyRow appends a row of label and src's cells of row r, hidden where
// they are hidden.
func copyRow(t, src *book.Table, r int, label string, cols ...string) {
	row := []any{label}
	out := len(t.Rows)
	for i, c := range cols {
		sc := src.Col(c)
		row = append(row, src.Rows[r][sc])
		if src.IsHidden(r, sc) {
			t.Hide(out, i+1)
		}
	}
	t.Rows = append(t.Rows, row)
}

func sortByDesc(idx []int, key func(int) float64) {
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && key(idx[j]) > key(idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
}

// idOf finds a built sheet's id by its role and title.
func (env *Env) idOf(role book.Role, title string) string {
	for id, s := range env.built {
		if s.Role == role && s.Title == title {
			return id
		}
	}
	return ""
}

func eventName(e Event) string {
	if e.Title != "" {
		return e.Title + " (" + e.ID + ")"
	}
	return e.ID
}

// formatDate prints an ISO date (2025-11-13) as readers expect it:
// 13.11.2025 or 13 November 2025; other text as it is.
func formatDate(L, iso string) string {
	d, err := time.Parse("2006-01-02", strings.TrimSpace(iso))
	if err != nil {
		return iso
	}
	return formatDay(L, d)
}

func formatDay(L string, d time.Time) string {
	if L == "en" {
		return d.Format("2 January 2006")
	}
	return d.Format("02.01.2006")
}
