// Package pipeline holds the stages of resonanz, one package each:
//
//	ingest  file (xlsx, csv)        → raw cells            (Arrow: row, col, value)
//	survey  raw cells + definition  → the tidy data model  (Arrow: responses, answers, …)
//	store   data model batches      → Parquet dataset under the data directory
//	query   Parquet dataset + SQL   → result batches       (DuckDB views)
//	stats   numbers                 → intervals, tests, suppression, weights
//	chart   a result + chart spec   → PNG and SVG images
//	report  query results           → report.xlsx, report.html, charts/
//
// Ownership: stages hand each other arrow.RecordBatch values, usually through
// an array.RecordReader. Whoever receives a record from a reader's Next does
// not release it (the reader does on the next call); whoever keeps a record
// beyond that calls Retain and later Release. A function that returns a
// RecordReader or RecordBatch transfers it: the caller releases it.
//
// Import runs its stages concurrently (pipe.go): the cells are read ahead
// on a goroutine of their own, normalised on the caller's, and written to
// Parquet on another, with one batch of slack between them, so memory is a
// few batches whatever the number of rows (plus the respondent ids kept to
// find duplicates). bench/xlsx measures it.
//
// The data model is the public contract analysts write SQL against; see
// pipeline/model (one .sql file per table, view and macro) and the README.
package pipeline
