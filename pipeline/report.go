package pipeline

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/progress"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
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
}

// Report runs every report query for one event and writes the workbook,
// the web page and the chart images into Out.
func Report(ctx context.Context, opt ReportOptions) (*report.Written, error) {
	opt.Rule = opt.Rule.Or()
	if err := opt.Rule.Check(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	lang, err := i18n.Parse(opt.Lang)
	if err != nil {
		return nil, fmt.Errorf("report: --lang: %w", err)
	}
	opt.Lang = lang
	event, err := reportEvent(opt)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	e, err := query.Open(ctx, query.Options{
		DataDir: opt.DataDir, Events: []string{event}, Compare: opt.Compare, Lang: opt.Lang, Rule: opt.Rule,
		Queries: opt.QueryDirs,
	})
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer e.Close()
	params := map[string]string{"event": event}
	for k, v := range opt.Params {
		params[k] = v
	}
	L := opt.Lang
	in := report.Input{Lang: L, MinN: opt.Rule.MinN, Methods: methods(opt.Rule, L, opt.Weights)}
	if ev := e.Manifest.Events[event]; ev != nil {
		in.Event = report.Event{ID: event, Title: ev.Title, Date: ev.Date}
	} else {
		in.Event = report.Event{ID: event}
	}
	in.Compare = comparedEvents(e.Manifest, opt.Compare)
	var reportQueries []*query.Query
	for _, q := range e.Queries() {
		if q.Meta.Report {
			reportQueries = append(reportQueries, q)
		}
	}
	bar := progress.Or(opt.Progress).Start(i18n.T(L, "progress_queries"), len(reportQueries)+4)
	defer bar.Finish()
	for _, q := range reportQueries {
		t, err := runTable(ctx, e, q, params)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		if q.Meta.Optional && len(t.Rows) == 0 {
			bar.Add(1)
			continue
		}
		t, marks := sigMarks(t)
		in.Sheets = append(in.Sheets, report.Sheet{Query: q, Table: t, Hidden: primaryHidden(t, opt.Rule.MinN), Marks: marks, SheetName: q.SheetName(L)})
		bar.Add(1)
	}
	compareSheets(in.Sheets, in.Compare, L)
	if opt.Weights != "" {
		s, err := weightedSheet(ctx, e, opt.Weights, L, opt.Rule.Level)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		s.Hidden = primaryHidden(s.Table, opt.Rule.MinN)
		in.Sheets = append(in.Sheets, s)
	}
	likert, err := likertSheets(ctx, e, L, opt.Rule.MinN)
	if err != nil {
		return nil, fmt.Errorf("report: likert: %w", err)
	}
	heat, err := heatmapSheets(ctx, e, L, opt.Rule.MinN)
	if err != nil {
		return nil, fmt.Errorf("report: heatmap: %w", err)
	}
	in.Sheets = append(in.Sheets, append(likert, heat...)...)
	bar.Add(2)
	if in.Summary, err = summary(ctx, e, opt.Rule.MinN); err != nil {
		return nil, fmt.Errorf("report: summary: %w", err)
	}
	if in.Questions, err = questions(ctx, e, L); err != nil {
		return nil, fmt.Errorf("report: questions: %w", err)
	}
	if err := suppressReport(ctx, e, &in, event, opt.Rule); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	text, itemText, label := "q.text", "q.item_text", "l.label"
	if i18n.English(L) {
		text, itemText, label = "coalesce(q.text_en, q.text)", "coalesce(q.item_text_en, q.item_text)", "coalesce(l.label_en, l.label)"
	}
	fixed := []struct {
		dst *(*query.Table)
		sql string
	}{
		{&in.Codebook, `select q.question, q.item, ` + text + ` as question_text, ` + itemText + ` as item_label, q.type,
			(select string_agg(coalesce(l.code, regexp_replace(l.value::varchar, '\.0$', '')) || ' = ' || ` + label + `, '; ' order by l.position)
			 from labels l where l.question = q.question and l.event = q.event) as codes
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
	bar.Add(2)
	bar.Finish()
	return report.Write(in, report.Options{Out: opt.Out, Progress: opt.Progress})
}

// primaryHidden is the primary suppression rule: every number in a row
// whose n is below minN is hidden. suppressReport adds secondary
// suppression.
func primaryHidden(t *query.Table, minN int) [][]bool {
	ni := t.Col("n")
	if ni < 0 || minN <= 1 {
		return nil
	}
	hidden := make([][]bool, len(t.Rows))
	for r, row := range t.Rows {
		n, ok := row[ni].(int64)
		if !ok || !disclosure.Hide(int(n), minN) {
			continue
		}
		hidden[r] = make([]bool, len(row))
		for c := range row {
			hidden[r][c] = t.Figure(c)
		}
	}
	return hidden
}

// sigMarks turns a query's sig column (▲/▼) into marks beside the mean and
// drops it and its p-value column from the table stakeholders read: the
// methods sheet says what the marks mean. Analysts see both in the query.
func sigMarks(t *query.Table) (*query.Table, [][]string) {
	si, mi := t.Col("sig"), t.Col("mean")
	if si < 0 || mi < 0 {
		return t, nil
	}
	drop := map[int]bool{si: true}
	if pi := t.Col("p_adj"); pi >= 0 {
		drop[pi] = true
	}
	out := &query.Table{}
	for c, name := range t.Columns {
		if !drop[c] {
			out.Columns = append(out.Columns, name)
			if c < len(t.Types) {
				out.Types = append(out.Types, t.Types[c])
			}
		}
	}
	newMean := out.Col("mean")
	marks := make([][]string, len(t.Rows))
	for r, row := range t.Rows {
		var kept []any
		for c, v := range row {
			if !drop[c] {
				kept = append(kept, v)
			}
		}
		out.Rows = append(out.Rows, kept)
		if s, ok := row[si].(string); ok && s != "" {
			marks[r] = make([]string, len(out.Columns))
			marks[r][newMean] = s
		}
	}
	return out, marks
}

func runTable(ctx context.Context, e *query.Engine, q *query.Query, params map[string]string) (*query.Table, error) {
	rr, done, err := e.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	defer done()
	return query.Collect(rr)
}

// one runs the report's own SQL; args bind to $1, $2, … (never spliced).
func one(ctx context.Context, e *query.Engine, sql string, args ...string) (*query.Table, error) {
	params := map[string]string{}
	for i, a := range args {
		params[strconv.Itoa(i+1)] = a
	}
	rr, done, err := e.Query(ctx, sql, params)
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
func summary(ctx context.Context, e *query.Engine, minN int) (report.Summary, error) {
	var s report.Summary
	t, err := one(ctx, e, `select count(*) from responses`)
	if err != nil {
		return s, err
	}
	s.Responses = int(num(t.Rows[0][0]))
	other := notGiven(e.Lang())
	for _, c := range []struct {
		dst *[]report.Count
		sql string
	}{
		{&s.ByState, `select coalesce(n.state_name, $1), count(*) from responses r left join state_names n on n.state = r.state group by all order by min(n.position) nulls last`},
		{&s.BySector, `select coalesce(n.sector_name, $1), count(*) from responses r left join sector_names n on n.sector = r.sector group by all order by min(n.position) nulls last`},
	} {
		t, err := one(ctx, e, c.sql, other)
		if err != nil {
			return s, err
		}
		for _, row := range t.Rows {
			n := int(num(row[1]))
			*c.dst = append(*c.dst, report.Count{Label: query.Text(row[0]), N: n, Hidden: disclosure.Hide(n, minN)})
		}
	}
	t, err = one(ctx, e, `select i.item_text, avg(a.value), count(*), mean_ci_low(avg(a.value), stddev_samp(a.value), count(*)),
		mean_ci_high(avg(a.value), stddev_samp(a.value), count(*))
		from answers a join item_names i on i.question = a.question and i.item = a.item
		where a.question = 'need' group by all order by 2 desc, min(i.position) limit 3`)
	if err != nil {
		return s, err
	}
	for _, row := range t.Rows {
		n := int(num(row[2]))
		s.TopNeeds = append(s.TopNeeds, report.Figure{Label: query.Text(row[0]), Value: num(row[1]), N: n, Lo: num(row[3]), Hi: num(row[4]), Hidden: disclosure.Hide(n, minN)})
	}
	t, err = one(ctx, e, `select avg(value), count(*), mean_ci_low(avg(value), stddev_samp(value), count(*)), mean_ci_high(avg(value), stddev_samp(value), count(*))
		from answers where question = 'satisfaction'`)
	if err != nil {
		return s, err
	}
	r := t.Rows[0]
	n := int(num(r[1]))
	s.Satisfaction = report.Figure{Value: num(r[0]), N: n, Lo: num(r[2]), Hi: num(r[3]), Hidden: disclosure.Hide(n, minN)}
	t, err = one(ctx, e, `select count(*), count(*) filter (where value >= 9), count(*) filter (where value <= 6) from answers where question = 'nps'`)
	if err != nil {
		return s, err
	}
	nn, pro, det := num(t.Rows[0][0]), num(t.Rows[0][1]), num(t.Rows[0][2])
	s.NPS = report.Figure{N: int(nn), Value: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Hidden: disclosure.Hide(int(nn), minN)}
	if nn > 0 {
		s.NPS.Value = 100 * (pro - det) / nn
	}
	return s, nil
}

// questions lists what was asked with the number of respondents who
// answered, for the methods sheet.
func questions(ctx context.Context, e *query.Engine, lang string) ([]report.Question, error) {
	text := "q.text"
	if i18n.English(lang) {
		text = "coalesce(q.text_en, q.text)"
	}
	t, err := one(ctx, e, `with q as (
		  select question, any_value(`+text+`) as text, any_value(type) as type, min(position) as position
		  from questions q group by question
		), answered as (
		  select question, respondent from answers
		  union select question, respondent from comments
		  union select 'state', respondent from responses where state is not null
		  union select 'sector', respondent from responses where sector is not null
		)
		select q.question, q.text, q.type, (select count(distinct a.respondent) from answered a where a.question = q.question)
		from q order by q.position`)
	if err != nil {
		return nil, err
	}
	var out []report.Question
	for _, row := range t.Rows {
		out = append(out, report.Question{ID: query.Text(row[0]), Text: query.Text(row[1]), Type: query.Text(row[2]), N: int(num(row[3]))})
	}
	return out, nil
}

// scaleQuestions are the questions answered on a labelled scale with items
// (the need for action per topic), in survey order, with their text.
func scaleQuestions(ctx context.Context, e *query.Engine) ([][2]string, error) {
	t, err := one(ctx, e, `select q.question, any_value(i.question_text)
		from questions q join item_names i on i.question = q.question and i.item = q.item
		where q.type = 'scale' and exists (select 1 from labels l where l.question = q.question)
		group by q.question order by min(q.position)`)
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for _, row := range t.Rows {
		out = append(out, [2]string{query.Text(row[0]), query.Text(row[1])})
	}
	return out, nil
}

// likertSheets build, per scale question, the distribution of answers per
// item: one row per item with its base n, the share of each answer level
// and the mean. Shares rest on the item's base, so a row is hidden when
// that base is below minN.
func likertSheets(ctx context.Context, e *query.Engine, lang string, minN int) ([]report.Sheet, error) {
	qs, err := scaleQuestions(ctx, e)
	if err != nil {
		return nil, err
	}
	label := "l.label"
	if i18n.English(lang) {
		label = "coalesce(l.label_en, l.label)"
	}
	var sheets []report.Sheet
	for _, qq := range qs {
		levels, err := one(ctx, e, `select l.value, any_value(`+label+`) from labels l where l.question = $1
			group by l.value order by min(l.position), l.value`, qq[0])
		if err != nil {
			return nil, err
		}
		items, err := one(ctx, e, `select i.item, i.item_text, count(a.value) as n, avg(a.value) as mean
			from item_names i left join answers a on a.question = i.question and a.item = i.item
			where i.question = $1 group by all order by min(i.position)`, qq[0])
		if err != nil {
			return nil, err
		}
		dist, err := one(ctx, e, `select item, value, count(*) from answers where question = $1 group by all`, qq[0])
		if err != nil {
			return nil, err
		}
		type key struct {
			item  string
			value float64
		}
		counts := map[key]int{}
		for _, d := range dist.Rows {
			counts[key{query.Text(d[0]), num(d[1])}] = int(num(d[2]))
		}
		t := &query.Table{Columns: []string{"item", "item_text", "n"}}
		headings := map[string]string{}
		var wide []string
		for _, lv := range levels.Rows {
			col := "share_" + strconv.FormatFloat(num(lv[0]), 'f', -1, 64)
			t.Columns = append(t.Columns, col)
			headings[col] = query.Text(lv[1])
			wide = append(wide, col)
		}
		t.Columns = append(t.Columns, "mean")
		var hidden [][]bool
		for _, it := range items.Rows {
			n := int64(num(it[2]))
			item := query.Text(it[0])
			row := []any{it[0], it[1], n}
			for _, lv := range levels.Rows {
				var share any
				if n > 0 {
					share = float64(counts[key{item, num(lv[0])}]) / float64(n)
				}
				row = append(row, share)
			}
			row = append(row, it[3])
			t.Rows = append(t.Rows, row)
			var h []bool
			if disclosure.Hide(int(n), minN) {
				h = make([]bool, len(row))
				for c := 2; c < len(row); c++ {
					h[c] = true
				}
			}
			hidden = append(hidden, h)
		}
		name := "likert_" + qq[0]
		title := i18n.T(lang, "likert_title") + ": " + qq[1]
		sheets = append(sheets, report.Sheet{
			Query: &query.Query{Name: name, Source: "resonanz", Meta: query.Meta{
				Title: title, TitleEn: title,
				Description: i18n.T(lang, "likert_desc"), DescriptionEn: i18n.T(lang, "likert_desc"),
				Chart: "diverging", X: "item_text", Y: "share", Report: true,
				Protect: &disclosure.Spec{Counts: []disclosure.Count{{Column: "n", Of: disclosure.Answers + qq[0], Item: "item"}}},
			}},
			Table: t, Hidden: hidden, Wide: wide, Headings: headings,
			SheetName: i18n.T(lang, "likert_sheet"),
			Notes:     []string{i18n.T(lang, "likert_native")},
		})
	}
	return sheets, nil
}

// heatmapSheets build, per scale question, the state × item grid of means:
// one row per item, one column per state and one for all respondents.
// A cell resting on fewer than minN answers is hidden.
func heatmapSheets(ctx context.Context, e *query.Engine, lang string, minN int) ([]report.Sheet, error) {
	qs, err := scaleQuestions(ctx, e)
	if err != nil {
		return nil, err
	}
	states, err := one(ctx, e, `select s.state, s.state_name from state_names s
		where s.state in (select state from responses) order by s.position`)
	if err != nil {
		return nil, err
	}
	var sheets []report.Sheet
	for _, qq := range qs {
		cells, err := one(ctx, e, `select a.item, r.state, count(*) as n, avg(a.value) as mean
			from answers a join responses r using (event, respondent)
			where a.question = $1 group by all`, qq[0])
		if err != nil {
			return nil, err
		}
		items, err := one(ctx, e, `select i.item, i.item_text, count(a.value), avg(a.value)
			from item_names i left join answers a on a.question = i.question and a.item = i.item
			where i.question = $1 group by all order by min(i.position)`, qq[0])
		if err != nil {
			return nil, err
		}
		type key struct{ item, state string }
		at := map[key][2]float64{}
		for _, c := range cells.Rows {
			if c[1] == nil {
				continue
			}
			at[key{query.Text(c[0]), query.Text(c[1])}] = [2]float64{num(c[2]), num(c[3])}
		}
		t := &query.Table{Columns: []string{"item", "item_text"}}
		headings := map[string]string{}
		var wide []string
		for _, s := range states.Rows {
			col := "mean_" + query.Text(s[0])
			t.Columns = append(t.Columns, col)
			headings[col] = query.Text(s[1])
			wide = append(wide, col)
		}
		t.Columns = append(t.Columns, "mean_all")
		headings["mean_all"] = i18n.T(lang, "total")
		wide = append(wide, "mean_all")
		var hidden [][]bool
		protect := &disclosure.Spec{Counts: []disclosure.Count{{Of: disclosure.Answers + qq[0], Item: "item"}}}
		for _, s := range states.Rows {
			protect.Wide = append(protect.Wide, disclosure.Wide{Column: "mean_" + query.Text(s[0]), Codes: map[string]string{"state": query.Text(s[0])}})
		}
		protect.Wide = append(protect.Wide, disclosure.Wide{Column: "mean_all"})
		for _, it := range items.Rows {
			item := query.Text(it[0])
			row := []any{it[0], it[1]}
			h := make([]bool, len(t.Columns))
			for j, s := range states.Rows {
				v, ok := at[key{item, query.Text(s[0])}]
				if !ok {
					row = append(row, nil)
					continue
				}
				row = append(row, v[1])
				h[2+j] = disclosure.Hide(int(v[0]), minN)
			}
			row = append(row, it[3])
			h[len(row)-1] = disclosure.Hide(int(num(it[2])), minN)
			t.Rows = append(t.Rows, row)
			hidden = append(hidden, h)
		}
		title := i18n.T(lang, "heatmap_title") + ": " + qq[1]
		lo, hi, err := scaleRange(ctx, e, qq[0])
		if err != nil {
			return nil, err
		}
		scale := "–"
		if lo != nil {
			scale = fmt.Sprintf(i18n.T(lang, "shown_as"), strconv.FormatFloat(*lo, 'f', -1, 64), strconv.FormatFloat(*hi, 'f', -1, 64))
		}
		desc := fmt.Sprintf(i18n.T(lang, "heatmap_desc"), scale)
		sheets = append(sheets, report.Sheet{
			Query: &query.Query{Name: "heatmap_" + qq[0], Source: "resonanz", Meta: query.Meta{
				Title: title, TitleEn: title, Description: desc, DescriptionEn: desc,
				Chart: "heatmap", X: "item_text", Y: "mean", Series: "state_name", YMin: lo, YMax: hi, Report: true,
				Protect: protect,
			}},
			Table: t, Hidden: hidden, Wide: wide, Headings: headings,
			SheetName: i18n.T(lang, "heatmap_sheet"),
		})
	}
	return sheets, nil
}

// scaleRange is a scale question's lowest and highest value.
func scaleRange(ctx context.Context, e *query.Engine, question string) (*float64, *float64, error) {
	t, err := one(ctx, e, `select min(scale_min), max(scale_max) from questions where question = $1`, question)
	if err != nil {
		return nil, nil, err
	}
	lo, hi := num(t.Rows[0][0]), num(t.Rows[0][1])
	if math.IsNaN(lo) || math.IsNaN(hi) || lo >= hi {
		return nil, nil, nil
	}
	return &lo, &hi, nil
}
