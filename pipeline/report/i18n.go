package report

// words are the report's fixed texts per language.
var words = map[string]map[string]string{
	"de": {
		"summary": "Übersicht", "methods": "Methodik", "codebook": "Codebuch", "quality": "Datenqualität",
		"report_title": "Auswertung der Teilnehmendenbefragung", "event": "Veranstaltung", "date": "Datum",
		"responses": "Antworten", "generated": "Erstellt", "by_state": "Antworten nach Bundesland",
		"by_sector": "Antworten nach Bereich", "top_needs": "Größter Handlungsbedarf (Mittelwert 1–5)",
		"satisfaction": "Gesamtzufriedenheit (1–5)", "nps": "Net Promoter Score", "n": "n",
		"value": "Wert", "share": "Anteil", "suppressed_note": "„.“ = weniger als %d Antworten, aus Datenschutzgründen nicht ausgewiesen.",
		"chart_omitted": "Werte mit weniger als %d Antworten ausgelassen.",
		"files":         "Importierte Dateien", "rejects": "Zurückgewiesene Werte", "no_rejects": "Keine zurückgewiesenen Werte.",
		"chart_data": "Diagrammdaten", "query_failed": "Abfrage fehlgeschlagen", "source": "Quelle",
		"question": "Frage", "item": "Teilfrage/Option", "type": "Typ", "labels": "Antwortlabels",
		"ci": "95-%-Konfidenzintervall", "what_asked": "Was gefragt wurde", "how_computed": "Wie gerechnet wurde",
		"mean": "Mittelwert", "none": "(keine)",
	},
	"en": {
		"summary": "Summary", "methods": "Methods", "codebook": "Codebook", "quality": "Data quality",
		"report_title": "Participant survey results", "event": "Event", "date": "Date",
		"responses": "Responses", "generated": "Generated", "by_state": "Responses by state",
		"by_sector": "Responses by sector", "top_needs": "Highest need for action (mean 1–5)",
		"satisfaction": "Overall satisfaction (1–5)", "nps": "Net Promoter Score", "n": "n",
		"value": "Value", "share": "Share", "suppressed_note": "\".\" = fewer than %d responses, not shown to protect respondents.",
		"chart_omitted": "Values with fewer than %d responses left out.",
		"files":         "Imported files", "rejects": "Rejected values", "no_rejects": "No rejected values.",
		"chart_data": "Chart data", "query_failed": "Query failed", "source": "Source",
		"question": "Question", "item": "Item/option", "type": "Type", "labels": "Answer labels",
		"ci": "95 % confidence interval", "what_asked": "What was asked", "how_computed": "How figures were computed",
		"mean": "Mean", "none": "(none)",
	},
}

// columnNames are readers' headings for the data model's column names.
var columnNames = map[string]map[string]string{
	"de": {
		"state_name": "Bundesland", "sector_name": "Bereich", "item_text": "Thema", "group": "Gruppe",
		"n": "n", "mean": "Mittelwert", "sd": "Std.-abw.", "ci_low": "KI unten", "ci_high": "KI oben",
		"top2_share": "Anteil hoch/sehr hoch", "share": "Anteil", "total": "Basis", "n_nps": "n (NPS)",
		"promoters": "Promotoren", "passives": "Passive", "detractors": "Detraktoren", "nps": "NPS",
		"event": "Veranstaltung", "sig": "Signifikanz", "event_title": "Befragung", "asked": "Gefragt",
		"change": "Veränderung", "p_adj": "p (Holm)", "top2_ci_low": "KI unten (hoch/sehr hoch)", "top2_ci_high": "KI oben (hoch/sehr hoch)",
	},
	"en": {
		"state_name": "State", "sector_name": "Sector", "item_text": "Topic", "group": "Group",
		"n": "n", "mean": "Mean", "sd": "SD", "ci_low": "CI low", "ci_high": "CI high",
		"top2_share": "Share high/very high", "share": "Share", "total": "Base", "n_nps": "n (NPS)",
		"promoters": "Promoters", "passives": "Passives", "detractors": "Detractors", "nps": "NPS",
		"event": "Event", "sig": "Significance", "event_title": "Survey", "asked": "Asked",
		"change": "Change", "p_adj": "p (Holm)", "top2_ci_low": "CI low (high/very high)", "top2_ci_high": "CI high (high/very high)",
	},
}

func w(lang, k string) string {
	if s, ok := words[lang][k]; ok {
		return s
	}
	return words["de"][k]
}

func colName(lang, c string) string {
	if s, ok := columnNames[lang][c]; ok {
		return s
	}
	return c
}
