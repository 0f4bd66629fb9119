package survey

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Structures seen in real exports (session 5; /work/coord/realexports),
// each with invented answers: what every column must be drafted as.

// detectVals detects a sheet given as rows of cells, the first the header.
func detectVals(t *testing.T, file string, vals [][]string) *Detection {
	t.Helper()
	var rows []*Row
	for i, v := range vals {
		cols := make([]int, len(v))
		for j := range cols {
			cols[j] = j + 1
		}
		rows = append(rows, &Row{Num: i + 1, Cols: cols, Vals: v, Width: len(v)})
	}
	det, err := Builtin().Detect(RowsOf(rows), DetectOptions{Sheet: "Sheet1", File: file, CSV: strings.HasSuffix(file, ".csv")})
	if err != nil {
		t.Fatal(err)
	}
	return det
}

// colOf finds the mapping of column n (1-based) and the draft's question of it.
func colOf(t *testing.T, det *Detection, n int) (Column, *Question) {
	t.Helper()
	for _, c := range det.Mapping.Columns {
		if c.Index == n {
			if c.Kind != KindQuestion {
				return c, nil
			}
			q := det.Survey.Question(c.Question)
			if q == nil {
				t.Fatalf("column %d maps to %q, no question of the definition", n, c.Question)
			}
			return c, q
		}
	}
	t.Fatalf("column %d not in the mapping", n)
	return Column{}, nil
}

// repeat makes n rows from a cycle of answer rows.
func repeat(n int, id func(i int) string, cycle ...[]string) [][]string {
	var out [][]string
	for i := 0; i < n; i++ {
		out = append(out, append([]string{id(i)}, cycle[i%len(cycle)]...))
	}
	return out
}

func labelTexts(q *Question) []string {
	var ts []string
	for _, l := range q.Labels {
		ts = append(ts, l.Text)
	}
	return ts
}

func itemTexts(q *Question) []string {
	var ts []string
	for _, it := range q.Items {
		ts = append(ts, it.Text)
	}
	return ts
}

// TestRealLongRecurringLabels: SurveyMonkey candidate questionnaire
// (ggwash-anc-2022-en.csv): single choices whose options are long
// sentences were drafted as free text; the IPIP survey's "Yes! Strongly
// Agree." … "No! Strongly Disagree." too, and its "Very Inaccurate … Very
// Accurate" was unordered.
func TestRealLongRecurringLabels(t *testing.T) {
	long := []string{
		"Yes, I support these projects and would support removing parking or travel lanes so that they can be built.",
		"Yes, I support these projects, but I would not support removing parking or travel lanes so that they can be built.",
		"No, I do not support these projects, and I do not support removing parking or travel lanes so that they can be built.",
		"N/A—there are no projects on this map within the boundaries of my commission.",
	}
	agree := []string{"Yes! Strongly Agree.", "Yes. Agree.", "? Undecided or Unsure.", "No. Disagree.", "No! Strongly Disagree."}
	acc := []string{"Very Accurate", "Moderately Accurate", "Neither Accurate Nor Inaccurate", "Moderately Inaccurate", "Very Inaccurate"}
	var cycle [][]string
	for i := 0; i < 20; i++ {
		cycle = append(cycle, []string{long[[]int{0, 0, 0, 1, 1, 2, 3}[i%7]], agree[i%5], acc[(i*3)%5], ""})
	}
	vals := append([][]string{{"Respondent ID", "Do you support the projects in the bus plan?", "I really want to make changes.", "Worry about things", "Why?"}},
		repeat(60, func(i int) string { return fmt.Sprint(1000 + i) }, cycle...)...)
	for r := 1; r < len(vals); r++ {
		vals[r][4] = fmt.Sprintf("My own reason number %d", r) // typed: each once
	}
	det := detectVals(t, "export.csv", vals)
	if _, q := colOf(t, det, 2); q == nil || q.Type != Single || len(q.Labels) != 4 {
		t.Errorf("long options: %+v, want a single choice of 4 labels", q)
	}
	for _, tc := range []struct {
		col  int
		want []string
	}{
		{3, []string{"No! Strongly Disagree.", "No. Disagree.", "? Undecided or Unsure.", "Yes. Agree.", "Yes! Strongly Agree."}},
		{4, []string{"Very Inaccurate", "Moderately Inaccurate", "Neither Accurate Nor Inaccurate", "Moderately Accurate", "Very Accurate"}},
	} {
		_, q := colOf(t, det, tc.col)
		if q == nil || q.Type != Scale || strings.Join(labelTexts(q), "|") != strings.Join(tc.want, "|") {
			t.Errorf("column %d: %+v, want a scale %q", tc.col, q, tc.want)
		}
	}
	if _, q := colOf(t, det, 5); q == nil || q.Type != Text {
		t.Errorf("typed answers: %+v, want free text", q)
	}
}

