package pipeline

import (
	"context"
	"fmt"
	"math"

	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// ReportOptions configure Report.
type ReportOptions struct {
	DataDir   string
	Event     string // "" picks the latest event
	Out       string
	Lang      string
	MinN      int
	QueryDirs []string
	Params    map[string]string
	Weights   string // YAML file of population margins; "" for no weighting
}

// Report runs every report query for one event and writes the workbook and
// chart images into Out.
func Report(ctx context.Context, opt ReportOptions) (*report.Written, error) {
	if opt.Lang == "" {
		opt.Lang = "de"
	}
	if opt.Lang != "de" && opt.Lang != "en" {
		return nil, fmt.Errorf("report: --lang %q: de or en", opt.Lang)
	}
	event := opt.Event
	if event == "" {
		latest, err := latestEvent(opt.DataDir)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		event = latest
	}
	e, err := query.Open(ctx, query.Options{
		DataDir: opt.DataDir, Events: []string{event}, Lang: opt.Lang,
		Queries: queryDirs(opt.DataDir, opt.QueryDirs),
	})
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer e.Close()
	params := map[string]string{"event": event}
	for k, v := range opt.Params {
		params[k] = v
	}
	in := report.Input{Lang: opt.Lang, MinN: opt.MinN, Methods: stats.Methods(opt.Lang)}
	if ev := e.Manifest.Events[event]; ev != nil {
		in.Event = report.Event{ID: event, Title: ev.Title, Date: ev.Date}
	} else {
		in.Event = report.Event{ID: event}
	}
	results := map[string]*query.Table{}
	for _, q := range e.Queries() {
		if !q.Meta.Report {
			continue
		}
		t, err := runTable(ctx, e, q, params)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		if q.Meta.Optional && len(t.Rows) == 0 {
			continue
		}
		results[q.Name] = t
		in.Sheets = append(in.Sheets, report.Sheet{Query: q, Table: t})
	}
	if opt.Weights != "" {
		s, err := weightedSheet(ctx, e, opt.Weights)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		in.Sheets = append(in.Sheets, s)
	}
	if in.Summary, err = summary(ctx, e); err != nil {
		return nil, fmt.Errorf("report: summary: %w", err)
	}
	fixed := []struct {
		dst *(*query.Table)
		sql string
	}{
		{&in.Codebook, `select q.question, q.item, q.text, q.item_text, q.type,
			(select string_agg(coalesce(l.code, l.value::varchar) || ' = ' || l.label, '; ' order by l.position)
			 from labels l where l.question = q.question and l.event = q.event) as labels
			from questions q order by q.position`},
		{&in.Imports, `select file, sha256, imported_at, sheet, layout, rows_read, rows_imported, rows_rejected, cells_rejected, blank_rows, duplicates from imports order by imported_at`},
		{&in.Rejects, `select file, sheet, "row", "column", question, item, value, reason from rejects order by file, "row", "column"`},
	}
	for _, f := range fixed {
		tab, err := one(ctx, e, f.sql)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		*f.dst = tab
	}
	return report.Write(in, opt.Out)
}

func runTable(ctx context.Context, e *query.Engine, q *query.Query, params map[string]string) (*query.Table, error) {
	rr, done, err := e.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	defer done()
	return query.Collect(rr)
}

func one(ctx context.Context, e *query.Engine, sql string) (*query.Table, error) {
	rr, done, err := e.Query(ctx, sql, nil)
	if err != nil {
		return nil, err
	}
	defer done()
	return query.Collect(rr)
}

func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return math.NaN()
}

// summary computes the cover sheet's key figures.
func summary(ctx context.Context, e *query.Engine) (report.Summary, error) {
	var s report.Summary
	t, err := one(ctx, e, `select count(*) from responses`)
	if err != nil {
		return s, err
	}
	s.Responses = int(num(t.Rows[0][0]))
	for _, c := range []struct {
		dst *[]report.Count
		sql string
	}{
		{&s.ByState, `select coalesce(n.state_name, '–'), count(*) from responses r left join state_names n on n.state = r.state group by all order by min(n.position) nulls last`},
		{&s.BySector, `select coalesce(n.sector_name, '–'), count(*) from responses r left join sector_names n on n.sector = r.sector group by all order by min(n.position) nulls last`},
	} {
		t, err := one(ctx, e, c.sql)
		if err != nil {
			return s, err
		}
		for _, row := range t.Rows {
			*c.dst = append(*c.dst, report.Count{Label: query.Text(row[0]), N: int(num(row[1]))})
		}
	}
	t, err = one(ctx, e, `select i.item_text, avg(a.value), count(*), mean_ci_low(avg(a.value), stddev_samp(a.value), count(*)),
		mean_ci_high(avg(a.value), stddev_samp(a.value), count(*))
		from answers a join item_names i on i.question = a.question and i.item = a.item
		where a.question = 'need' group by all order by 2 desc limit 3`)
	if err != nil {
		return s, err
	}
	for _, row := range t.Rows {
		s.TopNeeds = append(s.TopNeeds, report.Figure{Label: query.Text(row[0]), Value: num(row[1]), N: int(num(row[2])), Lo: num(row[3]), Hi: num(row[4])})
	}
	t, err = one(ctx, e, `select avg(value), count(*), mean_ci_low(avg(value), stddev_samp(value), count(*)), mean_ci_high(avg(value), stddev_samp(value), count(*))
		from answers where question = 'satisfaction'`)
	if err != nil {
		return s, err
	}
	r := t.Rows[0]
	s.Satisfaction = report.Figure{Value: num(r[0]), N: int(num(r[1])), Lo: num(r[2]), Hi: num(r[3])}
	t, err = one(ctx, e, `select count(*), count(*) filter (where value >= 9), count(*) filter (where value <= 6) from answers where question = 'nps'`)
	if err != nil {
		return s, err
	}
	n, pro, det := num(t.Rows[0][0]), num(t.Rows[0][1]), num(t.Rows[0][2])
	s.NPS = report.Figure{N: int(n), Value: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if n > 0 {
		s.NPS.Value = 100 * (pro - det) / n
	}
	return s, nil
}
