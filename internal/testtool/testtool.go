// Package testtool finds the programs that tests drive from outside Go:
// headless Chromium, LibreOffice, R with its survey package, poppler's
// pdftotext and pdftoppm, Wine, MinGW's gcc, GLPK's glpsol.
//
// A missing tool skips the test on a developer's machine and fails it in
// CI ($CI set to anything but "", "0" or "false"), where .ci/run installs
// every one: a check whose tool is missing must fail there, not pass
// quietly.
//
//	func TestHTMLInBrowser(t *testing.T) {
//		chromium := testtool.Need(t, "chromium") // path of the binary
//		…
//	}
package testtool

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Tool is one program: the names it goes by on PATH, the places it is
// installed off PATH, the environment variable that can name it instead,
// and the Debian package .ci/run installs for it.
type Tool struct {
	Names   []string
	Paths   []string
	Env     string
	Package string
}

// Tools are the programs Need knows, by the name tests give.
var Tools = map[string]Tool{
	"chromium":  {Names: []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}, Env: "RESONANZ_CHROMIUM", Package: "chromium"},
	"soffice":   {Names: []string{"soffice", "libreoffice"}, Env: "RESONANZ_SOFFICE", Package: "libreoffice-calc-nogui"},
	"Rscript":   {Names: []string{"Rscript"}, Env: "RESONANZ_RSCRIPT", Package: "r-cran-survey"},
	"pdftotext": {Names: []string{"pdftotext"}, Package: "poppler-utils"},
	"pdftoppm":  {Names: []string{"pdftoppm"}, Package: "poppler-utils"},
	// Debian 12's wine64 puts its loader off PATH; /usr/bin/wine comes
	// with the package wine.
	"wine":      {Names: []string{"wine64", "wine"}, Paths: []string{"/usr/lib/wine/wine64"}, Env: "RESONANZ_WINE", Package: "wine64"},
	"mingw-gcc": {Names: []string{"x86_64-w64-mingw32-gcc"}, Package: "gcc-mingw-w64-x86-64"},
	"glpsol":    {Names: []string{"glpsol"}, Package: "glpk-utils"},
}

// CI reports whether the tests run in CI, where every tool must be there.
func CI() bool {
	ci := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return ci != "" && ci != "0" && ci != "false"
}

// Find returns the path of a tool, or "" when it is not installed.
func Find(name string) string {
	tool, ok := Tools[name]
	if !ok {
		tool = Tool{Names: []string{name}}
	}
	if tool.Env != "" {
		if p := os.Getenv(tool.Env); p != "" {
			return p
		}
	}
	for _, n := range tool.Names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	for _, p := range tool.Paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

// Need returns the path of a tool. When it is missing the test fails in
// CI and is skipped elsewhere, saying what to install.
func Need(t testing.TB, name string) string {
	t.Helper()
	if p := Find(name); p != "" {
		return p
	}
	Missing(t, name+" is not installed"+hint(name))
	return ""
}

// NeedR returns the path of Rscript after checking that R loads each of
// the packages (e.g. "survey"); like Need, it fails in CI and skips
// elsewhere when one is missing.
func NeedR(t testing.TB, packages ...string) string {
	t.Helper()
	r := Need(t, "Rscript")
	for _, p := range packages {
		if out, err := exec.Command(r, "--vanilla", "-e", "library("+p+")").CombinedOutput(); err != nil {
			Missing(t, "R cannot load the package "+p+" (Debian: r-cran-"+p+"): "+strings.TrimSpace(string(out)))
		}
	}
	return r
}

// RunR runs an R script (after NeedR(t, "survey")) with the arguments
// given and, last, the path of a CSV file the script writes; it returns
// that file's records, header first.
//
//	recs := testtool.RunR(t, `write.csv(data.frame(x = 1), commandArgs(TRUE)[1], row.names = FALSE)`)
func RunR(t testing.TB, script string, args ...string) [][]string {
	t.Helper()
	r := NeedR(t, "survey")
	dir := t.TempDir()
	path, out := filepath.Join(dir, "check.R"), filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(r, append(append([]string{"--vanilla", path}, args...), out)...).CombinedOutput(); err != nil {
		t.Fatalf("R: %v\n%s", err, msg)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// Missing ends a test whose tool is not there: Fatal in CI, Skip
// elsewhere.
func Missing(t testing.TB, msg string) {
	t.Helper()
	if CI() {
		t.Fatal(msg + " (CI is set: .ci/run installs every tool the tests need)")
	}
	t.Skip(msg)
}

func hint(name string) string {
	tool, ok := Tools[name]
	if !ok {
		return ""
	}
	h := ": apt-get install " + tool.Package
	if tool.Env != "" {
		h += " (or set " + tool.Env + ")"
	}
	return h
}

// Key is a fixed pseudonym key (32 bytes, disclosure.KeySize) for tests
// that import: pipeline.Import refuses to run without one. A test that
// wants a respondent's stored id computes disclosure.Pseudonym(Key(),
// event, id).
func Key() []byte {
	return []byte("resonanz test key, not a secret!")
}

// Slow marks a test that takes long (end to end over many runs, R, GLPK,
// a browser): it is skipped under -short, which make test uses, and runs
// in make test-full, which CI runs too.
func Slow(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("slow: make test-full runs it")
	}
}
