package pipeline

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/progress"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/resonanz/resonanz/pipeline/sheets"
)

// ReportOptions configure Report.
type ReportOptions struct {
	DataDir string
	Event   string // "" picks the latest event
	Out     string
	Lang    string
	// Rule is the disclosure rule; zero fields take disclosure.Default.
	Rule      disclosure.Rule
	QueryDirs []string
	Params    map[string]string
	Weights   string           // YAML file of population margins; "" for no weighting
	Progress  progress.Tracker // nil: no progress shown
	// Compare, two events with the earlier first, reports on the later one
	// and compares it with the earlier instead of the one before it.
	Compare []string
	// Invited is how many were asked to answer, for the response rate; 0
	// takes the count given at import, if any.
	Invited int
}

// Report builds the report of one event — the sheets of every builder
// (package sheets) — and writes the workbook, the web page and the chart
// images into Out.
func Report(ctx context.Context, opt ReportOptions) (*report.Written, error) {
	lang, err := i18n.Parse(opt.Lang)
	if err != nil {
		return nil, fmt.Errorf("report: --lang: %w", err)
	}
	opt.Rule = opt.Rule.Or()
	if err := opt.Rule.Check(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	event, err := reportEvent(opt)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	e, err := query.Open(ctx, query.Options{
		DataDir: opt.DataDir, Events: []string{event}, Compare: opt.Compare, Lang: lang, Rule: opt.Rule,
		Queries: opt.QueryDirs,
	})
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer e.Close()
	so := sheets.Options{Lang: lang, Rule: opt.Rule, Params: opt.Params, Weights: opt.Weights, Invited: opt.Invited,
		Event: sheets.Event{ID: event}, Progress: opt.Progress}
	if ev := e.Manifest.Events[event]; ev != nil {
		so.Event = sheets.Event{ID: event, Title: ev.Title, Date: ev.Date, SurveyTitle: i18n.Pick(lang, ev.SurveyTitle, ev.SurveyTitleEn)}
		so.Themes = ev.Themes
		if so.Invited == 0 {
			so.Invited = ev.Invited
		}
	}
	for _, id := range opt.Compare {
		ev := sheets.Event{ID: id}
		if m := e.Manifest.Events[id]; m != nil {
			ev.Title, ev.Date = m.Title, m.Date
		}
		so.Compare = append(so.Compare, ev)
	}
	b, err := sheets.Build(ctx, e, so)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return report.Write(b, report.Options{Out: opt.Out, Progress: opt.Progress})
}
