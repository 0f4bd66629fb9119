package survey

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestNoQuestionIDsInCode: Go code never names a question of the built-in
// survey by its id — roles say what a question is for (role:, breakdown:,
// type nps) — so every survey gets the same report. Tests and the
// generators of the conference's fixtures (internal/sample, tools/gen,
// bench) may; so may the role and type names that happen to equal an id
// (RoleState is "state"), declared once in this package.
func TestNoQuestionIDsInCode(t *testing.T) {
	var ids []string
	for _, q := range Builtin().Questions {
		ids = append(ids, q.ID)
	}
	exact := map[string]bool{}
	for _, id := range ids {
		exact[id] = true
	}
	sqlLit := regexp.MustCompile(`'(` + strings.Join(ids, "|") + `)'`)
	allowed := map[string]bool{} // the declarations of the role and type names
	for _, v := range append(append([]string{}, Roles...), Single, Multi, Scale, Numeric, NPS, Ranking, Text, RoleBreakdown) {
		allowed[v] = true
	}
	root := filepath.Join("..", "..")
	skip := map[string]bool{"internal/sample": true, "tools/gen": true, "bench": true, ".git": true, "testdata": true}
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if skip[rel] || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		found++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		declared := map[*ast.BasicLit]bool{}
		if rel == "pipeline/survey/definition.go" {
			// const RoleState = "state": a role's name, not a question's id.
			ast.Inspect(f, func(n ast.Node) bool {
				if vs, ok := n.(*ast.ValueSpec); ok {
					for _, v := range vs.Values {
						if lit, ok := v.(*ast.BasicLit); ok {
							if s, err := strconv.Unquote(lit.Value); err == nil && allowed[s] {
								declared[lit] = true
							}
						}
					}
				}
				return true
			})
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || declared[lit] {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			if exact[s] || sqlLit.MatchString(s) {
				t.Errorf("%s names a question of the built-in survey by its id; use its role", fset.Position(lit.Pos()))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 50 {
		t.Fatalf("looked at %d Go files: the walk missed the repository", found)
	}
}
