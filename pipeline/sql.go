package pipeline

import (
	"embed"

	"github.com/resonanz/resonanz/pipeline/query"
)

// The use cases' SQL over the data model, one named file each, run with
// query.Rows into a struct per row.
//
//go:embed sql/*.sql
var sqlFS embed.FS

var sqlFiles = query.Files{FS: sqlFS, Dir: "sql", Path: "pipeline/sql"}
