package layout

import "strings"

// SurveyMonkey is SurveyMonkey's "All Responses Data" (expanded): two
// header rows, the question text in row 1 over the first of its columns
// (blank after it), the answer kind or the option / matrix row in row 2
// ("Response", "Open-Ended Response", "Other (please specify)"); one
// column per option holding the option's label when chosen.
var SurveyMonkey = Register(&Layout{
	Name:  "surveymonkey",
	Order: 40,
	Title: "SurveyMonkey export", TitleDE: "SurveyMonkey-Export",
	Match: func(s *Sheet) int {
		n := Count(&s.Header, "Respondent ID|Befragten-ID|RespondentID|respondent_id", "Collector ID|Kollektor-ID|CollectorID|collector_id",
			"Custom Data 1|Benutzerdefinierte Daten 1|Custom Data|custom_1")
		if s.Header.Layout == "surveymonkey" {
			n += 2
		}
		if n < 2 {
			return 0
		}
		return 2*n + 1
	},
	Columns:    monkeyColumns,
	HeaderRule: monkeyHeader,
})

// The older export writes RespondentID, CollectorID, StartDate, EndDate,
// LastName, Custom Data; the API's CSV respondent_id, collector_id,
// date_created, date_modified, custom_1 ….
var monkeyColumns = names(map[Kind][]string{
	ID:        {"Respondent ID", "Befragten-ID", "RespondentID", "respondent_id"},
	Submitted: {"End Date", "Enddatum", "EndDate", "date_modified"},
	Personal: {"IP Address", "IP-Adresse", "Email Address", "E-Mail-Adresse", "First Name", "Last Name", "Vorname", "Nachname",
		"Custom Data 1", "Benutzerdefinierte Daten 1", "LastName", "FirstName", "ip_address", "email_address", "first_name", "last_name"},
	Meta: {"Collector ID", "Kollektor-ID", "Start Date", "Startdatum", "CollectorID", "collector_id", "StartDate", "date_created",
		"response_status", "total_time"},
}, []Prefix{{"Custom Data", Personal}, {"Benutzerdefinierte Daten", Personal}}, pattern(`(?i)^custom_?[0-9]+$`, Personal))

// responseWords are SurveyMonkey's second-row words for a question's own
// column.
var responseWords = map[string]bool{"response": true, "open ended response": true, "antwort": true, "offene antwort": true,
	"reponse": true, "respuesta": true}

// monkeyHeader reads the two rows from rows[i]: the second says "Response"
// under some question. Question texts are filled forward over the blank
// cells after them; an option below becomes "Question [Option]".
func monkeyHeader(rows []Row, i int) (Header, bool) {
	if i+1 >= len(rows) || rows[i+1].Num != rows[i].Num+1 {
		return Header{}, false
	}
	top, sub := rows[i], rows[i+1]
	found := false
	for _, v := range sub.Cells {
		if responseWords[Key(v)] {
			found = true
			break
		}
	}
	if !found {
		return Header{}, false
	}
	width := max(len(top.Cells), len(sub.Cells))
	h := Header{Row: top.Num, Rows: 2, Layout: "surveymonkey", Cells: make([]string, width)}
	q := ""
	for c := 1; c <= width; c++ {
		t, s := top.Get(c), sub.Get(c)
		if t != "" {
			q = t
		}
		switch {
		case s == "" || responseWords[Key(s)]:
			h.Cells[c-1] = q
			if t == "" && s == "" {
				h.Cells[c-1] = "" // a blank under a blank: no column
			}
		case q == "":
			h.Cells[c-1] = s
		case t != "" && monkeyColumns.Kind(t) != None:
			h.Cells[c-1] = t
		default:
			h.Cells[c-1] = q + " [" + strings.TrimSpace(s) + "]"
		}
	}
	return h, true
}
