package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"resonanz": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI end-to-end cases in testdata/script. Each case
// starts in a fresh directory with the repository's testdata/ linked as
// $TESTDATA, a pseudonym key outside the data directory, and RESONANZ_DATA
// unset (so --data defaults to ./resonanz-data).
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", root)
			env.Setenv("RESONANZ_KEY", filepath.Join(env.WorkDir, "..", "key"))
			env.Setenv("RESONANZ_DATA", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"xlsx2tsv":    cmdXLSX2TSV,
			"parquet2tsv": cmdParquet2TSV,
			"sql2tsv":     cmdSQL2TSV,
			"rmglob":      cmdRmGlob,
			"exits":       cmdExits,
		},
	})
}

// xlsx2tsv FILE SHEET [RANGE-ROWS]: prints a sheet's cell values as TSV
// (formula cells as =FORMULA), so scripts compare workbook contents, not bytes.
func cmdXLSX2TSV(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: xlsx2tsv FILE SHEET")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("xlsx2tsv: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(args[1], excelize.Options{RawCellValue: true})
	if neg {
		if err == nil {
			ts.Fatalf("xlsx2tsv: sheet %s exists", args[1])
		}
		return
	}
	if err != nil {
		ts.Fatalf("xlsx2tsv: %v", err)
	}
	var b strings.Builder
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if fx, _ := f.GetCellFormula(args[1], ref); fx != "" {
				v = "=" + fx
			}
			if c > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(strings.ReplaceAll(v, "\n", `\n`))
		}
		b.WriteByte('\n')
	}
	ts.Stdout().Write([]byte(b.String()))
}

// parquet2tsv GLOB [COLUMNS [WHERE]]: reads Parquet files back with DuckDB
// and prints their rows as TSV, ordered by every column.
func cmdParquet2TSV(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 || len(args) > 3 {
		ts.Fatalf("usage: parquet2tsv GLOB [COLUMNS [WHERE]]")
	}
	cols, where := "*", ""
	if len(args) > 1 {
		cols = args[1]
	}
	if len(args) > 2 {
		where = " where " + args[2]
	}
	q := fmt.Sprintf("select %s from read_parquet('%s')%s order by all", cols, strings.ReplaceAll(ts.MkAbs(args[0]), "'", "''"), where)
	printSQL(ts, neg, q)
}

// rmglob PATTERN...: removes the files matching each pattern (one at
// least), as a user deleting files by hand would.
func cmdRmGlob(ts *testscript.TestScript, neg bool, args []string) {
	for _, pat := range args {
		m, err := filepath.Glob(ts.MkAbs(pat))
		if err != nil || len(m) == 0 {
			ts.Fatalf("rmglob %s: no file (%v)", pat, err)
		}
		for _, f := range m {
			if err := os.Remove(f); err != nil {
				ts.Fatalf("rmglob: %v", err)
			}
		}
	}
}

// sql2tsv SQL: runs SQL in a scratch DuckDB (to read files the CLI wrote).
func cmdSQL2TSV(ts *testscript.TestScript, neg bool, args []string) {
	printSQL(ts, neg, strings.Join(args, " "))
}

func printSQL(ts *testscript.TestScript, neg bool, q string) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		ts.Fatalf("%v", err)
	}
	defer db.Close()
	if _, err := db.Exec("set file_search_path = " + "'" + strings.ReplaceAll(ts.Getenv("WORK"), "'", "''") + "'"); err != nil {
		ts.Fatalf("%v", err)
	}
	rows, err := db.QueryContext(context.Background(), q)
	if neg {
		if err == nil {
			rows.Close()
			ts.Fatalf("query succeeded: %s", q)
		}
		return
	}
	if err != nil {
		ts.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b bytes.Buffer
	b.WriteString(strings.Join(cols, "\t") + "\n")
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			ts.Fatalf("%v", err)
		}
		for i, v := range vals {
			if i > 0 {
				b.WriteByte('\t')
			}
			if v == nil {
				b.WriteString("NULL")
			} else {
				fmt.Fprint(&b, v)
			}
		}
		b.WriteByte('\n')
	}
	ts.Stdout().Write(b.Bytes())
}

// exits CODE PROGRAM [ARGS...]: runs a program as exec does and checks its
// exit code, so a script tests the documented code, not only "non-zero";
// stdout and stderr stay for the next stdout/stderr checks.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: code %q: %v", args[0], err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}
