package survey

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	const head = "name: t\ntitle: T\nquestions:\n"
	for _, tc := range []struct {
		name, yaml, err string
	}{
		{"state labels with ISO codes and export codes", `  - {id: state, type: single, role: state, text: Land, labels: [{code: DE-SN, text: Sachsen, codes: [A1]}, {code: OTHER, text: Anderes}, {code: ausland, text: Ausland}]}`, ""},
		{"state label code neither ISO nor id", `  - {id: state, type: single, role: state, text: Land, labels: [{code: "Sachsen!", text: Sachsen}]}`, `label "Sachsen" needs an ISO 3166-2 code`},
		{"single without labels", `  - {id: q, type: single, text: Q}`, `question "q": a single question needs labels`},
		{"unknown type", `  - {id: q, type: matrix, text: Q}`, `unknown type "matrix"`},
		{"unknown field", `  - {id: q, type: text, text: Q, colour: red}`, `field colour not found`},
		{"bad id", `  - {id: Q1, type: text, text: Q}`, `id "Q1" must be lower-case`},
		{"role on a scale", `  - {id: q, type: scale, role: sector, text: Q}`, `role sector needs type single`},
		{"multi without items", `  - {id: q, type: multi, text: Q}`, `a multi question needs items`},
		{"bad match pattern", `  - {id: q, type: text, text: Q, match: ["("]}`, `match "("`},
		{"rule to unknown item", "  - {id: q, type: scale, text: Q, items: [{code: a, text: A}]}\ncolumns:\n  - {header: X, question: q, item: b}", `question "q" has no item "b"`},
		{"rule to unknown question", "  - {id: q, type: text, text: Q}\ncolumns:\n  - {header: X, question: r}", `no question "r"`},
		{"bad rule regexp", "  - {id: q, type: text, text: Q}\ncolumns:\n  - {header: \"/(/\", question: q}", `column "/(/"`},
		{"bad ignore regexp", "  - {id: q, type: text, text: Q}\nignore: [\"/[/\"]", `ignore "/[/"`},
		{"scale without items is one item", `  - {id: q, type: scale, text: Q, min: 1, max: 5}`, ""},
		{"unknown role", `  - {id: q, type: scale, role: main, text: Q}`, `unknown role "main" (state, sector, headline, satisfaction)`},
		{"headline on a multi", `  - {id: q, type: multi, role: headline, text: Q, items: [{code: a, text: A}]}`, `role headline needs type scale`},
		{"satisfaction on a text", `  - {id: q, type: text, role: satisfaction, text: Q}`, `role satisfaction needs type scale or numeric or single`},
		{"satisfaction on a matrix", `  - {id: q, type: scale, role: satisfaction, text: Q, items: [{code: a, text: A}, {code: b, text: B}]}`, `needs one figure`},
		{"two headlines", "  - {id: a, type: scale, role: headline, text: A}\n  - {id: b, type: scale, role: headline, text: B}", `questions "a" and "b" both have role headline`},
		{"breakdown on a numeric", `  - {id: q, type: numeric, breakdown: true, text: Q}`, `breakdown: true needs type single`},
		{"breakdown on satisfaction", `  - {id: q, type: single, role: satisfaction, breakdown: true, text: Q, labels: [{code: a, text: A}]}`, `is a measure, not a breakdown`},
		{"breakdown single", `  - {id: q, type: single, breakdown: true, text: Q, labels: [{code: a, text: A}]}`, ""},
		{"ranking with one item", `  - {id: q, type: ranking, text: Q, items: [{code: a, text: A}]}`, `needs at least two items`},
		{"ranking", `  - {id: q, type: ranking, text: Q, items: [{code: a, text: A}, {code: b, text: B}, {code: c, text: C}]}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse([]byte(head+tc.yaml+"\n"), "t.yaml")
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "t.yaml")):
				t.Fatalf("error %v, want one naming t.yaml and containing %q", err, tc.err)
			case tc.err == "" && d.Questions[0].Type == Scale && (len(d.Questions[0].Items) != 1 || d.Questions[0].Items[0].Code != "q"):
				t.Fatalf("items %v, want one item q", d.Questions[0].Items)
			}
		})
	}
	// State labels of a definition extend the built-in states.
	d, err := Parse([]byte(head+`  - {id: state, type: single, role: state, text: Land, labels: [{code: DE-SN, text: Freistaat Sachsen, codes: [A1]}, {code: ausland, text: Ausland}]}`+"\n"), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := newCodec(d.Role(RoleState))
	for in, want := range map[string]string{"A1": "DE-SN", "Sachsen": "DE-SN", "Freistaat Sachsen": "DE-SN", "Ausland": "ausland", "LSA": "DE-ST"} {
		if l, _, err := c.label(in); err != nil || l.Code != want {
			t.Errorf("%q: got %v, %v; want %s", in, l, err, want)
		}
	}
	if n := len(labelsOf(d.Role(RoleState))); n != len(states)+2 {
		t.Errorf("%d state labels, want the %d states, OTHER and ausland", n, len(states))
	}
}

func TestRoles(t *testing.T) {
	d := Builtin()
	for role, want := range map[string]string{RoleState: "state", RoleSector: "sector", RoleHeadline: "need", RoleSatisfaction: "satisfaction"} {
		if q := d.Role(role); q == nil || q.ID != want {
			t.Errorf("built-in role %s: got %v, want question %s", role, q, want)
		}
	}
	var dims []string
	for _, q := range d.Breakdowns() {
		dims = append(dims, q.ID)
	}
	if strings.Join(dims, ",") != "state,sector" {
		t.Errorf("built-in breakdowns %v, want state, sector", dims)
	}
	// questions.role round-trips through StoredRole and SetStoredRole.
	for _, q := range []Question{{Role: RoleState}, {Breakdown: true}, {Role: RoleHeadline}, {}} {
		var back Question
		back.SetStoredRole(q.StoredRole())
		if back.Role != q.Role || back.Breakdown != q.Breakdown {
			t.Errorf("%+v stored as %q reads back as %+v", q, q.StoredRole(), back)
		}
	}
	if (&Question{Breakdown: true}).StoredRole() != RoleBreakdown {
		t.Error("a breakdown without a role is not stored as breakdown")
	}
	// A ranking's ranks run from 1 to the number of items.
	d, err := Parse([]byte("name: t\ntitle: T\nquestions:\n  - {id: r, type: ranking, text: R, items: [{code: a, text: A}, {code: b, text: B}, {code: c, text: C}]}\n"), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if lo, hi, ok := d.Questions[0].Bounds(); !ok || lo != 1 || hi != 3 {
		t.Errorf("ranking bounds %v–%v (%v), want 1–3", lo, hi, ok)
	}
}
