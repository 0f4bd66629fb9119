package sample

import (
	"strconv"
	"time"
)

// The generic surveys behind testdata/surveys/: invented questions and
// answers that reproduce the structures of real exports (see
// testdata/README.md for which file reproduces what).

var studyDay = time.Date(2025, 5, 12, 0, 0, 0, 0, CET)

// StudySurvey is a German university study on digital teaching: no state,
// no sector; two Likert matrices (one with the importance vocabulary whose
// alphabetical order is wrong), a multiple choice with "Sonstiges", a
// ranking, an NPS, an ordered frequency and two free texts.
func StudySurvey() Survey {
	return Survey{
		Seed: 301, N: 84, Incomplete: 9, Title: "Digitale Lehre 2025", Day: studyDay, Days: 21,
		Questions: []Question{
			{Kind: Single, Text: "Welche Rolle haben Sie an der Hochschule?",
				Labels: []string{"Studierende", "Lehrende", "Verwaltung", "Sonstige Beschäftigte"}, Weights: []float64{6, 2, 1, .5}},
			{Kind: Single, Text: "Wie oft nutzen Sie die Lernplattform?", Ordered: true,
				Labels: []string{"Nie", "Selten", "Monatlich", "Wöchentlich", "Täglich"}, Weights: []float64{.3, 1, 1.5, 4, 3}, BlankP: .03},
			{Kind: Scale, Text: "Wie zufrieden sind Sie mit den folgenden Angeboten?",
				Items:  []string{"Lernplattform", "Videokonferenzen", "Prüfungsportal", "E-Mail-Support", "Online-Bibliothek"},
				Labels: []string{"Sehr unzufrieden", "Unzufrieden", "Teils/teils", "Zufrieden", "Sehr zufrieden"}, Weights: []float64{.5, 1, 2, 4, 2},
				NoAnswer: "Keine Angabe", NoAnswerP: .05, BlankP: .03},
			{Kind: Scale, Text: "Wie wichtig sind Ihnen die folgenden Punkte?",
				Items:  []string{"Verlässlichkeit", "Datenschutz", "Mobile Nutzung", "Barrierefreiheit"},
				Labels: []string{"Nicht wichtig", "Kaum wichtig", "Mäßig wichtig", "Wichtig", "Sehr wichtig"}, Weights: []float64{.3, .7, 1.5, 3, 3}, BlankP: .03},
			{Kind: Multi, Text: "Welche Geräte nutzen Sie für das Studium?",
				Items: []string{"Laptop", "Tablet", "Smartphone", "Desktop-PC"}, Weights: []float64{.85, .35, .6, .25},
				Other: "Sonstiges", OtherTexts: []string{"E-Reader", "Grafiktablett", "Smartwatch"}, OtherP: .1},
			{Kind: Ranking, Text: "Bitte ordnen Sie die Themen nach ihrer Priorität für Sie.",
				Items: []string{"Barrierefreiheit", "Datenschutz", "Offline-Nutzung", "Benutzerfreundlichkeit"}, Weights: []float64{.5, 1, 0, 1.5}, BlankP: .05},
			{Kind: NPS, Text: "Wie wahrscheinlich ist es, dass Sie die Lernplattform weiterempfehlen?",
				Weights: []float64{1, .5, .5, 1, 1, 2, 3, 5, 6, 4, 3}, BlankP: .04},
			{Kind: Text, Text: "Was gefällt Ihnen besonders gut?", TextP: .45, Texts: studyLikes},
			{Kind: Text, Text: "Was sollten wir verbessern?", TextP: .5, Texts: studyImprove},
		},
	}
}

var studyLikes = []string{
	"Die Aufzeichnungen der Vorlesungen.", "Alles an einem Ort.", "Die Foren sind hilfreich.",
	"Schnelle Rückmeldung zu Abgaben.", "Übersichtlicher Kalender.", "Die App funktioniert gut.",
	"Quizze zur Selbstkontrolle.", "Dass man auch nachts arbeiten kann.",
}

var studyImprove = []string{
	"Die Suche findet nichts.", "Mehr Speicherplatz für Abgaben.", "Benachrichtigungen sind zu viele.",
	"Die Prüfungsanmeldung ist umständlich.", "Bitte einen Dunkelmodus.", "Videos laden langsam im WLAN der Mensa.",
	"Einheitliche Kursstruktur in allen Fächern.", "Bessere Untertitel für Videos.",
	"Schreiben Sie mir gern: lea.sommer@uni-beispiel.de", // personal data inside a free text
}