// TestRealNumberThenText: SurveyMonkey's "how many drinks?" (numbers) and
// its "[If unsure, please describe below:]" text column after it. The
// numbers were dropped as a KoboToolbox one-cell copy of option columns.
func TestRealNumberThenText(t *testing.T) {
	q := "Within the past two weeks, about how many drinks do you have?"
	vals := [][]string{{"Respondent ID", q, q + " [If unsure, please describe below:]"}}
	for i := 0; i < 30; i++ {
		text := ""
		if i%6 == 0 {
			text = fmt.Sprintf("about %d glasses of wine", i)
		}
		vals = append(vals, []string{fmt.Sprint(500 + i), fmt.Sprint(i % 12), text})
	}
	det := detectVals(t, "drinks.csv", vals)
	c, qq := colOf(t, det, 2)
	if qq == nil || qq.Type != Numeric {
		t.Errorf("number column: %+v %+v, want a numeric question", c, qq)
	}
	if c, qq := colOf(t, det, 3); qq == nil || qq.Type != Text && !c.Other {
		t.Errorf("text column: %+v %+v, want free text", c, qq)
	}
}

// TestRealSlashWords: "attending/participating", "und/oder" in a lone
// header are words, not KoboToolbox's question/choice (a single Yes/No was
// drafted as a multiple choice of one option named after half the text).
func TestRealSlashWords(t *testing.T) {
	vals := [][]string{{"ID", "Are you currently attending/participating in a support group?", "Würden Sie nach einem AR- und/oder VR-Erlebnis eine Probefahrt vereinbaren?"}}
	for i := 0; i < 24; i++ {
		vals = append(vals, []string{fmt.Sprint(i + 1), []string{"No", "Yes", "No"}[i%3], []string{"Ja", "Nein", "Unsicher"}[i%3]})
	}
	det := detectVals(t, "slash.csv", vals)
	for _, n := range []int{2, 3} {
		c, q := colOf(t, det, n)
		if q == nil || q.Type != Single || c.Item != "" || len(q.Labels) < 2 {
			t.Errorf("column %d: %+v %+v, want a single choice with no item", n, c, q)
		}
		if q != nil && len(q.ID) > 63 {
			t.Errorf("column %d: id %q too long", n, q.ID)
		}
	}
}

// TestRealCommaLabels: Google Forms (bmw-open-ar-de.xlsx): a single choice
// whose labels hold commas ("Ja, VR-Technologie") was split as checkboxes;
// real checkboxes whose cells are longer than 120 characters, with an
// option of 84, were free text.
func TestRealCommaLabels(t *testing.T) {
	single := []string{"Nein, bisher keine dieser Technologien genutzt", "Ja, VR-Technologie", "Ja, sowohl AR- als auch VR-Technologie", "Ja, AR-Technologie"}
	opts := []string{"Virtuelle Fahrzeugkonfiguration", "Spiele oder Wettbewerbe (z.B. eine Virtual Reality Driving-Experience oder ein Tennis-Match)",
		"Virtuelle Einblicke in die Welt der Marke oder in ihre Produktionsstätten", "Einladung durch Freunde, Familie oder Geschäftspartner"}
	vals := [][]string{{"Zeitstempel", "Haben Sie schon einmal AR- oder VR-Technologien genutzt?", "Welche Erlebnisse würden Sie ansprechen? (Mehrfachauswahl möglich)"}}
	for i := 0; i < 60; i++ {
		var chosen []string
		for j, o := range opts {
			if (i>>j)&1 == 1 || i%5 == j {
				chosen = append(chosen, o)
			}
		}
		vals = append(vals, []string{fmt.Sprintf("14.11.2024 14:%02d:12", i), single[i%4], strings.Join(chosen, ", ")})
	}
	det := detectVals(t, "Umfrage (Antworten).csv", vals)
	if _, q := colOf(t, det, 2); q == nil || q.Type != Single || strings.Join(labelTexts(q), "|") != strings.Join(naturalSorted(single), "|") && len(q.Labels) != 4 {
		t.Errorf("comma labels: %+v, want a single choice of the 4 labels", q)
	}
	_, q := colOf(t, det, 3)
	if q == nil || q.Type != Multi {
		t.Fatalf("checkboxes: %+v, want a multiple choice", q)
	}
	got := itemTexts(q)
	for _, o := range opts {
		found := false
		for _, g := range got {
			found = found || g == o
		}
		if !found {
			t.Errorf("checkboxes: option %q missing from %q", o, got)
		}
	}
}

