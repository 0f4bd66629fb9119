package sheets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// weightedOrder places the weighted sheet after the breakdowns.
const weightedOrder = 45

// Margins are population counts (or shares) per group of breakdown
// dimensions, read from a YAML file keyed by the dimensions' question ids:
//
//	# registered attendees of the conference
//	state:  {DE-SN: 420, DE-ST: 260, DE-TH: 210, OTHER: 110}
//	member: {ja: 300, nein: 700}
type Margins map[string]map[string]float64

// LoadMargins reads and checks a margins file.
func LoadMargins(path string) (Margins, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("weights: %w", err)
	}
	var m Margins
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("weights: %s: %w", path, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("weights: %s: no margins", path)
	}
	for v, cats := range m {
		for c, x := range cats {
			if !(x > 0) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("weights: %s: %s %s: margin must be a positive number", path, v, c)
			}
		}
	}
	return m, nil
}

// vars are the margins' dimensions in a stable order.
func (m Margins) vars() []string {
	vs := make([]string, 0, len(m))
	for v := range m {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	return vs
}

type weightGroup struct {
	Respondent string `sql:"respondent"`
	Dimension  string `sql:"dimension"`
	Grp        string `sql:"grp"`
}

// Weights rakes respondent weights to the margins; they average 1.
func (env *Env) Weights(m Margins) (map[string]float64, error) {
	r, err := env.rake(m)
	if err != nil {
		return nil, err
	}
	out := make(map[string]float64, len(r.ids))
	for i, id := range r.ids {
		out[id] = r.w[i]
	}
	return out, nil
}

// raked is the design the weighted sheet rests on: every raked
// respondent, their weight and their categories of the margins in
// Rake's order (for stats.RakedMean).
type raked struct {
	ids    []string
	w      []float64
	groups [][]string
}

func (env *Env) rake(m Margins) (*raked, error) {
	for _, v := range m.vars() {
		if d := env.Survey.Question(v); d == nil || !d.Breakdown {
			var dims []string
			for _, d := range env.Survey.Breakdowns() {
				dims = append(dims, d.ID)
			}
			return nil, fmt.Errorf("weights: %q is not a breakdown of the survey (breakdowns: %s)", v, strings.Join(dims, ", "))
		}
	}
	rows, err := scan[weightGroup](env, "weight_groups", nil)
	if err != nil {
		return nil, err
	}
	var ids []string
	var cells []map[string]string
	at := map[string]int{}
	for _, r := range rows {
		if _, ok := m[r.Dimension]; !ok {
			continue
		}
		i, ok := at[r.Respondent]
		if !ok {
			i = len(ids)
			at[r.Respondent] = i
			ids = append(ids, r.Respondent)
			cells = append(cells, map[string]string{})
		}
		cells[i][r.Dimension] = r.Grp
	}
	w, err := stats.Rake(cells, m, 100, 1e-8)
	if err != nil {
		return nil, fmt.Errorf("weights: %w", err)
	}
	r := &raked{ids: ids, w: w, groups: make([][]string, len(ids))}
	for i := range ids {
		for _, v := range m.vars() { // sorted, as Rake rakes them
			r.groups[i] = append(r.groups[i], cells[i][v])
		}
	}
	return r, nil
}

type scaleAnswer struct {
	Respondent string  `sql:"respondent"`
	Item       string  `sql:"item"`
	Value      float64 `sql:"value"`
}

var _ = register(builder{name: "weighted", order: 110, build: buildWeighted})

// buildWeighted makes the sheet of weighted headline means when margins
// are given: every other figure of the report stays unweighted.
func buildWeighted(env *Env) ([]placed, error) {
	if env.opt.Weights == "" {
		return nil, nil
	}
	hq := env.Survey.Headline()
	if hq == nil {
		return nil, fmt.Errorf("weights: the survey has no scale question to weight")
	}
	m, err := LoadMargins(env.opt.Weights)
	if err != nil {
		return nil, err
	}
	rk, err := env.rake(m)
	if err != nil {
		return nil, err
	}
	answers, err := scan[scaleAnswer](env, "scale_answers", map[string]any{"question": hq.ID})
	if err != nil {
		return nil, err
	}
	L := env.L
	at := make(map[string]int, len(rk.ids))
	for i, id := range rk.ids {
		at[id] = i
	}
	// Per item, every raked respondent's answer; NaN: not answered.
	byItem := map[string][]float64{}
	for _, a := range answers {
		i, ok := at[a.Respondent]
		if !ok {
			continue
		}
		x := byItem[a.Item]
		if x == nil {
			x = make([]float64, len(rk.ids))
			for k := range x {
				x[k] = math.NaN()
			}
			byItem[a.Item] = x
		}
		x[i] = a.Value
	}
	t := &book.Table{Columns: []book.Column{
		internal("item"), col("item_text", i18n.T(L, "sheets.item"), format.Text), col("n", i18n.Column(L, "n"), format.Int),
		col("mean", i18n.Column(L, "mean"), format.Dec1), col("mean_weighted", i18n.Column(L, "mean_weighted"), format.Dec1),
		col("ci_low", i18n.Column(L, "ci_low"), format.Dec1), col("ci_high", i18n.Column(L, "ci_high"), format.Dec1),
		col("n_eff", i18n.Column(L, "n_eff"), format.Dec1),
	}}
	for _, it := range hq.Items {
		x := byItem[it.Code]
		var sum float64
		var n int64
		for _, v := range x {
			if !math.IsNaN(v) {
				sum += v
				n++
			}
		}
		if n == 0 {
			continue
		}
		// The raked design's SE and degrees of freedom, as R's survey.
		mw, se, neff, df := stats.RakedMean(x, rk.w, rk.groups)
		lo, hi := stats.TInterval(mw, se, df, env.opt.Rule.Level)
		t.Rows = append(t.Rows, []any{it.Code, it.Text, n, sum / float64(n), nan(mw), nan(lo), nan(hi), nan(neff)})
	}
	t.Protect = answersTo(hq.ID, "item")
	var ymin, ymax *float64
	if hq.Scaled() {
		lo, hi := hq.Min, hq.Max
		ymin, ymax = &lo, &hi
	}
	s := env.newSheet("weighted_"+hq.ID, i18n.T(L, "sheets.weighted_sheet", hq.Name()), i18n.T(L, "sheets.weighted_title", hq.Name()))
	s.Description = i18n.T(L, "sheets.weighted_desc")
	s.Notes = []string{i18n.T(L, "sheets.weighted_note", env.marginNames(m), filepath.Base(env.opt.Weights))}
	s.Blocks = []book.Block{{Table: t, Chart: &book.Chart{Kind: chart.Bar, X: "item_text", Y: "mean_weighted", ErrLow: "ci_low", ErrHigh: "ci_high", YMin: ymin, YMax: ymax}}}
	env.weighted = s.Name
	return []placed{{group: groupTables, order: weightedOrder, sheet: s}}, nil
}

// marginNames names the margins' dimensions for readers: "Bundesland und Bereich".
func (env *Env) marginNames(m Margins) string {
	var names []string
	for _, d := range env.Survey.Breakdowns() {
		if _, ok := m[d.ID]; ok {
			names = append(names, d.Name())
		}
	}
	return i18n.Join(env.L, names)
}

// Weights rakes the respondents of the engine's event to margins, as the
// weighted sheet does: respondent → weight, averaging 1.
func Weights(ctx context.Context, e *query.Engine, m Margins) (map[string]float64, error) {
	env := &Env{ctx: ctx, e: e}
	if err := env.loadSurvey(); err != nil {
		return nil, err
	}
	return env.Weights(m)
}
