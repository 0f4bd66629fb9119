package model

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

//go:embed tables/*.sql views/*.sql macros/*.sql
var files embed.FS

// The dataset's tables, as Go code names them. Each is defined in
// tables/<name>.sql; a test checks these names against the files.
const (
	Responses = "responses"
	Answers   = "answers"
	Questions = "questions"
	Labels    = "labels"
	Comments  = "comments"
	Rejects   = "rejects"
	Imports   = "imports"
)

// AllEvents is the schema whose views hold every event; the plain views
// hold the selected ones.
const AllEvents = "all_events"

// Kind is what a statement creates.
type Kind int

const (
	Table Kind = iota // create table
	Macro             // create macro (scalar or table)
	View              // create view
)

// Object is one table, view or macro of the data model: one .sql file.
type Object struct {
	Name        string // the file's name without .sql
	File        string // tables/responses.sql
	Kind        Kind
	Description string // one line, for `resonanz schema`
	Usage       string // macros: the call as `resonanz schema` shows it
	Order       int    // position in `resonanz schema` (then by name)
	// AllEvents views are made a second time in schema all_events, where
	// the data views' unqualified names mean all_events.*.
	AllEvents bool
	SQL       string // the whole file: header comments and one statement

	// Dataset tables (tables/*.sql) only.
	WrittenBy string        // the stage that writes it: survey or store
	Columns   []Column      // in order
	Schema    *arrow.Schema // the Arrow schema batches of the table have
}

// Column is one column of a dataset table.
type Column struct {
	Name       string
	Type       string // the DuckDB type as DuckDB names it: VARCHAR, DOUBLE, INTEGER, BIGINT, TIMESTAMP WITH TIME ZONE
	Dictionary bool   // Arrow dictionary-encoded (Parquet and SQL see plain strings)
	Note       string // the comment after the column in its file
	arrow      arrow.DataType
}

// StringDict is the Arrow type of dictionary columns: int32 indices into
// the batch's distinct strings.
var StringDict = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// sqlTypes are the column types a table may declare, by the name DuckDB
// gives them, with their Arrow types. Times are UTC-stamped microseconds
// (they hold the wall-clock time the export shows), which DuckDB reads
// from Parquet as TIMESTAMP WITH TIME ZONE.
var sqlTypes = map[string]struct {
	name  string
	arrow arrow.DataType
}{
	"VARCHAR":     {"VARCHAR", arrow.BinaryTypes.String},
	"DOUBLE":      {"DOUBLE", arrow.PrimitiveTypes.Float64},
	"INTEGER":     {"INTEGER", arrow.PrimitiveTypes.Int32},
	"BIGINT":      {"BIGINT", arrow.PrimitiveTypes.Int64},
	"TIMESTAMPTZ": {"TIMESTAMP WITH TIME ZONE", arrow.FixedWidthTypes.Timestamp_us},
}

var loaded = mustLoad()

type catalogue struct {
	tables []*Object // tables/, in order
	setup  []*Object // views/ and macros/, in order
	byName map[string]*Object
}

// Tables returns the dataset's tables (the Parquet files), in order.
func Tables() []*Object { return loaded.tables }

// TableNames returns the names of the dataset's tables written by a stage
// (survey, store), or all of them for "".
func TableNames(writtenBy string) []string {
	var names []string
	for _, t := range loaded.tables {
		if writtenBy == "" || t.WrittenBy == writtenBy {
			names = append(names, t.Name)
		}
	}
	return names
}

// Schema returns the Arrow schema of a dataset table; nil for none.
func Schema(table string) *arrow.Schema {
	if o := loaded.byName[table]; o != nil && o.Schema != nil {
		return o.Schema
	}
	return nil
}

// Columns returns a dataset table's columns in order; nil for none.
func Columns(table string) []Column {
	if o := loaded.byName[table]; o != nil {
		return o.Columns
	}
	return nil
}

// Setup returns what the query engine creates over the data views: tables
// it fills, macros and views, in that order (then by Order and name). A
// statement may need one made after it (a view over a later view): the
// engine retries what failed until nothing more succeeds.
func Setup() []*Object { return loaded.setup }

// Macros returns the macros in the order `resonanz schema` lists them.
func Macros() []*Object {
	var ms []*Object
	for _, o := range loaded.setup {
		if o.Kind == Macro {
			ms = append(ms, o)
		}
	}
	return ms
}

// Get returns the table, view or macro of a name; nil for none.
func Get(name string) *Object { return loaded.byName[name] }

// Reserved reports whether a name is taken by the data model (a table or
// view, or the all_events schema), so a query, which becomes a view of its
// name, may not take it. Macros live apart from views in DuckDB.
func Reserved(name string) bool {
	o := loaded.byName[name]
	return name == AllEvents || o != nil && o.Kind != Macro
}

func mustLoad() *catalogue {
	c, err := load(files)
	if err != nil {
		panic(err) // the embedded files are fixed at build time; TestLoad reports it
	}
	return c
}

