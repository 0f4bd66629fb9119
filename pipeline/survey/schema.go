package survey

import "github.com/apache/arrow-go/v18/arrow"

// Table names of the data model. Every table carries the event, so a Parquet
// file read on its own still says where it belongs.
const (
	Responses = "responses"
	Answers   = "answers"
	Questions = "questions"
	Labels    = "labels"
	Comments  = "comments"
	Rejects   = "rejects"
)

// Tables lists the tables Normalize writes, in the order views are created.
var Tables = []string{Responses, Answers, Questions, Labels, Comments, Rejects}

func str(name string) arrow.Field {
	return arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}
}

// dict is a string column stored as a dictionary (indices into distinct
// values), for the repeating strings of answers and responses (see
// tables.go). Parquet files and SQL see a plain string.
func dict(name string) arrow.Field {
	return arrow.Field{Name: name, Type: stringDict, Nullable: true}
}
func f64(name string) arrow.Field {
	return arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Float64, Nullable: true}
}
func i32(name string) arrow.Field {
	return arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int32, Nullable: true}
}
func i64(name string) arrow.Field {
	return arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int64, Nullable: true}
}
func when(name string) arrow.Field {
	return arrow.Field{Name: name, Type: arrow.FixedWidthTypes.Timestamp_us, Nullable: true}
}

// Schemas are the Arrow schemas of the data model, the public contract
// analysts write SQL against (see the README for what each column means).
var Schemas = map[string]*arrow.Schema{
	Responses: arrow.NewSchema([]arrow.Field{
		dict("event"), str("respondent"), when("submitted_at"),
		dict("state"), dict("state_name"), dict("sector"), dict("sector_name"),
		dict("source_file"), i32("source_row"),
	}, nil),
	Answers: arrow.NewSchema([]arrow.Field{
		dict("event"), dict("respondent"), dict("question"), dict("item"), f64("value"), dict("label"),
	}, nil),
	Questions: arrow.NewSchema([]arrow.Field{
		str("event"), str("question"), str("item"), str("text"), str("item_text"), str("type"),
		f64("scale_min"), f64("scale_max"), str("text_en"), str("item_text_en"), i32("position"), str("role"), str("source_header"),
	}, nil),
	Labels: arrow.NewSchema([]arrow.Field{
		str("event"), str("question"), str("code"), f64("value"), str("label"), str("label_en"), i32("position"),
	}, nil),
	Comments: arrow.NewSchema([]arrow.Field{
		str("event"), str("respondent"), str("question"), str("text"),
	}, nil),
	Rejects: arrow.NewSchema([]arrow.Field{
		str("event"), str("file"), str("sheet"), i32("row"), str("column"), str("value"), str("reason"),
		str("question"), str("item"),
	}, nil),
}

// ImportsSchema is the schema of the imports table, written by the store.
var ImportsSchema = arrow.NewSchema([]arrow.Field{
	str("event"), str("file"), str("sha256"), when("imported_at"),
	i64("rows_read"), i64("rows_imported"), i64("rows_rejected"),
	i64("cells_rejected"), i64("blank_rows"), i64("duplicates"),
	str("sheet"), str("layout"), str("import_id"),
}, nil)
