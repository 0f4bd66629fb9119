package query

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/resonanz/resonanz/pipeline/model"
)

// Macros are the macros and functions the engine adds, for `resonanz
// schema`: the data model's, then those written in Go.
var Macros = macros()

func macros() []struct{ Name, Description string } {
	var ms []struct{ Name, Description string }
	for _, m := range model.Macros() {
		ms = append(ms, struct{ Name, Description string }{m.Usage, m.Description})
	}
	for _, f := range functions {
		ms = append(ms, struct{ Name, Description string }{f.usage, f.description})
	}
	return ms
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
	// The data model's views in its order, then all_events', then the
	// queries'.
	rank := map[string]int{}
	for i, o := range append(slices.Clone(model.Tables()), model.Setup()...) {
		rank[o.Name] = i
		rank[model.AllEvents+"."+o.Name] = 10000 + i
	}
	queries := map[string]*Query{}
	for i, q := range e.queries {
		rank[q.Name] = 20000 + i
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
			if q.Source != BuiltIn {
				v.Description += " (" + q.Source + ")"
			}
		case strings.HasPrefix(n, model.AllEvents+"."):
			v.Description = describe(strings.TrimPrefix(n, model.AllEvents+".")) + "; every event"
		default:
			v.Description = describe(n)
		}
		out = append(out, *v)
	}
	return out, nil
}

func describe(name string) string {
	if o := model.Get(name); o != nil {
		return o.Description
	}
	return ""
}

// rankOf puts unknown views (made by no one we know of) last, by name.
func rankOf(rank map[string]int, name string) int {
	if r, ok := rank[name]; ok {
		return r
	}
	return 1 << 30
}
