//go:build duckdb_arrow

package query

import (
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"
)

// UseRows and UseDuckDBArrow switch an engine to the row converter or to
// duckdb-go's own Arrow export (only with the duckdb_arrow tag), to
// compare the two.
func UseRows(e *Engine) error {
	return e.conn.Raw(func(dc any) error {
		r, err := newRowConn(dc)
		if err == nil {
			e.arrow = r
		}
		return err
	})
}

func UseDuckDBArrow(e *Engine) error {
	return e.conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err == nil {
			e.arrow = a
		}
		return err
	})
}
