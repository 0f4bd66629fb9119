package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestComplete(t *testing.T) {
	for area, c := range areas {
		for k, v := range c {
			if strings.TrimSpace(v.de) == "" || strings.TrimSpace(v.en) == "" {
				t.Errorf("%s: %q lacks a language: de %q, en %q", area, k, v.de, v.en)
			}
			if a, b := verbs(v.de), verbs(v.en); a != b {
				t.Errorf("%s: %q: the languages take different arguments: de %s, en %s", area, k, a, b)
			}
		}
	}
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+#0]*\d*(\.\d+)?[vdsqfgxX%]`)

// verbs lists a text's format verbs in order (an indexed verb by its
// index), so both languages take the same arguments.
func verbs(s string) string {
	vs := verb.FindAllString(s, -1)
	var out []string
	for _, v := range vs {
		if v != "%%" {
			out = append(out, v)
		}
	}
	if len(out) > 0 && strings.Contains(out[0], "[") {
		sort.Strings(out)
	}
	return strings.Join(out, " ")
}

func TestUnique(t *testing.T) {
	seen := map[string]string{}
	for _, a := range areaNames() {
		for k := range areas[a] {
			if other, ok := seen[k]; ok {
				t.Errorf("%q is defined in %s.go and in %s.go", k, other, a)
			}
			seen[k] = a
		}
	}
}

// TestKeysUsed reads every Go file of the repository and checks that each
// literal key passed to T, M, Column and Type exists, so a typo cannot
// reach a report as "⟦key⟧".
func TestKeysUsed(t *testing.T) {
	call := regexp.MustCompile(`i18n\.[TN]\([^,()]+,\s*"([^"]+)"\s*[,)]|i18n\.M\("([^"]+)"\s*[,)]`)
	root := filepath.Join("..", "..")
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2]
			found++
			if !Has(key) {
				t.Errorf("%s: key %q is not in the catalogue", path, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 20 {
		t.Errorf("found only %d literal keys in the repository: is the pattern still right?", found)
	}
}

func TestT(t *testing.T) {
	cases := []struct{ lang, key, want string }{
		{"de", "summary", "Übersicht"},
		{"en", "summary", "Summary"},
		{"", "summary", "Übersicht"},
		{"fr", "summary", "Übersicht"},
		{"en", "no_such_key", "⟦no_such_key⟧"},
	}
	for _, c := range cases {
		if got := T(c.lang, c.key); got != c.want {
			t.Errorf("T(%q, %q) = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
	if got := T("en", "suppressed_note", 5); !strings.Contains(got, "fewer than 5 ") {
		t.Errorf("T with an argument = %q", got)
	}
	if got := Column("en", "ci_low"); got != "Lower bound (95%)" {
		t.Errorf("Column = %q", got)
	}
	if got := Column("de", "frobs"); got != "frobs" {
		t.Errorf("Column of an unknown column = %q", got)
	}
	if got := Type("de", "scale"); got != "Skala" {
		t.Errorf("Type = %q", got)
	}
	if got := Pick("en", "Bundesland", ""); got != "Bundesland" {
		t.Errorf("Pick without English = %q", got)
	}
	if got := Pick("en", "Bundesland", "State"); got != "State" {
		t.Errorf("Pick = %q", got)
	}
	if got := Join("de", []string{"a", "b", "c"}); got != "a, b und c" {
		t.Errorf("Join = %q", got)
	}
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{{"de", 0, "0 Zeilen"}, {"de", 1, "1 Zeile"}, {"de", 2, "2 Zeilen"}, {"en", 1, "1 row"}, {"en", 150, "150 rows"}} {
		if got := N(c.lang, "import.n.rows", c.n); got != c.want {
			t.Errorf("N(%q, import.n.rows, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := N("en", "import.replaced", 1, "a.csv"); got != "a.csv: replaced 1 earlier import of this file" {
		t.Errorf("N with more arguments = %q", got)
	}
	if _, err := Parse("fr"); err == nil {
		t.Error("Parse accepts fr")
	}
	if m := M("suppressed_note", 3); m.In("de") == m.In("en") || !strings.Contains(m.Error(), "fewer than 3") {
		t.Errorf("Message: %q / %q", m.In("de"), m.Error())
	}
}
