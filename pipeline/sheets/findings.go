package sheets

import (
	"math"
	"sort"
	"strings"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// A finding is one sentence of the cover, written from cells of the
// report's tables that disclosure left shown, pointing at their sheet.
type finding struct {
	text  string
	sheet string // the sheet's id
	cells []cell // every figure the sentence quotes
}

// cell is a figure of a sheet's table.
type cell struct {
	sheet      string
	block, row int
	col        string
}

// maxFindings caps the cover's findings.
const maxFindings = 6

// findings writes the cover's key findings, most telling first.
func (env *Env) findings() []finding {
	var out []finding
	for _, f := range []func() []finding{env.ratedFinding, env.groupFinding, env.changeFinding, env.satisfactionFinding, env.npsFinding, env.choiceFinding} {
		for _, x := range f() {
			if len(out) < maxFindings && env.shown(x.cells) {
				out = append(out, x)
			}
		}
	}
	return out
}

// shown reports whether every cell is there and not hidden.
func (env *Env) shown(cells []cell) bool {
	for _, c := range cells {
		t := env.table(c.sheet, c.block)
		if t == nil {
			return false
		}
		ci := t.Col(c.col)
		if ci < 0 || c.row >= len(t.Rows) || t.IsHidden(c.row, ci) || t.Rows[c.row][ci] == nil {
			return false
		}
	}
	return true
}

// table is block b's table of a built sheet; nil when there is none.
func (env *Env) table(id string, b int) *book.Table {
	s := env.built[id]
	if s == nil || b >= len(s.Blocks) {
		return nil
	}
	return s.Blocks[b].Table
}

// value reads a cell as a number.
func (env *Env) value(c cell) float64 {
	t := env.table(c.sheet, c.block)
	switch v := t.Rows[c.row][t.Col(c.col)].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return math.NaN()
}

func (env *Env) text(c cell) string {
	t := env.table(c.sheet, c.block)
	s, _ := t.Rows[c.row][t.Col(c.col)].(string)
	return s
}

// figure formats a cell as the report shows it.
func (env *Env) figure(c cell, f format.Kind) string { return report.Text(env.L, f, nan(env.value(c))) }

// interval is "4,2–4,4" of a row's ci columns.
func (env *Env) interval(c cell, lo, hi string, f format.Kind) string {
	sep := "–"
	if f == format.Signed {
		sep = i18n.T(env.L, "sheets.to") // "−14,2 bis +11,5": a dash would read as a minus
	}
	return env.figure(cell{c.sheet, c.block, c.row, lo}, f) + sep + env.figure(cell{c.sheet, c.block, c.row, hi}, f)
}

// rows returns the cells of a row's columns.
func rowCells(sheet string, block, row int, cols ...string) []cell {
	out := make([]cell, len(cols))
	for i, c := range cols {
		out[i] = cell{sheet, block, row, c}
	}
	return out
}

// ratedFinding: the headline scale's highest and lowest rated items, with
// their intervals.
func (env *Env) ratedFinding() []finding {
	hq := env.Survey.Headline()
	if hq == nil {
		return nil
	}
	id := env.sections[hq.ID]
	t := env.table(id, 1) // means and top-2
	if t == nil {
		return nil
	}
	best, worst := -1, -1
	for r := range t.Rows {
		if !env.shown(rowCells(id, 1, r, "mean", "ci_low", "ci_high", "n")) {
			continue
		}
		m := env.value(cell{id, 1, r, "mean"})
		if best < 0 || m > env.value(cell{id, 1, best, "mean"}) {
			best = r
		}
		if worst < 0 || m < env.value(cell{id, 1, worst, "mean"}) {
			worst = r
		}
	}
	if best < 0 {
		return nil
	}
	say := func(r int) (string, []cell) {
		c := cell{id, 1, r, "mean"}
		return i18n.T(env.L, "sheets.f_item", env.text(cell{id, 1, r, "item_text"}), env.figure(c, format.Dec1),
			env.interval(c, "ci_low", "ci_high", format.Dec1), env.figure(cell{id, 1, r, "n"}, format.Int)), rowCells(id, 1, r, "mean", "ci_low", "ci_high", "n")
	}
	hi, hc := say(best)
	if worst == best || len(t.Rows) < 2 {
		return []finding{{text: i18n.T(env.L, "sheets.f_rated_one", hq.Name(), hi), sheet: id, cells: hc}}
	}
	lo, lc := say(worst)
	return []finding{{text: i18n.T(env.L, "sheets.f_rated", hq.Name(), hi, lo), sheet: id, cells: append(hc, lc...)}}
}

// groupFinding: the groups whose headline mean differs significantly from
// the other respondents' (▲/▼ of the breakdown tables), strongest first;
// or that none does.
func (env *Env) groupFinding() []finding {
	hq := env.Survey.Headline()
	if hq == nil || len(env.Survey.Breakdowns()) == 0 {
		return nil
	}
	type hit struct {
		sheet string
		row   int
		mark  string
		p     float64
		dim   *Question
	}
	var hits []hit
	var dims []string
	first := ""
	for _, d := range env.Survey.Breakdowns() {
		id := env.splitSheets[byGroupQuery+"\x00"+d.ID]
		t := env.table(id, 0)
		if t == nil {
			continue
		}
		if first == "" {
			first = id
		}
		dims = append(dims, d.Name())
		mc, pc := t.Col("mean"), t.Col("p_adj")
		for r := range t.Rows {
			m := t.Mark(r, mc)
			if m == "" || !env.shown(rowCells(id, 0, r, "mean", "n", "grp_name", "item_text")) {
				continue
			}
			p := 1.0
			if pc >= 0 {
				if x, ok := t.Rows[r][pc].(float64); ok {
					p = x
				}
			}
			hits = append(hits, hit{id, r, m, p, d})
		}
	}
	if first == "" {
		return nil
	}
	if len(hits) == 0 {
		return []finding{{text: i18n.T(env.L, "sheets.f_no_groups", i18n.Join(env.L, dims), hq.Name()), sheet: first}}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].p < hits[j].p })
	var parts []string
	var cells []cell
	for _, h := range hits[:min(3, len(hits))] {
		key := "sheets.f_higher"
		if h.mark == "▼" {
			key = "sheets.f_lower"
		}
		c := cell{h.sheet, 0, h.row, "mean"}
		parts = append(parts, i18n.T(env.L, key, env.text(cell{h.sheet, 0, h.row, "grp_name"}), env.text(cell{h.sheet, 0, h.row, "item_text"}),
			env.figure(c, format.Dec1), env.figure(cell{h.sheet, 0, h.row, "n"}, format.Int)))
		cells = append(cells, rowCells(h.sheet, 0, h.row, "mean", "n")...)
	}
	more := ""
	if len(hits) > 3 {
		more = i18n.T(env.L, "sheets.f_more", len(hits)-3)
	}
	return []finding{{text: i18n.T(env.L, "sheets.f_groups", hq.Name(), strings.Join(parts, "; "), more), sheet: hits[0].sheet, cells: cells}}
}

