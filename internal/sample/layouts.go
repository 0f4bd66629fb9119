package sample

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Questions are the texts of the 2025 conference survey's questions.
type Questions struct {
	State, Sector, Need, Topics, Sat, NPS, Improve string
}

var (
	QuestionsDE = Questions{
		State:   "In welchem Bundesland sind Sie tätig?",
		Sector:  "In welchem Bereich sind Sie tätig?",
		Need:    "Wie hoch schätzen Sie den Handlungsbedarf in den folgenden Bereichen ein?",
		Topics:  "Welche Themen wünschen Sie sich für die nächste Konferenz?",
		Sat:     "Wie zufrieden waren Sie insgesamt mit der Konferenz?",
		NPS:     "Wie wahrscheinlich ist es, dass Sie die Konferenz weiterempfehlen?",
		Improve: "Was sollten wir beim nächsten Mal besser machen?",
	}
	QuestionsEN = Questions{
		State:   "In which state do you work?",
		Sector:  "Which sector do you work in?",
		Need:    "How high is the need for action in the following areas?",
		Topics:  "Which topics would you like next time?",
		Sat:     "How satisfied were you overall?",
		NPS:     "How likely are you to recommend the conference?",
		Improve: "What should we improve?",
	}
)

func label(ls []Label, code, lang string) string {
	if code == "" {
		return ""
	}
	l := find(ls, code)
	if lang == "en" {
		return l.EN
	}
	return l.DE
}

// needCell is the text of one need answer: a scale label, the explicit
// no-answer label, or "" for a blank cell.
func needCell(p Respondent, item, lang string) string {
	scale, na := ScaleDE, NoAnswerDE
	if lang == "en" {
		scale, na = ScaleEN, NoAnswerEN
	}
	if v, ok := p.Need[item]; ok {
		return scale[v-1]
	}
	if slices.Contains(p.NoAnswer, item) {
		return na
	}
	return ""
}

func topicLabels(p Respondent, options []Label, lang string) []string {
	var out []string
	for _, o := range options {
		if slices.Contains(p.Topics, o.Code) {
			out = append(out, label(options, o.Code, lang))
		}
	}
	return out
}

func truths(rs []Respondent, id func(Respondent) string, timed bool) []TruthRespondent {
	out := make([]TruthRespondent, len(rs))
	for i, p := range rs {
		out[i] = truthOf(p, id(p), timed)
	}
	return out
}

func seqID(p Respondent) string { return strconv.Itoa(p.ID) }

// ---- Microsoft Forms ------------------------------------------------------

// writeMSForms writes a Microsoft Forms "Open in Excel" workbook in German
// or English UI language.
func writeMSForms(path, event, lang string, rs []Respondent) (*Truth, error) {
	q, lead, dateFmt, anon := QuestionsDE, []string{"ID", "Startzeit", "Fertigstellungszeit", "E-Mail", "Name", "Zeitpunkt der letzten Änderung"}, "dd.mm.yyyy hh:mm:ss", "anonymous"
	if lang == "en" {
		// The English fixture omits "Last modified time", which Forms adds
		// only sometimes.
		q, lead, dateFmt = QuestionsEN, []string{"ID", "Start time", "Completion time", "Email", "Name"}, "m/d/yyyy h:mm:ss"
	}
	header := slices.Clone(lead)
	header = append(header, q.State, q.Sector)
	for _, it := range Items {
		header = append(header, q.Need+"."+label(Items, it.Code, lang))
	}
	header = append(header, q.Topics, q.Sat, q.NPS, q.Improve)

	g := grid{textRow(header...)}
	for _, p := range rs {
		email := anon
		if p.Email != "" {
			email = p.Email
		}
		row := []cell{num(p.ID), when(p.Started, dateFmt), when(p.Submitted, dateFmt), txt(email), txt(p.Name)}
		if lang != "en" {
			row = append(row, cell{})
		}
		row = append(row, txt(label(States, p.StateCode, lang)), txt(label(Sectors, p.Sector, lang)))
		for _, it := range Items {
			row = append(row, txt(needCell(p, it.Code, lang)))
		}
		topics := ""
		for _, t := range topicLabels(p, Items, lang) {
			topics += t + ";" // Forms ends every chosen option with ";"
		}
		row = append(row, txt(topics), optNum(p.Satisfaction, p.Satisfaction > 0), optNum(p.NPS, p.NPS >= 0), txt(p.Improve))
		g = append(g, row)
	}
	b := newBook()
	b.sheet("Sheet1", g)
	if err := b.save(path, "Microsoft Forms", rs[0].Submitted); err != nil {
		return nil, err
	}
	return &Truth{
		Layout: "msforms", Event: event, Sheet: "Sheet1", HeaderRow: 1, DataRow: 2, IDColumn: "ID",
		Respondents:     truths(rs, seqID, true),
		PersonalColumns: []string{lead[3], lead[4]},
	}, nil
}

