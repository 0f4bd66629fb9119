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