// changeFinding: the largest change of a headline item against the
// previous wave, significant ones first.
func (env *Env) changeFinding() []finding {
	id := env.splitSheets[compareQuery+"\x00"]
	t := env.table(id, 0)
	if t == nil {
		return nil
	}
	ch, mc, ic, ec := t.Col("change"), t.Col("mean"), t.Col("item"), t.Col("event_title")
	if ch < 0 || mc < 0 || ic < 0 || ec < 0 {
		return nil
	}
	best, bestSig := -1, false
	for r, row := range t.Rows {
		c, ok := row[ch].(float64)
		if !ok || r == 0 || !env.shown(rowCells(id, 0, r, "change", "mean")) || !env.shown(rowCells(id, 0, r-1, "mean")) || t.Rows[r-1][ic] != row[ic] {
			continue
		}
		sig := t.Mark(r, mc) != ""
		if best < 0 || sig && !bestSig || sig == bestSig && math.Abs(c) > math.Abs(t.Rows[best][ch].(float64)) {
			best, bestSig = r, sig
		}
	}
	if best < 0 {
		return nil
	}
	prev := cell{id, 0, best - 1, "mean"}
	now := cell{id, 0, best, "mean"}
	key := "sheets.f_change"
	if bestSig {
		key = "sheets.f_change_sig"
		if env.value(now) < env.value(prev) {
			key = "sheets.f_change_down"
		} else {
			key = "sheets.f_change_up"
		}
	}
	text := i18n.T(env.L, key, env.text(cell{id, 0, best - 1, "event_title"}), env.text(cell{id, 0, best, "item_text"}),
		env.figure(prev, format.Dec1), env.figure(now, format.Dec1))
	return []finding{{text: text, sheet: id, cells: []cell{prev, now, {id, 0, best, "change"}}}}
}

