//go:build unix

package pipeline

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/resonanz/resonanz/internal/testtool"
)

// TestWideSheetLinear (issue #16, attack 12): importing a sheet takes time
// linear in its cells. 16,384 columns × 3 rows took 9 s, as each column
// looked up its question among all the others; four times the columns must
// take about four times the CPU time, not sixteen. The CPU time of the
// process is compared, the least of two runs each, so other load on the
// machine does not count.
func TestWideSheetLinear(t *testing.T) {
	testtool.Slow(t)
	dir := t.TempDir()
	cpu := func(cols int) time.Duration {
		path := filepath.Join(dir, fmt.Sprintf("wide%d.csv", cols))
		if _, err := os.Stat(path); err != nil {
			var b strings.Builder
			r := rand.New(rand.NewPCG(1, uint64(cols)))
			b.WriteString("ID")
			for c := 1; c < cols; c++ {
				fmt.Fprintf(&b, ";Frage %d", c)
			}
			for row := 1; row <= 3; row++ {
				b.WriteString("\n" + strconv.Itoa(row))
				for c := 1; c < cols; c++ {
					fmt.Fprintf(&b, ";%d", 1+r.IntN(5))
				}
			}
			if err := os.WriteFile(path, []byte(b.String()+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		best := time.Duration(1 << 62)
		for run := range 2 {
			before := cpuTime(t)
			res, err := Import(context.Background(), ImportOptions{Key: testtool.Key(), DataDir: filepath.Join(dir, fmt.Sprintf("data%d-%d", cols, run)), Event: "w", Files: []string{path}})
			if err != nil {
				t.Fatal(err)
			}
			if n := res[0].Summary.Imported; n != 3 {
				t.Fatalf("%d columns: %d responses imported, want 3", cols, n)
			}
			best = min(best, cpuTime(t)-before)
		}
		return best
	}
	small, large := cpu(4096), cpu(16384)
	ratio := float64(large) / float64(small)
	t.Logf("CPU time: 4,096 columns %v, 16,384 columns %v: ratio %.1f", small, large, ratio)
	if ratio > 8 {
		t.Errorf("4× the columns take %.1f× the CPU time (%v, %v): not linear", ratio, small, large)
	}
}

func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
