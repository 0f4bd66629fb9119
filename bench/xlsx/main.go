// Command xlsx measures reading and importing a large survey export: a
// German Microsoft Forms workbook of the conference survey (shared strings
// as Excel saves it, or inline strings) and the same responses as a German
// Excel CSV. Side by side, in one run:
//
//	floor     inflate the sheet XML and count its cells: what any reader must do
//	excelize  excelize Rows() with RawCellValue
//	xlsx      pipeline/xlsx to Arrow record batches
//	csv       pipeline/ingest's CSV reader to Arrow record batches
//	import    `resonanz import` to Parquet: the real command, built once
//	duckdb    DuckDB's read_csv into an in-memory table (bench/xlsx/duckcsv)
//
// Each runs in a fresh process (a child of this binary, or the built
// command with a new data directory and a key file outside it per run), so
// its peak RSS is its own; the table shows the median seconds of -n runs.
// Then `resonanz import` alone on -memrows rows (Excel's limit by default),
// for memory.
//
//	go run ./bench/xlsx                       # what make bench runs
//	go run ./bench/xlsx -rows 20000 -n 3 -memrows 0 -readers xlsx,import
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
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/procstat"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// A runner is one row of the table. It reads files of one format: either
// run, in a child process of this binary (-only), returning how many cells
// or rows it found; or an external command started once per run, whose
// output check turns into that count.
type runner struct {
	name   string
	format string // "xlsx" or "csv"
	run    func(path string) (int, error)
	cmd    func(b *bench, path string) (*exec.Cmd, func(), error) // the command and its cleanup
	check  func(out []byte, rows int) (int, error)
}

type runners []runner

// measure adds a runner that works in a child of this binary. The first
// runner of a format is the base the others' seconds are divided by.
func (rs *runners) measure(name, format string, run func(path string) (int, error)) {
	*rs = append(*rs, runner{name: name, format: format, run: run})
}

// command adds a runner that starts a program per run.
func (rs *runners) command(name, format string, cmd func(*bench, string) (*exec.Cmd, func(), error), check func([]byte, int) (int, error)) {
	*rs = append(*rs, runner{name: name, format: format, cmd: cmd, check: check})
}

func all() runners {
	var rs runners
	rs.measure("floor", "xlsx", floor)
	rs.measure("excelize", "xlsx", excelizeRows)
	rs.measure("xlsx", "xlsx", arrowCells)
	rs.command("import", "xlsx", importCmd, importCheck)
	rs.command("duckdb", "csv", duckCmd, duckCheck)
	rs.measure("csv", "csv", csvCells)
	rs.command("import", "csv", importCmd, importCheck)
	return rs
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
	return countCells(b.Cells(sheetName))
}

// csvCells reads the CSV file into Arrow batches with pipeline/ingest.
func csvCells(path string) (int, error) {
	b, err := ingest.Open(path, ingest.Options{})
	if err != nil {
		return 0, err
	}
	defer b.Close()
	return countCells(b.Cells(""))
}

// countCells reads a sheet's cell batches to the end and counts the cells.
func countCells(rr array.RecordReader, err error) (int, error) {
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

// importCmd is `resonanz import` of path into a new data directory, with a
// new key file beside it.
func importCmd(b *bench, path string) (*exec.Cmd, func(), error) {
	dir, err := os.MkdirTemp(b.work, "import-")
	if err != nil {
		return nil, nil, err
	}
	// English: importCheck reads the summary's words.
	cmd := exec.Command(b.resonanz, "import", path, "--event", "bench", "--lang", "en",
		"--data", filepath.Join(dir, "data"), "--key", filepath.Join(dir, "key"))
	return cmd, func() { os.RemoveAll(dir) }, nil
}

var summaryRE = regexp.MustCompile(`(\d+) rows read, (\d+) imported, (\d+) rejected rows, (\d+) rejected values`)

// importCheck reads the import's summary: every row imported, nothing
// rejected, every column understood. The count is the rows imported.
func importCheck(out []byte, rows int) (int, error) {
	m := summaryRE.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no summary in the output:\n%s", out)
	}
	n := make([]int, len(m))
	for i := 1; i < len(m); i++ {
		n[i], _ = strconv.Atoi(string(m[i]))
	}
	if n[1] != rows || n[2] != rows || n[3] != 0 || n[4] != 0 {
		return 0, fmt.Errorf("want %d rows read and imported, none rejected:\n%s", rows, out)
	}
	if bytes.Contains(out, []byte("(not recognised")) || bytes.Contains(out, []byte("(not stored:")) {
		return 0, fmt.Errorf("a column was not understood:\n%s", out)
	}
	return n[2], nil
}