// ProductSurvey is an English product survey (Microsoft Forms): usage,
// features with "Other", a satisfaction matrix, favourability, an NPS, a
// ranking, two free texts and a full-name question (personal).
func ProductSurvey() Survey {
	return Survey{
		Seed: 302, N: 64, Title: "Tasko customer survey", Day: time.Date(2025, 9, 1, 0, 0, 0, 0, CET), Days: 14,
		Questions: []Question{
			{Kind: Single, Text: "How long have you been using Tasko?", Ordered: true,
				Labels: []string{"Less than a month", "1–6 months", "6–12 months", "More than a year"}, Weights: []float64{1, 3, 2, 3}},
			{Kind: Multi, Text: "Which features do you use?",
				Items: []string{"Task lists", "Calendar sync", "Team chat", "Reports", "Mobile app"}, Weights: []float64{.9, .5, .4, .3, .6},
				Other: "Other", OtherTexts: []string{"Time tracking", "Zapier export", "Kanban board"}, OtherP: .12},
			{Kind: Scale, Text: "How satisfied are you with the following?",
				Items:  []string{"Speed", "Reliability", "Design", "Price", "Support"},
				Labels: []string{"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"}, Weights: []float64{.5, 1, 2, 4, 2}, BlankP: .02},
			{Kind: Scale, Text: "Overall, how do you feel about Tasko?",
				Labels: []string{"Very unfavorably", "Somewhat unfavorably", "Neither favorably nor unfavorably", "Somewhat favorably", "Very favorably"}, Weights: []float64{.3, .7, 1, 3, 2.5}},
			{Kind: NPS, Text: "How likely are you to recommend Tasko to a friend or colleague?",
				Weights: []float64{.5, .3, .3, .5, .8, 1.5, 2, 4, 5, 4, 3}, BlankP: .03},
			{Kind: Ranking, Text: "Rank these planned features by how much you want them",
				Items: []string{"Offline mode", "Dark mode", "API access", "More integrations"}, Weights: []float64{1.5, .3, .8, 1}, BlankP: .05},
			{Kind: Text, Text: "What do you like most about Tasko?", TextP: .5, Texts: []string{
				"Fast and simple.", "The mobile app.", "Recurring tasks just work.", "Clean design.", "Sharing lists with my family."}},
			{Kind: Text, Text: "What should we improve?", TextP: .45, Texts: []string{
				"Sync is sometimes slow.", "Price for teams is high.", "Please add subtasks.", "Search could be better.",
				"Call me about our contract: +49 30 5550182"}},
			{Kind: Text, Text: "Your full name (optional)", TextP: .3, Personal: "name"},
			// Two 0–10 questions that must stay two questions, and a
			// satisfaction question that is not the conference's.
			{Kind: NPS, Text: "How likely are you to renew your subscription?", Weights: []float64{1, .5, .5, .5, 1, 2, 2, 3, 3, 2, 2}, BlankP: .05},
			{Kind: Scale, Text: "How satisfied are you about your phone?",
				Labels: []string{"Not at all satisfied", "Slightly satisfied", "Moderately satisfied", "Very satisfied", "Extremely satisfied"}, Weights: []float64{.5, 1, 2, 3, 1.5}},
		},
	}
}

// CommunitySurvey is a German neighbourhood-garden survey (Google Forms):
// an ordered frequency, a grid of school grades ("1 – sehr gut"), a
// checkbox question with typed "Sonstiges" text, a source question whose
// option mentions recommendations (not an NPS!), an NPS, a ranking grid,
// two free texts and a handle and a phone question (personal).
func CommunitySurvey() Survey {
	return Survey{
		Seed: 303, N: 58, Title: "Umfrage Gemeinschaftsgarten", Day: time.Date(2025, 6, 20, 0, 0, 0, 0, CET), Days: 10,
		Questions: []Question{
			{Kind: Single, Text: "Wie oft besuchen Sie den Garten?", Ordered: true,
				Labels: []string{"Nie", "Seltener als monatlich", "Monatlich", "Wöchentlich", "Mehrmals pro Woche"}, Weights: []float64{.3, 1, 2, 3, 2}},
			{Kind: Scale, Text: "Wie bewerten Sie den Garten?",
				Items:  []string{"Beete", "Wege", "Werkzeugschuppen", "Sitzplätze"},
				Labels: []string{"1 – sehr gut", "2 – gut", "3 – befriedigend", "4 – ausreichend", "5 – mangelhaft"}, Weights: []float64{3, 4, 2, 1, .4}, BlankP: .04},
			{Kind: Multi, Text: "Welche Angebote wünschen Sie sich?",
				Items: []string{"Workshops", "Pflanzentausch", "Kinderaktionen", "Gemeinsames Kochen", "Kompostberatung"}, Weights: []float64{.5, .6, .3, .4, .2},
				Other: "Sonstiges", OtherTexts: []string{"Imkerei", "Yoga im Grünen", "Filmabend"}, OtherP: .15},
			{Kind: Single, Text: "Wie haben Sie vom Garten erfahren?",
				Labels: []string{"Empfehlungen von Freunden", "Aushang", "Instagram", "Lokalzeitung"}, Weights: []float64{3, 2, 1.5, 1}},
			{Kind: NPS, Text: "Wie wahrscheinlich ist es, dass Sie den Garten weiterempfehlen?", Weights: []float64{.2, .2, .2, .3, .5, 1, 1.5, 3, 5, 5, 4}, BlankP: .03},
			{Kind: Ranking, Text: "Was ist Ihnen am wichtigsten?",
				Items: []string{"Ruhe", "Gemeinschaft", "Eigenes Gemüse"}, Weights: []float64{.5, 1, 1.2}},
			{Kind: Text, Text: "Was wünschen Sie sich für nächstes Jahr?", TextP: .5, Texts: []string{
				"Mehr Schatten.", "Einen Wasseranschluss hinten.", "Regelmäßige Treffen.", "Hochbeete für Rollstuhlnutzer."}},
			{Kind: Text, Text: "Sonstige Anmerkungen", TextP: .3, Texts: []string{"Danke an das Orga-Team!", "Weiter so.", "Die Ernte war super."}},
			{Kind: Text, Text: "Instagram-Name (optional)", TextP: .25, Personal: "handle"},
			{Kind: Text, Text: "Telefon für Rückfragen", TextP: .2, Personal: "phone"},
		},
	}
}