// TestRealContactBlock: SurveyMonkey's "Contact information" block and a
// "[… social media accounts]" field holding lists of profile URLs were
// stored as free text.
func TestRealContactBlock(t *testing.T) {
	vals := [][]string{{"Respondent ID", "Contact information [Name]", "Contact information [Company]", "Contact information [Campaign-related social media accounts]", "Kontaktdaten [Wohnort]", "Which ward are you running in?"}}
	for i := 0; i < 20; i++ {
		vals = append(vals, []string{fmt.Sprint(7000 + i), fmt.Sprintf("Kim Example%d", i), fmt.Sprintf("Example %d Ltd", i), fmt.Sprintf("https://social.example/kim%d, https://photos.example/kim%d", i, i), fmt.Sprintf("Musterstadt %d", i%7), fmt.Sprint("Ward ", 1+i%4)})
	}
	det := detectVals(t, "candidates.csv", vals)
	for _, n := range []int{2, 3, 4, 5} {
		if c, _ := colOf(t, det, n); c.Kind != KindPersonal {
			t.Errorf("column %d %q: kind %s, want personal", n, c.Header, c.Kind)
		}
	}
	if _, q := colOf(t, det, 6); q == nil {
		t.Errorf("the ward question is not a question")
	}
	if !personalValue("https://social.example/a, @kim_ex") || personalValue("Yes, I support these projects, see https://example.org") {
		t.Errorf("personalValue of lists: wrong")
	}
}

// TestRealKoboCopyEmptyOptions: a KoboToolbox excerpt whose option columns
// are empty (gc-scripts-hub, one row) still has its one-cell answer taken
// for a copy of them, as before the fix above.
func TestRealKoboCopyEmptyOptions(t *testing.T) {
	q := "What are the primary threats to the biodiversity in your area?"
	vals := [][]string{{"start", q, q + "/Deforestation", q + "/Mining", q + "/Logging"},
		{"2023-07-19 14:30:12.239000-04:00", "Logging", "", "", ""}}
	det := detectVals(t, "kobotoolbox_submissions.csv", vals)
	if c, _ := colOf(t, det, 2); c.Kind == KindQuestion {
		t.Errorf("the one-cell copy is read as question %s", c.Question)
	}
}

// TestRealHeaderAtScanEnd: Google Forms without a timestamp
// (googleforms-hotdog-fa23-en.csv, 158 rows of Yes/No and a comment): the
// 40th row, the last one searched, had nothing under it to be judged by
// and was taken for the header; rows 1–39 were not imported.
func TestRealHeaderAtScanEnd(t *testing.T) {
	for _, tc := range []struct {
		name    string
		textRow int // the data row (1-based sheet row) with a comment
		rows    int
	}{
		{"comment in row 40", 40, 120},
		{"comment in row 39", 39, 120},
		{"comment in the last row", 45, 45},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vals := [][]string{{"Do you like hot dogs?", "Is a hot dog a sandwich", "Feel free to elaborate on your opinion below", "Are You an Undergraduate"}}
			for r := 2; r <= tc.rows; r++ {
				text := ""
				if r == tc.textRow || r%17 == 0 {
					text = fmt.Sprintf("It is a taco, says respondent %d.", r)
				}
				vals = append(vals, []string{[]string{"Yes", "No", "Yes"}[r%3], []string{"No", "Yes"}[r%2], text, "Yes"})
			}
			det := detectVals(t, "Hot dog survey.csv", vals)
			if det.Mapping.HeaderRow != 1 || len(det.Mapping.Above) != 0 {
				t.Fatalf("header row %d, rows above %v; want row 1 and none", det.Mapping.HeaderRow, det.Mapping.Above)
			}
			if _, q := colOf(t, det, 1); q == nil || q.Type != Single || q.Text != vals[0][0] {
				t.Errorf("column A: %+v, want the single choice %q", q, vals[0][0])
			}
		})
	}
}

// TestRealLongDraftIDs: LimeSurvey (limesurvey-quality-en.csv): a matrix
// whose rows are split into questions got ids of its stem and row, up to
// 81 characters, and the draft was no valid definition ("id … must be
// lower-case letters, digits and _").
func TestRealLongDraftIDs(t *testing.T) {
	stem := "Listed below are the features that developers named most often. Please tell us how they apply to you"
	rowsText := []string{"The test code has good mutation coverage", "The test code has short execution time", "The unit test withstands in the long run"}
	head := []string{"Response ID", "In your opinion, what are the features a high-quality unit test should be/have [a]", "In your opinion, what are the features a high-quality unit test should be/have [b]"}
	for _, r := range rowsText {
		head = append(head, stem+" ["+r+"]")
	}
	answers := []string{"Apple", "Banana", "Cherry", "Date", "Elderberry", "Fig"} // no order: a question per row
	vals := [][]string{head}
	for i := 0; i < 40; i++ {
		vals = append(vals, []string{fmt.Sprint(i + 1), fmt.Sprintf("readable %d", i), fmt.Sprintf("fast %d", i), answers[i%6], answers[(i+1)%6], answers[(i+2)%6]})
	}
	det := detectVals(t, "results-survey.csv", vals)
	if err := det.Draft.check(); err != nil {
		t.Fatalf("draft: %v", err)
	}
	ids := map[string]bool{}
	for n := 2; n <= len(head); n++ {
		_, q := colOf(t, det, n)
		if q == nil {
			t.Fatalf("column %d is no question", n)
		}
		if len(q.ID) > 59 || !idRE.MatchString(q.ID) {
			t.Errorf("column %d: id %q (%d characters), want at most 59", n, q.ID, len(q.ID))
		}
		ids[q.ID] = true
	}
	if len(ids) != len(head)-1 {
		t.Errorf("ids %v: want %d distinct", ids, len(head)-1)
	}
}

