package pipeline

import (
	"fmt"
	"strings"

	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/resonanz/resonanz/pipeline/store"
)

// reportEvent is the event a report is on: the later event of --compare,
// else --event, else the latest event.
func reportEvent(opt ReportOptions) (string, error) {
	if len(opt.Compare) > 0 {
		if len(opt.Compare) != 2 {
			return "", fmt.Errorf("--compare %s: want two events, the earlier first (A,B)", strings.Join(opt.Compare, ","))
		}
		if opt.Event != "" && opt.Event != opt.Compare[1] {
			return "", fmt.Errorf("--event %s with --compare %s: a comparison reports on its later event, %s", opt.Event, strings.Join(opt.Compare, ","), opt.Compare[1])
		}
		return opt.Compare[1], nil
	}
	if opt.Event != "" {
		return opt.Event, nil
	}
	return latestEvent(opt.DataDir)
}

// compareSheets retitles the sheet of the built-in comparison query when
// the report compares a chosen pair: "compared with last time" would be
// wrong when A is not the event before B.
func compareSheets(sheets []report.Sheet, compare []report.Event, lang string) {
	if len(compare) != 2 {
		return
	}
	for i, s := range sheets {
		if s.Query == nil || s.Query.Name != "compare_last" || s.Query.Source != "built-in" {
			continue
		}
		q := *s.Query
		title := fmt.Sprintf(i18n.T(lang, "compared_title"), compare[1].Label(), compare[0].Label())
		q.Meta.Title, q.Meta.TitleEn = title, title
		sheets[i].Query = &q
		sheets[i].SheetName = i18n.T(lang, "compared_sheet")
	}
}

// comparedEvents names the events of --compare for the report's title and
// cover; none for the usual report.
func comparedEvents(m *store.Manifest, compare []string) []report.Event {
	var out []report.Event
	for _, id := range compare {
		ev := report.Event{ID: id}
		if e := m.Events[id]; e != nil {
			ev.Title, ev.Date = e.Title, e.Date
		}
		out = append(out, ev)
	}
	return out
}
