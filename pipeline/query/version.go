package query

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// DuckDBVersion is the version of the DuckDB library linked in, as DuckDB
// reports it (v1.5.6), from an in-memory database.
func DuckDBVersion(ctx context.Context) (string, error) {
	c, err := duckdb.NewConnector("", nil)
	if err != nil {
		return "", fmt.Errorf("query: %w", err)
	}
	db := sql.OpenDB(c)
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "select library_version from pragma_version()").Scan(&v); err != nil {
		return "", fmt.Errorf("query: %w", err)
	}
	return v, nil
}