// PulseSurvey is an English employee pulse (Qualtrics): agreement matrix,
// multi with "Other" text, NPS, ranking per item, two texts.
func PulseSurvey() Survey {
	return Survey{
		Seed: 304, N: 52, Title: "Employee pulse Q3", Day: time.Date(2025, 9, 15, 0, 0, 0, 0, CET), Days: 7,
		Questions: []Question{
			{Kind: Single, Text: "Which statement best describes your team?", Labels: []string{"Engineering", "Sales", "Operations", "People"}, Weights: []float64{4, 2, 2, 1}},
			{Kind: Scale, Text: "To what extent do you agree with the following statements?",
				Items:  []string{"I have the tools I need", "My workload is manageable", "I would stay another year"},
				Labels: []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}, Weights: []float64{.5, 1, 1.5, 3, 2}, BlankP: .02},
			{Kind: Multi, Text: "Which benefits matter most to you?",
				Items: []string{"Remote work", "Training budget", "Gym", "Childcare"}, Weights: []float64{.8, .5, .3, .2},
				Other: "Other", OtherTexts: []string{"Bike leasing", "Sabbatical"}, OtherP: .1},
			{Kind: NPS, Text: "How likely are you to recommend us as an employer?", Weights: []float64{.5, .3, .5, .7, 1, 2, 2, 3, 3, 2, 1.5}},
			{Kind: Ranking, Text: "Please rank these priorities for next quarter",
				Items: []string{"Hiring", "Tooling", "Documentation", "Customer visits"}, Weights: []float64{1, 1.3, .4, .6}},
			{Kind: Text, Text: "What went well this quarter?", TextP: .5, Texts: []string{"The offsite.", "New CI pipeline.", "Fewer meetings."}},
			{Kind: Text, Text: "What should change?", TextP: .5, Texts: []string{"Clearer priorities.", "Less context switching.", "Better onboarding."}},
		},
	}
}

// MeetupSurvey is an English community meetup feedback (SurveyMonkey).
func MeetupSurvey() Survey {
	return Survey{
		Seed: 305, N: 47, Title: "Go meetup feedback", Day: time.Date(2025, 10, 9, 0, 0, 0, 0, CET), Days: 5,
		Questions: []Question{
			{Kind: Single, Text: "How did you hear about this meetup?",
				Labels: []string{"Meetup.com", "A colleague", "Mastodon", "Newsletter"}, Weights: []float64{3, 2, 1, 1},
				Other: "Other (please specify)", OtherTexts: []string{"University", "Conference flyer"}, OtherP: .1},
			{Kind: Multi, Text: "Which talks did you attend?",
				Items: []string{"Generics in practice", "Profiling", "Testing with txtar"}, Weights: []float64{.7, .6, .5},
				Other: "Other (please specify)", OtherTexts: []string{"Lightning talks"}, OtherP: .08},
			{Kind: Scale, Text: "How would you rate the following?",
				Items:  []string{"Venue", "Food", "Talk quality"},
				Labels: []string{"Poor", "Fair", "Good", "Very good", "Excellent"}, Weights: []float64{.3, 1, 3, 3, 2}},
			{Kind: NPS, Text: "How likely is it that you would recommend this meetup to a friend or colleague?", Weights: []float64{.2, .2, .2, .3, .5, 1, 1.5, 3, 4, 4, 3}},
			{Kind: Text, Text: "What topics would you like next time?", TextP: .5, Texts: []string{"WebAssembly", "Databases", "Observability"}},
			{Kind: Text, Text: "Any other comments?", TextP: .3, Texts: []string{"Great evening!", "Please start later."}},
			{Kind: Single, Text: "What kind of organisation do you work for?", Labels: []string{"Startup", "Enterprise", "Public sector", "Freelance"}, Weights: []float64{2, 3, 1, 1}},
		},
	}
}

// HouseholdSurvey is a German KoboToolbox field survey on energy use.
func HouseholdSurvey() Survey {
	return Survey{
		Seed: 306, N: 41, Title: "Haushaltsbefragung Energie", Day: time.Date(2025, 3, 3, 0, 0, 0, 0, CET), Days: 12,
		Questions: []Question{
			{Kind: Single, Text: "Wie heizen Sie?", Labels: []string{"Gas", "Fernwärme", "Wärmepumpe", "Öl", "Holz"}, Weights: []float64{4, 3, 1.5, 1, .5}},
			{Kind: Numeric, Text: "Wie viele Personen leben im Haushalt?", Min: 1, Max: 6},
			{Kind: Multi, Text: "Welche Maßnahmen haben Sie umgesetzt?",
				Items: []string{"LED-Lampen", "Thermostate", "Dämmung", "Solaranlage"}, Weights: []float64{.8, .5, .3, .15},
				Other: "Andere", OtherTexts: []string{"Balkonkraftwerk", "Neue Fenster"}, OtherP: .15},
			{Kind: Scale, Text: "Wie stark belasten Sie die Energiekosten?",
				Labels: []string{"Gar nicht", "Wenig", "Mittel", "Stark", "Sehr stark"}, Weights: []float64{.5, 1, 2, 2, 1}},
			{Kind: Text, Text: "Was würde Ihnen beim Energiesparen helfen?", TextP: .5, Texts: []string{"Förderung", "Beratung vor Ort", "Einfachere Anträge"}},
		},
	}
}

