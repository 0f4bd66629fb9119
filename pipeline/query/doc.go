// Package query runs DuckDB SQL over the published dataset: the built-in
// and analysts' queries, ad-hoc SQL, and the wide export.
//
// Contract:
//
//   - Open makes an in-memory DuckDB with one view per table of the data
//     model (pipeline/model) over the manifest's files: the plain views
//     hold the selected events, all_events.<table> every event. It creates
//     the model's tables, macros and views (label views in the report's
//     language, read through in_lang; events, waves), the Go functions
//     (t_quantile, z_quantile, welch_p), and every query file as a view of its name
//     (repeated until no more can be made, so queries may use each other
//     in any order). Schema lists the views with their model's one-line
//     descriptions and columns; Macros the macros.
//   - Waves: the waves view lists the events trends and comparisons span,
//     numbered in time order (manifest order: by date, undated ones by
//     their first import): every event up to the latest selected one, or
//     the two events of Options.Compare (the earlier first; the later
//     first is an error). The trend queries read it, so a report for an
//     earlier event sees no later wave. Label views take the wording of
//     the newest wave.
//   - Query files: Load reads the embedded queries/*.sql, then each user
//     folder; a file with an earlier one's name replaces it (Overrides
//     says which). A `-- key: value` comment header sets title, chart and
//     report order (see Meta and queries/README.md).
//   - Analyst SQL is a single SELECT: DuckDB's parser decides
//     (json_serialize_sql, which refuses everything else); a refusal wraps
//     ErrForbidden and names what it found ("found COPY"). Parameters
//     ($event, $name) are bound through the prepared statement, never
//     spliced. Then the configuration is locked: the data directory is the
//     only one DuckDB may read, no other external access, no extension
//     install or load, no temporary directory (nothing spills to disk),
//     memory limit and threads fixed. Each statement runs under a timeout.
//   - Every failure of a query is a *QueryError printed as
//     file:line: DuckDB's message (queries/foo.sql:3: Binder Error: …), or
//     "query: message" for SQL from no file; a timeout also wraps
//     context.DeadlineExceeded.
//   - Writers: WriteCSV, WriteJSON (an array of objects), WriteXLSX (one
//     sheet per table), WriteParquet (streamed, zstd), WriteAligned (for a
//     terminal). Text in csv that a spreadsheet would run gets a leading ';
//     in xlsx it is a string cell with the Text format, never a formula.
//   - Wide plans one row per respondent and one column per question or
//     item, with safe column names (SafeName) and a codebook.
//   - Small numbers: SmallRows says which rows of a result to hide for a
//     minimum n: those with n below it and, when the result is a count
//     table (one or two label dimensions and an n column), complements so
//     that no hidden n follows from the shown ones and the totals;
//     Suppress writes "." into their numbers.
//
// Example:
//
//	e, err := query.Open(ctx, query.Options{DataDir: "resonanz-data", Events: []string{"mdk16"}})
//	rr, done, err := e.Query(ctx, "select state, count(*) as n from responses where event = $event group by all",
//		map[string]string{"event": "mdk16"})
//	t, err := query.Collect(rr) // releases rr
//	done()
//	query.WriteCSV(os.Stdout, t)
//	// state,n
//	// DE-SN,68
//	// …
//
// With a minimum n of 20, OTHER's 15 goes, and DE-TH's 30 with it, as
// 150 − 68 − 37 − 30 would give it away:
//
//	query.Suppress(t, 20) // DE-SN,68  DE-ST,37  DE-TH,.  OTHER,.
package query
