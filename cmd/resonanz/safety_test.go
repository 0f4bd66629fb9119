package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/resonanz/resonanz/internal/testfiles"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/pipeline/store"
)

// The tests in this file run resonanz as a separate process (the test
// binary, which testscript.Main puts on $PATH as "resonanz"), so that it can
// be killed and its peak memory measured.

// fixturePath is absolute: the processes run in their own directories.
var fixturePath, _ = filepath.Abs("../../testdata/mdk16-msforms.xlsx")

// result is how a resonanz process ended.
type result struct {
	code           int // exit code; -1 when killed by a signal
	signal         syscall.Signal
	stdout, stderr string
	// maxRSS is the process's peak resident memory: its VmHWM, polled
	// every 5 ms while it runs. getrusage cannot tell it: Linux starts a
	// child's ru_maxrss at the RSS of the parent that forked it, and this
	// test process holds DuckDB and more.
	maxRSS   int64
	watchdog string
	elapsed  time.Duration
}

func (r result) String() string {
	s := fmt.Sprintf("exit %d", r.code)
	if r.code < 0 {
		s = "killed by " + r.signal.String()
	}
	if r.watchdog != "" {
		s += " (" + r.watchdog + ")"
	}
	return fmt.Sprintf("%s after %v, peak RSS %.0f MB\nstdout: %s\nstderr: %s", s, r.elapsed.Round(time.Millisecond), mb(r.maxRSS), r.stdout, r.stderr)
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// proc prepares a resonanz process in dir with the pseudonym key beside it.
func proc(t *testing.T, dir string, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("resonanz", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "RESONANZ_KEY="+filepath.Join(dir, "..", "key"), "RESONANZ_DATA=", "TMPDIR="+dir)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// finish waits for a started process and measures its peak memory. A
// watchdog kills it when its resident memory passes maxRSS or it runs past
// timeout, so a reader that does blow up fails the test instead of the
// machine.
func finish(t *testing.T, cmd *exec.Cmd, start time.Time, maxRSS int64, timeout time.Duration) result {
	t.Helper()
	type watch struct {
		why  string
		peak int64
	}
	out := make(chan watch, 1)
	done := make(chan struct{})
	go func() {
		var w watch
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				out <- w
				return
			case <-tick.C:
			}
			rss, hwm := memory(cmd.Process.Pid)
			w.peak = max(w.peak, hwm)
			switch {
			case maxRSS > 0 && rss > maxRSS:
				w.why = fmt.Sprintf("watchdog: resident memory passed %.0f MB", mb(maxRSS))
			case time.Since(start) > timeout:
				w.why = fmt.Sprintf("watchdog: still running after %v", timeout)
			default:
				continue
			}
			cmd.Process.Kill()
			<-done
			out <- w
			return
		}
	}()
	err := cmd.Wait()
	close(done)
	w := <-out
	r := result{watchdog: w.why, maxRSS: w.peak, elapsed: time.Since(start)}
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("resonanz: %v", err)
		}
	}
	st := cmd.ProcessState
	r.code = st.ExitCode()
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		r.signal = ws.Signal()
	}
	if b, ok := cmd.Stdout.(fmt.Stringer); ok {
		r.stdout = b.String()
	}
	if b, ok := cmd.Stderr.(fmt.Stringer); ok {
		r.stderr = b.String()
	}
	return r
}

// memory reads a resonanz process's current and peak resident memory
// (VmRSS, VmHWM) from /proc; zeros before it has exec'd resonanz (until
// then /proc shows the forking test process) or after it ended.
func memory(pid int) (rss, hwm int64) {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	argv0, _, _ := strings.Cut(string(cmdline), "\x00")
	if err != nil || filepath.Base(argv0) != "resonanz" {
		return 0, 0
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	kb := func(v string) int64 {
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		return n * 1024
	}
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			rss = kb(v)
		} else if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			hwm = kb(v)
		}
	}
	return rss, hwm
}

// runResonanz runs resonanz to the end.
func runResonanz(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := proc(t, dir, env, args...)
	return finish(t, cmd, launch(t, cmd), 2<<30, 3*time.Minute)
}

// launch starts a prepared process with its output captured and returns
// when it started.
func launch(t *testing.T, cmd *exec.Cmd) time.Time {
	t.Helper()
	cmd.Stdout, cmd.Stderr = new(syncBuffer), new(syncBuffer)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return start
}

