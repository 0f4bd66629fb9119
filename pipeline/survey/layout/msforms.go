package layout

// MSForms is Microsoft Forms' "Open in Excel" workbook: ID, start and
// completion time, e-mail and name, then one column per question (a
// question titled like one of these gets a suffix: Name2); quizzes add
// points and feedback columns.
var MSForms = Register(&Layout{
	Name:  "msforms",
	Order: 50,
	Title: "Microsoft Forms export", TitleDE: "Export aus Microsoft Forms",
	Match: func(s *Sheet) int {
		n := Count(&s.Header, "ID|Id", "Start time|Startzeit|Heure de début|Hora de inicio",
			"Completion time|Fertigstellungszeit|Heure de fin|Hora de finalización",
			"Last modified time|Zeitpunkt der letzten Änderung")
		if n < 3 {
			return 0
		}
		return 2 * n
	},
	Columns: names(map[Kind][]string{
		ID:        {"ID", "Id"},
		Submitted: {"Completion time", "Fertigstellungszeit", "Heure de fin", "Hora de finalización"},
		Personal:  {"Email", "E-Mail", "E-Mail-Adresse", "Name", "Adresse de messagerie", "Nom", "Correo electrónico", "Nombre"},
		Meta: {"Start time", "Startzeit", "Heure de début", "Hora de inicio", "Last modified time",
			"Zeitpunkt der letzten Änderung", "Total points", "Gesamtpunktzahl", "Quiz feedback", "Quizfeedback",
			"Feedback zum Quiz"},
	}, []Prefix{{"Points", Meta}, {"Punkte", Meta}, {"Feedback", Meta}}),
})