// satisfactionFinding: the overall satisfaction with its interval and n.
func (env *Env) satisfactionFinding() []finding {
	q := env.Survey.Role(survey.RoleSatisfaction)
	if q == nil {
		return nil
	}
	id := env.sections[q.ID]
	var c cell
	switch q.Type {
	case survey.Numeric:
		c = cell{id, 0, 0, "mean"}
	case survey.Scale:
		c = cell{id, 1, 0, "mean"}
	default:
		return nil
	}
	cells := rowCells(id, c.block, 0, "mean", "ci_low", "ci_high", "n")
	if !env.shown(cells) {
		return nil
	}
	text := i18n.T(env.L, "sheets.f_satisfaction", q.Name(), env.figure(c, format.Dec1), scaleWords(q), env.interval(c, "ci_low", "ci_high", format.Dec1), env.figure(cell{id, c.block, 0, "n"}, format.Int))
	return []finding{{text: text, sheet: id, cells: cells}}
}

// npsFinding: the first NPS question's score with interval, n and the
// shares of promoters and detractors.
func (env *Env) npsFinding() []finding {
	for _, q := range env.Survey.Questions {
		if q.Type != survey.NPS {
			continue
		}
		id := env.sections[q.ID]
		score := cell{id, 0, 0, "score"}
		pro, det := cell{id, 1, 0, "share"}, cell{id, 1, 2, "share"}
		cells := append(rowCells(id, 0, 0, "score", "ci_low", "ci_high", "n"), pro, det)
		if !env.shown(cells) {
			return nil
		}
		return []finding{{text: i18n.T(env.L, "sheets.f_nps", q.Name(), env.figure(score, format.Signed), env.interval(score, "ci_low", "ci_high", format.Signed),
			env.figure(cell{id, 0, 0, "n"}, format.Int), env.figure(pro, format.Pct), env.figure(det, format.Pct)), sheet: id, cells: cells}}
	}
	return nil
}

// choiceFinding: the most chosen option of each multiple choice, for
// surveys with little else to say.
func (env *Env) choiceFinding() []finding {
	var out []finding
	for _, q := range env.Survey.Questions {
		if q.Type != survey.Multi {
			continue
		}
		id := env.sections[q.ID]
		t := env.table(id, 0)
		if t == nil {
			continue
		}
		best := -1
		for r, row := range t.Rows {
			if row[t.Col("item")] == nil || !env.shown(rowCells(id, 0, r, "share", "n")) {
				continue
			}
			if best < 0 || env.value(cell{id, 0, r, "share"}) > env.value(cell{id, 0, best, "share"}) {
				best = r
			}
		}
		if best < 0 {
			continue
		}
		share := cell{id, 0, best, "share"}
		out = append(out, finding{text: i18n.T(env.L, "sheets.f_choice", q.Name(), env.text(cell{id, 0, best, "item_text"}), env.figure(share, format.Pct),
			env.interval(share, "ci_low", "ci_high", format.Pct)), sheet: id, cells: rowCells(id, 0, best, "share", "ci_low", "ci_high", "n")})
	}
	return out
}