// withFixture makes a work directory whose dataset holds the fixture
// (event mdk16) and returns them with the dataset's snapshot.
func withFixture(t *testing.T) (dir, data string, old *testfiles.Snapshot) {
	t.Helper()
	dir = workdir(t)
	data = filepath.Join(dir, "data")
	mustRun(t, dir, "import", fixturePath, "--event", "mdk16", "--data", data, "-q")
	return dir, data, readSnapshot(t, data)
}

func mustRun(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := runResonanz(t, dir, nil, args...)
	if r.code != 0 {
		t.Fatalf("resonanz %s: %v", strings.Join(args, " "), r)
	}
	return r
}

func readSnapshot(t *testing.T, data string) *testfiles.Snapshot {
	t.Helper()
	s, err := testfiles.Read(data)
	if err != nil {
		t.Fatalf("dataset %s unreadable: %v", data, err)
	}
	return s
}

func leftovers(t *testing.T, data string) []string {
	t.Helper()
	l, err := testfiles.Leftovers(data)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// workdir returns a fresh directory for resonanz to run in, below one
// holding the key file.
func workdir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "work")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// reset makes dst a copy of the data directory src.
func reset(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.RemoveAll(dst); err != nil {
		t.Fatal(err)
	}
	if err := testfiles.CopyDir(src, dst); err != nil {
		t.Fatal(err)
	}
}

