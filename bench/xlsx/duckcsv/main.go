// Command duckcsv is the bench's reference for the CSV import: DuckDB's own
// read_csv of the same file, materialised into an in-memory table with
// every column as text, on all cores. It prints the table's rows.
//
//	duckcsv umfrage.csv
package main

import (
	"database/sql"
	"fmt"
	"os"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: duckcsv FILE.csv")
		os.Exit(2)
	}
	n, err := load(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "duckcsv:", err)
		os.Exit(1)
	}
	fmt.Println(n)
}

func load(path string) (int, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	lit := "'" + strings.ReplaceAll(path, "'", "''") + "'"
	if _, err := db.Exec("create table t as select * from read_csv(" + lit + ", delim = ';', header = true, all_varchar = true)"); err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRow("select count(*) from t").Scan(&n)
	return n, err
}
