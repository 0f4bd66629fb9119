// Package model is the data model, defined once: every table of the
// dataset with its Arrow schema, and every view and macro the query engine
// makes over it, as one embedded .sql file each with a comment header.
//
//	tables/<table>.sql  the Parquet tables: a create table statement whose
//	                    columns are the Arrow schema (Schema)
//	views/<view>.sql    views (and tables the engine fills, event_info)
//	macros/<name>.sql   SQL macros, scalar and table
//
// A file is a header of `-- key: value` lines, then comments and one
// statement creating the object the file is named after:
//
//	-- description: one row per answer label of a question: code, value, …
//	-- order: 40
//	-- written_by: survey
//	create table labels (event varchar, question varchar, …);
//
// Keys: description (required; one line, printed by `resonanz schema`),
// order (position in that listing), usage (macros: the call as listed),
// all_events: true (views: made once more in schema all_events, where the
// data views' unqualified names mean every event's), and for tables
// written_by (survey or store: the stage that writes it) and dictionary
// (the VARCHAR columns Arrow holds dictionary-encoded).
//
// Who reads it: survey builds batches of Schema(name); store writes and
// checks Parquet files of TableNames(""); query makes a view of each table
// over its files, then runs Setup() and lists everything in `resonanz
// schema`. Views read the report language through the macro in_lang(de, en).
// Adding a table, view or macro is one new file (and its row in the
// README's data model, which a test compares).
package model
