//go:build duckdb_arrow

package query

import (
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"
)

// newQuerier: with the duckdb_arrow tag (the Makefile's builds), results
// come through duckdb-go's own Arrow export, which converts in C: less
// CPU on large results (bench/README.md). Both give the same tables
// (TestRowsMatchDuckDBArrow).
func newQuerier(dc any) (arrowQuerier, error) { return duckdb.NewArrowFromConn(dc.(driver.Conn)) }
