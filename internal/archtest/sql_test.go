package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sqlHomes may hold SQL in Go strings: the data model and the engine.
var sqlHomes = []string{"pipeline/model/", "pipeline/query/"}

var (
	sqlStart = regexp.MustCompile(`(?i)^\s*(select|with|create|insert|update|delete|copy|attach|pragma)\b`)
	// create … <literal name>: a table, view or macro declared in Go.
	declares = regexp.MustCompile(`(?i)\bcreate\s+(or\s+replace\s+)?(temp\s+|temporary\s+)?(table|view|macro)\s+(if\s+not\s+exists\s+)?[a-z_"]`)
)

// TestNoSQLInGo: no Go string literal holds SQL over one line outside
// pipeline/model and pipeline/query (SQL lives in .sql files, see
// docs/architecture.md), and no Go code outside them declares a table,
// view or macro by name. Tests' independent read-backs and benchmarks'
// scratch databases may declare their own.
func TestNoSQLInGo(t *testing.T) {
	eachFile(t, ".go", func(rel, path string) error {
		if home(rel) {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		test := strings.HasSuffix(rel, "_test.go")
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			at := fset.Position(lit.Pos())
			where := rel + ":" + strconv.Itoa(at.Line)
			switch {
			case sqlStart.MatchString(s) && strings.Contains(strings.TrimSpace(s), "\n"):
				t.Errorf("%s: SQL over one line in a Go string; put it in a .sql file (query.Rows, docs/architecture.md)", where)
			case !test && !strings.HasPrefix(rel, "bench/") && declares.MatchString(s):
				t.Errorf("%s: declares a table, view or macro in Go; add a file to pipeline/model", where)
			}
			return true
		})
		return nil
	})
}

func home(rel string) bool {
	for _, h := range sqlHomes {
		if strings.HasPrefix(rel, h) {
			return true
		}
	}
	return false
}

// eachFile calls fn for every file of the repository whose name ends in
// ext (path to open, rel slash-separated from the root), leaving out
// dot folders and testdata.
func eachFile(t *testing.T, ext string, fn func(rel, path string) error) {
	t.Helper()
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ext) {
			return nil
		}
		return fn(rel, path)
	})
	if err != nil {
		t.Fatal(err)
	}
}
