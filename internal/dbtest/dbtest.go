// Package dbtest reads a dataset's Parquet files back for tests with
// DuckDB's database/sql driver, apart from resonanz's query engine, so a
// test checks what was written, not what the engine makes of it.
//
//	db := dbtest.Open(t, "data", "mdk16") // a view per survey table ("" : every event)
//	dbtest.Each(t, db, `select respondent, value from answers`, func(scan func(...any)) {
//		var id string
//		var v float64
//		scan(&id, &v)
//	})
package dbtest

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // database/sql driver "duckdb"

	"github.com/resonanz/resonanz/pipeline/model"
)

// Open returns a scratch DuckDB with a view of each survey table over the
// Parquet files of dir for one event ("" for every event); a table no
// file holds is an empty view of its columns. It is closed when the test
// ends.
func Open(t testing.TB, dir, event string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	part := "*"
	if event != "" {
		part = "event=" + event
	}
	for _, table := range model.TableNames("survey") {
		files, _ := filepath.Glob(filepath.Join(dir, table, part, "*.parquet"))
		q := fmt.Sprintf("create view %s as select * from read_parquet(%s, union_by_name = true)", table, List(files))
		if len(files) == 0 {
			var cols []string
			for _, f := range model.Schema(table).Fields() {
				typ := "varchar"
				switch f.Type.ID().String() {
				case "FLOAT64":
					typ = "double"
				case "INT32":
					typ = "integer"
				case "TIMESTAMP":
					typ = "timestamp"
				}
				cols = append(cols, fmt.Sprintf("null::%s as %s", typ, f.Name))
			}
			q = fmt.Sprintf("create view %s as select %s where false", table, strings.Join(cols, ", "))
		}
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return db
}

// Each runs q and hands f each row, to read with scan; an error fails the test.
func Each(t testing.TB, db *sql.DB, q string, f func(scan func(dest ...any)), args ...any) {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		f(func(dest ...any) {
			if err := rows.Scan(dest...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// One reads the one value q returns into dest.
func One(t testing.TB, db *sql.DB, q string, dest any, args ...any) {
	t.Helper()
	if err := db.QueryRow(q, args...).Scan(dest); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// List writes paths as a DuckDB list of string literals, quotes doubled.
func List(paths []string) string {
	q := make([]string, len(paths))
	for i, p := range paths {
		q[i] = "'" + strings.ReplaceAll(p, "'", "''") + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}