// PaperSurvey is a German feedback form typed in from paper.
func PaperSurvey() Survey {
	return Survey{
		Seed: 307, N: 44, Title: "Bürgersprechstunde Feedback", Day: time.Date(2025, 4, 1, 0, 0, 0, 0, CET), Days: 30,
		Questions: []Question{
			{Kind: Single, Text: "Anliegen", Labels: []string{"Bauantrag", "Parken", "Schule", "Sonstiges"}, Weights: []float64{2, 3, 1, 1}},
			{Kind: Scale, Text: "Zufriedenheit", Items: []string{"Wartezeit", "Freundlichkeit", "Ergebnis"},
				Labels: []string{"1", "2", "3", "4", "5"}, Weights: []float64{.3, .6, 1.5, 3, 2}, BlankP: .05},
			{Kind: Multi, Text: "Wie erreichbar?", Items: []string{"Telefon", "E-Mail", "Vor Ort"}, Weights: []float64{.5, .4, .6}},
			{Kind: Text, Text: "Bemerkungen", TextP: .4, Texts: []string{"Sehr hilfsbereit.", "Zu lange gewartet.", "Termin online buchen wäre gut."}},
		},
	}
}

// limeNPS writes an NPS answer as LimeSurvey labels it when the author
// gave the ends a text ("10 (äußerst wahrscheinlich)").
func limeNPS(v int, lang string) string {
	ends := map[string][2]string{
		"de": {"0 (überhaupt nicht wahrscheinlich)", "10 (äußerst wahrscheinlich)"},
		"en": {"0 (not at all likely)", "10 (extremely likely)"},
	}[lang]
	switch v {
	case 0:
		return ends[0]
	case 10:
		return ends[1]
	}
	return strconv.Itoa(v)
}

// ConferenceReworded is the conference survey as an organiser rewords it:
// sector options "Wissenschaft und Forschung" and "Zivilgesellschaft /
// Verband", a "Sonstiges" option with typed text among the topics, NPS
// ends labelled. Its truth maps every file label to the template's code.
func ConferenceReworded(seed uint64, n int) (Survey, []conferenceMap) {
	var items, levels []string
	for _, it := range Items {
		items = append(items, it.DE)
	}
	levels = ScaleDE[:]
	sectors := []string{"Landesverwaltung", "Kommunalverwaltung", "Wirtschaft", "Wissenschaft und Forschung", "Politik", "Zivilgesellschaft / Verband"}
	s := Survey{
		Seed: seed, N: n, Title: "Feedback MDK 2025", Day: Day2025, Days: 10,
		Questions: []Question{
			{Kind: Single, Text: QuestionsDE.State, Labels: []string{"Sachsen", "Sachsen-Anhalt", "Thüringen", "Anderes Bundesland"}, Weights: []float64{.45, .25, .2, .1}, BlankP: .02},
			{Kind: Single, Text: QuestionsDE.Sector, Labels: sectors, Weights: []float64{.2, .25, .3, .15, .04, .06}, BlankP: .02},
			{Kind: Scale, Text: QuestionsDE.Need, Items: items, Labels: levels, Weights: []float64{.5, 1, 2, 3, 2}, NoAnswer: NoAnswerDE, NoAnswerP: .05, BlankP: .02},
			{Kind: Multi, Text: QuestionsDE.Topics, Items: items, Weights: []float64{.45, .3, .25, .35, .5, .4, .3, .25},
				Other: "Sonstiges", OtherTexts: []string{"Open Source in der Verwaltung", "Barrierefreiheit im Netz", "Green IT"}, OtherP: .12},
			{Kind: Scale, Text: QuestionsDE.Sat, Labels: []string{"1", "2", "3", "4", "5"}, Weights: []float64{.2, .5, 1.5, 3, 2}, BlankP: .03},
			{Kind: NPS, Text: QuestionsDE.NPS, Weights: []float64{.3, .2, .2, .3, .5, 1, 1.5, 3, 4, 3, 2.5}, BlankP: .03},
			{Kind: Text, Text: QuestionsDE.Improve, TextP: .4, Texts: improvePool[:20]},
		},
	}
	codes := func(ls []Label, f func(Label) string) map[string]string {
		m := map[string]string{}
		for _, l := range ls {
			m[f(l)] = l.Code
		}
		return m
	}
	de := func(l Label) string { return l.DE }
	sectorCodes := codes(Sectors, de)
	sectorCodes["Wissenschaft und Forschung"] = "wissenschaft"
	sectorCodes["Zivilgesellschaft / Verband"] = "zivilgesellschaft"
	delete(sectorCodes, "Wissenschaft")
	delete(sectorCodes, "Zivilgesellschaft")
	topicCodes := codes(Items, de)
	topicCodes["Sonstiges"] = "other"
	return s, []conferenceMap{
		{"state", codes(States, de)}, {"sector", sectorCodes}, {"need", codes(Items, de)},
		{"topics", topicCodes}, {"satisfaction", nil}, {"nps", nil}, {"improve", nil},
	}
}

// conferenceMap is the template question a column must map to and the
// file label → template code of its options or items.
type conferenceMap struct {
	template string
	codes    map[string]string
}

func withTemplate(tr *Truth, m []conferenceMap, err error) (*Truth, error) {
	if err != nil {
		return nil, err
	}
	for i := range tr.Questions {
		tr.Questions[i].Template, tr.Questions[i].Codes = m[i].template, m[i].codes
	}
	return tr, nil
}