// TestRealQualtricsQuotedImportIDs: Qualtrics exports of 2016
// (QualtricsTools' sample surveys) write the third header row as
// {'ImportId': 'QID1'}: that row was imported as a response, its cells as
// answer labels, or taken for the header itself.
func TestRealQualtricsQuotedImportIDs(t *testing.T) {
	meta := []string{"ResponseID", "ResponseSet", "IPAddress", "StartDate", "EndDate", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalDataReference", "Finished", "Status"}
	for _, tc := range []struct {
		name         string
		codes, texts []string
	}{
		{"matrix codes", []string{"q1_recent_1_1", "q1_recent_1_2", "Q2"}, nil},
		{"plain codes", []string{"Q1", "Q2", "Q10"}, nil},
		// codes and texts repeat, the import ids do not
		{"repeated codes", []string{"Q44#2_pandas_4", "Q44#2_pandas_4", "Q2"}, []string{"Animals-Pandas", "Animals-Pandas", "What kind of fruit do you like most?"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			texts := []string{"How recently have you eaten fruit?-Kiwi", "How recently have you eaten fruit?-Melon", "What kind of fruit do you like most?"}
			if tc.texts != nil {
				texts = tc.texts
			}
			ids := []string{"{'ImportId': 'responseId'}", "{'ImportId': 'responseSetId'}", "{'ImportId': 'ipAddress'}", "{'ImportId': 'startDate'}", "{'ImportId': 'endDate'}",
				"{'ImportId': 'panel-RecipientLastName'}", "{'ImportId': 'panel-RecipientFirstName'}", "{'ImportId': 'panel-RecipientEmail'}",
				"{'ImportId': 'panel-ExternalDataReference'}", "{'ImportId': 'finished'}", "{'ImportId': 'status'}", "{'ImportId': 'QID4-1-1'}", "{'ImportId': 'QID4-1-2'}", "{'ImportId': 'QID2'}"}
			vals := [][]string{append(slices.Clone(meta), tc.codes...), append(slices.Clone(meta), texts...), ids}
			fruit := []string{"Apple", "Kiwi", "Melon"}
			for i := 0; i < 30; i++ {
				vals = append(vals, []string{fmt.Sprintf("R_%03dabc", i), "Default Response Set", "", "2016-07-20 12:49:25", "2016-07-20 12:50:25", "", "", "", "", "1", "0",
					fmt.Sprint(1 + i%3), fmt.Sprint(1 + (i+1)%3), fruit[i%3]})
			}
			det := detectVals(t, "Sample_Survey.csv", vals)
			m := det.Mapping
			if m.Layout != "qualtrics" || m.HeaderRow != 1 || m.HeaderRows != 2 || m.SkipRows != 1 {
				t.Fatalf("layout %s, header row %d (%d rows), skip %d; want qualtrics, row 1, 2 rows, skip 1", m.Layout, m.HeaderRow, m.HeaderRows, m.SkipRows)
			}
			_, q := colOf(t, det, 14)
			if q == nil {
				t.Fatal("column N is no question")
			}
			for _, l := range q.Labels {
				if strings.Contains(l.Text, "ImportId") {
					t.Errorf("label %q of the import ids row", l.Text)
				}
			}
		})
	}
}

// TestRealQualtricsTextIQ: a Qualtrics export with German column texts
// (qualtRics' sample.csv): its free text question "Q2" is followed by
// Text iQ's empty "Q2 - Topics" column; the answers were dropped as a
// one-cell copy of that "option" column.
func TestRealQualtricsTextIQ(t *testing.T) {
	for _, extra := range [][]string{{"Q2 - Topics"}, {"Q2 - Topics", "Q2 - Sentiment Polarity", "Q2 - Sentiment Score", "Q2 - Sentiment", "Q2 - Parent Topics"}} {
		codes := append([]string{"StartDate", "EndDate", "Status", "ResponseId", "UserLanguage", "Q1", "Q2"}, extra...)
		texts := append([]string{"Anfangsdatum", "Enddatum", "Antworttyp", "Antwort-ID", "Benutzersprache", "Wie zufrieden sind Sie?", "Was möchten Sie uns noch sagen?"}, extra...)
		ids := []string{`{"ImportId":"startDate"}`, `{"ImportId":"endDate"}`, `{"ImportId":"status"}`, `{"ImportId":"_recordId"}`, `{"ImportId":"userLanguage"}`, `{"ImportId":"QID1"}`, `{"ImportId":"QID2_TEXT"}`}
		for _, e := range extra {
			ids = append(ids, `{"ImportId":"`+e+`"}`)
		}
		vals := [][]string{codes, texts, ids}
		for i := 0; i < 25; i++ {
			row := []string{"2017-07-18 08:28:09", "2017-07-18 08:29:09", "0", fmt.Sprintf("R_%04dxyz", i), "DE", fmt.Sprint(1 + i%5), fmt.Sprintf("Antwort Nummer %d, danke!", i)}
			vals = append(vals, append(row, make([]string, len(extra))...))
		}
		det := detectVals(t, "sample.csv", vals)
		if c, q := colOf(t, det, 7); q == nil || q.Type != Text {
			t.Errorf("%d Text iQ columns: Q2 %+v %+v, want free text", len(extra), c, q)
		}
		for n := 8; n < 8+len(extra); n++ {
			if c, _ := colOf(t, det, n); c.Kind == KindQuestion {
				t.Errorf("%q is question %s, want tool metadata", c.Header, c.Question)
			}
		}
	}
}

// TestRealMatrixRowLikeOther: rows of a matrix whose texts hold an
// "other" word next to a "which" of the stem, answered with the matrix's
// labels, are rows, not its other text: LimeSurvey "Welche dieser
// Funktionen …? [… aber anderes Thema]" (limesurvey-scicom-ki-de.csv) and
// SurveyMonkey "Sonstige (min. 1): …" were not stored.
func TestRealMatrixRowLikeOther(t *testing.T) {
	levels := []string{"Nicht wichtig", "Kaum wichtig", "Mäßig wichtig", "Wichtig", "Sehr wichtig"}
	for _, tc := range []struct {
		name, stem string
		rows       []string
		other      int // column (1-based) that is an other text, 0 for none
	}{
		{"limesurvey row", "Welche dieser Funktionen interessieren Sie persönlich?", []string{"Medien filtern", "Ähnliche Videos finden, z.B. gleiches Bildungslevel, aber anderes Thema", "Transkripte lesen"}, 0},
		{"surveymonkey row", "Welche Angebote nutzen Sie?", []string{"Beratung", "Sonstige (min. 1): Fortbildungen, Netzwerktreffen", "Newsletter"}, 0},
		{"typed other text", "Welche Angebote nutzen Sie?", []string{"Beratung", "Newsletter", "Sonstiges (bitte angeben)"}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head := []string{"ID"}
			for _, r := range tc.rows {
				head = append(head, tc.stem+" ["+r+"]")
			}
			vals := [][]string{head}
			for i := 0; i < 40; i++ {
				row := []string{fmt.Sprint(i + 1)}
				for j := range tc.rows {
					v := levels[(i+2*j)%5]
					if tc.other == j+2 {
						v = ""
						if i%4 == 0 {
							v = fmt.Sprintf("Ein eigener Wunsch Nummer %d", i)
						}
					}
					row = append(row, v)
				}
				vals = append(vals, row)
			}
			det := detectVals(t, "umfrage.csv", vals)
			for n := 2; n <= len(head); n++ {
				c, q := colOf(t, det, n)
				if n == tc.other {
					if !c.Other {
						t.Errorf("column %d: %+v, want the other text", n, c)
					}
					continue
				}
				if q == nil || c.Other || q.Type != Scale || c.Item == "" {
					t.Errorf("column %d: %+v %+v, want a row of the scale", n, c, q)
				}
			}
		})
	}
}

