package query

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

// Files is a package's folder of SQL files, embedded: the glue SQL a
// stage runs over the data model, kept as named files rather than Go
// strings. Path is the folder's path in the repository, so an error reads
// pipeline/sql/registry_questions.sql:2: Binder Error: ….
//
//	//go:embed sql/*.sql
//	var sqlFS embed.FS
//	var sqlFiles = query.Files{FS: sqlFS, Dir: "sql", Path: "pipeline/sql"}
type Files struct {
	FS   fs.FS
	Dir  string // the folder inside FS
	Path string // the folder in the repository, for messages
}

// Names lists the files' names without .sql.
func (f Files) Names() ([]string, error) {
	matches, err := fs.Glob(f.FS, path.Join(f.Dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = strings.TrimSuffix(path.Base(m), ".sql")
	}
	return names, nil
}

func (f Files) query(name string) (*Query, error) {
	b, err := fs.ReadFile(f.FS, path.Join(f.Dir, name+".sql"))
	if err != nil {
		return nil, fmt.Errorf("query: %s/%s.sql: %w", f.Path, name, err)
	}
	return &Query{Name: name, Source: f.Path + "/" + name + ".sql", SQL: string(b)}, nil
}

// Rows runs the file name of files with named parameters ($event) and
// scans each row into a T, a struct: a column fills the exported field
// tagged `sql:"column"`, or else the one whose name is the column's
// without underscores, ignoring case (item_text → ItemText). Every column
// must fill a field and every field be filled, so a renamed column fails
// at once. NULL makes a pointer field nil and a string field ""; into any
// other field it is an error. Numbers convert between int and float
// fields; times are time.Time.
func Rows[T any](ctx context.Context, e *Engine, files Files, name string, params map[string]any) ([]T, error) {
	t, q, err := collectFile(ctx, e, files, name, params)
	if err != nil {
		return nil, err
	}
	out, err := Scan[T](t)
	if err != nil {
		return nil, fmt.Errorf("query: %s: %w", q.Source, err)
	}
	return out, nil
}

// Prepare checks that every file of files parses and binds against the
// views, without running it: for tests.
func (e *Engine) Prepare(ctx context.Context, files Files) error {
	names, err := files.Names()
	if err != nil {
		return err
	}
	for _, n := range names {
		q, err := files.query(n)
		if err != nil {
			return err
		}
		if err := e.check(ctx, q.SQL); err != nil {
			return e.wrap(q, err)
		}
		g := e.newGuard(ctx)
		err = e.prepared(g, trimSQL(q.SQL), func(*duckdb.Stmt) error { return nil })
		g.end()
		if err != nil {
			return e.wrap(q, err)
		}
	}
	return nil
}

// runArgs runs a query with parameters of any type.
func (e *Engine) runArgs(ctx context.Context, q *Query, params map[string]any) (array.RecordReader, func(), error) {
	if e.stopped.Load() {
		return nil, nil, e.wrap(q, errStopped)
	}
	if err := e.check(ctx, q.SQL); err != nil {
		return nil, nil, e.wrap(q, err)
	}
	text := trimSQL(q.SQL)
	// One guard from binding to the last row (limits.go): DuckDB folds
	// constants while it prepares, so repeat('x', 4e9) runs there already.
	g := e.newGuard(ctx)
	var args []any
	// Text with no $ or ? has no parameters: binding would prepare it
	// once more than running it does (a third of a report's query time).
	if strings.ContainsAny(text, "$?") {
		var err error
		if args, err = e.bind(g, text, params); err != nil {
			g.end()
			return nil, nil, g.wrap(q, err)
		}
	}
	return e.runGuarded(g, q, text, args)
}

// RowsTable runs the file name of files as Rows does and returns its
// result as it is, for a table shown whole (a codebook sheet).
func RowsTable(ctx context.Context, e *Engine, files Files, name string, params map[string]any) (*Table, error) {
	t, _, err := collectFile(ctx, e, files, name, params)
	return t, err
}

// collectFile runs the file name of files and collects its result.
func collectFile(ctx context.Context, e *Engine, files Files, name string, params map[string]any) (*Table, *Query, error) {
	q, err := files.query(name)
	if err != nil {
		return nil, nil, err
	}
	rr, done, err := e.runArgs(ctx, q, params)
	if err != nil {
		return nil, q, err
	}
	defer done()
	t, err := Collect(rr)
	if err != nil {
		return nil, q, e.wrap(q, err)
	}
	return t, q, nil
}

// Scan reads a collected table into structs, by the rules of Rows: for a
// query result that is read more than once.
func Scan[T any](t *Table) ([]T, error) {
	typ := reflect.TypeFor[T]()
	if typ.Kind() != reflect.Struct {
		return nil, fmt.Errorf("rows of %v: want a struct", typ)
	}
	fields := make([]int, len(t.Columns))
	filled := make([]bool, typ.NumField())
	for c, col := range t.Columns {
		fields[c] = -1
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			tag, ok := f.Tag.Lookup("sql")
			if ok && tag == col || !ok && strings.EqualFold(f.Name, strings.ReplaceAll(col, "_", "")) {
				fields[c] = i
				break
			}
		}
		if fields[c] < 0 {
			return nil, fmt.Errorf("column %s fills no field of %v", col, typ)
		}
		filled[fields[c]] = true
	}
	for i, ok := range filled {
		if f := typ.Field(i); !ok && f.IsExported() {
			return nil, fmt.Errorf("no column fills %v.%s", typ, f.Name)
		}
	}
	out := make([]T, len(t.Rows))
	for r, row := range t.Rows {
		v := reflect.ValueOf(&out[r]).Elem()
		for c, x := range row {
			if err := set(v.Field(fields[c]), x); err != nil {
				return nil, fmt.Errorf("row %d, column %s: %w", r+1, t.Columns[c], err)
			}
		}
	}
	return out, nil
}

var timeType = reflect.TypeFor[time.Time]()

// set stores a value of Collect (nil, string, int64, float64, bool,
// time.Time) into a field.
func set(f reflect.Value, x any) error {
	if f.Kind() == reflect.Pointer {
		if x == nil {
			f.SetZero()
			return nil
		}
		p := reflect.New(f.Type().Elem())
		if err := set(p.Elem(), x); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	if x == nil {
		if f.Kind() == reflect.String {
			f.SetString("")
			return nil
		}
		return fmt.Errorf("NULL into a %v (make the field a pointer)", f.Type())
	}
	switch v := x.(type) {
	case string:
		if f.Kind() == reflect.String {
			f.SetString(v)
			return nil
		}
	case int64:
		switch {
		case f.CanInt():
			f.SetInt(v)
			return nil
		case f.CanFloat():
			f.SetFloat(float64(v))
			return nil
		}
	case float64:
		if f.CanFloat() {
			f.SetFloat(v)
			return nil
		}
	case bool:
		if f.Kind() == reflect.Bool {
			f.SetBool(v)
			return nil
		}
	case time.Time:
		if f.Type() == timeType {
			f.Set(reflect.ValueOf(v))
			return nil
		}
	}
	return fmt.Errorf("%T into a %v", x, f.Type())
}