// surveyFixtures are the fixtures of generic surveys, each reproducing the
// structure of real exports (see testdata/README.md).
func surveyFixtures() []Fixture {
	limeDE := limeOpts{lang: "de", mode: "full", meta: true, csv: true, sep: ',', bom: true, timings: true, group: "Lehre", npsText: true}
	return []Fixture{
		{"surveys/limesurvey-studie-de.csv", func(p string) (*Truth, error) {
			s := StudySurvey()
			return writeLimeSurvey(p, s, GenerateSurvey(s), limeDE, "")
		}},
		{"surveys/limesurvey-study-en-codetext.csv", func(p string) (*Truth, error) {
			s := StudySurveyEN()
			return writeLimeSurvey(p, s, GenerateSurvey(s), limeOpts{lang: "en", mode: "codetext", meta: true, csv: true, sep: ',', numbers: true}, "")
		}},
		{"surveys/limesurvey-studie-de-abbrev.xlsx", func(p string) (*Truth, error) {
			s := StudySurvey()
			s.Seed, s.N, s.Incomplete = 311, 61, 4
			// Two groups ask the same matrix: LimeSurvey repeats the headers.
			rep := s.Questions[3]
			rep.Text = s.Questions[3].Text
			s.Questions = append(s.Questions[:7:7], rep, s.Questions[7], s.Questions[8])
			o := limeOpts{lang: "de", mode: "abbrev", meta: true, ipRef: true, oldSeed: true, numbers: true}
			return writeLimeSurvey(p, s, GenerateSurvey(s), o, "results-survey-311")
		}},
		{"surveys/limesurvey-mdk-reworded.xlsx", func(p string) (*Truth, error) {
			s, m := ConferenceReworded(321, 90)
			tr, err := writeLimeSurvey(p, s, GenerateSurvey(s), limeOpts{lang: "de", mode: "full", meta: true, npsText: true}, "results")
			return withTemplate(tr, m, err)
		}},
		{"surveys/msforms-mdk-reworded.xlsx", func(p string) (*Truth, error) {
			s, m := ConferenceReworded(322, 70)
			tr, err := writeMSFormsSurvey(p, s, GenerateSurvey(s), "de", true)
			return withTemplate(tr, m, err)
		}},
		{"surveys/msforms-product-en.xlsx", func(p string) (*Truth, error) {
			s := ProductSurvey()
			return writeMSFormsSurvey(p, s, GenerateSurvey(s), "en", false)
		}},
		{"surveys/msforms-produkt-de.xlsx", func(p string) (*Truth, error) {
			s := ProduktSurveyDE()
			return writeMSFormsSurvey(p, s, GenerateSurvey(s), "de", true)
		}},
		{"surveys/googleforms-garten-de.xlsx", func(p string) (*Truth, error) {
			s := CommunitySurvey()
			return writeGoogleSurvey(p, s, GenerateSurvey(s), "de", true, false)
		}},
		{"surveys/googleforms-community-en.csv", func(p string) (*Truth, error) {
			s := CommunitySurveyEN()
			return writeGoogleSurvey(p, s, GenerateSurvey(s), "en", false, true)
		}},
		{"surveys/googleforms-community-gb.csv", func(p string) (*Truth, error) {
			// A British sheet: "08/07/2025 14:03:12" is the 8th of July,
			// as the file's "13/07/2025" says.
			s := CommunitySurveyEN()
			s.Seed, s.Day = 313, time.Date(2025, 7, 8, 0, 0, 0, 0, CET)
			return writeGoogleSurvey(p, s, GenerateSurvey(s), "en-GB", false, true)
		}},
		{"surveys/qualtrics-pulse-en.csv", func(p string) (*Truth, error) {
			s := PulseSurvey()
			return writeQualtricsSurvey(p, s, GenerateSurvey(s), "en", 3, true, false)
		}},
		{"surveys/qualtrics-studie-de.csv", func(p string) (*Truth, error) {
			s := StudySurvey()
			s.Seed, s.N, s.Incomplete = 312, 45, 0
			return writeQualtricsSurvey(p, s, GenerateSurvey(s), "de", 2, false, false)
		}},
		{"surveys/surveymonkey-meetup-en.xlsx", func(p string) (*Truth, error) {
			s := MeetupSurvey()
			return writeSurveyMonkeySurvey(p, s, GenerateSurvey(s), smOpts{})
		}},
		{"surveys/surveymonkey-candidates-en.csv", func(p string) (*Truth, error) {
			s := CandidateSurvey()
			return writeSurveyMonkeySurvey(p, s, GenerateSurvey(s), smOpts{csv: true})
		}},
		{"surveys/googleforms-messe-de.xlsx", func(p string) (*Truth, error) {
			s := FairSurveyDE()
			return writeGoogleSurvey(p, s, GenerateSurvey(s), "de", false, false)
		}},
		{"surveys/kobo-haushalt-de.csv", func(p string) (*Truth, error) {
			s := HouseholdSurvey()
			return writeKoboSurvey(p, s, GenerateSurvey(s), false)
		}},
		{"surveys/kobo-haushalt-hxl-de.csv", func(p string) (*Truth, error) {
			s := HouseholdSurvey()
			s.Seed, s.N = 171, 46
			return writeKoboSurvey(p, s, GenerateSurvey(s), true)
		}},
		{"surveys/handtyped-sprechstunde-de.xlsx", func(p string) (*Truth, error) {
			s := PaperSurvey()
			return writeHandtypedSurvey(p, s, GenerateSurvey(s), "Bürgersprechstunde – Rückmeldebögen April 2025", "Eingegeben von: Geschäftsstelle, Stand 02.05.2025")
		}},
		{"surveys/limesurvey-mediathek-de.csv", func(p string) (*Truth, error) {
			s := MediathekSurvey()
			return writeLimeSurvey(p, s, GenerateSurvey(s), limeOpts{lang: "de", mode: "full", meta: true, csv: true, sep: ',', group: "Mediathek"}, "")
		}},
		{"surveys/qualtrics-pulse-en-2016.csv", func(p string) (*Truth, error) {
			s := PulseSurvey()
			s.Seed, s.N = 315, 44
			return writeQualtricsSurvey(p, s, GenerateSurvey(s), "en", 1, false, true)
		}},
		{"surveys/limesurvey-community-en.csv", func(p string) (*Truth, error) {
			s := CommunitySurveyEN()
			s.Seed, s.Incomplete = 313, 12
			return writeLimeSurvey(p, s, GenerateSurvey(s), limeOpts{lang: "en", mode: "full", meta: true, ipRef: true, csv: true, sep: ';', bom: true, timings: true, group: "Garden", npsText: true}, "")
		}},
	}
}

