package layout

import (
	"regexp"
	"strings"
)

// importIDRE is a cell of Qualtrics' third header row: {"ImportId":"QID1"},
// or {'ImportId': 'QID1'} as exports of 2016 wrote it.
var importIDRE = regexp.MustCompile(`^\{\s*["']ImportId["']`)

// legacyRE is a column id of Qualtrics' legacy export: V1 … V10.
var legacyRE = regexp.MustCompile(`^V[0-9]+$`)

// Qualtrics is a Qualtrics CSV: a row of column ids (StartDate …
// ResponseId … Q1, Q3_1, Q5_3_TEXT), a row of texts (the question, "Q -
// item", "Q - Selected Choice", "Q - Other - Text"), a row of
// {"ImportId": …}, then the responses; the legacy export has V1 … V10
// above its texts and no import ids. Rows whose Status is a preview, a
// test or spam are no responses.
var Qualtrics = Register(&Layout{
	Name:  "qualtrics",
	Order: 30,
	Title: "Qualtrics export", TitleDE: "Qualtrics-Export",
	Match: func(s *Sheet) int {
		n := Count(&s.Header, "ResponseId|ResponseID|_recordId", "StartDate", "EndDate", "RecordedDate", "DistributionChannel",
			"Duration (in seconds)", "UserLanguage", "ResponseSet")
		if s.Header.Layout == "qualtrics" {
			n += 2
		}
		if n < 2 {
			return 0
		}
		return 2*n + 1
	},
	Columns: names(map[Kind][]string{
		ID:        {"ResponseId", "ResponseID", "Response ID", "Antwort-ID"},
		Submitted: {"RecordedDate", "Recorded Date", "Erfassungsdatum", "EndDate", "End Date", "Enddatum"},
		Personal: {"IPAddress", "IP Address", "IP-Adresse", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
			"Recipient Last Name", "Recipient First Name", "Recipient Email", "ExternalReference", "ExternalDataReference",
			"External Data Reference", "LocationLatitude", "LocationLongitude", "LocationAccuracy", "Location Latitude",
			"Location Longitude", "EmailAddress", "Name"},
		Meta: {"StartDate", "Start Date", "Anfangsdatum", "Status", "Response Type", "Antworttyp", "Progress", "Aktueller Stand",
			"Duration (in seconds)", "Dauer (in Sekunden)", "Finished", "Beendet", "DistributionChannel", "Distribution Channel",
			"Verteilungskanal", "UserLanguage", "User Language", "Benutzersprache", "ResponseSet"},
	}, nil,
		pattern(`(?i)_(First Click|Last Click|Page Submit|Click Count)$`, Meta),
		pattern(`^Q_[A-Z][A-Za-z]+`, Meta), // Q_RecaptchaScore, Q_RelevantIDDuplicate, Q_TotalDuration …
		pattern(`^V[0-9]+$`, Meta),
		// Text iQ's analysis of a text question ("Q2 - Topics", empty
		// unless analysed): no answers, and taken for the option column
		// of the text question it follows, whose answers were then dropped.
		pattern(`(?i) - (Parent Topics|Topics|Sentiment Polarity|Sentiment Score|Sentiment|Topic Sentiment Label|Topic Sentiment Score)$`, Meta),
	),
	HeaderRule: qualtricsHeader,
	Missing:    []string{"-99"},
	Skip: func(value func(string) string) string {
		switch Key(value("Status")) {
		case "survey preview", "vorschau der umfrage", "survey test", "umfragetest", "spam", "preview spam", "1", "2", "8", "9", "17":
			return "a " + strings.ToLower(value("Status")) + " (Status), not a response"
		}
		switch Key(value("DistributionChannel")) {
		case "preview", "test":
			return "a " + value("DistributionChannel") + " (DistributionChannel), not a response"
		}
		return ""
	},
})

// qualtricsHeader reads the ids row at rows[i] with the texts below it, and
// the import ids row when there is one; or the legacy V1 … row over its
// texts.
func qualtricsHeader(rows []Row, i int) (Header, bool) {
	h, ok := twoRowHeader(rows, i, "qualtrics")
	if !ok {
		return Header{}, false
	}
	importIDs := i+2 < len(rows) && rows[i+2].Num == rows[i+1].Num+1 && isImportIDs(rows[i+2])
	legacy := 0
	for _, c := range h.Cells {
		if legacyRE.MatchString(c) {
			legacy++
		}
	}
	switch {
	case importIDs:
		h.Skip = 1
	case legacy >= 5 && Count(&Header{Cells: h.Texts}, "ResponseID", "ResponseSet", "StartDate", "EndDate") >= 2:
		// The legacy export: the texts row holds the column names.
	case Count(&h, "ResponseId") == 1 && Count(&Header{Cells: h.Texts}, "Response ID|Antwort-ID") == 1:
	default:
		return Header{}, false
	}
	return h, true
}

// IsImportIDs says a row's cells are mostly {"ImportId": …}: Qualtrics'
// third header row, never a header of its own.
func IsImportIDs(r Row) bool { return isImportIDs(r) }

// isImportIDs is a row whose cells are mostly {"ImportId": …}.
func isImportIDs(r Row) bool {
	n, filled := 0, 0
	for _, v := range r.Cells {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		filled++
		if importIDRE.MatchString(v) {
			n++
		}
	}
	return n > 0 && 2*n >= filled
}
