// Package pipeline is the use-case layer of resonanz: each exported
// function (Import, Detect, Query, Queries, Schema, Report, Export, Check,
// Events) opens what it needs, calls the stages in order and publishes the
// result; the commands in cmd/resonanz only parse flags into its options.
// The stages are packages below it (docs/architecture.md says what flows
// between them and where to add a layout, a question type, a chart, a sheet
// or a query):
//
//	ingest      file (xlsx, csv)          → raw cells            (Arrow: row, col, text)
//	survey      raw cells + definition    → the tidy data model  (Arrow: responses, answers, …)
//	store       data model batches        → Parquet dataset under the data directory
//	query       Parquet dataset + SQL     → result batches       (DuckDB views; model's views and macros)
//	sheets      query engine              → book.Book            (one sheet model per question, breakdown, query)
//	disclosure  tables + rule             → what is hidden       (primary, secondary, audit; pseudonyms)
//	report      book.Book                 → report.xlsx, report.html, charts/ (chart draws the images)
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