// MediathekSurvey is a German survey on a science video library, in the
// structures of a real LimeSurvey export (limesurvey-scicom-ki-de.csv): an
// importance matrix asked "Welche …?" with a row whose text says "aber
// anderes Thema" (taken for the matrix's other text), and a calendar
// frequency (no scale of equal steps, ordered all the same).
func MediathekSurvey() Survey {
	return Survey{
		Seed: 333, N: 53, Incomplete: 3, Title: "Wissenschaftsvideos 2025", Day: time.Date(2025, 9, 1, 0, 0, 0, 0, CET), Days: 14,
		Questions: []Question{
			{Kind: Single, Text: "Wie oft schauen Sie Wissenschaftsvideos oder hören Podcasts?", Ordered: true,
				Labels: []string{"Nie", "Seltener als einmal im Monat", "Mehrmals im Monat", "Mehrmals pro Woche", "Täglich"}, Weights: []float64{.2, 1, 2, 3, 1.5}},
			{Kind: Scale, Text: "Welche dieser Funktionen interessieren Sie persönlich?",
				Items: []string{"Medien nach Kategorien filtern", "Ähnliche Videos finden, z.B. gleiches Bildungslevel, aber anderes Thema",
					"Transkripte durchsuchen", "Zitate teilen"},
				Labels: []string{"Nicht wichtig", "Kaum wichtig", "Mäßig wichtig", "Wichtig", "Sehr wichtig"}, Weights: []float64{.5, .8, 1.5, 3, 2}, BlankP: .02},
			{Kind: Multi, Text: "Welche Plattformen nutzen Sie?", Items: []string{"Mediathek", "Videoportal", "Podcast-App"}, Weights: []float64{.6, .7, .4},
				Other: "Sonstiges", OtherTexts: []string{"Lernplattform der Uni", "Fernsehen"}, OtherP: .1},
			{Kind: Text, Text: "Was wünschen Sie sich noch?", TextP: .4, Texts: []string{"Mehr Untertitel.", "Kürzere Videos.", "Eine Merkliste."}},
		},
	}
}

// StudySurveyEN is the study in English (another university, other seed).
func StudySurveyEN() Survey {
	s := StudySurvey()
	s.Seed, s.N, s.Incomplete, s.Title = 308, 72, 14, "Digital teaching 2025"
	tr := [][]string{
		{"What is your role at the university?", "Student", "Lecturer", "Administration", "Other staff"},
		{"How often do you use the learning platform?", "Never", "Rarely", "Monthly", "Weekly", "Daily"},
		{"How satisfied are you with the following services?", "Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"},
		{"How important are the following to you?", "Not important", "Rather unimportant", "Moderately important", "Rather important", "Very important"},
	}
	for i, t := range tr {
		s.Questions[i].Text, s.Questions[i].Labels = t[0], t[1:]
	}
	s.Questions[2].Items = []string{"Learning platform", "Video calls", "Exam portal", "E-mail support", "Online library"}
	s.Questions[2].NoAnswer = "No answer"
	s.Questions[3].Items = []string{"Reliability", "Data protection", "Mobile use", "Accessibility"}
	s.Questions[4].Text, s.Questions[4].Items, s.Questions[4].Other = "Which devices do you use for your studies?", []string{"Laptop", "Tablet", "Smartphone", "Desktop PC"}, "Other"
	s.Questions[4].OtherTexts = []string{"E-reader", "Drawing tablet"}
	s.Questions[5].Text, s.Questions[5].Items = "Please rank the topics by priority.", []string{"Accessibility", "Data protection", "Offline use", "Ease of use"}
	s.Questions[6].Text = "How likely are you to recommend the learning platform?"
	s.Questions[7].Text, s.Questions[7].Texts = "What do you like most?", []string{"Recorded lectures.", "Everything in one place.", "Helpful forums.", "Quick feedback."}
	s.Questions[8].Text, s.Questions[8].Texts = "What should we improve?", []string{"Search is poor.", "Too many notifications.", "Dark mode please.", "Write to me: sam.okafor@uni-example.org"}
	return s
}

