package sheets

import (
	"fmt"
	"strings"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// queryResult is one report query's result, run once for every sheet and
// builder that shows it.
type queryResult struct {
	q     *query.Query
	table *query.Table
	err   error
}

// result runs a report query by name once.
func (env *Env) result(name string) *queryResult {
	if r, ok := env.results[name]; ok {
		return r
	}
	var q *query.Query
	for _, x := range env.e.Queries() {
		if x.Name == name {
			q = x
		}
	}
	if q == nil {
		env.results[name] = nil
		return nil
	}
	r := &queryResult{q: q}
	rr, done, err := env.e.Run(env.ctx, q, env.params)
	if err == nil {
		r.table, err = query.Collect(rr)
		done()
	}
	r.err = err
	env.results[name] = r
	return r
}

var _ = register(builder{name: "queries", order: 90, build: buildQueries})

// buildQueries makes the sheets of the report queries, built-in and the
// analysts' own, in their order: one sheet per query, or per value of its
// split: columns.
func buildQueries(env *Env) ([]placed, error) {
	var out []placed
	for _, q := range env.e.Queries() {
		if !q.Meta.Report {
			continue
		}
		r := env.result(q.Name)
		if r.err != nil {
			// A query that fails fails the report: its file and line say why.
			return nil, r.err
		}
		if q.Meta.Optional && len(r.table.Rows) == 0 {
			continue
		}
		parts, err := split(r.table, q.Meta.Split)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q.Source, err)
		}
		for _, p := range parts {
			s := env.querySheet(q, p)
			env.splitSheets[q.Name+"\x00"+strings.Join(p.key, "\x00")] = s.ID
			out = append(out, placed{group: groupTables, order: q.Meta.Order, sheet: s})
		}
	}
	return out, nil
}

// part is the rows of one sheet of a split query.
type part struct {
	key   []string // the split columns' values; nil for an unsplit query
	table *query.Table
}

// split cuts a table into one part per distinct combination of the
// columns' values, in the order they first occur.
func split(t *query.Table, cols []string) ([]part, error) {
	if len(cols) == 0 {
		return []part{{table: t}}, nil
	}
	idx := make([]int, len(cols))
	for i, c := range cols {
		if idx[i] = t.Col(c); idx[i] < 0 {
			return nil, fmt.Errorf("split: no column %q", c)
		}
	}
	var out []part
	at := map[string]int{}
	for _, row := range t.Rows {
		key := make([]string, len(cols))
		for i, c := range idx {
			key[i] = query.Text(row[c])
		}
		k := strings.Join(key, "\x00")
		j, ok := at[k]
		if !ok {
			j = len(out)
			at[k] = j
			out = append(out, part{key: key, table: &query.Table{Columns: t.Columns, Types: t.Types}})
		}
		out[j].table.Rows = append(out[j].table.Rows, row)
	}
	return out, nil
}

// querySheet turns a query result into a sheet: readable headings, the
// codes kept but not shown, ▲/▼ beside the means, the chart of its header.
func (env *Env) querySheet(q *query.Query, p part) book.Sheet {
	L := env.L
	id := q.Name
	if p.key != nil {
		id += "_" + strings.Join(p.key, "_")
	}
	name, title := env.expand(q.SheetName(L), q, p.key), env.expand(q.Title(L), q, p.key)
	if c := env.opt.Compare; len(c) == 2 && q.Name == compareQuery && q.Source == query.BuiltIn {
		// "compared with last time" would be wrong when A is not the
		// event before B.
		name, title = i18n.T(L, "sheets.compared_sheet"), i18n.T(L, "sheets.compared_title", c[1].Label(), c[0].Label())
	}
	s := env.newSheet(id, name, title)
	s.Description = env.expand(q.Description(L), q, p.key)
	s.Source = sourceOf(q)
	t := queryTable(L, p.table, q.Meta.Split)
	if q.Meta.Protect != nil {
		t.Protect = q.Meta.Protect
	}
	// A split by dimension names its groups' column after the dimension.
	for i, c := range q.Meta.Split {
		if d := env.Survey.Question(p.key[i]); d != nil && strings.HasPrefix(c, "dimension") {
			if gc := t.Col("grp" + strings.TrimPrefix(c, "dimension") + "_name"); gc >= 0 {
				t.Columns[gc].Heading = d.Name()
			}
		}
	}
	blk := book.Block{Table: t}
	if q.Meta.Chart != "" && q.Meta.Chart != "none" {
		m := q.Meta
		c := &book.Chart{Kind: chart.Kind(m.Chart), X: m.X, Y: m.Y, Series: m.Series, ErrLow: m.ErrLow, ErrHigh: m.ErrHigh, YMin: m.YMin, YMax: m.YMax, Sort: m.Sort}
		if m.Scale != "" && c.YMin == nil && c.YMax == nil {
			if sq := env.Survey.Role(m.Scale); sq != nil && sq.Scaled() {
				lo, hi := sq.Min, sq.Max
				c.YMin, c.YMax = &lo, &hi
			}
		}
		blk.Chart = c
	}
	s.Blocks = []book.Block{blk}
	return s
}

// sourceOf is where a query comes from, for its sheet's note.
func sourceOf(q *query.Query) string {
	if q.Source == query.BuiltIn {
		return "queries/" + q.Name + ".sql"
	}
	return q.Source
}

// readable returns the column that says in words what a code column
// holds (grp → grp_name, item → item_text), or -1.
func readable(t *query.Table, name string) int {
	if c := t.Col(name + "_name"); c >= 0 {
		return c
	}
	return t.Col(name + "_text")
}

// queryTable turns a query's table into a sheet's: the columns a reader
// needs, marks out of the sig column, formats by the columns' names.
func queryTable(L string, t *query.Table, splitCols []string) *book.Table {
	out := &book.Table{}
	sig, mean := t.Col("sig"), t.Col("mean")
	for _, name := range t.Columns {
		col := book.Column{Key: name, Heading: i18n.Column(L, name)}
		switch {
		case name == "sig" && mean >= 0, name == "p_adj" && sig >= 0 && mean >= 0:
			// ▲/▼ are shown beside the mean; the methods sheet says how.
			col.Internal = true
		case name == "sd":
			col.Internal = true // the interval says it better
		case contains(splitCols, name):
			col.Internal = true // the same in every row: the title says it
		case readable(t, name) >= 0:
			col.Internal = true // a code beside its words
		}
		out.Columns = append(out.Columns, col)
	}
	for r, row := range t.Rows {
		out.Rows = append(out.Rows, row)
		if sig >= 0 && mean >= 0 {
			if m, ok := row[sig].(string); ok && m != "" {
				out.SetMark(r, mean, m)
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// expand fills a header text's placeholders: {split} with the names of
// the split's values (a dimension's short name), {scale} with the end
// labels of the scale: role's question, {<role>} with the short name of
// the question of that role.
func (env *Env) expand(s string, q *query.Query, key []string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var names []string
	for i, v := range key {
		if strings.HasPrefix(q.Meta.Split[i], "dimension") {
			if d := env.Survey.Question(v); d != nil {
				v = d.Name()
			}
		}
		names = append(names, v)
	}
	pairs := []string{"{split}", strings.Join(names, " × ")}
	if sq := env.Survey.Role(q.Meta.Scale); sq != nil {
		pairs = append(pairs, "{scale}", scaleWords(sq))
	}
	for _, role := range survey.Roles {
		if rq := env.Survey.Role(role); rq != nil {
			pairs = append(pairs, "{"+role+"}", rq.Name())
		}
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
