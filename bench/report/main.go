// Command report measures the report beside the import, in one run:
//
//	sample   `resonanz run` of the bundled 150-response sample (import +
//	         report), and import and report alone, median of -n runs;
//	         target: run ≤ 0.5 s wall
//	large    `resonanz import` and `resonanz report` of -rows responses
//	         (the conference's Microsoft Forms layout, as bench/xlsx
//	         generates it), median of -n runs each; target: report ≤ import
//
// Each run is the built command in a fresh process with its own data
// directory and key file outside it; the table shows wall seconds, cpu
// seconds (user + system) and peak RSS. Other work on a shared machine
// slows two-core runs, so compare the rows of one run, not runs.
//
//	go run ./bench/report                # what make bench runs
//	go run ./bench/report -rows 20000 -n 3
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

type options struct {
	rows  int
	n     int
	cache string
}

func main() {
	var o options
	flag.IntVar(&o.rows, "rows", 200_000, "responses of the large survey")
	flag.IntVar(&o.n, "n", 5, "runs per row; the table shows the median")
	flag.StringVar(&o.cache, "cache", filepath.Join(os.TempDir(), "resonanz-bench-xlsx"), "directory of the generated files (shared with bench/xlsx)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench/report:", err)
		os.Exit(1)
	}
}

// result is one command's medians.
type result struct {
	wall, cpu, peak float64
}

func run(o options) error {
	tmp, err := os.MkdirTemp("", "resonanz-bench-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	exe := filepath.Join(tmp, "resonanz")
	build := exec.Command("go", "build", "-tags", "duckdb_arrow", "-o", exe, "./cmd/resonanz")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	key := filepath.Join(tmp, "key")
	b := &bench{exe: exe, key: key, tmp: tmp, n: o.n}

	sample := "testdata/mdk16-msforms.xlsx"
	fmt.Printf("%-44s %-8s %8s %8s %8s\n", "survey", "command", "wall s", "cpu s", "peak MB")
	imp, err := b.median(func(dir string) *exec.Cmd { return b.cmd(dir, "import", sample, "--event", "mdk16", "-q") })
	if err != nil {
		return err
	}
	data := filepath.Join(tmp, "sample")
	if err := b.cmd(data, "import", sample, "--event", "mdk16", "-q").Run(); err != nil {
		return fmt.Errorf("import %s: %w", sample, err)
	}
	rep, err := b.median(func(dir string) *exec.Cmd {
		return b.cmd(data, "report", "--out", filepath.Join(dir, "out"), "-q")
	})
	if err != nil {
		return err
	}
	both, err := b.median(func(dir string) *exec.Cmd {
		return b.cmd(dir, "run", sample, "--event", "mdk16", "--out", filepath.Join(dir, "out"), "-q")
	})
	if err != nil {
		return err
	}
	label := "sample, 150 responses"
	b.print(label, "import", imp, "")
	b.print("", "report", rep, "")
	b.print("", "run", both, fmt.Sprintf("target ≤ 0.5 s wall: %s", verdict(both.wall <= 0.5)))

	if o.rows <= 0 {
		return nil
	}
	large, err := generated(o.cache, o.rows)
	if err != nil {
		return err
	}
	imp, err = b.median(func(dir string) *exec.Cmd { return b.cmd(dir, "import", large, "--event", "bench", "-q") })
	if err != nil {
		return err
	}
	data = filepath.Join(tmp, "large")
	if err := b.cmd(data, "import", large, "--event", "bench", "-q").Run(); err != nil {
		return fmt.Errorf("import %s: %w", large, err)
	}
	rep, err = b.median(func(dir string) *exec.Cmd {
		return b.cmd(data, "report", "--out", filepath.Join(dir, "out"), "-q")
	})
	if err != nil {
		return err
	}
	label = fmt.Sprintf("large, %d responses", o.rows)
	b.print(label, "import", imp, "")
	b.print("", "report", rep, fmt.Sprintf("report / import = %.2f (target ≤ 1): %s", rep.wall/imp.wall, verdict(rep.wall <= imp.wall)))
	return nil
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

type bench struct {
	exe, key, tmp string
	n             int
	runs          int
}

// cmd is the command on a data directory.
func (b *bench) cmd(data string, args ...string) *exec.Cmd {
	c := exec.Command(b.exe, append([]string{"--data", data}, args...)...)
	c.Env = append(os.Environ(), "RESONANZ_KEY="+b.key)
	return c
}

// median runs a command n times, each in a new directory, and returns its
// median wall and cpu seconds and highest peak RSS.
func (b *bench) median(mk func(dir string) *exec.Cmd) (result, error) {
	var walls, cpus []float64
	var peak float64
	for range b.n {
		b.runs++
		dir := filepath.Join(b.tmp, fmt.Sprintf("run%d", b.runs))
		c := mk(dir)
		out, err := func() ([]byte, error) {
			start := time.Now()
			out, err := c.CombinedOutput()
			walls = append(walls, time.Since(start).Seconds())
			return out, err
		}()
		if err != nil {
			return result{}, fmt.Errorf("%s: %w\n%s", c.Args, err, out)
		}
		u := c.ProcessState.SysUsage().(*syscall.Rusage)
		cpus = append(cpus, c.ProcessState.UserTime().Seconds()+c.ProcessState.SystemTime().Seconds())
		peak = max(peak, float64(u.Maxrss)/1024)
		os.RemoveAll(dir)
	}
	return result{wall: mid(walls), cpu: mid(cpus), peak: peak}, nil
}

func mid(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func (b *bench) print(label, command string, r result, note string) {
	fmt.Printf("%-44s %-8s %8.3f %8.2f %8.0f  %s\n", label, command, r.wall, r.cpu, r.peak, note)
}

// generated is the large survey as bench/xlsx writes it (cached).
func generated(cache string, rows int) (string, error) {
	path := filepath.Join(cache, fmt.Sprintf("msforms-v2-shared-%d.xlsx", rows))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	c := exec.Command("go", "run", "-tags", "duckdb_arrow", "./bench/xlsx", "-gen", "shared", "-rows", fmt.Sprint(rows), "-cache", cache)
	c.Stdout, c.Stderr = os.Stdout, os.Stderr
	if err := c.Run(); err != nil {
		return "", fmt.Errorf("generating %s: %w", path, err)
	}
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("bench/xlsx wrote no %s: %w", path, err)
	}
	return path, nil
}
