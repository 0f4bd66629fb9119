package query_test

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/resonanz/resonanz/pipeline/query"
)

// FuzzCalls calls every function of duckdb_functions() — DuckDB's and the
// project's, every overload — with arguments made from the fuzzer's bytes,
// through the vetting and the engine as analyst SQL: plain values of the
// parameter types, extreme numbers, paths into the data directory and out
// of it, SQL in strings, columns of the data, lambdas, named parameters.
// None may change a file in the data directory, outside it (a folder the
// paths point into) or in the working directory; a function the sandbox
// denies is refused whatever its arguments, one it allows is never refused;
// the engine answers afterwards; and no call may crash the process (the
// fuzzer reports a crash as a failure). The seed corpus, one call of each
// overload with plain arguments, runs in every `go test`; when fuzzing,
// every 16th is seed enough (the fuzzer picks overloads by their number),
// so the time budget goes to random arguments, not to gathering coverage.
func FuzzCalls(f *testing.F) {
	c := newCaller(f)
	// Every overload once in make test-full; every 16th when fuzzing (the
	// fuzzer varies the rest) and in the quick make test.
	step := 1
	if fz := flag.Lookup("test.fuzz"); testing.Short() || fz != nil && fz.Value.String() != "" {
		step = 16
	}
	for i := 0; i < len(c.overloads); i += step {
		f.Add(uint16(i), []byte{})
	}
	f.Fuzz(func(t *testing.T, fn uint16, args []byte) {
		c.call(t, c.overloads[int(fn)%len(c.overloads)], args)
	})
}

type caller struct {
	data, outside, work string
	opt                 query.Options
	e                   *query.Engine
	overloads           []query.Overload
	before              map[string]string
}