func load(fsys fs.FS) (*catalogue, error) {
	c := &catalogue{byName: map[string]*Object{}}
	for _, dir := range []string{"tables", "views", "macros"} {
		names, err := fs.Glob(fsys, dir+"/*.sql")
		if err != nil {
			return nil, err
		}
		for _, file := range names {
			b, err := fs.ReadFile(fsys, file)
			if err != nil {
				return nil, err
			}
			o, err := parse(file, string(b))
			if err != nil {
				return nil, err
			}
			if c.byName[o.Name] != nil {
				return nil, fmt.Errorf("model: %s: %s is defined twice", file, o.Name)
			}
			c.byName[o.Name] = o
			if dir == "tables" {
				if o.Kind != Table {
					return nil, fmt.Errorf("model: %s: want a create table statement", file)
				}
				c.tables = append(c.tables, o)
			} else {
				c.setup = append(c.setup, o)
			}
		}
	}
	byOrder := func(a, b *Object) int {
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.Name, b.Name)
	}
	slices.SortFunc(c.tables, byOrder)
	slices.SortFunc(c.setup, byOrder)
	return c, nil
}

var (
	headerRE = regexp.MustCompile(`^-- ([a-z_]+): (.*)$`)
	createRE = regexp.MustCompile(`(?is)^\s*create\s+(table|view|macro)\s+([a-z_][a-z0-9_]*)\b`)
)

// parse reads one file: its header (leading `-- key: value` lines), then
// comments and one statement creating the object the file is named after.
func parse(file, text string) (*Object, error) {
	o := &Object{Name: strings.TrimSuffix(path.Base(file), ".sql"), File: file, SQL: text, Order: 1000}
	errf := func(format string, args ...any) error {
		return fmt.Errorf("model: %s: "+format, append([]any{file}, args...)...)
	}
	var dict []string
	lines := strings.Split(text, "\n")
	for _, line := range lines {
		m := headerRE.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil {
			break
		}
		v := strings.TrimSpace(m[2])
		switch m[1] {
		case "description":
			o.Description = v
		case "usage":
			o.Usage = v
		case "order":
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, errf("order: %w", err)
			}
			o.Order = n
		case "all_events":
			o.AllEvents = v == "true"
		case "written_by":
			o.WrittenBy = v
		case "dictionary":
			for _, d := range strings.Split(v, ",") {
				dict = append(dict, strings.TrimSpace(d))
			}
		default:
			return nil, errf("unknown header key %q", m[1])
		}
	}
	if o.Description == "" {
		return nil, errf("no -- description: header")
	}
	stmt := stripComments(text)
	m := createRE.FindStringSubmatch(stmt)
	if m == nil {
		return nil, errf("want one create table, view or macro statement")
	}
	if m[2] != o.Name {
		return nil, errf("creates %s; name the file after it", m[2])
	}
	if strings.Count(strings.TrimRight(strings.TrimSpace(stmt), ";"), ";") > 0 {
		return nil, errf("more than one statement")
	}
	switch strings.ToLower(m[1]) {
	case "table":
		o.Kind = Table
	case "view":
		o.Kind = View
	case "macro":
		o.Kind = Macro
		if o.Usage == "" {
			return nil, errf("a macro needs a -- usage: header")
		}
	}
	if strings.HasPrefix(file, "tables/") {
		if o.WrittenBy != "survey" && o.WrittenBy != "store" {
			return nil, errf("written_by: want survey or store, got %q", o.WrittenBy)
		}
		cols, err := columns(text)
		if err != nil {
			return nil, errf("%w", err)
		}
		fields := make([]arrow.Field, len(cols))
		for i := range cols {
			c := &cols[i]
			c.Dictionary = slices.Contains(dict, c.Name)
			typ := c.arrow
			if c.Dictionary {
				if c.arrow != arrow.BinaryTypes.String {
					return nil, errf("dictionary column %s is %s; only VARCHAR can be", c.Name, c.Type)
				}
				typ = StringDict
			}
			fields[i] = arrow.Field{Name: c.Name, Type: typ, Nullable: true}
		}
		for _, d := range dict {
			if !slices.ContainsFunc(cols, func(c Column) bool { return c.Name == d }) {
				return nil, errf("dictionary: no column %s", d)
			}
		}
		o.Columns, o.Schema = cols, arrow.NewSchema(fields, nil)
	} else if o.WrittenBy != "" || dict != nil {
		return nil, errf("written_by and dictionary are for dataset tables (tables/)")
	}
	return o, nil
}

// stripComments drops -- comments (there are no string literals holding
// "--" in the model's SQL).
func stripComments(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// columns reads the column list of `create table name (col type, …)`;
// a comment after a column says what it holds.
func columns(text string) ([]Column, error) {
	var cols []Column
	in := false
	for _, line := range strings.Split(text, "\n") {
		code, note, _ := strings.Cut(line, "--")
		if !in {
			i := strings.Index(code, "(")
			if i < 0 {
				continue
			}
			in, code = true, code[i+1:]
		}
		end := strings.LastIndex(code, ")")
		if end >= 0 {
			code = code[:end]
		}
		for _, def := range strings.Split(code, ",") {
			f := strings.Fields(def)
			if len(f) == 0 {
				continue
			}
			if len(f) != 2 {
				return nil, fmt.Errorf("column %q: want name and type", strings.TrimSpace(def))
			}
			typ, ok := sqlTypes[strings.ToUpper(f[1])]
			if !ok {
				return nil, fmt.Errorf("column %s: type %s is none of varchar, double, integer, bigint, timestamptz", f[0], f[1])
			}
			cols = append(cols, Column{Name: strings.Trim(f[0], `"`), Type: typ.name, arrow: typ.arrow})
		}
		if n := strings.TrimSpace(note); n != "" && len(cols) > 0 {
			cols[len(cols)-1].Note = n
		}
		if end >= 0 {
			break
		}
	}
	if !in || len(cols) == 0 {
		return nil, fmt.Errorf("no column list")
	}
	return cols, nil
}
