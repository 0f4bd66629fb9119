package layout

import (
	"slices"
	"testing"
)

// TestRegistry: every tool file's layout is in All once, complete, in
// Order; ByName finds each. No list of names here, so a new tool's file
// is checked without an edit.
func TestRegistry(t *testing.T) {
	if len(All) < 9 {
		t.Fatalf("All has %d layouts, want the nine tools at least", len(All))
	}
	seen := map[string]bool{}
	for i, l := range All {
		if l.Name == "" || l.Match == nil {
			t.Errorf("layout %d (%q): needs Name and Match", i, l.Name)
		}
		// detect and import print the title in both languages.
		if l.Title == "" || l.TitleDE == "" || l.Title == l.TitleDE {
			t.Errorf("layout %s: titles %q / %q, want both languages", l.Name, l.TitleDE, l.Title)
		}
		if seen[l.Name] {
			t.Errorf("%s is in All twice", l.Name)
		}
		seen[l.Name] = true
		if ByName(l.Name) != l {
			t.Errorf("ByName(%q) is not the registered layout", l.Name)
		}
		if i > 0 && All[i-1].Order >= l.Order {
			t.Errorf("%s (Order %d) after %s (Order %d): Orders must rise", l.Name, l.Order, All[i-1].Name, All[i-1].Order)
		}
	}
	if Generic.TitleDE == "" || ByName("no such tool") != Generic {
		t.Errorf("Generic: German title %q; ByName of an unknown name must be Generic", Generic.TitleDE)
	}
	// LimeSurvey's text mode before its code mode: a tie of their
	// signatures must go to the text mode, as it did before the registry.
	lime, codes := slices.Index(All, LimeSurvey), slices.Index(All, LimeCodes)
	if lime < 0 || codes < 0 || lime > codes {
		t.Errorf("LimeSurvey at %d, LimeCodes at %d: want text mode first", lime, codes)
	}
}

func TestRegister(t *testing.T) {
	saved := slices.Clone(All)
	t.Cleanup(func() { All = saved })
	match := func(*Sheet) int { return 0 }
	// Inserted by Order whatever the order of the calls (the files).
	b := Register(&Layout{Name: "b-test", Order: LimeSurvey.Order + 1, Match: match})
	a := Register(&Layout{Name: "a-test", Order: LimeSurvey.Order + 1, Match: match})
	i := slices.Index(All, LimeSurvey)
	if i < 0 || len(All) < i+3 || All[i+1] != a || All[i+2] != b {
		t.Errorf("after LimeSurvey: want a-test, b-test (same Order, by name); All = %v", layoutNames(All))
	}
	for _, bad := range []*Layout{
		{Name: "a-test", Order: 5, Match: match}, // a name twice
		{Name: "", Match: match},
		{Name: "no-match"},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%q) did not panic", bad.Name)
				}
			}()
			Register(bad)
		}()
	}
}

func layoutNames(ls []*Layout) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Name)
	}
	return out
}
