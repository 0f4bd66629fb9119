package i18n

// queryText is the text of queries, exports and the wide table.
var queryText = catalog{
	"result_sheet":      {"Ergebnis", "Result"},
	"export.data_sheet": {"Daten", "Data"},
	"wide.chosen":       {"gewählt", "chosen"},
	"wide.not_chosen":   {"nicht gewählt", "not chosen"},
	"wide.note.event":   {"Veranstaltung", "event"},
	"wide.note.id":      {"Pseudonym der antwortenden Person", "pseudonym of the respondent"},
	"wide.note.time":    {"Zeitpunkt der Antwort", "time of the response"},
	"wide.note.value":   {"Wert; leer = keine Antwort", "value; empty = no answer"},
	"wide.note.code":    {"Code der Antwort; leer = keine Antwort", "code of the answer; empty = no answer"},
	"wide.note.label":   {"Text der gewählten Antwort", "text of the chosen answer"},
	"wide.note.choice":  {"Mehrfachauswahl: 1 = gewählt, 0 = nicht gewählt", "multiple choice: 1 = chosen, 0 = not chosen"},
	"wide.note.text":    {"Freitext, personenbezogene Daten entfernt", "free text, personal data removed"},
	"wide.note.other":   {"Text zur Option „Sonstiges“", "text typed into the \"other\" option"},
}
