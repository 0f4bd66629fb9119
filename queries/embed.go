// Package queries holds resonanz's built-in SQL queries. Each file is one
// query; its name (without .sql) is the query's name, its report sheet and a
// view analysts can select from. A comment header sets title and chart; see
// README.md in this folder.
package queries

import "embed"

// FS holds the built-in *.sql files.
//
//go:embed *.sql
var FS embed.FS