// ---- Google Forms ---------------------------------------------------------

// googleDE is a German Google Sheet's rendering of the timestamp.
func googleDE(t time.Time) string { return t.Format("02.01.2006 15:04:05") }

// googleGB is an en-GB Google Sheet's rendering: day first, padded.
func googleGB(t time.Time) string { return t.Format("02/01/2006 15:04:05") }

// googleEN is an en-US Google Sheet's rendering: month and day unpadded.
func googleEN(t time.Time) string {
	return fmt.Sprintf("%d/%d/%d %d:%02d:%02d", int(t.Month()), t.Day(), t.Year(), t.Hour(), t.Minute(), t.Second())
}

// writeMDK15 writes the 2024 survey as Google Sheets saves it as xlsx, with
// the timestamp as text as in the organisers' file.
func writeMDK15(path string, rs []Respondent) (*Truth, error) {
	const need = "Wie dringend sehen Sie Handlungsbedarf bei folgenden Themen?"
	header := []string{"Zeitstempel", "E-Mail-Adresse", "Bundesland", "Tätigkeitsbereich"}
	for _, it := range Items2024 {
		header = append(header, need+" ["+it.DE+"]")
	}
	header = append(header, "Welche Themen sollen nächstes Mal behandelt werden?", "Gesamtzufriedenheit", "Weiterempfehlung (0-10)", "Verbesserungsvorschläge")
	g := grid{textRow(header...)}
	for _, p := range rs {
		row := []cell{txt(googleDE(p.Submitted)), txt(p.Email), txt(label(States, p.StateCode, "de")), txt(label(Sectors, p.Sector, "de"))}
		for _, it := range Items2024 {
			row = append(row, txt(needCell(p, it.Code, "de")))
		}
		row = append(row, txt(strings.Join(topicLabels(p, Items2024, "de"), ", ")),
			optNum(p.Satisfaction, p.Satisfaction > 0), optNum(p.NPS, p.NPS >= 0), txt(p.Improve))
		g = append(g, row)
	}
	b := newBook()
	b.sheet("Formularantworten 1", g)
	if err := b.save(path, "Google Sheets", rs[0].Submitted); err != nil {
		return nil, err
	}
	return &Truth{
		Layout: "googleforms", Event: "mdk15", Sheet: "Formularantworten 1", HeaderRow: 1, DataRow: 2,
		Notes:           "2024 survey: no item kuenstliche_intelligenz; \"Fachkräfte\" is item fachkraeftegewinnung.",
		Respondents:     truths(rs, seqID, true),
		PersonalColumns: []string{"E-Mail-Adresse"},
	}, nil
}

// writeGoogleCSV writes a German form whose sheet has an English locale,
// downloaded as CSV. Options are joined with ", ", one option label holds
// ", " itself, and "Other" answers appear as typed text.
func writeGoogleCSV(path string, rs []Respondent) (*Truth, error) {
	q := QuestionsDE
	options := append(slices.Clone(Items), OpenData)
	header := []string{"Timestamp", "Email Address", q.State, q.Sector}
	for _, it := range Items {
		header = append(header, q.Need+" ["+it.DE+"]")
	}
	header = append(header, q.Topics, q.Sat, q.NPS, q.Improve)
	rows := [][]string{header}
	for _, p := range rs {
		row := []string{googleEN(p.Submitted), p.Email, label(States, p.StateCode, "de"), label(Sectors, p.Sector, "de")}
		for _, it := range Items {
			row = append(row, needCell(p, it.Code, "de"))
		}
		topics := append(topicLabels(p, options, "de"), p.OtherTopics...)
		row = append(row, strings.Join(topics, ", "), optText(p.Satisfaction, p.Satisfaction > 0), optText(p.NPS, p.NPS >= 0), p.Improve)
		rows = append(rows, row)
	}
	if err := writeCSV(path, rows, csvOpts{sep: ','}); err != nil {
		return nil, err
	}
	return &Truth{
		Layout: "googleforms", Event: "mdk16", HeaderRow: 1, DataRow: 2, Encoding: "utf-8", Delimiter: ",",
		Notes: "Topic options are the eight items plus \"Open Data, Open Government\" (open_data_open_government); " +
			"a fragment matching no option is an \"Other\" text (other_topics).",
		Respondents:     truths(rs, seqID, true),
		PersonalColumns: []string{"Email Address"},
	}, nil
}