func newCaller(f *testing.F) *caller {
	root := f.TempDir()
	c := &caller{data: copyDataTo(f, filepath.Join(root, "data")), outside: filepath.Join(root, "outside")}
	c.work, _ = os.Getwd()
	for name, text := range map[string]string{"a.csv": "a,b\n1,2\n", "sub/b.txt": "secret\n", "c.parquet": "PAR1"} {
		p := filepath.Join(c.outside, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	// A function that read it would hang: only the file readers do, and
	// the sandbox denies them.
	if err := syscall.Mkfifo(filepath.Join(c.outside, "fifo"), 0o600); err != nil {
		f.Fatal(err)
	}
	c.opt = query.Options{DataDir: c.data, Events: []string{"mdk16"}, MemoryLimit: "256MB", Threads: 1, Timeout: 2 * time.Second}
	c.open(f)
	var err error
	if c.overloads, err = query.Overloads(context.Background(), c.e); err != nil {
		f.Fatal(err)
	}
	if len(c.overloads) < 2500 {
		f.Fatalf("%d overloads; DuckDB 1.5 has about 2,950", len(c.overloads))
	}
	c.before = c.state(f)
	f.Cleanup(func() { c.e.Close() })
	return c
}

func (c *caller) open(tb testing.TB) {
	e, err := query.Open(context.Background(), c.opt)
	if err != nil {
		tb.Fatal(err)
	}
	c.e = e
}

// state is every file of the data directory, the outside folder and the
// working directory with its size, time and mode: a function that wrote,
// made or removed one changes it.
func (c *caller) state(tb testing.TB) map[string]string {
	tb.Helper()
	s := map[string]string{}
	for _, dir := range []string{c.data, c.outside} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			s[p] = stamp(info)
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	entries, err := os.ReadDir(c.work)
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range entries {
		if info, err := d.Info(); err == nil {
			s[filepath.Join(c.work, d.Name())] = stamp(info)
		}
	}
	return s
}

func stamp(info fs.FileInfo) string {
	if info.IsDir() {
		return info.Mode().String()
	}
	return info.Mode().String() + " " + strconv.FormatInt(info.Size(), 10) + " " + strconv.FormatInt(info.ModTime().UnixNano(), 10)
}

func (c *caller) call(t *testing.T, o query.Overload, args []byte) {
	g := &argGen{b: args, c: c}
	sql := g.statement(o)
	tab, err := tryTableMax(c.e, sql)
	allowed := query.Vetted(c.e, o.Kind, strings.ToLower(o.Name))
	switch {
	case !allowed && err == nil:
		t.Errorf("%s %s is denied, but ran: %s → %d rows", o.Kind, o.Name, sql, len(tab.Rows))
	case !allowed && o.Kind != "pragma" && !errors.Is(err, query.ErrNotAllowed):
		t.Errorf("%s %s is denied, but %s gave %v", o.Kind, o.Name, sql, err)
	case allowed && errors.Is(err, query.ErrNotAllowed):
		t.Errorf("%s %s is allowed, but %s was refused: %v", o.Kind, o.Name, sql, err)
	}
	if d := diffState(c.before, c.state(t)); len(d) > 0 {
		t.Fatalf("%s changed files: %v", sql, d)
	}
	if query.Stopped(c.e) {
		// The guard gave up on a runaway call (its own test checks that):
		// go on with a fresh engine.
		t.Logf("%s: %v", sql, err)
		c.open(t)
		return
	}
	if tab, err := tryTableMax(c.e, "select count(*) from responses"); err != nil || num(tab.Rows[0][0]) != 150 {
		t.Fatalf("after %s: the engine answers %v, %v", sql, tab, err)
	}
}

func tryTableMax(e *query.Engine, sql string) (*query.Table, error) {
	rr, done, err := e.Query(context.Background(), sql, nil)
	if err != nil {
		return nil, err
	}
	defer done()
	return query.CollectMax(rr, 1000)
}

// argGen makes a call's arguments from the fuzzer's bytes; with none left
// every choice is the first: a plain value of the parameter's type.
type argGen struct {
	b []byte
	c *caller
}

func (g *argGen) next(n int) int {
	if len(g.b) == 0 || n <= 1 {
		return 0
	}
	v := int(g.b[0])
	g.b = g.b[1:]
	return v % n
}

func (g *argGen) pick(s []string) string { return s[g.next(len(s))] }

// statement is the SQL calling o: in FROM for table functions and table
// macros, as PRAGMA for pragmas, in a select list otherwise (over the
// responses, or as a window, when the bytes say so).
func (g *argGen) statement(o query.Overload) string {
	name := `"` + strings.ReplaceAll(o.Name, `"`, `""`) + `"`
	if !o.Internal {
		name = o.Name
	}
	switch o.Kind {
	case "pragma":
		if len(o.Types) == 0 && g.next(2) == 0 {
			return "pragma " + name
		}
		return "pragma " + name + "(" + g.args(o, false) + ")"
	case "table", "table_macro":
		return "select * from " + name + "(" + g.args(o, true) + ")"
	}
	call := name + "(" + g.args(o, false) + ")"
	switch g.next(4) {
	case 1:
		return "select " + call + " from responses"
	case 2:
		if o.Kind == "aggregate" {
			return "select " + call + " over (partition by state) from responses"
		}
	case 3:
		return "select " + call + " from answers group by question"
	}
	return "select " + call
}

// args are values for the parameters, sometimes fewer or more (varargs),
// and for table functions some as named parameters.
func (g *argGen) args(o query.Overload, table bool) string {
	types := o.Types
	if len(types) < len(o.Params) {
		types = append(types, make([]string, len(o.Params)-len(types))...)
	}
	var out []string
	for i, typ := range types {
		v := g.value(typ)
		if table && i > 0 && g.next(3) == 2 && i < len(o.Params) && !strings.HasPrefix(o.Params[i], "col") {
			v = o.Params[i] + " := " + v
		}
		out = append(out, v)
	}
	switch g.next(6) {
	case 1:
		if len(out) > 0 {
			out = out[:len(out)-1]
		}
	case 2:
		typ := o.Varargs
		if typ == "" {
			typ = "ANY"
		}
		for range 1 + g.next(4) {
			out = append(out, g.value(typ))
		}
	case 3:
		if table {
			out = append(out, g.pick(namedParams)+" := "+g.value("ANY"))
		}
	}
	return strings.Join(out, ", ")
}

// namedParams are named parameters of DuckDB's table functions that name
// files or change the engine.
var namedParams = []string{"save_location", "storage_path", "storage", "format", "filename", "mode",
	"header", "columns", "union_by_name", "hive_partitioning", "compression", "auto_detect", "path"}

// value is an argument of a type: a plain one, or, when the bytes say so,
// one of any type or a hostile one.
func (g *argGen) value(typ string) string {
	switch g.next(5) {
	case 3:
		typ = "ANY"
	case 4:
		return g.hostile()
	}
	typ = strings.ToUpper(strings.TrimSpace(typ))
	switch {
	case strings.HasSuffix(typ, "[]") || strings.HasSuffix(typ, "[ANY]") || strings.HasSuffix(typ, "[3]"):
		elem := typ[:strings.LastIndex(typ, "[")]
		n := g.next(4)
		if strings.HasSuffix(typ, "[3]") {
			n = 3
		}
		var vs []string
		for range n {
			vs = append(vs, g.value(elem))
		}
		if len(vs) == 0 && g.next(2) == 0 {
			vs = []string{g.value(elem)}
		}
		return "[" + strings.Join(vs, ", ") + "]"
	case strings.HasPrefix(typ, "STRUCT(") && strings.HasSuffix(typ, ")[]"):
		return "[{'key': " + g.value("VARCHAR") + ", 'value': " + g.value("ANY") + "}]"
	case strings.HasPrefix(typ, "STRUCT"):
		return g.pick([]string{"{'a': 1, 'b': 'x'}", "{'year': 1, 'month': 2, 'day': 3}", "{'x': [1, 2], 'y': {'z': null}}"})
	case strings.HasPrefix(typ, "MAP"):
		return g.pick([]string{"map {'a': 1, 'b': 2}", "map([1, 2], ['x', 'y'])", "map {}"})
	}
	if vs, ok := plain[typ]; ok {
		return g.pick(vs)
	}
	// ANY, T, K, V, TABLE, POINTER, …: anything.
	return g.pick(anyValue)
}

var plain = map[string][]string{
	"VARCHAR":  {"'x'", "'Sachsen'", "''", "'a,b;c'", "'%Y-%m-%d'", "'ä€𝄞'", "'[1, 2]'", "'{\"a\": 1}'", "'$.a'", "'(a)(b)'", "'a.*'", "'2024-01-01'"},
	"BOOLEAN":  {"true", "false"},
	"TINYINT":  {"1::tinyint", "127::tinyint", "-128::tinyint"},
	"SMALLINT": {"1::smallint", "32767::smallint"},
	"INTEGER":  {"1", "0", "-1", "2147483647", "3"},
	"BIGINT":   {"2", "0", "-1", "9223372036854775807", "-9223372036854775808", "4000000000", "1000000"},
	"HUGEINT":  {"1::hugeint", "170141183460469231731687303715884105727::hugeint"},
	"UTINYINT": {"1::utinyint", "255::utinyint"}, "USMALLINT": {"1::usmallint"}, "UINTEGER": {"1::uinteger"},
	"UBIGINT":  {"1::ubigint", "18446744073709551615::ubigint"},
	"UHUGEINT": {"1::uhugeint"},
	"FLOAT":    {"1.5::float", "'nan'::float", "'inf'::float"},
	"DOUBLE":   {"0.5", "1e308", "-1e-308", "'nan'::double", "'-inf'::double", "3.0"},
	"DECIMAL":  {"1.25::decimal(10, 2)", "99999999999999999.99::decimal(19, 2)"},
	"DATE":     {"date '2024-11-14'", "date '-infinity'", "date '1-01-01'", "date '9999-12-31'"},
	"TIME":     {"time '12:34:56'", "time '24:00:00'"},
	"TIME_NS":  {"'12:34:56.123456789'::time_ns"},
	"TIMESTAMP": {"timestamp '2024-11-14 10:00:00'", "timestamp 'infinity'",
		"timestamp '290309-12-22 00:00:00'"},
	"TIMESTAMP_NS":             {"'2024-11-14 10:00:00.123456789'::timestamp_ns"},
	"TIMESTAMP WITH TIME ZONE": {"timestamptz '2024-11-14 10:00:00+01'"},
	"TIME WITH TIME ZONE":      {"timetz '12:00:00+01'"},
	"INTERVAL":                 {"interval 1 day", "interval '-1000000 years'", "interval 1 microsecond"},
	"BLOB":                     {"'\\xAA\\x00'::blob", "''::blob", "'PAR1'::blob"},
	"BIT":                      {"'1010'::bit", "'1'::bit"},
	"UUID":                     {"'6f1b8a0e-3c2d-4e5f-8a9b-0c1d2e3f4a5b'::uuid"},
	"JSON":                     {"'{\"a\": [1, 2]}'::json", "'[]'::json", "'\"x\"'::json"},
	"LAMBDA":                   {"x -> x", "(x, y) -> x + y", "x -> x > 1", "(x, i) -> i", "x -> [x, x]"},
	"BIGNUM":                   {"1::bignum", "'123456789012345678901234567890'::bignum"},
	"VARIANT":                  {"1::variant", "'x'::variant"},
	"GEOMETRY":                 {"'POINT (1 2)'::geometry"},
	"UNION":                    {"union_value(a := 1)"},
	"AGGREGATE_STATE<?>":       {"null"},
}

// anyValue is a value of some type, for parameters of any type.
var anyValue = []string{"1", "'x'", "null", "[1, 2, 3]", "{'a': 1}", "2.5", "true", "date '2024-11-14'",
	"respondent", "state", "event", "(select max(value) from answers)", "[]", "map {'a': 1}", "interval 2 hours"}

// hostile is a value an attacker would try: paths into the data directory
// and out of it, the key's kind of file, devices, SQL in a string, sizes
// that exhaust memory, extremes.
func (g *argGen) hostile() string {
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	switch g.next(4) {
	case 0:
		return g.pick([]string{
			q(filepath.Join(g.c.data, "manifest.json")), q(filepath.Join(g.c.data, "new.json")),
			q(filepath.Join(g.c.data, "responses", "*", "*.parquet")), q(filepath.Join(g.c.data, "logs")),
			q(g.c.data), q(filepath.Join(g.c.outside, "a.csv")), q(filepath.Join(g.c.outside, "new.csv")),
			q(filepath.Join(g.c.outside, "fifo")), q(filepath.Join(g.c.outside, "sub")),
			q(filepath.Join(g.c.outside, "*")), "'new.parquet'", "'functions.tsv'", "'.'", "'/etc/passwd'",
			"'/dev/zero'", "'/proc/self/environ'", "'~/.ssh/id_rsa'", "'s3://bucket/x.csv'", "'http://127.0.0.1:1/x'",
		})
	case 1:
		return g.pick([]string{"'''; copy responses to ''x.csv''; --'", "'select * from read_text(''/etc/passwd'')'",
			"'%s%s%s%n'", "'\\x00'", "chr(0)", "'\x1b]0;x\x07'", "repeat('a', 100000)", "'" + strings.Repeat("(", 2000) + "'"})
	case 2:
		return g.pick([]string{"4000000000", "-4000000000", "9223372036854775807", "-9223372036854775808",
			"1e308", "-1e308", "'nan'::double", "100000000", "2147483648"})
	}
	return g.pick([]string{"null", "null::varchar", "[null]", "[[]]", "{'a': null}", "''", "0", "-1"})
}