// ProduktSurveyDE is the product survey in German, anonymous form.
func ProduktSurveyDE() Survey {
	s := ProductSurvey()
	s.Seed, s.N, s.Title = 309, 55, "Kundenumfrage Tasko"
	s.Questions[0].Text, s.Questions[0].Labels = "Wie lange nutzen Sie Tasko schon?", []string{"Weniger als einen Monat", "1–6 Monate", "6–12 Monate", "Länger als ein Jahr"}
	s.Questions[1].Text, s.Questions[1].Items, s.Questions[1].Other = "Welche Funktionen nutzen Sie?", []string{"Aufgabenlisten", "Kalender-Sync", "Team-Chat", "Berichte", "Mobile App"}, "Sonstiges"
	s.Questions[1].OtherTexts = []string{"Zeiterfassung", "Kanban-Board"}
	s.Questions[2].Text, s.Questions[2].Items = "Wie zufrieden sind Sie mit den folgenden Punkten?", []string{"Geschwindigkeit", "Zuverlässigkeit", "Design", "Preis", "Support"}
	s.Questions[2].Labels = []string{"Sehr unzufrieden", "Unzufrieden", "Neutral", "Zufrieden", "Sehr zufrieden"}
	s.Questions[3].Text, s.Questions[3].Labels = "Wie ist Ihr Gesamteindruck von Tasko?", []string{"Sehr negativ", "Eher negativ", "Weder noch", "Eher positiv", "Sehr positiv"}
	s.Questions[4].Text = "Wie wahrscheinlich ist es, dass Sie Tasko weiterempfehlen?"
	s.Questions[5].Text, s.Questions[5].Items = "Ordnen Sie die geplanten Funktionen nach Wichtigkeit", []string{"Offline-Modus", "Dunkelmodus", "API-Zugang", "Mehr Integrationen"}
	s.Questions[6].Text, s.Questions[6].Texts = "Was gefällt Ihnen an Tasko am besten?", []string{"Schnell und einfach.", "Die App.", "Wiederkehrende Aufgaben."}
	s.Questions[7].Text, s.Questions[7].Texts = "Was sollten wir verbessern?", []string{"Sync ist langsam.", "Teams-Preis zu hoch.", "Bitte Unteraufgaben.", "Rufen Sie mich an: 0351 4567890"}
	s.Questions[8].Text = "Ihr vollständiger Name (freiwillig)"
	s.Questions[9].Text = "Wie wahrscheinlich ist es, dass Sie Ihr Abo verlängern?"
	s.Questions[10].Text, s.Questions[10].Labels = "Wie zufrieden sind Sie mit Ihrem Smartphone?", []string{"Überhaupt nicht zufrieden", "Wenig zufrieden", "Mittelmäßig zufrieden", "Sehr zufrieden", "Äußerst zufrieden"}
	return s
}

// CommunitySurveyEN is the community-garden survey in English.
func CommunitySurveyEN() Survey {
	s := CommunitySurvey()
	s.Seed, s.N, s.Title = 310, 53, "Community garden survey"
	s.Questions[0].Text, s.Questions[0].Labels = "How often do you visit the garden?", []string{"Never", "Less than monthly", "Monthly", "Weekly", "Several times a week"}
	s.Questions[1].Text, s.Questions[1].Items = "How would you rate the garden?", []string{"Beds", "Paths", "Tool shed", "Seating"}
	s.Questions[1].Labels = []string{"Poor", "Fair", "Good", "Very good", "Excellent"}
	s.Questions[1].Weights = []float64{.4, 1, 2, 4, 3}
	s.Questions[2].Text, s.Questions[2].Items, s.Questions[2].Other = "Which activities would you like?", []string{"Workshops", "Seed swap", "Kids' activities", "Cooking together", "Composting advice"}, "Other"
	s.Questions[2].OtherTexts = []string{"Beekeeping", "Outdoor yoga"}
	s.Questions[3].Text, s.Questions[3].Labels = "How did you hear about the garden?", []string{"Recommendations from friends", "Poster", "Instagram", "Local paper"}
	s.Questions[4].Text = "How likely are you to recommend the garden?"
	s.Questions[5].Text, s.Questions[5].Items = "What matters most to you?", []string{"Quiet", "Community", "Growing vegetables"}
	s.Questions[6].Text, s.Questions[6].Texts = "What would you like next year?", []string{"More shade.", "A second tap.", "Regular meetups."}
	s.Questions[7].Text, s.Questions[7].Texts = "Any other comments", []string{"Thanks to the team!", "Keep it up."}
	s.Questions[8].Text = "Twitter handle (optional)"
	s.Questions[9].Text = "Phone number for follow-up"
	return s
}

