package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// Margins are population counts (or shares) per category of a respondent
// variable, read from a YAML file such as
//
//	# registered attendees of the 16th conference
//	state:  {DE-SN: 420, DE-ST: 260, DE-TH: 210, OTHER: 110}
//	sector: {landesverwaltung: 200, kommunalverwaltung: 250, wirtschaft: 300, …}
//
// Variables are columns of the responses view: state and sector.
type Margins map[string]map[string]float64

// LoadMargins reads and checks a margins file.
func LoadMargins(path string) (Margins, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("weights: %w", err)
	}
	var m Margins
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("weights: %s: %w", path, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("weights: %s: no margins", path)
	}
	for v, cats := range m {
		if v != "state" && v != "sector" {
			return nil, fmt.Errorf("weights: %s: %q is not a respondent variable (state, sector)", path, v)
		}
		for c, x := range cats {
			if !(x > 0) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("weights: %s: %s %s: margin must be a positive number", path, v, c)
			}
		}
	}
	return m, nil
}

// Weights rakes respondent weights to the margins; they average 1.
func Weights(ctx context.Context, e *query.Engine, m Margins) (map[string]float64, error) {
	t, err := one(ctx, e, `select respondent, coalesce(state, ''), coalesce(sector, '') from responses order by respondent`)
	if err != nil {
		return nil, err
	}
	rows := make([]map[string]string, len(t.Rows))
	ids := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		ids[i] = query.Text(r[0])
		rows[i] = map[string]string{}
		if _, ok := m["state"]; ok {
			rows[i]["state"] = query.Text(r[1])
		}
		if _, ok := m["sector"]; ok {
			rows[i]["sector"] = query.Text(r[2])
		}
	}
	w, err := stats.Rake(rows, m, 100, 1e-8)
	if err != nil {
		return nil, fmt.Errorf("weights: %w", err)
	}
	out := make(map[string]float64, len(ids))
	for i, id := range ids {
		out[id] = w[i]
	}
	return out, nil
}

// weightedQuery describes the weighted sheet for the report.
func weightedQuery() *query.Query {
	return &query.Query{
		Name:   "weighted_needs",
		Source: "resonanz (Gewichtung)",
		Meta: query.Meta{
			Title:         "Handlungsbedarf gewichtet",
			TitleEn:       "Need for action, weighted",
			Description:   "Mittlerer Handlungsbedarf je Thema, gewichtet auf die angegebenen Verteilungen (Raking), mit 95-%-Konfidenzintervall aus linearisierten Standardfehlern und effektiver Fallzahl n_eff; daneben der ungewichtete Mittelwert.",
			DescriptionEn: "Mean need for action per topic, weighted to the given distributions (raking), with 95 % confidence interval from linearised standard errors and the effective sample size n_eff; the unweighted mean beside it.",
			Chart:         "bar", X: "item_text", Y: "mean_weighted", ErrLow: "ci_low", ErrHigh: "ci_high",
			YMin: ptrF(1), YMax: ptrF(5), Report: true, Order: 25,
			Protect: &disclosure.Spec{Counts: []disclosure.Count{{Column: "n", Of: disclosure.Answers + "need", Item: "item"}}},
		},
	}
}

func ptrF(f float64) *float64 { return &f }

// weightedNeeds computes weighted means of every need item.
func weightedNeeds(ctx context.Context, e *query.Engine, w map[string]float64, level float64) (*query.Table, error) {
	t, err := one(ctx, e, `select i.item_text, a.respondent, a.value, a.item from answers a
		join item_names i on i.question = a.question and i.item = a.item
		where a.question = 'need' order by i.position, a.respondent`)
	if err != nil {
		return nil, err
	}
	type col struct {
		code     string
		vals, ws []float64
	}
	var order []string
	byItem := map[string]*col{}
	for _, r := range t.Rows {
		item := query.Text(r[0])
		c, ok := byItem[item]
		if !ok {
			c = &col{code: query.Text(r[3])}
			byItem[item] = c
			order = append(order, item)
		}
		c.vals = append(c.vals, num(r[2]))
		c.ws = append(c.ws, w[query.Text(r[1])])
	}
	// item last: the sheet shows item_text; suppression looks rows up by item.
	out := &query.Table{Columns: []string{"item_text", "n", "mean", "mean_weighted", "ci_low", "ci_high", "n_eff", "item"}}
	for _, item := range order {
		c := byItem[item]
		var sum float64
		for _, v := range c.vals {
			sum += v
		}
		m, se, neff := stats.WeightedMean(c.vals, c.ws)
		lo, hi := stats.TInterval(m, se, neff-1, level)
		out.Rows = append(out.Rows, []any{item, int64(len(c.vals)), sum / float64(len(c.vals)), m, lo, hi, neff, c.code})
	}
	return out, nil
}

// weightedSheet is the report sheet of weighted results. Its title says
// "weighted", and a note names the margins: the methods sheet promises
// weighting only where a result is marked so.
func weightedSheet(ctx context.Context, e *query.Engine, path, lang string, level float64) (report.Sheet, error) {
	m, err := LoadMargins(path)
	if err != nil {
		return report.Sheet{}, err
	}
	w, err := Weights(ctx, e, m)
	if err != nil {
		return report.Sheet{}, err
	}
	t, err := weightedNeeds(ctx, e, w, level)
	if err != nil {
		return report.Sheet{}, fmt.Errorf("weights: %w", err)
	}
	note := i18n.T(lang, "weights_note", marginVars(m, lang), filepath.Base(path))
	return report.Sheet{Query: weightedQuery(), Table: t, Notes: []string{note}}, nil
}

// marginVars names the variables of the margins for readers.
func marginVars(m Margins, lang string) string {
	var out []string
	for _, v := range []string{"state", "sector"} {
		if _, ok := m[v]; ok {
			out = append(out, i18n.T(lang, "weights_var."+v))
		}
	}
	return i18n.Join(lang, out)
}

// methods is the methods sheet: disclosure.Methods, whose last paragraph is on
// weighting "where a result is marked as weighted", made true of this
// report: without margins it says nothing is weighted, with them which
// sheet is and to what.
func methods(r disclosure.Rule, lang, weights string) []string {
	ps := disclosure.Methods(r, lang)
	last := len(ps) - 1
	if weights == "" {
		ps[last] = i18n.T(lang, "weights_none")
		return ps
	}
	m, _ := LoadMargins(weights) // an unreadable file fails the weighted sheet
	title := weightedQuery().Title(lang)
	add := " " + i18n.T(lang, "weights_only", title, marginVars(m, lang), filepath.Base(weights))
	ps[last] += add
	return ps
}
