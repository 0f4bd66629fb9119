package procstat

import (
	"bufio"
	"os"
	"runtime"
	"strings"
	"testing"
)

func TestStatusPeak(t *testing.T) {
	for _, c := range []struct {
		name, status string
		want         float64
	}{
		{"kB", "Name:\tx\nVmPeak:\t  9000 kB\nVmHWM:\t    2048 kB\nVmRSS:\t 1024 kB\n", 2},
		{"missing", "Name:\tx\nVmRSS:\t 1024 kB\n", 0},
		{"garbled", "VmHWM:\tlots\n", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := statusPeak(bufio.NewScanner(strings.NewReader(c.status))); got != c.want {
				t.Errorf("statusPeak = %v, want %v", got, c.want)
			}
		})
	}
}

func TestPeakMB(t *testing.T) {
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	if self, pid := PeakMB(0), PeakMB(os.Getpid()); self < 64 || pid < 64 {
		t.Errorf("after touching 64 MB: PeakMB(0) = %.1f, PeakMB(pid) = %.1f, want ≥ 64", self, pid)
	}
	if got := PeakMB(1 << 30); got != 0 {
		t.Errorf("PeakMB of no process = %v, want 0", got)
	}
	if f := strings.Fields(LoadAvg()); len(f) != 3 {
		t.Errorf("LoadAvg = %q, want three figures", LoadAvg())
	}
	runtime.KeepAlive(buf)
}
