package sheets

import (
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
)

// heatmapOrder places the heatmaps after the headline's breakdowns.
const heatmapOrder = 25

// byGroupQuery is the built-in query whose result the heatmaps pivot, so
// the same figures are computed once.
const byGroupQuery = "headline_by_group"

type byGroupRow struct {
	Dimension string   `sql:"dimension"`
	Grp       string   `sql:"grp"`
	GrpName   *string  `sql:"grp_name"`
	Item      string   `sql:"item"`
	N         int      `sql:"n"`
	Mean      *float64 `sql:"mean"`
}

var _ = register(builder{name: "heatmaps", order: 100, build: buildHeatmaps})

// buildHeatmaps makes, for every breakdown dimension, the grid of the
// headline scale's means: one row per item, one column per group and one
// for all respondents; darker is higher.
func buildHeatmaps(env *Env) ([]placed, error) {
	hq := env.Survey.Headline()
	r := env.result(byGroupQuery)
	if hq == nil || r == nil || r.err != nil || len(r.table.Rows) == 0 {
		return nil, nil
	}
	rows, err := query.Scan[byGroupRow](project(r.table, "dimension", "grp", "grp_name", "item", "n", "mean"))
	if err != nil {
		return nil, err
	}
	ds, err := env.dists()
	if err != nil {
		return nil, err
	}
	L := env.L
	var out []placed
	for _, d := range env.Survey.Breakdowns() {
		type cell struct {
			n    int
			mean *float64
		}
		at := map[[2]string]cell{}
		var groups [][2]string // code, name in the query's order
		seen := map[string]bool{}
		for _, x := range rows {
			if x.Dimension != d.ID {
				continue
			}
			at[[2]string{x.Item, x.Grp}] = cell{x.N, x.Mean}
			if !seen[x.Grp] {
				seen[x.Grp] = true
				name := x.Grp
				if x.GrpName != nil {
					name = *x.GrpName
				}
				groups = append(groups, [2]string{x.Grp, name})
			}
		}
		if len(groups) == 0 {
			continue
		}
		t := &book.Table{Columns: []book.Column{internal("item"), col("item_text", i18n.T(L, "sheets.item"), format.Text)}}
		var wide []string
		spec := &disclosure.Spec{Counts: []disclosure.Count{{Column: "n_all", Of: disclosure.Answers + hq.ID, Item: "item", Values: []string{"mean_all"}}}}
		for _, g := range groups {
			key := "mean_" + g[0]
			t.Columns = append(t.Columns, col(key, g[1], format.Dec1), internal("n_"+g[0]))
			wide = append(wide, key)
			spec.Wide = append(spec.Wide, disclosure.Wide{Column: key, Codes: map[string]string{d.ID: g[0]}})
		}
		t.Columns = append(t.Columns, col("mean_all", i18n.T(L, "sheets.total"), format.Dec1), internal("n_all"))
		wide = append(wide, "mean_all")
		for _, it := range hq.Items {
			row := []any{it.Code, it.Text}
			for _, g := range groups {
				c, ok := at[[2]string{it.Code, g[0]}]
				if !ok || c.mean == nil {
					row = append(row, nil, int64(c.n))
					continue
				}
				row = append(row, *c.mean, int64(c.n))
			}
			s := (&dist{}).summary(env.opt.Rule.Level)
			if dd := ds[hq.ID][it.Code]; dd != nil {
				s = dd.summary(env.opt.Rule.Level)
			}
			row = append(row, nan(s.mean), int64(s.n))
			t.Rows = append(t.Rows, row)
		}
		t.Protect = spec
		var ymin, ymax *float64
		if hq.Scaled() {
			lo, hi := hq.Min, hq.Max
			ymin, ymax = &lo, &hi
		}
		s := env.newSheet("heatmap_"+d.ID, i18n.T(L, "sheets.heatmap_sheet", d.Name()), i18n.T(L, "sheets.heatmap_title", hq.Name(), d.Name()))
		s.Description = i18n.T(L, "sheets.heatmap_desc", scaleWords(hq))
		s.Blocks = []book.Block{{Table: t, Chart: &book.Chart{Kind: chart.Heatmap, X: "item_text", Y: "mean", Wide: wide, YMin: ymin, YMax: ymax, YTitle: d.Name()}}}
		out = append(out, placed{group: groupTables, order: heatmapOrder, sheet: s})
	}
	return out, nil
}

// project keeps the columns of a table a builder reads (an analyst's
// replacement of a built-in query may add others); a missing one stays
// missing, so the scan says so.
func project(t *query.Table, cols ...string) *query.Table {
	out := &query.Table{}
	var idx []int
	for _, c := range cols {
		if i := t.Col(c); i >= 0 {
			idx = append(idx, i)
			out.Columns = append(out.Columns, c)
			if i < len(t.Types) {
				out.Types = append(out.Types, t.Types[i])
			}
		}
	}
	for _, row := range t.Rows {
		r := make([]any, len(idx))
		for j, i := range idx {
			r[j] = row[i]
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}
