//go:build !duckdb_arrow

package query

// newQuerier: without the duckdb_arrow tag, results come from the
// driver's rows (rows.go).
func newQuerier(dc any) (arrowQuerier, error) { return newRowConn(dc) }