func duckCmd(b *bench, path string) (*exec.Cmd, func(), error) {
	return exec.Command(b.duckcsv, path), func() {}, nil
}

func duckCheck(out []byte, rows int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err == nil && n != rows {
		err = fmt.Errorf("read %d rows, want %d", n, rows)
	}
	return n, err
}

// bench holds what the runs share.
type bench struct {
	work     string // scratch directory: built commands, data directories
	resonanz string
	duckcsv  string
	n        int
	exe      string // this binary, for its children
}

// result is what an in-process child reports to the parent.
type result struct {
	Cells   int
	Seconds []float64
}

// row is a measured runner.
type row struct {
	runner
	seconds float64 // median
	cpu     float64 // user and system seconds of a run, median (in-process runners: mean)
	peak    float64 // MB, highest of the runs
	count   int
}

// options are the command's flags.
type options struct {
	rows, n, memRows                              int
	variants, only, gen, file, prof, names, cache string
}

func main() {
	var o options
	flag.IntVar(&o.rows, "rows", 200_000, "survey rows (responses) to generate")
	flag.IntVar(&o.n, "n", 5, "runs per runner; the table shows the median")
	flag.StringVar(&o.variants, "variants", "shared,inline,csv", "files: shared (strings in the shared strings table, as Excel saves), inline (excelize StreamWriter), csv (German Excel)")
	flag.IntVar(&o.memRows, "memrows", 1_048_575, "rows of the files `resonanz import` is run on once more, for memory; 0 skips")
	flag.StringVar(&o.only, "only", "", "run just this in-process runner on -file and print its result (used for the child processes)")
	flag.StringVar(&o.gen, "gen", "", "generate the file of this variant into the cache (used for a child process)")
	flag.StringVar(&o.file, "file", "", "file for -only")
	flag.StringVar(&o.prof, "cpuprofile", "", "with -only: write a CPU profile to this file (for the import: resonanz import --cpuprofile)")
	flag.StringVar(&o.names, "readers", "", "runners to measure, comma-separated (default all)")
	flag.StringVar(&o.cache, "cache", filepath.Join(os.TempDir(), "resonanz-bench-xlsx"), "directory of the generated files")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if o.gen != "" {
		_, err := generated(o.cache, o.gen, o.rows)
		return err
	}
	if o.only != "" {
		if o.prof != "" {
			f, err := os.Create(o.prof)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
		return child(o.only, o.file, o.n)
	}
	sel := all()
	if o.names != "" {
		sel = slices.DeleteFunc(sel, func(r runner) bool { return !slices.Contains(strings.Split(o.names, ","), r.name) })
	}
	b, err := newBench(o.n, sel)
	if err != nil {
		return err
	}
	defer os.RemoveAll(b.work)
	fmt.Printf("%d rows × %d columns, median of %d runs, GOMAXPROCS=%d, load average %s\n", o.rows, len(header), o.n, runtime.GOMAXPROCS(0), procstat.LoadAvg())
	fmt.Println("×base: seconds over the first row's (floor, duckdb); ×faster: excelize's seconds over the row's;")
	fmt.Println("cpu s: user and system seconds of a run (other work on the machine slows the runs that use both cores most)")
	fmt.Println("peak: the process's max RSS; count: cells read, or rows imported (every one, none rejected)")
	variants := strings.Split(o.variants, ",")
	results := map[string]map[string]row{} // variant → runner → row
	for _, v := range variants {
		path, err := generate(o.cache, v, o.rows)
		if err != nil {
			return err
		}
		if results[v], err = b.table(v, path, o.rows, sel); err != nil {
			return err
		}
	}
	var big map[string]row
	if o.memRows > 0 && slices.ContainsFunc(sel, func(r runner) bool { return r.name == "import" }) {
		if big, err = b.memory(o.cache, o.memRows, variants, sel); err != nil {
			return err
		}
	}
	fmt.Printf("\nparent's own peak RSS %.0f MB: a child's peak is its own when above it (\"<\" marks those that are not); load average %s\n", procstat.PeakMB(0), procstat.LoadAvg())
	targets(results, o.rows, big, o.memRows)
	return nil
}

// newBench builds `resonanz` and duckcsv once, as the runs need them.
func newBench(n int, sel []runner) (*bench, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "resonanz-bench-")
	if err != nil {
		return nil, err
	}
	b := &bench{work: work, n: n, exe: exe, resonanz: filepath.Join(work, "resonanz"), duckcsv: filepath.Join(work, "duckcsv")}
	for _, c := range []struct{ runner, out, pkg string }{
		{"import", b.resonanz, "./cmd/resonanz"},
		{"duckdb", b.duckcsv, "./bench/xlsx/duckcsv"},
	} {
		if !slices.ContainsFunc(sel, func(r runner) bool { return r.name == c.runner }) {
			continue
		}
		start := time.Now()
		cmd := exec.Command("go", "build", "-o", c.out, c.pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			os.RemoveAll(work)
			return nil, fmt.Errorf("building %s (run the bench from the module root): %w", c.pkg, err)
		}
		fmt.Printf("(built %s in %.1f s)\n", c.pkg, time.Since(start).Seconds())
	}
	return b, nil
}