// lateFile writes n responses with ids from first on, answers cycling
// through the fixture's, as an xlsx or csv file by path's extension.
func lateFile(t *testing.T, path string, n, first int) {
	t.Helper()
	rows, err := testfiles.Rows(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	out := testfiles.Scale(rows, n, 0)
	for i := 1; i < len(out); i++ {
		out[i][0] = strconv.Itoa(first + i - 1)
	}
	if strings.HasSuffix(path, ".csv") {
		err = testfiles.WriteCSV(path, out)
	} else {
		err = testfiles.WriteXLSX(path, out)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// needCrashHook ends a test that needs the store's crash hook in a build
// without it: only -tags crashtest (make test) compiles it in. A plain
// go test skips it; in CI, which runs make test, it fails.
func needCrashHook(t *testing.T) {
	t.Helper()
	if !store.CrashHook {
		testtool.Missing(t, "the crash hook (RESONANZ_CRASH_AT) is only in builds with -tags crashtest: run make test")
	}
}

// crashSetup prepares the base dataset (the fixture imported: the old
// state) and the reference new state after importing files.
type crashSetup struct {
	dir, base, data string
	files           []string
	args            []string
	old, new        *testfiles.Snapshot
}

func newCrashSetup(t *testing.T, empty bool, files []string, extra ...string) *crashSetup {
	t.Helper()
	dir := workdir(t)
	c := &crashSetup{dir: dir, base: filepath.Join(dir, "base"), data: filepath.Join(dir, "data"), files: files}
	if empty {
		if err := os.MkdirAll(c.base, 0o755); err != nil {
			t.Fatal(err)
		}
	} else {
		mustRun(t, dir, "import", fixturePath, "--event", "mdk16", "--data", c.base, "-q")
	}
	c.old = readSnapshot(t, c.base)
	c.args = append(append([]string{"import"}, files...), "--event", "mdk16", "--data", c.data, "-q")
	c.args = append(c.args, extra...)
	reset(t, c.base, c.data)
	mustRun(t, dir, c.args...)
	c.new = readSnapshot(t, c.data)
	if c.new.Equal(c.old) {
		t.Fatal("the import changes nothing: the test could not tell old from new")
	}
	if l := leftovers(t, c.data); len(l) > 0 {
		t.Fatalf("a clean import left %v", l)
	}
	return c
}

// check is what must hold after a kill: the dataset is exactly the old or
// the new state (want says which, "" for either), and the next import
// works, ends in the new state and leaves nothing behind.
func (c *crashSetup) check(t *testing.T, point, want string) {
	t.Helper()
	got := readSnapshot(t, c.data)
	state := ""
	switch {
	case got.Equal(c.old):
		state = "old"
	case got.Equal(c.new):
		state = "new"
	default:
		t.Fatalf("%s: dataset is neither old nor new:\n%v\nold %v\nnew %v", point, got, c.old, c.new)
	}
	if want != "" && state != want {
		t.Errorf("%s: dataset in the %s state, want %s", point, state, want)
	}
	r := runResonanz(t, c.dir, nil, c.args...)
	if r.code != 0 {
		t.Fatalf("%s: the next import failed: %v", point, r)
	}
	if got := readSnapshot(t, c.data); !got.Equal(c.new) {
		t.Errorf("%s: after the next import %v, want %v", point, got, c.new)
	}
	if l := leftovers(t, c.data); len(l) > 0 {
		t.Errorf("%s: the next import left %v", point, l)
	}
}

// TestCrashAtEachPublishStep kills a two-file import (SIGKILL, through the
// store's RESONANZ_CRASH_AT hook) after every step of publishing: before
// the manifest's rename the dataset must be the old one, after it the new.
func TestCrashAtEachPublishStep(t *testing.T) {
	testtool.Slow(t)
	needCrashHook(t)
	t.Parallel()
	for _, tc := range []struct {
		name  string
		empty bool // import into an empty data directory
		files func(dir string) []string
		extra []string
	}{
		{"first import", true, func(dir string) []string { return []string{fixturePath} }, nil},
		{"two new files", false, func(dir string) []string {
			a, b := filepath.Join(dir, "nachtrag.xlsx"), filepath.Join(dir, "nachtrag2.csv")
			lateFile(t, a, 20, 1001)
			lateFile(t, b, 30, 2001)
			return []string{a, b}
		}, nil},
		{"replace", false, func(dir string) []string {
			// A corrected export under the fixture's name: the first 100 rows.
			rows, err := testfiles.Rows(fixturePath)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, "v2", filepath.Base(fixturePath))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := testfiles.WriteXLSX(p, rows[:101]); err != nil {
				t.Fatal(err)
			}
			return []string{p}
		}, []string{"--replace"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			files := tc.files(dir)
			c := newCrashSetup(t, tc.empty, files, tc.extra...)
			kill := func(point string) bool {
				reset(t, c.base, c.data)
				r := runResonanz(t, c.dir, []string{store.CrashEnv + "=" + point}, c.args...)
				if r.code == 0 {
					return false
				}
				if r.signal != syscall.SIGKILL {
					t.Fatalf("%s: %v, want killed", point, r)
				}
				return true
			}
			points := 0
			if !kill("after-stage") {
				t.Fatal("after-stage: not reached")
			}
			c.check(t, "after-stage", "old")
			points++
			if !kill("after-journal") {
				t.Fatal("after-journal: not reached")
			}
			c.check(t, "after-journal", "old")
			points++
			renames := 0
			for n := 1; kill(fmt.Sprintf("after-rename-%d", n)); n++ {
				c.check(t, fmt.Sprintf("after-rename-%d", n), "old")
				renames, points = n, points+1
			}
			if want := len(files) * len(model.Tables()); renames != want {
				t.Errorf("%d rename steps, want %d (%d files × %d tables)", renames, want, len(files), len(model.Tables()))
			}
			for _, p := range []struct{ point, want string }{
				{"after-manifest-rename", "new"}, {"after-publish", "new"},
			} {
				if !kill(p.point) {
					t.Fatalf("%s: not reached", p.point)
				}
				if p.point == "after-publish" && tc.extra != nil && len(leftovers(t, c.data)) == 0 {
					t.Error("after-publish of a --replace import: the replaced files are already gone; the point tests nothing")
				}
				c.check(t, p.point, p.want)
				points++
			}
			t.Logf("%d kill points, each followed by a successful import", points)
		})
	}
}

// TestKillLargeImport kills an import of 10,000 responses after increasing
// delays spread over its whole run (reading, normalising, writing,
// publishing); the publishing steps themselves are hit one by one by
// TestCrashAtEachPublishStep.
func TestKillLargeImport(t *testing.T) {
	testtool.Slow(t)
	dir := t.TempDir()
	big := filepath.Join(dir, "gross.csv")
	lateFile(t, big, 10000, 100001)
	c := newCrashSetup(t, false, []string{big})
	// How long a whole import takes here.
	reset(t, c.base, c.data)
	took := mustRun(t, c.dir, c.args...).elapsed
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 8))
	const kills = 10
	var states []string
	for i := range kills {
		// Spread over 0–120 % of the run, jittered within each slot.
		delay := time.Duration((float64(i) + rng.Float64()) / kills * 1.2 * float64(took))
		reset(t, c.base, c.data)
		cmd := proc(t, c.dir, nil, c.args...)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		r := finish(t, cmd, start, 0, time.Minute)
		what := "killed"
		if r.code == 0 {
			what = "finished"
		}
		staging, moved := 0, 0
		for _, l := range leftovers(t, c.data) {
			if strings.HasPrefix(l, ".staging/") {
				staging++
			} else {
				moved++
			}
		}
		states = append(states, fmt.Sprintf("%v %s (left %d staged, %d moved files)", delay.Round(time.Millisecond), what, staging, moved))
		c.check(t, fmt.Sprintf("kill after %v (seed %d)", delay, seed), "")
	}
	t.Logf("import takes %v; kills: %s", took.Round(time.Millisecond), strings.Join(states, "; "))
}

