// Package ingest opens survey exports and hands on their raw cells.
//
// Open picks the reader by extension: .xlsx/.xlsm workbooks, .csv/.tsv/.txt
// text files (encoding and delimiter sniffed). A Book lists its sheets (a
// CSV file has one, named "") and streams each sheet's non-empty cells as
// Arrow records of xlsx.CellSchema — row, col (1-based, as Excel shows
// them) and the cell's text:
//
//	umfrage.csv:               Cells("") →
//	  ID;Bundesland              (1, 1, "ID")  (1, 2, "Bundesland")
//	  1;Sachsen                  (2, 1, "1")   (2, 2, "Sachsen")
//	  2;                         (3, 1, "2")
//
// Nothing is interpreted here beyond what the file format says (a date cell
// becomes ISO text); which row is the header and what a value means is the
// survey stage's business. Errors name the file and, where there is one, the
// sheet and cell: "umfrage.xlsx: Antworten!C7: …" (CellError) or
// "umfrage.csv:17:5: …" (ParseError). The caller releases the readers.
package ingest
