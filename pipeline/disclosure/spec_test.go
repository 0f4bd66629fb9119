package disclosure

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseProtect(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  *Spec
		err   string
	}{
		{
			name:  "respondents by two dimensions",
			lines: []string{"n of=respondents by=state, sector"},
			want:  &Spec{Dims: []Dim{{Column: "state", ID: "state"}, {Column: "sector", ID: "sector"}}, Counts: []Count{{Column: "n", Of: Respondents}}},
		},
		{
			name:  "answers per item, dimension named, margin row",
			lines: []string{"n of=answers:need item=item by=grp:bundesland all=grp:alle"},
			want:  &Spec{Dims: []Dim{{Column: "grp", ID: "bundesland", All: "alle"}}, Counts: []Count{{Column: "n", Of: "answers:need", Item: "item"}}},
		},
		{
			name:  "two counts, a long table of dimensions, an event column",
			lines: []string{"n of=answers:topics item=item values=share,ci_low by=grp@dimension event=event", "total"},
			want: &Spec{Dims: []Dim{{Column: "grp", IDColumn: "dimension"}}, Event: "event", Counts: []Count{
				{Column: "n", Of: "answers:topics", Item: "item", Values: []string{"share", "ci_low"}},
				{Column: "total", Of: Respondents},
			}},
		},
		{name: "no count", lines: []string{"of=respondents"}, err: "starts with the count column"},
		{name: "unknown key", lines: []string{"n dims=state"}, err: `unknown key "dims"`},
		{name: "dimensions disagree", lines: []string{"n by=state", "m by=sector"}, err: "must be the same"},
		{name: "twice", lines: []string{"n", "n"}, err: "declared twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var s *Spec
			var err error
			for _, l := range c.lines {
				if s, err = ParseProtect(s, l); err != nil {
					break
				}
			}
			switch {
			case c.err != "":
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
			case err != nil:
				t.Fatal(err)
			case !reflect.DeepEqual(s, c.want):
				t.Errorf("got %+v\nwant %+v", s, c.want)
			}
		})
	}
}

func TestSpecCheck(t *testing.T) {
	s, _ := ParseProtect(nil, "n of=answers:need item=item by=state")
	if err := s.Check([]string{"state", "item", "n", "mean"}); err != nil {
		t.Errorf("Check: %v", err)
	}
	if err := s.Check([]string{"state", "n"}); err == nil || !strings.Contains(err.Error(), `no column "item"`) {
		t.Errorf("Check without item column: %v", err)
	}
	bad, _ := ParseProtect(nil, "n of=people")
	if err := bad.Check([]string{"n"}); err == nil {
		t.Error("of=people accepted")
	}
}
