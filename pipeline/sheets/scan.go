package sheets

import (
	"embed"

	"github.com/resonanz/resonanz/pipeline/query"
)

// The builders' SQL: one statement per file, named for what it reads,
// read into typed rows with query.Rows.
//
//go:embed sql/*.sql
var sqlFS embed.FS

var sqlFiles = query.Files{FS: sqlFS, Dir: "sql", Path: "pipeline/sheets/sql"}

// scan runs sql/<name>.sql with named parameters and reads its rows into
// structs of type T (see query.Rows).
func scan[T any](env *Env, name string, params map[string]any) ([]T, error) {
	return query.Rows[T](env.ctx, env.e, sqlFiles, name, params)
}

// run runs sql/<name>.sql and returns its table as it is.
func (env *Env) run(name string) (*query.Table, error) {
	return query.RowsTable(env.ctx, env.e, sqlFiles, name, nil)
}