// TestConcurrentImports starts a second import while the first holds the
// lock: it waits (saying so), and both files end up imported once.
func TestConcurrentImports(t *testing.T) {
	t.Parallel()
	dir := workdir(t)
	data := filepath.Join(dir, "data")
	big, small := filepath.Join(dir, "gross.csv"), filepath.Join(dir, "nachtrag.xlsx")
	lateFile(t, big, 20000, 100001)
	lateFile(t, small, 20, 1001)
	mustRun(t, dir, "import", fixturePath, "--event", "mdk16", "--data", data, "-q")

	start := func(files ...string) (*exec.Cmd, time.Time) {
		cmd := proc(t, dir, nil, append(append([]string{"import"}, files...), "--event", "mdk16", "--data", data)...)
		return cmd, launch(t, cmd)
	}
	waitLocked := func() {
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if locked(t, filepath.Join(data, ".lock")) {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Fatal("the first import never took the lock")
	}

	// Two different files: the second waits, then imports.
	first, t1 := start(big)
	waitLocked()
	second, t2 := start(small)
	r1 := finish(t, first, t1, 0, 2*time.Minute)
	r2 := finish(t, second, t2, 0, 2*time.Minute)
	if r1.code != 0 || r2.code != 0 {
		t.Fatalf("first: %v\nsecond: %v", r1, r2)
	}
	if !strings.Contains(r2.stderr, "waiting for another import") || strings.Count(r2.stderr, "waiting") != 1 {
		t.Errorf("second import's stderr %q, want one waiting message", r2.stderr)
	}
	snap := readSnapshot(t, data)
	if snap.Rows["responses"] != 150+20000+20 || len(snap.Imports) != 3 {
		t.Errorf("after both: %v, want 3 imports and 20,170 responses", snap)
	}

	// The same file twice at once: while this test holds the lock both
	// wait; then one imports it and the other finds it imported.
	again := filepath.Join(dir, "nachtrag3.xlsx")
	lateFile(t, again, 20, 3001)
	release := holdLock(t, filepath.Join(data, ".lock"))
	a, ta := start(again)
	b, tb := start(again)
	deadline := time.Now().Add(30 * time.Second)
	for !(a.Stderr.(*syncBuffer).Contains("waiting") && b.Stderr.(*syncBuffer).Contains("waiting")) {
		if time.Now().After(deadline) {
			t.Fatal("the imports never said they wait")
		}
		time.Sleep(5 * time.Millisecond)
	}
	release()
	ra, rb := finish(t, a, ta, 0, time.Minute), finish(t, b, tb, 0, time.Minute)
	if ra.code != 0 || rb.code != 0 {
		t.Fatalf("a: %v\nb: %v", ra, rb)
	}
	out := ra.stdout + rb.stdout
	if strings.Count(out, "20 importiert") != 1 || strings.Count(out, "already imported into mdk16") != 1 {
		t.Errorf("the same file imported twice at once:\n%s\n%s", ra.stdout, rb.stdout)
	}
	snap = readSnapshot(t, data)
	if snap.Rows["responses"] != 150+20000+20+20 || !slices.Contains(snap.Imports, importLine(t, again)) {
		t.Errorf("after the same file twice: %v", snap)
	}
	if l := leftovers(t, data); len(l) > 0 {
		t.Errorf("leftovers %v", l)
	}
}

// holdLock takes the data directory's lock as an import would.
func holdLock(t *testing.T, path string) (release func()) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	return func() { f.Close() }
}

// syncBuffer is a bytes.Buffer a test may read while a process writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Contains(sub string) bool { return strings.Contains(s.String(), sub) }

