package layout

import "testing"

// TestRegistry checks every layout is complete: a unique name, its title in
// both languages (detect and import print it) and a signature.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range append(All, Generic) {
		if l.Name == "" || seen[l.Name] {
			t.Errorf("layout %q: empty or repeated name", l.Name)
		}
		seen[l.Name] = true
		if l.Title == "" || l.TitleDE == "" || l.Title == l.TitleDE {
			t.Errorf("layout %s: titles %q / %q, want both languages", l.Name, l.TitleDE, l.Title)
		}
		if l.Match == nil {
			t.Errorf("layout %s: no Match", l.Name)
		}
		if l.Name != Generic.Name && ByName(l.Name) != l {
			t.Errorf("ByName(%q) is not the layout", l.Name)
		}
	}
}
