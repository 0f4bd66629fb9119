package query

import "context"

// ExecUnchecked runs a statement past the SELECT-only gate, to test what
// the locked configuration refuses on its own.
func ExecUnchecked(ctx context.Context, e *Engine, stmt string) error { return e.exec(ctx, stmt) }

// QueryUnchecked runs a query past the gate and the sandbox, to test what
// the locked configuration refuses on its own.
func QueryUnchecked(ctx context.Context, e *Engine, text string) (*Table, error) {
	rr, done, err := e.run(ctx, &Query{}, text, nil)
	if err != nil {
		return nil, err
	}
	defer done()
	return Collect(rr)
}

// PlanWide plans a wide table from questions given as question, item,
// type, role (no texts), to test ids the import would never let through.
func PlanWide(qs [][4]string, commented []string) *Wide {
	var list []wideQuestion
	for _, q := range qs {
		list = append(list, wideQuestion{question: q[0], item: q[1], typ: q[2], role: q[3]})
	}
	c := map[string]bool{}
	for _, q := range commented {
		c[q] = true
	}
	return planWide(list, c, "de")
}

// WideSQL is a plan's SQL and its parameter values.
func WideSQL(w *Wide) (string, []any) { return w.sql, w.args }

// SetWideChunk makes WideReader query n respondents at a time, until the
// returned func puts it back.
func SetWideChunk(n int64) func() {
	old := wideChunk
	wideChunk = n
	return func() { wideChunk = old }
}

// Overload is one line of duckdb_functions(): a function's kind, name,
// parameter names and types, the type of its varargs, and whether DuckDB
// has it built in (false: the project made it).
type Overload struct {
	Kind, Name    string
	Params, Types []string
	Varargs       string
	Internal      bool
}

// Overloads lists every function an engine has, built in or the
// project's, past the sandbox.
func Overloads(ctx context.Context, e *Engine) ([]Overload, error) {
	rows, err := e.conn.QueryContext(ctx, `select function_type, function_name, coalesce(parameters, []),
		coalesce(list_transform(parameter_types, t -> coalesce(t, 'ANY')), []), coalesce(varargs, ''), internal
		from duckdb_functions() order by all`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	strs := func(v any) []string {
		var out []string
		for _, x := range v.([]any) {
			out = append(out, x.(string))
		}
		return out
	}
	var out []Overload
	for rows.Next() {
		var o Overload
		var params, types any
		if err := rows.Scan(&o.Kind, &o.Name, &params, &types, &o.Varargs, &o.Internal); err != nil {
			return nil, err
		}
		o.Params, o.Types = strs(params), strs(types)
		out = append(out, o)
	}
	return out, rows.Err()
}

// Vetted says whether the sandbox lets analyst SQL call a function of a
// kind: in FROM for table functions and table macros, in expressions for
// the others. Pragmas never.
func Vetted(e *Engine, kind, name string) bool {
	switch kind {
	case "table", "table_macro":
		return e.sandbox.table[name]
	case "pragma":
		return false
	}
	return e.sandbox.scalar[name]
}

// Stopped says whether the engine gave up on a runaway call.
func Stopped(e *Engine) bool { return e.stopped.Load() }