// TestRealOrderedMatrixRows: a matrix whose answers are calendar
// frequencies (no scale of equal steps, so a question per row) had each
// row's labels in alphabetical order ("monatlich, nie, seltener, täglich,
// wöchentlich"); a LimeSurvey importance matrix whose labels are
// "extremely important", "very", "moderately", "slightly important"
// (limesurvey-quality-en.csv) was no scale at all.
func TestRealOrderedMatrixRows(t *testing.T) {
	for _, tc := range []struct {
		levels []string // in order
		scale  bool
	}{
		{[]string{"nie", "seltener", "monatlich", "wöchentlich", "täglich"}, false},
		{[]string{"nie", "seltener als einmal im Monat", "mehrmals im Monat", "mehrmals pro Woche", "täglich"}, false},
		{[]string{"Never", "Less than once a month", "Once a month", "Several times a week", "Every day"}, false},
		{[]string{"nie", "1-2 mal im Jahr", "monatlich", "wöchentlich", "täglich"}, false},
		{[]string{"slightly important", "moderately", "very", "extremely important"}, true},
	} {
		t.Run(tc.levels[1], func(t *testing.T) {
			head := []string{"ID", "Wie oft nutzen Sie die Angebote? [Bus]", "Wie oft nutzen Sie die Angebote? [Bahn]", "Wie oft nutzen Sie die Angebote? [Rad]"}
			vals := [][]string{head}
			n := len(tc.levels)
			for i := 0; i < 40; i++ {
				vals = append(vals, []string{fmt.Sprint(i), tc.levels[i%n], tc.levels[(i*3+1)%n], tc.levels[(i/2)%n]})
			}
			det := detectVals(t, "umfrage.csv", vals)
			for c := 2; c <= 4; c++ {
				_, q := colOf(t, det, c)
				if q == nil {
					t.Fatalf("column %d is no question", c)
				}
				if got := strings.Join(labelTexts(q), " | "); got != strings.Join(tc.levels, " | ") || (q.Type == Scale) != tc.scale {
					t.Errorf("column %d: %s %q, want scale=%v %q", c, q.Type, got, tc.scale, tc.levels)
				}
			}
		})
	}
}