// CandidateSurvey is an English candidate questionnaire exported from
// SurveyMonkey as CSV, with the structures of two real exports
// (ggwash-anc-2022-en.csv, ipip-alcohol-en.csv in /work/coord/realexports):
// a "Contact information" block (name, e-mail, social media accounts),
// single choices whose options are long sentences with commas, a
// "Yes! Strongly Agree." agreement and a "Very Inaccurate … Very Accurate"
// scale, a question with "/" in its words, and a number with a text
// column "[If unsure, please describe below:]" after it.
func CandidateSurvey() Survey {
	const hours = "In a usual week, about how many hours do you spend on neighbourhood work?"
	return Survey{
		Seed: 331, N: 64, Title: "Candidate questionnaire 2026", Day: time.Date(2026, 8, 20, 0, 0, 0, 0, CET), Days: 21,
		Questions: []Question{
			{Kind: Text, Part: "Contact information", Text: "Name", TextP: 1, Personal: "name"},
			{Kind: Text, Part: "Contact information", Text: "Email", TextP: 1, Personal: "email"},
			{Kind: Text, Part: "Contact information", Text: "Campaign-related social media accounts", TextP: .7, Personal: "url"},
			{Kind: Single, Text: "Do you support the cycle routes planned for your district and, if needed, removing parking so that they can be built?",
				Labels: []string{
					"Yes, I support these routes and would support removing parking or travel lanes so that they can be built.",
					"Yes, I support these routes, but I would not support removing parking or travel lanes for them.",
					"No, I do not support these routes, and I do not support removing parking or travel lanes.",
					"N/A—there are no planned routes within the boundaries of my district.",
				}, Weights: []float64{6, 2, .6, 1}},
			{Kind: Single, Text: "Where should new housing be built?",
				Labels: []string{
					"New housing should be built both along main roads and throughout existing residential neighbourhoods.",
					"New housing should be concentrated in six- to eight-storey buildings along main roads.",
					"New housing should be built throughout residential neighbourhoods in duplexes and small flats.",
				}, Weights: []float64{5, 1.5, 1}},
			{Kind: Scale, Text: "The city should build more protected bike lanes.",
				Labels:  []string{"No! Strongly Disagree.", "No. Disagree.", "? Undecided or Unsure.", "Yes. Agree.", "Yes! Strongly Agree."},
				Weights: []float64{.3, .5, .7, 2, 3}, BlankP: .05},
			{Kind: Scale, Text: "Keep my promises",
				Labels:  []string{"Very Inaccurate", "Moderately Inaccurate", "Neither Accurate Nor Inaccurate", "Moderately Accurate", "Very Accurate"},
				Weights: []float64{.7, .9, 1, 3, 2.5}},
			{Kind: Single, Text: "Are you currently attending/participating in a neighbourhood association?", Labels: []string{"Yes", "No"}, Weights: []float64{2, 3}},
			{Kind: Numeric, Text: hours, Min: 0, Max: 30},
			{Kind: Text, Part: hours, Text: "If unsure, please describe below:", TextP: .2,
				Texts: []string{"It varies a lot by season.", "More before elections.", "Some weekends only."}},
			{Kind: Text, Text: "Why do you think you are the right person for this seat?", TextP: .9,
				Texts: []string{"I have lived here for twenty years.", "I know the streets by bike.", "I listen first."}},
		},
	}
}

// FairSurveyDE is a German trade-fair visitor survey from Google Forms
// (xlsx), with the structures of a real export (bmw-open-ar-de.xlsx):
// single choices whose labels hold commas ("Ja, VR-Brille"), checkboxes
// whose cells run past 120 characters with options of 90 and an option
// with a comma inside, age ranges, "und/oder" in a question.
func FairSurveyDE() Survey {
	return Survey{
		Seed: 332, N: 58, Title: "Besucherbefragung Messe Digital 2026", Day: time.Date(2026, 3, 12, 0, 0, 0, 0, CET), Days: 4,
		Questions: []Question{
			{Kind: Single, Text: "Ihr Alter", Labels: []string{"<18", "18-24", "25-34", "35-44", "45-54", ">55"}, Weights: []float64{.3, 2, 3, 2, 1, 1}, Ordered: true},
			{Kind: Single, Text: "Haben Sie schon einmal Augmented Reality- oder Virtual Reality-Technologien genutzt?",
				Labels:  []string{"Nein, bisher keine dieser Technologien genutzt", "Ja, VR-Brille", "Ja, sowohl AR- als auch VR-Technologie", "Ja, AR auf dem Smartphone"},
				Weights: []float64{5, 2, 2, 1}},
			{Kind: Multi, Text: "Welche Angebote würden Sie auf der Messe am meisten ansprechen? (Mehrfachauswahl möglich)",
				Items: []string{
					"Virtuelle Produktkonfiguration",
					"Spiele oder Wettbewerbe (z.B. eine Virtual Reality Fahrt durch die Halle oder ein digitales Quiz)",
					"Virtuelle Einblicke in die Fertigung oder in die Entwicklungsabteilungen der Aussteller",
					"Beratung durch Fachleute, Aussteller oder Verbände",
				}, Weights: []float64{.7, .5, .45, .3}},
			{Kind: Single, Text: "Finden Sie, dass AR und VR junge Zielgruppen ansprechen?", Labels: []string{"Ja, auf jeden Fall", "Ja, teilweise", "Nein"}, Weights: []float64{2, 3, .6}},
			{Kind: Single, Text: "Würden Sie nach einem positiven AR- und/oder VR-Erlebnis einen Beratungstermin vereinbaren?", Labels: []string{"Ja", "Nein", "Unsicher"}, Weights: []float64{3, 1, 2}},
			{Kind: Scale, Text: "Wie vertraut sind Sie mit Virtual Reality?", Labels: []string{"Gar nicht vertraut", "Kaum vertraut", "Etwas vertraut", "Sehr vertraut"}, Weights: []float64{2, 1.5, 2, .6}},
		},
	}
}
