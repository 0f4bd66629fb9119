package layout

import (
	"regexp"
	"strings"
)

// Kobo is a KoboToolbox export (CSV or xlsx, labels or XML names): start,
// end, today, the questions (group/question paths with XML names), a
// select_multiple both as one cell of space-joined choices and as
// "Question/Choice" columns of 1 and 0, a geopoint as "_Q_latitude" …,
// and the system columns at the end (_id, _uuid, _submission_time, …).
// By default a row of HXL hashtags ("#symmetry", "#adm1+name") follows the
// header: a second header row, never a response.
var Kobo = Register(&Layout{
	Name:  "kobo",
	Order: 70,
	Title: "KoboToolbox export", TitleDE: "Export aus KoboToolbox",
	Match: func(s *Sheet) int {
		n := Count(&s.Header, "_uuid", "_submission_time", "_index", "__version__", "_validation_status", "_submitted_by",
			"start", "end", "today", "deviceid")
		if n < 3 {
			return 0
		}
		return 2*n + 1
	},
	HeaderRule: hxlHeader,
	Columns: names(map[Kind][]string{
		ID:        {"_id", "_index"},
		Submitted: {"_submission_time", "end"},
		Personal:  {"_submitted_by", "username", "phonenumber", "deviceid", "subscriberid", "simserial", "_geolocation", "email"},
		Meta: {"start", "today", "audit", "_uuid", "_validation_status", "_notes", "_status", "__version__", "_tags",
			"meta/instanceID", "formhub/uuid", "meta/instanceName", "meta/rootUuid", "_attachments", "_xform_id_string"},
	}, nil,
		pattern(`^_.*_(latitude|longitude|altitude|precision)$`, Personal),
		pattern(`_URL$`, Meta),
	),
})

// hxlHeader reads the header at rows[i] when the row below it holds HXL
// hashtags (the Humanitarian Exchange Language tags KoboToolbox writes
// under the labels): that row is skipped.
func hxlHeader(rows []Row, i int) (Header, bool) {
	if i+1 >= len(rows) || rows[i+1].Num != rows[i].Num+1 || !isHXL(rows[i+1]) {
		return Header{}, false
	}
	top := rows[i]
	h := Header{Row: top.Num, Rows: 1, Skip: 1, Layout: "kobo", Cells: make([]string, len(top.Cells))}
	for c := range top.Cells {
		h.Cells[c] = strings.Join(strings.Fields(top.Cells[c]), " ")
	}
	return h, true
}

var hxlRE = regexp.MustCompile(`^#[A-Za-z][A-Za-z0-9_]*(\s*\+[A-Za-z][A-Za-z0-9_]*)*$`)

// isHXL says every filled cell of r is an HXL hashtag, and one is.
func isHXL(r Row) bool {
	n := 0
	for c := 1; c <= len(r.Cells); c++ {
		v := r.Get(c)
		if v == "" {
			continue
		}
		if !hxlRE.MatchString(v) {
			return false
		}
		n++
	}
	return n > 0
}