// TestRealSpannedHeader: an export tidied by hand
// (limesurvey-automotive-de.csv): each question in row 1 over the columns
// of its options or rows, those in row 2. The header was row 2 alone:
// Ja/Nein option columns became questions of their own, a matrix's rows
// unrelated scales. A title row over a header is no such row.
func TestRealSpannedHeader(t *testing.T) {
	levels := []string{"gar nicht", "selten", "eher selten", "eher häufig", "sehr häufig"}
	top := []string{"Welchen fachlichen Hintergrund haben Sie?", "", "", "Wie häufig werden informelle Diagramme genutzt?", "", "", "", "Wie alt sind Sie?"}
	sub := []string{"Maschinenbau", "Informatik", "Sonstiges", "Communication", "Documentation", "Entwurf", "Further", ""}
	var data [][]string
	for i := 0; i < 40; i++ {
		other := ""
		if i%9 == 0 {
			other = fmt.Sprintf("Physik %d", i)
		}
		further := ""
		if i%7 == 0 {
			further = fmt.Sprintf("Team %d: für Workshops", i)
		}
		data = append(data, []string{[]string{"Ja", "Nein"}[i%2], []string{"Nein", "Ja", "Ja"}[i%3], other,
			levels[i%5], levels[(i+2)%5], levels[(i*3)%5], further, fmt.Sprint(25 + i%30)})
	}
	t.Run("two rows", func(t *testing.T) {
		det := detectVals(t, "umfrage.csv", append([][]string{top, sub}, data...))
		if m := det.Mapping; m.HeaderRow != 1 || m.HeaderRows != 2 {
			t.Fatalf("header row %d (%d rows), want rows 1–2", m.HeaderRow, m.HeaderRows)
		}
		c1, q1 := colOf(t, det, 1)
		if q1 == nil || q1.Type != Multi || c1.Item == "" {
			t.Errorf("option column: %+v %+v, want an option of a multiple choice", c1, q1)
		}
		matrix := ""
		for n := 4; n <= 6; n++ {
			c, q := colOf(t, det, n)
			if q == nil || q.Type != Scale || strings.Join(labelTexts(q), "|") != strings.Join(levels, "|") {
				t.Errorf("matrix row %d: %+v %+v, want a row of the scale %q", n, c, q, levels)
				continue
			}
			if matrix == "" {
				matrix = q.ID
			}
			if q.ID != matrix {
				t.Errorf("matrix row %d in question %s, want %s", n, q.ID, matrix)
			}
		}
		if c, q := colOf(t, det, 7); q == nil || q.Type != Text || q.ID == matrix {
			t.Errorf("typed row: %+v %+v, want a free text of its own", c, q)
		}
		if _, q := colOf(t, det, 8); q == nil || q.Text != "Wie alt sind Sie?" {
			t.Errorf("age: %+v", q)
		}
	})
	t.Run("title row", func(t *testing.T) {
		title := []string{"Befragung 2025", "", "", "", "", "", "", ""}
		head := []string{"Hintergrund Maschinenbau", "Hintergrund Informatik", "Sonstiges", "Communication", "Documentation", "Entwurf", "Further", "Alter"}
		det := detectVals(t, "umfrage.csv", append([][]string{title, head}, data...))
		if m := det.Mapping; m.HeaderRow != 2 || m.HeaderRows != 1 {
			t.Errorf("header row %d (%d rows), want row 2 alone", m.HeaderRow, m.HeaderRows)
		}
	})
}