func optText(v int, answered bool) string {
	if !answered {
		return ""
	}
	return strconv.Itoa(v)
}

// ---- LimeSurvey -----------------------------------------------------------

// limeIDs are LimeSurvey response ids: increasing with gaps where test or
// deleted responses were.
func limeIDs(r *rng, n int) []int {
	ids := make([]int, n)
	id := 2 + r.intn(5)
	for i := range ids {
		ids[i] = id
		id += 1 + r.pick([]float64{80, 12, 5, 3})
	}
	return ids
}

func limeTime(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

// limeSystem are the system columns both LimeSurvey fixtures start with.
var limeSystem = []string{"id", "submitdate", "lastpage", "startlanguage", "seed"}

// writeLimeFull writes a full-text-header, full-answer xlsx export. The need
// array is LimeSurvey's "Array (5 point choice)", whose answers are the
// numbers 1–5; this survey codes "keine Angabe" as 99.
func writeLimeFull(path string, rs []Respondent, seed uint64) (*Truth, error) {
	r := newRNG(seed)
	q := QuestionsDE
	ids := limeIDs(r, len(rs))
	header := slices.Clone(limeSystem)
	header = append(header, q.State, q.Sector)
	for _, it := range Items {
		header = append(header, q.Need+" ["+it.DE+"]")
	}
	for _, it := range Items {
		header = append(header, q.Topics+" ["+it.DE+"]")
	}
	header = append(header, q.Sat, q.NPS, q.Improve)
	g := grid{textRow(header...)}
	t := &Truth{Layout: "limesurvey", Event: "mdk16", Sheet: "results", HeaderRow: 1, DataRow: 2, IDColumn: "id",
		Notes: "Need items are numbers 1-5 (Array 5 point choice); 99 = keine Angabe, never a value. " +
			"Topic columns hold Ja/Nein. A formula cell without cached value is the respondent's text."}
	improveCol := len(header)
	for i, p := range rs {
		row := []cell{num(ids[i]), txt(limeTime(p.Submitted)), num(4), txt("de"), num(100000000 + r.intn(900000000)),
			txt(label(States, p.StateCode, "de")), txt(label(Sectors, p.Sector, "de"))}
		for j, it := range Items {
			v, ok := p.Need[it.Code]
			switch {
			case ok:
				row = append(row, num(v))
			case slices.Contains(p.NoAnswer, it.Code):
				row = append(row, num(99))
				t.SpecialCells = append(t.SpecialCells, Cell{Row: i + 2, Column: colName(len(limeSystem) + 3 + j), Raw: "99", Kind: "no_answer_code"})
			default:
				row = append(row, cell{})
			}
		}
		for _, it := range Items {
			row = append(row, txt(map[bool]string{true: "Ja", false: "Nein"}[slices.Contains(p.Topics, it.Code)]))
		}
		row = append(row, optNum(p.Satisfaction, p.Satisfaction > 0), optNum(p.NPS, p.NPS >= 0))
		if strings.HasPrefix(p.Improve, "=") {
			// LimeSurvey's writer turns a leading "=" into a formula.
			row = append(row, cell{kind: formula, s: p.Improve[1:]})
			t.SpecialCells = append(t.SpecialCells, Cell{Row: i + 2, Column: colName(improveCol), Raw: p.Improve, Kind: "formula_no_cache"})
		} else {
			row = append(row, txt(p.Improve))
		}
		g = append(g, row)
	}
	b := newBook()
	b.sheet("results", g)
	if err := b.save(path, "LimeSurvey", rs[0].Submitted); err != nil {
		return nil, err
	}
	t.Respondents = truths(rs, func(p Respondent) string { return strconv.Itoa(ids[p.ID-1]) }, true)
	return t, nil
}

// writeMDK17 writes the 2026 survey as a LimeSurvey full-text export whose
// wording the built-in definition does not know: the need matrix asks for
// "Veränderungsbedarf" in "Feldern" (two rows renamed, Smart City gone,
// Barrierefreiheit new), satisfaction is asked as "Wie bewerten Sie …", the
// recommendation question is gone and one on how people heard of the
// conference is new. Only the dataset's earlier wording links the rest.
func writeMDK17(path string, rs []Respondent, seed uint64) (*Truth, error) {
	const (
		need  = "Wie hoch schätzen Sie den Veränderungsbedarf in den folgenden Feldern ein?"
		sat   = "Wie bewerten Sie die Konferenz insgesamt?"
		heard = "Wie sind Sie auf die Konferenz aufmerksam geworden?"
	)
	r := newRNG(seed)
	q := QuestionsDE
	ids := limeIDs(r, len(rs))
	for i := range rs {
		rs[i].NPS = -1 // not asked
		if h := r.pick([]float64{33, 28, 20, 14, 5}); h < len(Heard) {
			rs[i].Heard = Heard[h].Code
		}
	}
	header := slices.Clone(limeSystem)
	header = append(header, q.State, q.Sector)
	for _, it := range Items2026 {
		header = append(header, need+" ["+it.DE+"]")
	}
	for _, it := range Items {
		header = append(header, q.Topics+" ["+it.DE+"]")
	}
	header = append(header, sat, heard, q.Improve)
	g := grid{textRow(header...)}
	t := &Truth{Layout: "limesurvey", Event: "mdk17", Sheet: "results", HeaderRow: 1, DataRow: 2, IDColumn: "id",
		Notes: "2026 survey, reworded: need is \"Veränderungsbedarf\" (need.*), \"Datenschutz und DSGVO\" = datenschutz, " +
			"\"Informations- und IT-Sicherheit\" = it_sicherheit, no smart_city, new item barrierefreiheit; " +
			"\"Wie bewerten Sie die Konferenz insgesamt?\" = satisfaction; no nps; new question heard. " +
			"Need items are numbers 1-5, 99 = keine Angabe."}
	for i, p := range rs {
		row := []cell{num(ids[i]), txt(limeTime(p.Submitted)), num(4), txt("de"), num(100000000 + r.intn(900000000)),
			txt(label(States, p.StateCode, "de")), txt(label(Sectors, p.Sector, "de"))}
		for j, it := range Items2026 {
			v, ok := p.Need[it.Code]
			switch {
			case ok:
				row = append(row, num(v))
			case slices.Contains(p.NoAnswer, it.Code):
				row = append(row, num(99))
				t.SpecialCells = append(t.SpecialCells, Cell{Row: i + 2, Column: colName(len(limeSystem) + 3 + j), Raw: "99", Kind: "no_answer_code"})
			default:
				row = append(row, cell{})
			}
		}
		for _, it := range Items {
			row = append(row, txt(map[bool]string{true: "Ja", false: "Nein"}[slices.Contains(p.Topics, it.Code)]))
		}
		row = append(row, optNum(p.Satisfaction, p.Satisfaction > 0), txt(label(Heard, p.Heard, "de")), txt(p.Improve))
		g = append(g, row)
	}
	b := newBook()
	b.sheet("results", g)
	if err := b.save(path, "LimeSurvey", rs[0].Submitted); err != nil {
		return nil, err
	}
	t.Respondents = truths(rs, func(p Respondent) string { return strconv.Itoa(ids[p.ID-1]) }, true)
	return t, nil
}

// writeLimeCodes writes a code-header, answer-code CSV export with the
// mapping from codes to Questions in the truth file.
func writeLimeCodes(path string, rs []Respondent, seed uint64) (*Truth, error) {
	r := newRNG(seed)
	q := QuestionsDE
	ids := limeIDs(r, len(rs))
	codes := map[string]CodeColumn{}
	answers := func(ls []Label) (map[string]string, map[string]string) {
		a, v := map[string]string{}, map[string]string{}
		for i, l := range ls {
			k := fmt.Sprintf("A%d", i+1)
			a[k], v[k] = l.DE, l.Code
		}
		return a, v
	}
	a, v := answers(States)
	codes["G01Q01"] = CodeColumn{Question: q.State, Variable: "state", Answers: a, Values: v}
	a, v = answers(Sectors)
	codes["G01Q02"] = CodeColumn{Question: q.Sector, Variable: "sector", Answers: a, Values: v}
	header := slices.Clone(limeSystem)
	header = append(header, "G01Q01", "G01Q02")
	for i, it := range Items {
		h := fmt.Sprintf("G02Q03[SQ%03d]", i+1)
		header = append(header, h)
		a, v := map[string]string{"A6": NoAnswerDE}, map[string]string{}
		for s := range 5 {
			k := fmt.Sprintf("A%d", s+1)
			a[k], v[k] = ScaleDE[s], strconv.Itoa(s+1)
		}
		codes[h] = CodeColumn{Question: q.Need, Sub: it.DE, Variable: "need." + it.Code, Answers: a, Values: v, Missing: []string{"A6"}}
	}
	for i, it := range Items {
		h := fmt.Sprintf("G03Q04[SQ%03d]", i+1)
		header = append(header, h)
		codes[h] = CodeColumn{Question: q.Topics, Sub: it.DE, Variable: "topic." + it.Code,
			Answers: map[string]string{"Y": "Ja"}, Values: map[string]string{"Y": it.Code}}
	}
	header = append(header, "G04Q05", "G04Q06", "G04Q07")
	codes["G04Q05"] = CodeColumn{Question: q.Sat, Variable: "satisfaction"}
	codes["G04Q06"] = CodeColumn{Question: q.NPS, Variable: "nps"}
	codes["G04Q07"] = CodeColumn{Question: q.Improve, Variable: "improve"}

	code := func(ls []Label, c string) string {
		for i, l := range ls {
			if l.Code == c {
				return fmt.Sprintf("A%d", i+1)
			}
		}
		return ""
	}
	rows := [][]string{header}
	for i, p := range rs {
		row := []string{strconv.Itoa(ids[i]), limeTime(p.Submitted), "4", "de", strconv.Itoa(100000000 + r.intn(900000000)),
			code(States, p.StateCode), code(Sectors, p.Sector)}
		for _, it := range Items {
			switch v, ok := p.Need[it.Code]; {
			case ok:
				row = append(row, fmt.Sprintf("A%d", v))
			case slices.Contains(p.NoAnswer, it.Code):
				row = append(row, "A6")
			default:
				row = append(row, "")
			}
		}
		for _, it := range Items {
			row = append(row, map[bool]string{true: "Y", false: ""}[slices.Contains(p.Topics, it.Code)])
		}
		row = append(row, optText(p.Satisfaction, p.Satisfaction > 0), optText(p.NPS, p.NPS >= 0), p.Improve)
		rows = append(rows, row)
	}
	if err := writeCSV(path, rows, csvOpts{sep: ';', crlf: true, quoteAll: true, bom: true}); err != nil {
		return nil, err
	}
	return &Truth{Layout: "limesurvey", Event: "mdk16", HeaderRow: 1, DataRow: 2, IDColumn: "id", Encoding: "utf-8-bom", Delimiter: ";",
		Notes:       "Code headers: see codes. A6 = keine Angabe on the need scale. Satisfaction and nps are plain numbers.",
		Respondents: truths(rs, func(p Respondent) string { return strconv.Itoa(ids[p.ID-1]) }, true),
		Codes:       codes,
	}, nil
}

// ---- SurveyMonkey ---------------------------------------------------------

// writeSurveyMonkey writes an "All Responses Data" xlsx with expanded
// columns and SurveyMonkey's two header rows.
func writeSurveyMonkey(path string, rs []Respondent, seed uint64) (*Truth, error) {
	r := newRNG(seed)
	q := QuestionsDE
	lead := []string{"Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"}
	h1 := slices.Clone(lead)
	h2 := make([]string, len(lead))
	add := func(question string, subs ...string) {
		for i, s := range subs {
			if i == 0 {
				h1 = append(h1, question)
			} else {
				h1 = append(h1, "") // SurveyMonkey names a question once
			}
			h2 = append(h2, s)
		}
	}
	add(q.State, "Response")
	add(q.Sector, "Response")
	var itemLabels []string
	for _, it := range Items {
		itemLabels = append(itemLabels, it.DE)
	}
	add(q.Need, itemLabels...)
	add(q.Topics, itemLabels...)
	add(q.Sat, "Response")
	add(q.NPS, "Response")
	add(q.Improve, "Open-Ended Response")

	const dateFmt = "m/d/yyyy h:mm:ss AM/PM"
	g := grid{textRow(h1...), textRow(h2...)}
	ids := make([]int, len(rs))
	id := 118_400_000_000 + r.intn(10_000_000)
	for i, p := range rs {
		id += 1_000 + r.intn(500_000)
		ids[i] = id
		first, last, _ := strings.Cut(p.Name, " ")
		row := []cell{num(id), num(432_871_905), when(p.Started, dateFmt), when(p.Submitted, dateFmt),
			txt(fmt.Sprintf("%s.%d", []string{"192.0.2", "198.51.100", "203.0.113"}[r.intn(3)], 1+r.intn(254))),
			txt(p.Email), txt(first), txt(last), cell{},
			txt(label(States, p.StateCode, "de")), txt(label(Sectors, p.Sector, "de"))}
		for _, it := range Items {
			row = append(row, txt(needCell(p, it.Code, "de")))
		}
		for _, it := range Items {
			if slices.Contains(p.Topics, it.Code) {
				row = append(row, txt(it.DE))
			} else {
				row = append(row, cell{})
			}
		}
		row = append(row, optNum(p.Satisfaction, p.Satisfaction > 0), optNum(p.NPS, p.NPS >= 0), txt(p.Improve))
		g = append(g, row)
	}
	b := newBook()
	b.sheet("Sheet", g)
	if err := b.save(path, "SurveyMonkey", rs[0].Submitted); err != nil {
		return nil, err
	}
	return &Truth{Layout: "surveymonkey", Event: "mdk16", Sheet: "Sheet", HeaderRow: 1, DataRow: 3, IDColumn: "Respondent ID",
		Notes:           "Two header rows: row 1 question text (fill forward), row 2 Response / Open-Ended Response / option or matrix row label.",
		Respondents:     truths(rs, func(p Respondent) string { return strconv.Itoa(ids[p.ID-1]) }, true),
		PersonalColumns: []string{"IP Address", "Email Address", "First Name", "Last Name"},
	}, nil
}

// ---- Qualtrics ------------------------------------------------------------

// writeQualtrics writes a Qualtrics CSV with choice texts: ids, then
// question texts, then import ids, then responses.
func writeQualtrics(path string, rs []Respondent, seed uint64) (*Truth, error) {
	r := newRNG(seed)
	q := QuestionsDE
	type col struct{ id, text, imp string }
	cols := []col{
		{"StartDate", "Start Date", `{"ImportId":"startDate","timeZone":"Europe/Berlin"}`},
		{"EndDate", "End Date", `{"ImportId":"endDate","timeZone":"Europe/Berlin"}`},
		{"Status", "Response Type", `{"ImportId":"status"}`},
		{"IPAddress", "IP Address", `{"ImportId":"ipAddress"}`},
		{"Progress", "Progress", `{"ImportId":"progress"}`},
		{"Duration (in seconds)", "Duration (in seconds)", `{"ImportId":"duration"}`},
		{"Finished", "Finished", `{"ImportId":"finished"}`},
		{"RecordedDate", "Recorded Date", `{"ImportId":"recordedDate","timeZone":"Europe/Berlin"}`},
		{"ResponseId", "Response ID", `{"ImportId":"_recordId"}`},
		{"RecipientLastName", "Recipient Last Name", `{"ImportId":"recipientLastName"}`},
		{"RecipientFirstName", "Recipient First Name", `{"ImportId":"recipientFirstName"}`},
		{"RecipientEmail", "Recipient Email", `{"ImportId":"recipientEmail"}`},
		{"ExternalReference", "External Data Reference", `{"ImportId":"externalDataReference"}`},
		{"LocationLatitude", "Location Latitude", `{"ImportId":"locationLatitude"}`},
		{"LocationLongitude", "Location Longitude", `{"ImportId":"locationLongitude"}`},
		{"DistributionChannel", "Distribution Channel", `{"ImportId":"distributionChannel"}`},
		{"UserLanguage", "User Language", `{"ImportId":"userLanguage"}`},
		{"Q1", q.State, `{"ImportId":"QID1"}`},
		{"Q2", q.Sector, `{"ImportId":"QID2"}`},
	}
	for i, it := range Items {
		cols = append(cols, col{fmt.Sprintf("Q3_%d", i+1), q.Need + " - " + it.DE, fmt.Sprintf(`{"ImportId":"QID3_%d"}`, i+1)})
	}
	cols = append(cols,
		col{"Q4", q.Topics, `{"ImportId":"QID4"}`},
		col{"Q5", q.Sat, `{"ImportId":"QID5"}`},
		col{"Q6", q.NPS, `{"ImportId":"QID6"}`},
		col{"Q7", q.Improve, `{"ImportId":"QID7_TEXT"}`},
	)
	rows := make([][]string, 3)
	for _, c := range cols {
		rows[0] = append(rows[0], c.id)
		rows[1] = append(rows[1], c.text)
		rows[2] = append(rows[2], c.imp)
	}
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	ids := make([]string, len(rs))
	for i, p := range rs {
		id := []byte("R_")
		for range 15 {
			id = append(id, alnum[r.intn(len(alnum))])
		}
		ids[i] = string(id)
		first, last, _ := strings.Cut(p.Name, " ")
		row := []string{limeTime(p.Started), limeTime(p.Submitted), "IP Address",
			fmt.Sprintf("203.0.113.%d", 1+r.intn(254)), "100", strconv.Itoa(int(p.Submitted.Sub(p.Started).Seconds())), "True",
			limeTime(p.Submitted), ids[i], last, first, p.Email, "", "", "", "anonymous", "DE",
			label(States, p.StateCode, "de"), label(Sectors, p.Sector, "de")}
		for _, it := range Items {
			row = append(row, needCell(p, it.Code, "de"))
		}
		// Qualtrics joins multiple answers with a bare comma.
		row = append(row, strings.Join(topicLabels(p, Items, "de"), ","),
			optText(p.Satisfaction, p.Satisfaction > 0), optText(p.NPS, p.NPS >= 0), p.Improve)
		rows = append(rows, row)
	}
	if err := writeCSV(path, rows, csvOpts{sep: ',', crlf: true, bom: true}); err != nil {
		return nil, err
	}
	return &Truth{Layout: "qualtrics", Event: "mdk16", HeaderRow: 1, DataRow: 4, IDColumn: "ResponseId", Encoding: "utf-8-bom", Delimiter: ",",
		Notes:           "Row 2 question texts, row 3 import ids. Q4 joins choices with a bare comma. submitted_at is EndDate (= RecordedDate).",
		Respondents:     truths(rs, func(p Respondent) string { return ids[p.ID-1] }, true),
		PersonalColumns: []string{"IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail"},
	}, nil
}

// ---- German Excel CSV -----------------------------------------------------

// shortHeader is the short German header row of organiser-built sheets
// (German Excel CSV and hand-typed paper forms).
func shortHeader(lead ...string) []string {
	h := slices.Clone(lead)
	for _, it := range Items {
		h = append(h, "Handlungsbedarf "+it.DE)
	}
	return append(h, "Themenwünsche", "Zufriedenheit", "Weiterempfehlung", "Anmerkungen")
}

// writeExcelCSV writes what German Excel saves from an organiser's sheet:
// "CSV (Trennzeichen-getrennt)" in Windows-1252, or "CSV UTF-8" with BOM.
// Both use ";" (formats.md). Satisfaction is formatted with one decimal,
// so it carries a decimal comma.
func writeExcelCSV(path string, rs []Respondent, cp1252 bool) (*Truth, error) {
	rows := [][]string{shortHeader("Nr.", "Datum", "Bundesland", "Bereich")}
	t := &Truth{Layout: "excel-csv", Event: "mdk16", HeaderRow: 1, DataRow: 2, IDColumn: "Nr.", Delimiter: ";",
		Notes: "Satisfaction written with a decimal comma (\"4,0\"); Datum without seconds."}
	satCol := colName(len(rows[0]) - 2)
	for i, p := range rs {
		row := []string{strconv.Itoa(p.ID), p.Submitted.Format("02.01.2006 15:04"), label(States, p.StateCode, "de"), label(Sectors, p.Sector, "de")}
		for _, it := range Items {
			row = append(row, needCell(p, it.Code, "de"))
		}
		sat := ""
		if p.Satisfaction > 0 {
			sat = strconv.Itoa(p.Satisfaction) + ",0"
			if len(t.SpecialCells) == 0 {
				t.SpecialCells = append(t.SpecialCells, Cell{Row: i + 2, Column: satCol, Raw: sat, Kind: "decimal_comma"})
			}
		}
		row = append(row, strings.Join(topicLabels(p, Items, "de"), ", "), sat, optText(p.NPS, p.NPS >= 0), p.Improve)
		rows = append(rows, row)
	}
	o := csvOpts{sep: ';', crlf: true}
	if cp1252 {
		o.cp1252, t.Encoding = true, "windows-1252"
	} else {
		o.bom, t.Encoding = true, "utf-8-bom"
	}
	if err := writeCSV(path, rows, o); err != nil {
		return nil, err
	}
	// Excel shows minutes only, so that is all the importer can know.
	t.Respondents = truths(rs, seqID, true)
	for i := range t.Respondents {
		s := rs[i].Submitted.Truncate(time.Minute).Format(time.RFC3339)
		t.Respondents[i].SubmittedAt = &s
	}
	return t, nil
}

// ---- Hand-typed sheet -----------------------------------------------------

// stateSpellings are the ways staff typed a state from paper forms; each
// is used in turn so that every spelling occurs.
var stateSpellings = map[string][]string{
	"DE-SN": {"Sachsen", "sachsen ", "SN", "Sachsen"},
	"DE-ST": {"Sachsen-Anhalt", "Sachsen Anhalt", "LSA", "ST"},
	"DE-TH": {"Thüringen", "Thür.", "TH"},
}

// Handtyped fixture: which respondents (1-based) carry the deliberate
// errors, which one was entered twice, and after which the blank rows are.
const (
	htBadSat    = 5
	htBadSector = 17
	htNoNeed    = 29 // "n/a": no answer, not a reject (#12)
	htDuplicate = 12
	htBlankFrom = 20 // two blank rows follow this respondent
)

// writeHandtyped writes paper forms typed in by staff: a notes sheet, a
// merged title, messy spellings, numbers as text, blank rows, one form
// entered twice, two bad cells and an "n/a".
func writeHandtyped(path string, rs []Respondent) (*Truth, error) {
	header := shortHeader("Bogen-Nr.", "Bundesland", "Bereich")
	col := func(h string) int { return slices.Index(header, h) + 1 }
	g := grid{{txt("Feedback MDK 2025 – Papierbögen")}, nil, textRow(header...)}
	t := &Truth{Layout: "handtyped", Event: "mdk16", Sheet: "Erfassung", HeaderRow: 3, DataRow: 4, IDColumn: "Bogen-Nr.",
		Notes: "Rejected cells count as not answered in respondents. Bogen-Nr. " + strconv.Itoa(htDuplicate) + " is entered twice with identical values."}
	seen := map[string]int{}
	var dupRow []cell
	for i := range rs {
		p := &rs[i]
		row := []cell{num(p.ID)}
		state := ""
		if sp, ok := stateSpellings[p.StateCode]; ok {
			state = sp[seen[p.StateCode]%len(sp)]
			seen[p.StateCode]++
		} else if p.StateCode != "" {
			state = GermanStates[p.StateCode]
		}
		sector := label(Sectors, p.Sector, "de")
		switch {
		case p.ID == htBadSector:
			sector, p.Sector = "Kirche", ""
		case p.ID%7 == 0:
			sector = strings.ToLower(sector)
		case p.ID%11 == 0:
			sector += " "
		}
		row = append(row, txt(state), txt(sector))
		// Every third form's numbers were typed with a leading apostrophe,
		// so they are text cells.
		n := func(v int, ok bool) cell {
			if ok && p.ID%3 == 0 {
				return txt(strconv.Itoa(v))
			}
			return optNum(v, ok)
		}
		for _, it := range Items {
			v, ok := p.Need[it.Code]
			if p.ID == htNoNeed && it.Code == "datenschutz" {
				row = append(row, txt("n/a"))
				delete(p.Need, it.Code)
				continue
			}
			row = append(row, n(v, ok))
		}
		row = append(row, txt(strings.Join(topicLabels(*p, Items, "de"), ", ")))
		if p.ID == htBadSat {
			row = append(row, num(7))
			p.Satisfaction = 0
		} else {
			row = append(row, n(p.Satisfaction, p.Satisfaction > 0))
		}
		row = append(row, n(p.NPS, p.NPS >= 0), txt(p.Improve))
		sheetRow := len(g) + 1
		switch p.ID {
		case htBadSat:
			t.ExpectedRejects = append(t.ExpectedRejects, Reject{sheetRow, colName(col("Zufriedenheit")), "7", "out_of_range", strconv.Itoa(htBadSat)})
		case htBadSector:
			t.ExpectedRejects = append(t.ExpectedRejects, Reject{sheetRow, colName(col("Bereich")), "Kirche", "unknown_label", strconv.Itoa(htBadSector)})
		}
		g = append(g, row)
		if p.ID == htDuplicate {
			dupRow = row
		}
		if p.ID == htBlankFrom {
			g = append(g, nil, nil)
		}
	}
	g = append(g, dupRow) // entered again at the end of the pile
	notes := grid{
		textRow("Hinweise zur Erfassung der Papierbögen"),
		nil,
		textRow("Erfasst von der Orga im Anschluss an die Konferenz (HTWK Leipzig)."),
		textRow("Handlungsbedarf: Skala 1 = sehr gering … 5 = sehr hoch; leer = keine Angabe."),
		textRow("Zufriedenheit: 1 bis 5; Weiterempfehlung: 0 bis 10."),
		textRow("Themenwünsche mit Komma getrennt."),
	}
	b := newBook()
	b.sheet("Hinweise", notes)
	b.sheet("Erfassung", g)
	if b.err == nil {
		b.err = b.f.MergeCell("Erfassung", "A1", "F1")
	}
	if err := b.save(path, "Orga MDK", rs[len(rs)-1].Submitted); err != nil {
		return nil, err
	}
	t.Respondents = truths(rs, seqID, false)
	t.ExpectedDuplicates = []string{strconv.Itoa(htDuplicate)}
	t.BlankRows = 2
	return t, nil
}
