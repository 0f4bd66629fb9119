package disclosure

import (
	"errors"
	"testing"
)

// TestProtectLinked: a state's 2 answers are hidden in the table by
// state, in the heatmap's column of means (a figure without its count) and
// the sector table's rows that would give them away; the cells by state ×
// sector that no table prints for that state stay unknown.
func TestProtectLinked(t *testing.T) {
	spec := func(s string) *Spec { x, _ := ParseProtect(nil, s); return x }
	by := Table{Name: "by", Columns: []string{"state", "item", "n"}, Rows: [][]any{{"S1", "i0", int64(20)}, {"S2", "i0", int64(2)}}, Spec: spec("n of=answers:need item=item by=state")}
	lk := Table{Name: "lk", Columns: []string{"item", "n"}, Rows: [][]any{{"i0", int64(30)}}, Spec: spec("n of=answers:need item=item")}
	hs := &Spec{Counts: []Count{{Of: "answers:need", Item: "item"}}, Wide: []Wide{{Column: "mean_S1", Codes: map[string]string{"state": "S1"}}, {Column: "mean_S2", Codes: map[string]string{"state": "S2"}}}}
	hm := Table{Name: "hm", Columns: []string{"item", "mean_S1", "mean_S2"}, Rows: [][]any{{"i0", 3.0, 4.0}}, Spec: hs}
	cells := Table{Name: "cells", Columns: []string{"state", "sector", "item", "n"}, Rows: [][]any{{"S1", "a", "i0", int64(10)}, {"S1", "b", "i0", int64(10)}}, Spec: spec("n of=answers:need item=item by=state,sector")}
	bs := Table{Name: "bs", Columns: []string{"sector", "item", "n"}, Rows: [][]any{{"a", "i0", int64(12)}, {"b", "i0", int64(10)}}, Spec: spec("n of=answers:need item=item by=sector")}
	res, err := Protect(Rule{MinN: 5}, []Table{by, lk, hm, cells, bs}, Options{Event: "ev"})
	if err != nil {
		t.Fatal(err)
	}
	want := [][][]bool{
		{nil, {false, false, true}}, // by state: S2's n
		{nil},                       // the item's total: public enough (30)
		{{false, false, true}},      // heatmap: mean_S2
		{nil, nil},                  // S1's cells: 10 and 10
		{{false, false, true}, nil}, // by sector: a's 12 = 10 + S2's 2 (b is all S1)
	}
	for i := range want {
		for r := range want[i] {
			for c := range want[i][r] {
				got := r < len(res.Hidden[i]) && c < len(res.Hidden[i][r]) && res.Hidden[i][r][c]
				if got != want[i][r][c] {
					t.Errorf("table %d row %d col %d hidden %v, want %v", i, r, c, got, want[i][r][c])
				}
			}
		}
	}
	if res.Primary != 1 || res.Secondary != 1 {
		t.Errorf("primary %d, secondary %d; want 1 and 1", res.Primary, res.Secondary)
	}
}

// TestAuditAnswersBoundRespondents: no table prints Sachsen's (S1)
// respondents by sector, but 18 of sector a answered item i0 and 18 of
// sector b item i1, so S1 has at least 36 of the 39 and S2's hidden 3 at
// most 3. The answers' margins alone say only 23 (18 + 5): the audit has to
// know that shown answers bound their own group's respondents from below,
// else it finds S2 within 1 to 16 and publishes.
func TestAuditAnswersBoundRespondents(t *testing.T) {
	spec := func(s string) *Spec { x, _ := ParseProtect(nil, s); return x }
	part := Table{Name: "part", Columns: []string{"state", "n"}, Rows: [][]any{{"S1", int64(36)}, {"S2", int64(3)}}, Spec: spec("n of=respondents by=state")}
	tot := Table{Name: "tot", Columns: []string{"total"}, Rows: [][]any{{int64(39)}}, Spec: spec("total of=respondents")}
	ans := Table{Name: "ans", Columns: []string{"state", "sector", "item", "n"}, Rows: [][]any{
		{"S1", "a", "i0", int64(18)}, {"S1", "b", "i0", int64(5)},
		{"S1", "a", "i1", int64(5)}, {"S1", "b", "i1", int64(18)},
	}, Spec: spec("n of=answers:need item=item by=state,sector")}
	res, err := Protect(Rule{MinN: 5}, []Table{part, tot, ans}, Options{Event: "ev"})
	var ae *AuditError
	if errors.As(err, &ae) {
		return // not published: safe too
	}
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, iv := range res.Audit.Intervals {
		if iv.Cell == "respondents ev {state=S2}" {
			found = true
			if !Default.Protects(iv.Value, iv.Lo, iv.Hi) {
				t.Errorf("S2's %d is found within %g to %g", iv.Value, iv.Lo, iv.Hi)
			}
		}
	}
	if !found {
		t.Errorf("S2's respondents are not hidden: %+v", res.Audit.Intervals)
	}
	// The 18s cannot both be shown beside the total.
	hidden := func(tab, row, col int) bool {
		h := res.Hidden[tab]
		return row < len(h) && col < len(h[row]) && h[row][col]
	}
	if !hidden(2, 0, 3) && !hidden(2, 3, 3) {
		t.Errorf("both 18s are shown: S2's respondents are at most 3")
	}
	for _, iv := range res.Audit.Intervals {
		t.Logf("%s = %d: %g..%g", iv.Cell, iv.Value, iv.Lo, iv.Hi)
	}
}
