package layout

// googleTimestamps name the first column of a Google Forms response sheet
// in the form's languages.
var googleTimestamps = []string{"Timestamp", "Zeitstempel", "Carimbo de data/hora", "Marca temporal", "Horodateur",
	"Tijdstempel", "Informazioni cronologiche", "Sygnatura czasowa"}

// GoogleForms is a Google Forms response sheet (Sheets as xlsx or CSV):
// the timestamp first, the e-mail address if collected, a quiz's score,
// then one column per question; grids as "Question [Row]", checkboxes
// joined with ", ", an "Other" text typed into the answer cell.
var GoogleForms = Register(&Layout{
	Name:  "googleforms",
	Order: 60,
	Title: "Google Forms responses", TitleDE: "Antworten aus Google Forms",
	Match: func(s *Sheet) int {
		if len(s.Header.Cells) == 0 {
			return 0
		}
		first := Key(s.Header.Cells[0])
		for _, t := range googleTimestamps {
			if first == Key(t) {
				return 3
			}
		}
		return 0
	},
	Columns: names(map[Kind][]string{
		Submitted: googleTimestamps,
		Personal:  {"Email Address", "Email address", "E-Mail-Adresse", "Adresse e-mail", "Dirección de correo electrónico", "Endereço de e-mail"},
		Meta:      {"Score", "Punktzahl", "Punkte", "Note", "Puntuación"},
	}, nil),
})
