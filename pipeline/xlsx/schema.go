package xlsx

import "github.com/apache/arrow-go/v18/arrow"

// CellSchema is the schema of the raw cells every reader hands on: one row
// per non-empty cell, in row-major order. Row and Col are 1-based sheet
// coordinates (Col 1 is column A), so messages can name the cell a user sees
// in Excel. Value is the cell's text:
//   - strings (shared, inline, rich text runs joined) as they are;
//   - numbers as stored (excelize's RawCellValue); dates and times — numbers
//     whose number format is a date format — as ISO 8601 text (SerialToISO);
//   - booleans as TRUE / FALSE, error cells as their code (#N/A);
//   - a formula cell without a cached value as "=" followed by the formula
//     text: that is what a respondent typed, never something to evaluate.
var CellSchema = arrow.NewSchema([]arrow.Field{
	{Name: "row", Type: arrow.PrimitiveTypes.Int32},
	{Name: "col", Type: arrow.PrimitiveTypes.Int32},
	{Name: "value", Type: arrow.BinaryTypes.String},
}, nil)

// BatchCells is how many cells a reader puts into one record batch.
const BatchCells = 64 * 1024
