package layout

import "strings"

// HandTyped is a sheet staff typed from paper forms: title rows or notes
// above the header, no tool's columns, the answers written many ways. A
// sheet whose header is two rows, each question over the columns of its
// items or options and those below it (an export tidied by hand), is read
// as one too.
var HandTyped = Register(&Layout{
	Name:  "handtyped",
	Order: 90,
	Title: "hand-typed sheet", TitleDE: "von Hand erfasste Tabelle",
	Match: func(s *Sheet) int {
		if s.Header.Row > 1 || s.Header.Layout == "handtyped" {
			return 1
		}
		return 0
	},
	HeaderRule: spannedHeader,
})

// spannedHeader reads two rows from rows[i]: question texts, each over
// the blank cells of its further items, and the items below them ("Wie
// häufig …?" over "Communication", "Documentation", …); a column with
// nothing below keeps its question. A title row has one text, not a
// question over each group: at least two questions must span columns.
func spannedHeader(rows []Row, i int) (Header, bool) {
	if i+1 >= len(rows) || rows[i+1].Num != rows[i].Num+1 {
		return Header{}, false
	}
	top, sub := rows[i], rows[i+1]
	width := max(len(top.Cells), len(sub.Cells))
	spans, subs, q, run := 0, 0, "", 0
	for c := 1; c <= width; c++ {
		t, s := strings.TrimSpace(top.Get(c)), strings.TrimSpace(sub.Get(c))
		if s != "" {
			subs++
		}
		switch {
		case t != "":
			q, run = t, 1
		case q != "" && s != "":
			if run++; run == 2 {
				spans++
			}
		default:
			q, run = "", 0
		}
	}
	if spans < 2 || 2*subs < width {
		return Header{}, false
	}
	h := Header{Row: top.Num, Rows: 2, Layout: "handtyped", Cells: make([]string, width)}
	q = ""
	for c := 1; c <= width; c++ {
		t, s := strings.TrimSpace(top.Get(c)), strings.TrimSpace(sub.Get(c))
		if t != "" {
			q = t
		}
		switch {
		case s == "":
			h.Cells[c-1] = t
		case q == "":
			h.Cells[c-1] = s
		default:
			h.Cells[c-1] = q + " [" + s + "]"
		}
	}
	return h, true
}
