package archtest

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/queries"
)

// createRE finds the object a .sql file creates.
var createRE = regexp.MustCompile(`(?im)^\s*create\s+(or\s+replace\s+)?(temp\s+|temporary\s+)?(table|view|macro)\s+(if\s+not\s+exists\s+)?"?([a-z_][a-z0-9_.]*)`)

// TestNamesOnce: every table, view and macro name is declared once in the
// tree — by its file in pipeline/model — and a built-in query (a view
// named after its file) takes no model name. Only pipeline/model's .sql
// files may say `create table|view|macro`; glue SQL and queries select.
func TestNamesOnce(t *testing.T) {
	declared := map[string]string{}
	for _, o := range append(model.Tables(), model.Setup()...) {
		if prev, ok := declared[o.Name]; ok {
			t.Errorf("%s declared in %s and %s", o.Name, prev, o.File)
		}
		declared[o.Name] = "pipeline/model/" + o.File
	}
	if len(declared) < 7 {
		t.Fatalf("model has %d objects; the data tables alone are 7", len(declared))
	}
	names, err := fs.Glob(queries.FS, "*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("built-in queries: %v (%d)", err, len(names))
	}
	for _, n := range names {
		name := strings.TrimSuffix(n, ".sql")
		if prev, ok := declared[name]; ok {
			t.Errorf("queries/%s: the query's view would take the name of %s", n, prev)
		}
	}
	eachFile(t, ".sql", func(rel, path string) error {
		if strings.HasPrefix(rel, "pipeline/model/") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range createRE.FindAllStringSubmatch(string(b), -1) {
			t.Errorf("%s: creates %s %s; the data model's objects are files in pipeline/model", rel, m[3], m[5])
		}
		return nil
	})
}
