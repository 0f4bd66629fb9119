// Command xlsx measures reading a large survey workbook: the floor (inflate
// the sheet XML and find the cells), excelize, and pipeline/xlsx to Arrow.
// Each reader runs in a child process of this binary (-only), so its peak
// RSS is its own.
//
//	go run ./bench/xlsx -rows 200000
//	go run ./bench/xlsx -rows 1048575 -n 1
package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// A reader under measurement: run reads the survey sheet of the workbook at
// path and returns how many cells it found.
type reader struct {
	name string
	run  func(path string) (cells int, err error)
}

var readers []reader

// measure adds a reader to the table; the first one is the floor the
// others are compared with.
func measure(name string, run func(path string) (int, error)) {
	readers = append(readers, reader{name, run})
}

func init() {
	measure("floor", floor)
	measure("excelize", excelizeRows)
	measure("xlsx", arrowCells)
}

// floor inflates the sheet entry on one goroutine and counts "<c " tags:
// what any reader has to do at least.
func floor(path string) (int, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	zr.RegisterDecompressor(zip.Deflate, flate.NewReader)
	f, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, 256<<10)
	tag := []byte("<c ")
	cells, carry := 0, 0
	for {
		n, err := io.ReadFull(f, buf[carry:])
		data := buf[:carry+n]
		cells += bytes.Count(data, tag)
		// keep a tail that could start a tag split across reads
		carry = copy(buf, data[max(0, len(data)-len(tag)+1):])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return cells, nil
		}
		if err != nil {
			return cells, err
		}
	}
}

// excelizeRows streams the sheet with excelize's Rows and raw cell values.
func excelizeRows(path string) (int, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	rows, err := f.Rows(sheetName)
	if err != nil {
		return 0, err
	}
	cells := 0
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return cells, err
		}
		for _, c := range cols {
			if c != "" {
				cells++
			}
		}
	}
	return cells, rows.Close()
}

// arrowCells reads the sheet into Arrow batches with pipeline/xlsx.
func arrowCells(path string) (int, error) {
	b, err := xlsx.Open(path, xlsx.DefaultLimits())
	if err != nil {
		return 0, err
	}
	defer b.Close()
	rr, err := b.Cells(sheetName)
	if err != nil {
		return 0, err
	}
	defer rr.Release()
	cells := 0
	for rr.Next() {
		cells += int(rr.RecordBatch().NumRows())
	}
	return cells, rr.Err()
}

// result is what a child reports to the parent.
type result struct {
	Cells   int
	Seconds []float64
}

func main() {
	rows := flag.Int("rows", 200_000, "survey rows (responses) to generate")
	n := flag.Int("n", 5, "runs per reader; the table shows the median")
	variants := flag.String("variants", "shared,inline", "workbooks: shared (strings in the shared strings table, as Excel saves), inline (excelize StreamWriter)")
	only := flag.String("only", "", "run just this reader on -file and print its result (used for the child processes)")
	gen := flag.String("gen", "", "generate the workbook of this variant into the cache (used for a child process)")
	file := flag.String("file", "", "workbook for -only")
	prof := flag.String("cpuprofile", "", "with -only: write a CPU profile to this file")
	names := flag.String("readers", "", "readers to measure, comma-separated (default all)")
	cache := flag.String("cache", filepath.Join(os.TempDir(), "resonanz-bench-xlsx"), "directory of the generated workbooks")
	flag.Parse()

	if *gen != "" {
		if _, err := workbook(*cache, *gen, *rows); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if *only != "" {
		if *prof != "" {
			f, err := os.Create(*prof)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			defer pprof.StopCPUProfile()
		}
		if err := child(*only, *file, *n); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	sel := readers
	if *names != "" {
		sel = slices.DeleteFunc(slices.Clone(readers), func(r reader) bool {
			return !slices.Contains(strings.Split(*names, ","), r.name)
		})
	}
	fmt.Printf("%d rows × %d columns, median of %d runs, GOMAXPROCS=%d\n", *rows, len(header), *n, runtime.GOMAXPROCS(0))
	fmt.Println("×floor: seconds over the floor's; ×faster: excelize's seconds over the reader's; peak: the child's max RSS")
	for _, v := range strings.Split(*variants, ",") {
		path, err := generate(*cache, v, *rows)
		if err == nil {
			err = table(v, path, sel, *n)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// generate makes the workbook in a child process: Linux counts the
// parent's peak RSS into each child's (they start as its copy), so the
// parent stays small.
func generate(cache, variant string, rows int) (string, error) {
	path := workbookPath(cache, variant, rows)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	start := time.Now()
	cmd := exec.Command(exe, "-gen", variant, "-rows", fmt.Sprint(rows), "-cache", cache)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("generating %s: %w", path, err)
	}
	fmt.Printf("(generated %s in %.1f s)\n", path, time.Since(start).Seconds())
	return path, nil
}

// table measures each reader in a child process and prints its rows.
// ×floor is seconds over the floor's, ×faster is excelize's seconds over
// the reader's.
func table(variant, path string, sel []reader, n int) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	xml, err := sheetSize(path)
	if err != nil {
		return err
	}
	fmt.Printf("\n%s: %.1f MB, sheet XML %.1f MB\n", filepath.Base(path), float64(st.Size())/1e6, float64(xml)/1e6)
	fmt.Printf("%-8s %-10s %9s %8s %9s %9s %10s\n", "variant", "reader", "seconds", "×floor", "×faster", "peak MB", "cells")
	secs := map[string]float64{}
	for _, r := range sel {
		var out bytes.Buffer
		cmd := exec.Command(exe, "-only", r.name, "-file", path, "-n", fmt.Sprint(n))
		cmd.Stdout, cmd.Stderr = &out, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		var res result
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		peak := float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024 // KiB on Linux
		secs[r.name] = median(res.Seconds)
		ratio := func(a, b string) string {
			if secs[a] == 0 || secs[b] == 0 {
				return "-"
			}
			return fmt.Sprintf("%.2f", secs[a]/secs[b])
		}
		fmt.Printf("%-8s %-10s %9.3f %8s %9s %9.0f %10d\n", variant, r.name, secs[r.name],
			ratio(r.name, readers[0].name), ratio("excelize", r.name), peak, res.Cells)
	}
	return nil
}

// sheetSize is the uncompressed size of the survey sheet's XML.
func sheetSize(path string) (uint64, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			return f.UncompressedSize64, nil
		}
	}
	return 0, fmt.Errorf("%s: no xl/worksheets/sheet1.xml", path)
}

func child(name, path string, n int) error {
	i := slices.IndexFunc(readers, func(r reader) bool { return r.name == name })
	if i < 0 {
		return fmt.Errorf("no reader %q", name)
	}
	var res result
	for range n {
		start := time.Now()
		cells, err := readers[i].run(path)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		res.Seconds = append(res.Seconds, time.Since(start).Seconds())
		res.Cells = cells
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	return s[len(s)/2]
}
