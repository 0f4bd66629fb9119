package sheets

import (
	"path/filepath"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
)

// rejectsOnPage is how many rejected values the web page lists; the
// workbook has all.
const rejectsOnPage = 200

var _ = register(builder{name: "methods", order: 120, build: buildMethods, summary: true})

// buildMethods makes the methods sheet: what was asked with how many
// answered, how the figures are computed, and the rule applied.
func buildMethods(env *Env) ([]placed, error) {
	L := env.L
	t := &book.Table{Columns: []book.Column{
		internal("question"), col("question_text", i18n.T(L, "sheets.question"), format.Text),
		col("type", i18n.Column(L, "type"), format.Text), col("n", i18n.T(L, "sheets.answered"), format.Int),
	}}
	for _, q := range env.Survey.Questions {
		t.Rows = append(t.Rows, []any{q.ID, q.Text, i18n.Type(L, q.Type), int64(q.Answered)})
	}
	for r, q := range env.Survey.Questions {
		if env.answeredHidden(q) {
			hideRow(t, r)
		}
	}
	var paras []book.Para
	for _, p := range methodParagraphs(env.opt.Rule, L, env.opt.Weights != "", env.weighted, env.marginsNames(), filepath.Base(env.opt.Weights)) {
		paras = append(paras, book.Para{Text: p})
	}
	paras = append(paras, book.Para{Text: i18n.T(L, "sheets.nps_method")})
	if env.hidden != nil {
		// What the audit checked of the protection, with its figures.
		paras = append(paras, book.Para{Text: env.hidden.Audit.Methods(env.opt.Rule, L)})
	}
	s := book.Sheet{ID: env.sheetID("methods"), Name: env.sheetName(i18n.T(L, "sheets.methods")), Title: i18n.T(L, "sheets.methods"), Role: book.Appendix}
	s.Blocks = []book.Block{
		{Heading: i18n.T(L, "sheets.what_asked"), Table: t},
		{Heading: i18n.T(L, "sheets.how_computed"), Paras: paras},
		{Heading: i18n.T(L, "sheets.rule_applied"), Paras: []book.Para{{Text: i18n.T(L, "sheets.rule_text", env.opt.Rule.MinN)}}},
	}
	return []placed{{group: groupAppendix, order: 1, sheet: s}}, nil
}

// methodParagraphs are stats.Methods, whose last paragraph, on weighting
// "where a result is marked as weighted", is made true of this report.
func methodParagraphs(rule disclosure.Rule, L string, weighted bool, sheet, margins, file string) []string {
	ps := disclosure.Methods(rule, L)
	last := len(ps) - 1
	if !weighted {
		ps[last] = i18n.T(L, "sheets.no_weighting")
		return ps
	}
	ps[last] += " " + i18n.T(L, "sheets.weighting_here", sheet, margins, file)
	return ps
}

func (env *Env) marginsNames() string {
	if env.opt.Weights == "" {
		return ""
	}
	m, err := LoadMargins(env.opt.Weights)
	if err != nil {
		return ""
	}
	return env.marginNames(m)
}

var _ = register(builder{name: "codebook", order: 130, build: buildCodebook})

// buildCodebook makes the codebook sheet: every question and item with
// its answer codes.
func buildCodebook(env *Env) ([]placed, error) {
	qt, err := env.run("codebook")
	if err != nil {
		return nil, err
	}
	t := plainTable(env.L, qt)
	if c := t.Col("type"); c >= 0 {
		for _, row := range t.Rows {
			if s, ok := row[c].(string); ok {
				row[c] = i18n.Type(env.L, s)
			}
		}
	}
	s := book.Sheet{ID: env.sheetID("codebook"), Name: env.sheetName(i18n.T(env.L, "sheets.codebook")), Title: i18n.T(env.L, "sheets.codebook"), Role: book.Appendix}
	s.Blocks = []book.Block{{Table: t}}
	return []placed{{group: groupAppendix, order: 2, sheet: s}}, nil
}

var _ = register(builder{name: "data quality", order: 140, build: buildQuality})

// buildQuality makes the data-quality sheet: the files imported and every
// value the import rejected, with where it was and why.
func buildQuality(env *Env) ([]placed, error) {
	L := env.L
	it, err := env.run("imports")
	if err != nil {
		return nil, err
	}
	rt, err := env.run("rejects")
	if err != nil {
		return nil, err
	}
	s := book.Sheet{ID: env.sheetID("quality"), Name: env.sheetName(i18n.T(L, "sheets.quality")), Title: i18n.T(L, "sheets.quality"), Role: book.Appendix}
	rejects := book.Block{Heading: i18n.T(L, "sheets.rejects"), Table: plainTable(L, rt)}
	rejects.Table.Limit = rejectsOnPage
	if len(rt.Rows) == 0 {
		rejects = book.Block{Heading: i18n.T(L, "sheets.rejects"), Paras: []book.Para{{Text: i18n.T(L, "sheets.no_rejects")}}}
	}
	s.Blocks = []book.Block{{Heading: i18n.T(L, "sheets.files"), Table: plainTable(L, it)}, rejects}
	return []placed{{group: groupAppendix, order: 3, sheet: s}}, nil
}

// plainTable shows a query's table as it is, with readable headings.
func plainTable(L string, t *query.Table) *book.Table {
	out := &book.Table{Rows: t.Rows}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, book.Column{Key: c, Heading: i18n.Column(L, c)})
	}
	return out
}
