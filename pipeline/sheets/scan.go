package sheets

import (
	"embed"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz/pipeline/query"
)

// The builders' SQL: one statement per file, named for what it reads.
//
//go:embed sql/*.sql
var sqlFiles embed.FS

// run runs sql/<name>.sql with the parameters given ($1, $2, … or named)
// and returns its table.
func (env *Env) run(name string, params map[string]string) (*query.Table, error) {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		return nil, fmt.Errorf("sheets: %s: %w", name, err)
	}
	rr, done, err := env.e.QueryFrom(env.ctx, "pipeline/sheets/sql/"+name+".sql", string(b), params)
	if err != nil {
		return nil, err
	}
	defer done()
	return query.Collect(rr)
}

// scan runs sql/<name>.sql and reads its rows into structs of type T,
// whose fields name their column in a `col` tag. Every tagged column must
// be in the result: a missing one is an error, not a zero.
func scan[T any](env *Env, name string, params map[string]string) ([]T, error) {
	t, err := env.run(name, params)
	if err != nil {
		return nil, err
	}
	return scanTable[T](t, name)
}

func scanTable[T any](t *query.Table, name string) ([]T, error) {
	var zero T
	rt := reflect.TypeOf(zero)
	type field struct{ idx, col int }
	var fields []field
	for i := 0; i < rt.NumField(); i++ {
		tag := rt.Field(i).Tag.Get("col")
		if tag == "" {
			continue
		}
		c := t.Col(tag)
		if c < 0 {
			return nil, fmt.Errorf("sheets: %s: no column %q (has %s)", name, tag, strings.Join(t.Columns, ", "))
		}
		fields = append(fields, field{i, c})
	}
	out := make([]T, len(t.Rows))
	for r, row := range t.Rows {
		v := reflect.ValueOf(&out[r]).Elem()
		for _, f := range fields {
			if err := setField(v.Field(f.idx), row[f.col]); err != nil {
				return nil, fmt.Errorf("sheets: %s: row %d, column %s: %w", name, r+1, t.Columns[f.col], err)
			}
		}
	}
	return out, nil
}

// setField stores a query value in a field: strings, integers, floats
// (NaN for NULL), pointers to them (nil for NULL), bools and times.
func setField(f reflect.Value, v any) error {
	if f.Kind() == reflect.Pointer {
		if v == nil {
			f.SetZero()
			return nil
		}
		p := reflect.New(f.Type().Elem())
		if err := setField(p.Elem(), v); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	switch f.Kind() {
	case reflect.String:
		switch x := v.(type) {
		case nil:
			f.SetString("")
		case string:
			f.SetString(x)
		case int64:
			f.SetString(strconv.FormatInt(x, 10))
		case float64:
			f.SetString(strconv.FormatFloat(x, 'f', -1, 64))
		default:
			return fmt.Errorf("%T is not text", v)
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		switch x := v.(type) {
		case nil:
			f.SetInt(0)
		case int64:
			f.SetInt(x)
		case float64:
			f.SetInt(int64(math.Round(x)))
		default:
			return fmt.Errorf("%T is not a number", v)
		}
	case reflect.Float64:
		switch x := v.(type) {
		case nil:
			f.SetFloat(math.NaN())
		case int64:
			f.SetFloat(float64(x))
		case float64:
			f.SetFloat(x)
		default:
			return fmt.Errorf("%T is not a number", v)
		}
	case reflect.Bool:
		switch x := v.(type) {
		case nil:
			f.SetBool(false)
		case bool:
			f.SetBool(x)
		default:
			return fmt.Errorf("%T is not true or false", v)
		}
	default:
		if f.Type() == reflect.TypeOf(time.Time{}) {
			switch x := v.(type) {
			case nil:
				f.Set(reflect.ValueOf(time.Time{}))
			case time.Time:
				f.Set(reflect.ValueOf(x))
			default:
				return fmt.Errorf("%T is not a time", v)
			}
			return nil
		}
		return fmt.Errorf("field of type %s", f.Type())
	}
	return nil
}
