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
