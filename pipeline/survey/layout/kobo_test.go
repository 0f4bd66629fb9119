package layout

import "testing"

// TestHXL: a row of HXL hashtags under a Kobo header is a header row; a
// response that merely holds a "#" is not.
func TestHXL(t *testing.T) {
	for _, tc := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"", "", "#symmetry", "", "#segments", "#fluids"}, true},
		{[]string{"#adm1+name", "#indicator +num", "#meta+id+uuid"}, true},
		{[]string{"", "", ""}, false},
		{[]string{"#symmetry", "6"}, false},
		{[]string{"#1", ""}, false},
		{[]string{"Ja #beste Konferenz", ""}, false},
		{[]string{"#", "#tag"}, false},
	} {
		if got := isHXL(Row{Num: 2, Cells: tc.cells}); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.cells, got, tc.want)
		}
	}
	top := Row{Num: 1, Cells: []string{"start", "How  many?", "_uuid"}}
	h, ok := hxlHeader([]Row{top, {Num: 2, Cells: []string{"", "#segments", ""}}, {Num: 3, Cells: []string{"x", "6", "u"}}}, 0)
	if !ok || h.DataRow() != 3 || h.Cells[1] != "How many?" || h.Layout != "kobo" {
		t.Errorf("header %+v, %v; want row 1 with data from row 3", h, ok)
	}
	if _, ok := hxlHeader([]Row{top, {Num: 3, Cells: []string{"", "#segments", ""}}}, 0); ok {
		t.Error("a tag row two rows down read as the header's")
	}
}
