//go:build duckdb_arrow

package query

import (
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"
)

// UseDuckDBArrow switches an engine to duckdb-go's own Arrow export (only
// with the duckdb_arrow tag), to compare the row converter with it.
func UseDuckDBArrow(e *Engine) error {
	return e.conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err == nil {
			e.arrow = a
		}
		return err
	})
}
