// Command gen writes the deterministic test fixtures and their truth files:
//
//	go run ./tools/gen -out testdata
//
// Running it twice gives byte-identical files; internal/sample's tests fail
// when testdata/ is out of date with the generator.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/resonanz/resonanz/internal/sample"
)

func main() {
	out := flag.String("out", "testdata", "directory to write the fixtures into")
	quiet := flag.Bool("q", false, "do not list the files written")
	flag.Parse()
	paths, err := sample.WriteAll(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if !*quiet {
		for _, p := range paths {
			fmt.Println(p)
		}
	}
}