// generate makes a file in a child process: Linux counts the parent's
// peak RSS into each child's (they start as its copy), so the parent
// stays small.
func generate(cache, variant string, rows int) (string, error) {
	path := filePath(cache, variant, rows)
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

// measure runs r n times on path and returns the median seconds, the
// highest peak RSS and the count.
func (b *bench) measure(r runner, path string, rows, n int) (row, error) {
	res := row{runner: r}
	var secs, cpus []float64
	if r.run != nil {
		var out bytes.Buffer
		cmd := exec.Command(b.exe, "-only", r.name, "-file", path, "-n", fmt.Sprint(n))
		cmd.Stdout, cmd.Stderr = &out, os.Stderr
		if err := cmd.Run(); err != nil {
			return res, fmt.Errorf("%s: %w", r.name, err)
		}
		var cr result
		if err := json.Unmarshal(out.Bytes(), &cr); err != nil {
			return res, fmt.Errorf("%s: %w", r.name, err)
		}
		secs, res.count, res.peak = cr.Seconds, cr.Cells, maxRSS(cmd)
		res.cpu = cpuTime(cmd) / float64(n)
	} else {
		for range n {
			cmd, cleanup, err := r.cmd(b, path)
			if err != nil {
				return res, err
			}
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			err = cmd.Run()
			secs = append(secs, time.Since(start).Seconds())
			cleanup()
			if err != nil {
				return res, fmt.Errorf("%s %s: %w\n%s", r.name, path, err, out.Bytes())
			}
			if res.count, err = r.check(out.Bytes(), rows); err != nil {
				return res, fmt.Errorf("%s %s: %w", r.name, path, err)
			}
			res.peak = max(res.peak, maxRSS(cmd))
			cpus = append(cpus, cpuTime(cmd))
		}
	}
	res.seconds = median(secs)
	if len(cpus) > 0 {
		res.cpu = median(cpus)
	}
	return res, nil
}

// table measures the runners of a variant's format and prints their rows.
func (b *bench) table(variant, path string, rows int, sel []runner) (map[string]row, error) {
	format := formatOf(variant)
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	what := fmt.Sprintf("%.1f MB", float64(st.Size())/1e6)
	if format == "xlsx" {
		xml, err := sheetSize(path)
		if err != nil {
			return nil, err
		}
		what += fmt.Sprintf(", sheet XML %.1f MB", float64(xml)/1e6)
	}
	fmt.Printf("\n%s: %s\n", filepath.Base(path), what)
	fmt.Printf("%-8s %-9s %9s %8s %9s %7s %9s %10s\n", "variant", "runner", "seconds", "×base", "×faster", "cpu s", "peak MB", "count")
	out := map[string]row{}
	base := ""
	for _, r := range sel {
		if r.format != format {
			continue
		}
		res, err := b.measure(r, path, rows, b.n)
		if err != nil {
			return nil, err
		}
		out[r.name] = res
		if base == "" {
			base = r.name
		}
		ratio := func(a, b string) string {
			if out[a].seconds == 0 || out[b].seconds == 0 {
				return "-"
			}
			return fmt.Sprintf("%.2f", out[a].seconds/out[b].seconds)
		}
		faster := "-"
		if r.format == "xlsx" && r.run != nil {
			faster = ratio("excelize", r.name)
		}
		fmt.Printf("%-8s %-9s %9.3f %8s %9s %7.2f %9s %10d\n", variant, r.name, res.seconds,
			ratio(r.name, base), faster, res.cpu, peakText(res.peak), res.count)
	}
	return out, nil
}

// memory runs `resonanz import` once on files of rows rows.
func (b *bench) memory(cache string, rows int, variants []string, sel []runner) (map[string]row, error) {
	fmt.Printf("\n%d rows, `resonanz import` once, for memory\n", rows)
	fmt.Printf("%-8s %-9s %9s %7s %9s %10s\n", "variant", "runner", "seconds", "cpu s", "peak MB", "count")
	out := map[string]row{}
	for _, v := range variants {
		if v == "inline" {
			continue // as shared, and slow to generate
		}
		path, err := generate(cache, v, rows)
		if err != nil {
			return nil, err
		}
		for _, r := range sel {
			if r.name != "import" || r.format != formatOf(v) {
				continue
			}
			res, err := b.measure(r, path, rows, 1)
			if err != nil {
				return nil, err
			}
			out[v] = res
			fmt.Printf("%-8s %-9s %9.3f %7.2f %9s %10d\n", v, r.name, res.seconds, res.cpu, peakText(res.peak), res.count)
		}
	}
	return out, nil
}

// targets prints the targets with the measured figures.
func targets(res map[string]map[string]row, rows int, big map[string]row, bigRows int) {
	fmt.Println("\ntargets")
	ratio := func(v, a, b string) (float64, bool) {
		x, y := res[v][a].seconds, res[v][b].seconds
		return x / y, x > 0 && y > 0
	}
	line := func(what string, got float64, ok bool, limit float64, unit string, atMost bool) {
		if !ok {
			return
		}
		met := got <= limit
		if !atMost {
			met = got >= limit
		}
		mark := "met"
		if !met {
			mark = "NOT met"
		}
		op := "≤"
		if !atMost {
			op = "≥"
		}
		fmt.Printf("  %-52s %7.2f%s %s %g%s: %s\n", what, got, unit, op, limit, unit, mark)
	}
	for _, v := range []string{"shared", "inline"} {
		r, ok := ratio(v, "xlsx", "floor")
		line(v+": xlsx reader to Arrow, × floor", r, ok, 2.5, "", true)
		r, ok = ratio(v, "excelize", "xlsx")
		line(v+": xlsx reader, × faster than excelize", r, ok, 5, "", false)
		r, ok = ratio(v, "import", "floor")
		line(v+": resonanz import to Parquet, × floor", r, ok, 3, "", true)
	}
	r, ok := ratio("csv", "import", "duckdb")
	line("csv: resonanz import, × DuckDB read_csv", r, ok, 2, "", true)
	memLimit := func(rows int) float64 {
		if rows >= 1_000_000 {
			return 300
		}
		return 200
	}
	for _, v := range []string{"shared", "inline", "csv"} {
		if p := res[v]["import"].peak; p > 0 {
			line(fmt.Sprintf("%s: peak memory of resonanz import, %d rows", v, rows), p, true, memLimit(rows), " MB", true)
		}
	}
	for _, v := range []string{"shared", "csv"} {
		if p := big[v].peak; p > 0 {
			line(fmt.Sprintf("%s: peak memory of resonanz import, %d rows", v, bigRows), p, true, memLimit(bigRows), " MB", true)
		}
	}
}

func formatOf(variant string) string {
	if variant == "csv" {
		return "csv"
	}
	return "xlsx"
}

// cpuTime is a finished command's user and system seconds.
func cpuTime(cmd *exec.Cmd) float64 {
	return (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
}

// maxRSS is a finished command's peak RSS in MB (ru_maxrss is KiB on
// Linux).
func maxRSS(cmd *exec.Cmd) float64 {
	return float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
}

// A child's peak at or below this process's own (procstat.PeakMB(0)) may be
// this process's: on exec, Linux carries the peak of the memory the child
// started with (this process's, since Go starts children with vfork) into
// the child's ru_maxrss.
func peakText(mb float64) string {
	if mb <= procstat.PeakMB(0) {
		return fmt.Sprintf("<%.0f", procstat.PeakMB(0))
	}
	return fmt.Sprintf("%.0f", mb)
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
	rs := all()
	i := slices.IndexFunc(rs, func(r runner) bool { return r.name == name && r.run != nil })
	if i < 0 {
		return fmt.Errorf("no in-process runner %q", name)
	}
	var res result
	for range n {
		start := time.Now()
		cells, err := rs[i].run(path)
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
