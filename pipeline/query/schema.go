package query

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Descriptions says in one line what each view the engine makes holds, for
// `resonanz schema`. Its keys are also the names a query file may not take.
// all_events.<table> views are described by their table's entry.
var Descriptions = map[string]string{
	"responses":    "one row per response: respondent pseudonym, time, state and sector (code and name), source file and row",
	"answers":      "one row per answered item: a scale or number answer with its value, a chosen option with value 1; \"keine Angabe\" is no row",
	"questions":    "the codebook: one row per question or item, with texts (de, en), type, scale range, position and role",
	"labels":       "one row per answer label of a question: code, value, label (de, en), position",
	"comments":     "free-text answers (personal data removed) and text typed into an \"other\" option",
	"imports":      "one row per imported file: checksum, time, sheet, layout and row counts",
	"rejects":      "values and rows that were not imported: file, sheet, row, column, raw value and reason",
	"events":       "one row per event the views hold: title, date, number of files and responses",
	"waves":        "the events trends and comparisons span, numbered in time order (wave): every event up to the reported one, or the two of --compare",
	"item_names":   "item and question texts in the report language, with the item's position",
	"state_names":  "state codes with their names in the report language, in the survey's order",
	"sector_names": "sector codes with their names in the report language, in the survey's order",
	"event_info":   "the events' titles and dates (read it through the events view)",
	"event_order":  "the events in time order (read it through the waves view)",
	"all_events":   "schema of views holding every event",
}

// Macros are the functions the engine adds, for `resonanz schema`.
var Macros = []struct{ Name, Description string }{
	{"scale_trend(question, group)", "table: a scale question's items in every wave of the waves view by a group expression over responses r ('all' for none): n, mean, ci, top2_share with its interval, change from the previous wave, p_adj and sig (Welch, Holm within each wave); asked = false where a wave did not ask the item"},
	{"scale_by_group(question, group)", "table: a scale question's items by a group expression over responses r (e.g. r.state): n, mean, sd, ci_low, ci_high, top2_share with its Wilson interval, p_adj and sig (▲/▼ vs the other respondents, Welch t test, Holm over the table)"},
	{"mean_ci_low(mean, sd, n)", "lower end of the 95 % confidence interval of a mean (t distribution); NULL for n < 2"},
	{"mean_ci_high(mean, sd, n)", "upper end of the same interval"},
	{"wilson_low(k, n)", "lower end of the 95 % Wilson interval of the share k/n"},
	{"wilson_high(k, n)", "upper end of the same interval"},
	{"t975(df)", "97.5 % quantile of Student's t with df degrees of freedom"},
}

// View is one view the engine offers, with its columns.
type View struct {
	Name        string // "answers", "all_events.answers", "needs_by_state"
	Description string
	Query       *Query // for a query's view, else nil
	Columns     []Column
}

// Column is a view's column and its DuckDB type.
type Column struct{ Name, Type string }

// Schema lists every view: the data model, the label views, the
// all_events views, then the queries' views in report order. A query that
// could not be made a view (it uses parameters, or fails) is left out; see
// Broken.
func (e *Engine) Schema(ctx context.Context) ([]View, error) {
	rows, err := e.conn.QueryContext(ctx, `select v.schema_name, v.view_name, c.column_name, c.data_type
		from duckdb_views() v
		join duckdb_columns() c on c.database_name = v.database_name and c.schema_name = v.schema_name and c.table_name = v.view_name
		where not v.internal and v.database_name = current_database()
		order by v.schema_name, v.view_name, c.column_index`)
	if err != nil {
		return nil, fmt.Errorf("query: schema: %w", err)
	}
	defer rows.Close()
	byName := map[string]*View{}
	var names []string
	for rows.Next() {
		var schema, view, col, typ string
		if err := rows.Scan(&schema, &view, &col, &typ); err != nil {
			return nil, fmt.Errorf("query: schema: %w", err)
		}
		name := view
		if schema != "main" {
			name = schema + "." + view
		}
		v := byName[name]
		if v == nil {
			v = &View{Name: name}
			byName[name] = v
			names = append(names, name)
		}
		v.Columns = append(v.Columns, Column{col, typ})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query: schema: %w", err)
	}
	rank := map[string]int{}
	for i, n := range []string{"responses", "answers", "questions", "labels", "comments", "imports", "rejects", "events", "waves", "item_names", "state_names", "sector_names"} {
		rank[n] = i
		rank["all_events."+n] = 100 + i
	}
	queries := map[string]*Query{}
	for i, q := range e.queries {
		rank[q.Name] = 1000 + i
		queries[q.Name] = q
	}
	sort.SliceStable(names, func(i, j int) bool { return rankOf(rank, names[i]) < rankOf(rank, names[j]) })
	out := make([]View, 0, len(names))
	for _, n := range names {
		v := byName[n]
		switch q := queries[n]; {
		case q != nil:
			v.Query = q
			v.Description = "query: " + q.Title(e.opt.Lang)
			if q.Source != "built-in" {
				v.Description += " (" + q.Source + ")"
			}
		case strings.HasPrefix(n, "all_events."):
			v.Description = Descriptions[strings.TrimPrefix(n, "all_events.")] + "; every event"
		default:
			v.Description = Descriptions[n]
		}
		out = append(out, *v)
	}
	return out, nil
}

// rankOf puts unknown views (made by no one we know of) last, by name.
func rankOf(rank map[string]int, name string) int {
	if r, ok := rank[name]; ok {
		return r
	}
	return 1 << 30
}