// locked reports whether someone holds the flock on path.
func locked(t *testing.T, path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

func importLine(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return "mdk16 " + filepath.Base(path) + " " + sha256Hex(b)
}

// referenceReader reports whether ingest.Open reads xlsx with excelize (the
// reference reader) rather than the streaming reader: the known gaps of
// the hostile-input tests are the reference reader's.
func referenceReader(t *testing.T) bool {
	t.Helper()
	p := filepath.Join(t.TempDir(), "probe.xlsx")
	if err := testfiles.WriteZip(p, testfiles.Workbook(testfiles.Sheet{Rows: [][]string{{"a"}}}.XML())); err != nil {
		t.Fatal(err)
	}
	b, err := ingest.Open(p, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	return fmt.Sprintf("%T", b) == "*ingest.excelBook"
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// TestShippedBinaryHasNoCrashHook (issue #16, attack 12): the binary `go
// build` makes has no RESONANZ_CRASH_AT hook; only test builds with -tags
// crashtest do (this test binary, when make test runs it, which shows the
// check can see one).
func TestShippedBinaryHasNoCrashHook(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds the command; make test-full")
	}
	bin := filepath.Join(t.TempDir(), "resonanz")
	// The tags a release is built with (duckdb_arrow until the engine
	// needs it no more), without crashtest.
	cmd := exec.Command("go", "build", "-tags", "duckdb_arrow", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(store.CrashEnv)) {
		t.Errorf("the built command holds %s", store.CrashEnv)
	}
	if store.CrashHook {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(self); err != nil || !bytes.Contains(b, []byte(store.CrashEnv)) {
			t.Errorf("the test binary, built with the hook, does not show %s (%v): the check sees nothing", store.CrashEnv, err)
		}
	}
	// And it does not crash where a test build would.
	dir := workdir(t)
	data := filepath.Join(dir, "data")
	run := exec.Command(bin, "import", fixturePath, "--event", "mdk16", "--data", data, "-q")
	run.Env = append(os.Environ(), "RESONANZ_KEY="+filepath.Join(dir, "..", "key"), store.CrashEnv+"=after-stage")
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("import with %s=after-stage: %v\n%s", store.CrashEnv, err, out)
	}
}

// TestKilledReportKeepsTheOldOne (issue #16, attack 12): a report run
// killed while it writes — its charts half done — leaves the earlier
// report.xlsx, report.html and charts/ exactly as they were, not new charts
// beside an old workbook; the next run cleans up after it and replaces the
// whole set.
func TestKilledReportKeepsTheOldOne(t *testing.T) {
	testtool.Slow(t)
	dir := filepath.Join(t.TempDir(), "work")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, "import", fixturePath, "--event", "mdk16", "--data", "data", "-q")
	mustRun(t, dir, "report", "--data", "data", "--out", "out", "-q")
	old := treeState(t, filepath.Join(dir, "out"))
	if len(old) < 5 {
		t.Fatalf("the first report wrote %d files", len(old))
	}

	// The English report differs in every file; kill it once its first
	// new chart exists, wherever it writes it.
	cmd := proc(t, dir, nil, "report", "--data", "data", "--out", "out", "--lang", "en", "-q")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	newChart := func() bool {
		for _, pattern := range []string{filepath.Join(dir, "out", "charts", "*.png"), filepath.Join(dir, ".out.tmp-*", "charts", "*.png")} {
			charts, _ := filepath.Glob(pattern)
			for _, c := range charts {
				b, err := os.ReadFile(c)
				sum := sha256.Sum256(b)
				if err == nil && len(b) > 0 && old[filepath.Join("charts", filepath.Base(c))] != hex.EncodeToString(sum[:]) {
					return true
				}
			}
		}
		return false
	}
	killed := false
	for !killed {
		select {
		case <-exited:
			t.Fatal("the report ended before a new chart was seen")
		case <-time.After(5 * time.Millisecond):
		}
		if newChart() {
			killed = cmd.Process.Kill() == nil
		}
	}
	<-exited
	if got := treeState(t, filepath.Join(dir, "out")); !maps.Equal(got, old) {
		t.Errorf("after the kill the report folder changed:\n%v\nwas\n%v", got, old)
	}

	mustRun(t, dir, "report", "--data", "data", "--out", "out", "--lang", "en", "-q")
	got := treeState(t, filepath.Join(dir, "out"))
	for p, sum := range got {
		if old[p] == sum {
			t.Errorf("%s is the old one", p)
		}
	}
	if len(got) != len(old) {
		t.Errorf("%d files, the German report had %d", len(got), len(old))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".out.") {
			t.Errorf("left over: %s", e.Name())
		}
	}
}

// treeState is every file under dir by its path there, with its SHA-256.
func treeState(t *testing.T, dir string) map[string]string {
	t.Helper()
	s := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		s[rel] = hex.EncodeToString(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
