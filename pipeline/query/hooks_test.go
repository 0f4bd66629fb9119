package query

import "context"

// ExecUnchecked runs a statement past the SELECT-only gate, to test what
// the locked configuration refuses on its own.
func ExecUnchecked(ctx context.Context, e *Engine, stmt string) error { return e.exec(ctx, stmt) }