// TestRealTypedRowInMatrix: a "[Further]" row typed into inside a
// frequency matrix split the matrix into one question per row, each with
// the levels it happened to get ("selten" 1 in one row, 2 in the next).
func TestRealTypedRowInMatrix(t *testing.T) {
	levels := []string{"gar nicht", "selten", "eher selten", "eher häufig", "sehr häufig"}
	stem := "Wie häufig werden informelle Diagramme für die folgenden Zwecke genutzt?"
	vals := [][]string{{"Antwort ID", stem + " [Communication]", stem + " [Documentation]", stem + " [Further]"}}
	for i := 0; i < 40; i++ {
		further := ""
		if i%6 == 0 {
			further = fmt.Sprintf("Team %d: für Workshops", i)
		}
		l1 := levels[1+i%4] // never "gar nicht": the row alone has four levels
		vals = append(vals, []string{fmt.Sprint(i + 1), l1, levels[(i+2)%5], further})
	}
	det := detectVals(t, "results-survey.csv", vals)
	var ids []string
	for n := 2; n <= 3; n++ {
		c, q := colOf(t, det, n)
		if q == nil || q.Type != Scale || c.Item == "" || strings.Join(labelTexts(q), "|") != strings.Join(levels, "|") {
			t.Errorf("row %d: %+v %+v, want a row of the scale %q", n, c, q, levels)
		}
		if q != nil {
			ids = append(ids, q.ID)
		}
	}
	if len(ids) == 2 && ids[0] != ids[1] {
		t.Errorf("rows in questions %v, want one", ids)
	}
	if _, q := colOf(t, det, 4); q == nil || q.Type != Text {
		t.Errorf("typed row: %+v, want free text", q)
	}
}

// TestRealMonkeyOlderHeaders: SurveyMonkey's older export
// (RespondentID, CollectorID, StartDate, EndDate, LastName, Custom Data;
// a real one of an organisations survey) and the API's CSV
// (respondent_id, date_modified, custom_1) were no SurveyMonkey export:
// ids, dates and custom data were drafted as questions.
func TestRealMonkeyOlderHeaders(t *testing.T) {
	for _, tc := range []struct {
		name string
		head []string
		kind []string
	}{
		{"older export", []string{"RespondentID", "CollectorID", "StartDate", "EndDate", "IP Address", "Email Address", "First Name", "LastName", "Custom Data"},
			[]string{KindID, KindSystem, KindSystem, KindSubmitted, KindPersonal, KindPersonal, KindPersonal, KindPersonal, KindPersonal}},
		{"api csv", []string{"respondent_id", "collector_id", "date_created", "date_modified", "ip_address", "custom_1", "custom_2"},
			[]string{KindID, KindSystem, KindSystem, KindSubmitted, KindPersonal, KindPersonal, KindPersonal}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head := append(slices.Clone(tc.head), "How did you hear about us?")
			sub := make([]string, len(head))
			sub[len(sub)-1] = "Response"
			vals := [][]string{head, sub}
			for i := 0; i < 30; i++ {
				row := []string{fmt.Sprint(11400000000 + i), "2400001", "06/01/2024 10:00:00", "06/01/2024 10:05:00", "10.0.0.1", "a@example.org", "Kim", "Example", "ref-7"}[:len(tc.head)]
				if tc.name == "api csv" {
					row = []string{fmt.Sprint(11400000000 + i), "2400001", "2024-06-01T10:00:00+00:00", "2024-06-01T10:05:00+00:00", "10.0.0.1", "ref-7", fmt.Sprint("panel-", i)}
				}
				vals = append(vals, append(row, []string{"Friends", "Newsletter", "Web search"}[i%3]))
			}
			det := detectVals(t, "Sheet_1.csv", vals)
			if det.Mapping.Layout != "surveymonkey" {
				t.Errorf("layout %s, want surveymonkey", det.Mapping.Layout)
			}
			for i, want := range tc.kind {
				if c, _ := colOf(t, det, i+1); c.Kind != want {
					t.Errorf("%s: %s, want %s", c.Header, c.Kind, want)
				}
			}
			if _, q := colOf(t, det, len(head)); q == nil || q.Type != Single {
				t.Errorf("the question: %+v, want a single choice", q)
			}
		})
	}
}

// TestRealFewAnswersMatrixRows: rows of a matrix answered twice each, with
// labels the other rows lack (limesurvey-digitaltwins-de.csv), stay rows of
// it: they are scale words, not typed texts.
func TestRealFewAnswersMatrixRows(t *testing.T) {
	levels := []string{"nicht relevant", "eher nicht relevant", "eher relevant", "sehr relevant"}
	stem := "Wie relevant sind Schaltungsmodelle in den folgenden Phasen?"
	vals := [][]string{{"Antwort ID", stem + " [Konzeption]", stem + " [Entwicklung]", stem + " [Produktion]", stem + " [Nutzung]"}}
	for i := 0; i < 30; i++ {
		row := []string{fmt.Sprint(i + 1), "", "", "", ""}
		switch i {
		case 3:
			copy(row[1:], []string{levels[0], levels[1], levels[3], levels[2]})
		case 9:
			copy(row[1:], []string{levels[3], levels[2], levels[0], levels[3]})
		}
		vals = append(vals, row)
	}
	det := detectVals(t, "results-survey.csv", vals)
	ids := map[string]bool{}
	for n := 2; n <= 5; n++ {
		c, q := colOf(t, det, n)
		if q == nil || c.Item == "" {
			t.Errorf("row %d: %+v %+v, want a row of the matrix", n, c, q)
			continue
		}
		ids[q.ID] = true
	}
	if len(ids) != 1 {
		t.Errorf("rows in questions %v, want one", ids)
	}
}

// TestRealImportIDsNeverHeader: QualtricsTools' long sample survey, whose
// codes and texts repeat over 367 columns while its import ids do
// not: the import ids row was taken for the header (hand-typed, row 3).
func TestRealImportIDsNeverHeader(t *testing.T) {
	codes := []string{"ResponseID", "ResponseSet", "StartDate", "EndDate", "Finished", "Status"}
	texts := slices.Clone(codes)
	ids := []string{"{'ImportId': 'responseId'}", "{'ImportId': 'responseSetId'}", "{'ImportId': 'startDate'}", "{'ImportId': 'endDate'}", "{'ImportId': 'finished'}", "{'ImportId': 'status'}"}
	for i := 0; i < 40; i++ {
		codes = append(codes, fmt.Sprintf("Q44#2_animal%d_4", i/8))
		texts = append(texts, fmt.Sprintf("How cute are these animals?-Animal %d", i/8))
		ids = append(ids, fmt.Sprintf("{'ImportId': 'QID44#2-%d-%d'}", i/2, i%2))
	}
	vals := [][]string{codes, texts, ids}
	for r := 0; r < 30; r++ {
		row := []string{fmt.Sprintf("R_%04dq", r), "Default Response Set", "2016-07-28 12:53:17", "2016-07-28 12:53:18", "1", "0"}
		for i := 0; i < 40; i++ {
			row = append(row, fmt.Sprint(1+(r+i)%5))
		}
		vals = append(vals, row)
	}
	det := detectVals(t, "Long_Exhaustive_Sample_Survey.csv", vals)
	if m := det.Mapping; m.Layout != "qualtrics" || m.HeaderRow != 1 || m.SkipRows != 1 {
		t.Errorf("layout %s, header row %d, skip %d; want qualtrics, row 1, skip 1", m.Layout, m.HeaderRow, m.SkipRows)
	}
}

// A LimeSurvey export with question codes over the question texts (two
// header rows; chiir24's study): the texts row is the header's, not a
// response, and the texts name the questions. The texts row of the
// German meta columns says it as well.
func TestRealLimeCodesOverTexts(t *testing.T) {
	for _, meta := range [][]string{
		{"Response ID", "Date submitted", "Last page", "Start language", "Seed"},
		{"Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache", "Zufallsgeneratorstartwert"},
	} {
		t.Run(meta[0], func(t *testing.T) {
			vals := [][]string{
				{"id", "submitdate", "lastpage", "startlanguage", "seed", "G01Q01", "G01Q02[SQ001]", "G01Q02[SQ002]", "G01Q03", "G02Q04"},
				append(slices.Clone(meta), "How often do you search the web?", "Which tools do you use? [ChatGPT]", "Which tools do you use? [Google]", "How satisfied are you with search engines?", "Any comments?"),
			}
			freq := []string{"Daily", "Weekly", "Monthly", "Never"}
			sat := []string{"Very satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very dissatisfied"}
			for i := range 40 {
				vals = append(vals, []string{fmt.Sprint(i + 1), fmt.Sprintf("2024-03-%02d 10:00:00", i%28+1), "3", "en", fmt.Sprint(1000 + i*37),
					freq[i%4], []string{"Yes", "No"}[i%2], []string{"Yes", "No"}[i%3%2], sat[i%5], fmt.Sprintf("comment %d about things", i)})
			}
			det := detectVals(t, "results-survey.csv", vals)
			if m := det.Mapping; m.Layout != LayoutLimeCodes || m.HeaderRow != 1 || m.HeaderRows != 2 || m.DataRow() != 3 || det.Rows != 40 {
				t.Fatalf("layout %q, header row %d of %d rows, data from %d, %d data rows; want limesurvey-codes, 1 of 2, 3, 40",
					m.Layout, m.HeaderRow, m.HeaderRows, m.DataRow(), det.Rows)
			}
			want := []struct {
				col  int
				typ  string
				text string
			}{
				{6, Single, "How often do you search the web?"},
				{7, Multi, "Which tools do you use?"},
				{8, Multi, "Which tools do you use?"},
				{9, Scale, "How satisfied are you with search engines?"},
				{10, Text, "Any comments?"},
			}
			for _, w := range want {
				c, q := colOf(t, det, w.col)
				if q == nil || q.Type != w.typ || q.Text != w.text {
					t.Errorf("column %d (%s): %+v, want a %s question %q", w.col, c.Header, q, w.typ, w.text)
				}
			}
			if _, q := colOf(t, det, 6); q != nil && strings.Join(labelTexts(q), "|") == "" {
				t.Errorf("the frequency question has no labels")
			}
			if _, q := colOf(t, det, 9); q != nil && len(q.Labels) != 5 {
				t.Errorf("the satisfaction scale has %d levels, want 5: %v", len(q.Labels), labelTexts(q))
			}
		})
	}
}
