package report

import (
	"fmt"
	"strings"
	"time"
)

// words are the report's fixed texts per language. Every key exists in
// both languages (TestWordsComplete).
var words = map[string]map[string]string{
	"de": {
		"summary": "Übersicht", "methods": "Methodik", "codebook": "Codebuch", "quality": "Datenqualität",
		"contents":     "Inhalt",
		"report_title": "Auswertung der Teilnehmendenbefragung", "event": "Veranstaltung", "date": "Datum",
		"compared": "Vergleich", "compared_title": "Vergleich %s mit %s", "compared_sheet": "Vergleich gewählter Befragungen",
		"responses": "Antworten", "generated": "Erstellt", "by_state": "Antworten nach Bundesland",
		"by_sector": "Antworten nach Bereich", "top_needs": "Größter Handlungsbedarf (Mittelwert 1–5)",
		"key_figures":  "Kennzahlen",
		"satisfaction": "Gesamtzufriedenheit (Mittelwert 1–5)", "nps": "Net Promoter Score (−100 bis +100)", "n": "n",
		"value": "Wert", "share": "Anteil", "label": "Merkmal",
		"suppressed_note": "„.“ = aus Datenschutzgründen nicht ausgewiesen: beruht auf weniger als %d Antworten oder ließe eine solche Zahl zurückrechnen.",
		"chart_omitted":   "Nicht ausgewiesene Werte (weniger als %d Antworten oder zu deren Schutz) ausgelassen.",
		"files":           "Importierte Dateien", "rejects": "Zurückgewiesene Werte", "no_rejects": "Keine zurückgewiesenen Werte.",
		"rejects_more": "Weitere %d zurückgewiesene Werte stehen im Blatt „Datenqualität“ der Excel-Datei.",
		"chart_data":   "Diagrammdaten", "chart_offset": "(Versatz)", "query_failed": "Abfrage fehlgeschlagen",
		"chart_failed": "Diagramm nicht möglich", "source": "Quelle",
		"ci": "95-%-Konfidenzintervall", "what_asked": "Was gefragt wurde", "how_computed": "Wie gerechnet wurde",
		"rule_applied": "In diesem Bericht angewandte Regel",
		"rule_text": "Zahlen, die auf weniger als %d Befragten beruhen, werden als „.“ ausgewiesen: in jeder Tabelle alle Werte einer Zeile, deren Fallzahl n darunter liegt, " +
			"auf der Übersicht die Antworten je Bundesland und Bereich. Weitere Zeilen stehen als „.“, wo sich eine solche Zahl sonst aus Summen oder aus einer anderen Tabelle dieses Berichts zurückrechnen ließe (sekundäre Geheimhaltung); " +
			"Teilnahme, Übersicht und alle Tabellen zum Handlungsbedarf dieser Befragung blenden dieselben Gruppen aus. In Diagrammen fehlen diese Werte; eine Fußnote weist darauf hin. " +
			"Die Verteilungen der Likert-Übersicht beruhen auf allen Befragten, die ein Thema bewertet haben; sie werden ausgelassen, wenn diese Basis unter %d liegt oder geschützt werden muss.",
		"mean": "Mittelwert", "none": "(keine)", "total": "Gesamt",
		"marks_note":   "▲ / ▼ = signifikant höher / niedriger; womit verglichen wird, steht in der Beschreibung oben (siehe Methodik).",
		"likert_title": "Verteilung der Antworten", "likert_sheet": "Likert-Übersicht",
		"likert_desc":   "Anteile je Antwortstufe, links die niedrigen, rechts die hohen Stufen, die mittlere Stufe mittig geteilt. n = Befragte, die das Thema bewertet haben.",
		"likert_native": "Das Excel-Diagramm zentriert die Balken mit einer unsichtbaren Versatz-Reihe (Spalte „(Versatz)“); die Achse zeigt daher keine Prozentwerte. Das Bild im Ordner charts/ zeigt die Anteile auf einer Prozentachse.",
		"heatmap_title": "Mittelwert nach Bundesland und Thema", "heatmap_sheet": "Heatmap Land × Thema",
		"heatmap_desc": "Mittelwert je Thema und Bundesland (%s), dunkler = höher.",
		"state":        "Bundesland", "item": "Thema", "shown_as": "%s bis %s",
		"type_single": "Einfachauswahl", "type_multi": "Mehrfachauswahl", "type_scale": "Skala",
		"type_numeric": "Zahl", "type_nps": "Weiterempfehlung 0–10", "type_text": "Freitext",
		"html_note":    "Diese Seite enthält alle Tabellen und Diagramme des Berichts und lädt nichts nach; sie lässt sich auf A4 drucken.",
		"question_col": "Frage", "figure": "Kennzahl",
		"progress_queries": "Abfragen", "progress_write": "Bericht schreiben",
		"chart_partial": "Nicht ausgewiesene Teile (weniger als %d Antworten oder zu deren Schutz) fehlen; diese Balken sind kürzer als ihre Summe.",
	},
	"en": {
		"summary": "Summary", "methods": "Methods", "codebook": "Codebook", "quality": "Data quality",
		"contents":     "Contents",
		"report_title": "Participant survey results", "event": "Event", "date": "Date",
		"compared": "Comparison", "compared_title": "%s compared with %s", "compared_sheet": "Comparison of chosen surveys",
		"responses": "Responses", "generated": "Generated", "by_state": "Responses by state",
		"by_sector": "Responses by sector", "top_needs": "Highest need for action (mean 1–5)",
		"key_figures":  "Key figures",
		"satisfaction": "Overall satisfaction (mean 1–5)", "nps": "Net Promoter Score (−100 to +100)", "n": "n",
		"value": "Value", "share": "Share", "label": "Group",
		"suppressed_note": "\".\" = not shown to protect respondents: rests on fewer than %d responses, or would let such a number be worked out.",
		"chart_omitted":   "Values not shown (fewer than %d responses, or to protect those) left out.",
		"files":           "Imported files", "rejects": "Rejected values", "no_rejects": "No rejected values.",
		"rejects_more": "A further %d rejected values are listed on the \"Data quality\" sheet of the Excel file.",
		"chart_data":   "Chart data", "chart_offset": "(offset)", "query_failed": "Query failed",
		"chart_failed": "Chart not possible", "source": "Source",
		"ci": "95 % confidence interval", "what_asked": "What was asked", "how_computed": "How figures were computed",
		"rule_applied": "Rule applied in this report",
		"rule_text": "Figures resting on fewer than %d respondents are shown as \".\": in every table all values of a row whose n is below that, " +
			"on the summary the responses per state and sector. Further rows show \".\" where such a number could otherwise be worked out from totals or from another table of this report (secondary suppression); " +
			"responses, the summary and every table of the need for action in this survey hide the same groups. Charts leave these values out and say so in a footnote. " +
			"The distributions of the Likert overview rest on all respondents who rated a topic; they are left out when that base is below %d or must be protected.",
		"mean": "Mean", "none": "(none)", "total": "All",
		"marks_note":   "▲ / ▼ = significantly higher / lower; the description above says what is compared (see Methods).",
		"likert_title": "Distribution of answers", "likert_sheet": "Likert overview",
		"likert_desc":   "Shares per answer level, low levels to the left, high levels to the right, the middle level split at the centre. n = respondents who rated the topic.",
		"likert_native": "The Excel chart centres the bars with an invisible offset series (column \"(offset)\"), so its axis shows no percentages. The image in the charts/ folder shows the shares on a percentage axis.",
		"heatmap_title": "Mean by state and topic", "heatmap_sheet": "Heatmap state × topic",
		"heatmap_desc": "Mean per topic and state (%s), darker = higher.",
		"state":        "State", "item": "Topic", "shown_as": "%s to %s",
		"type_single": "Single choice", "type_multi": "Multiple choice", "type_scale": "Scale",
		"type_numeric": "Number", "type_nps": "Recommendation 0–10", "type_text": "Free text",
		"html_note":    "This page holds every table and chart of the report and loads nothing from elsewhere; it prints on A4.",
		"question_col": "Question", "figure": "Figure",
		"progress_queries": "Queries", "progress_write": "Writing the report",
		"chart_partial": "Parts not shown (fewer than %d responses, or to protect those) are left out; these bars are shorter than their total.",
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
		"mean_weighted": "Mittelwert gewichtet", "n_eff": "n_eff",
		"file": "Datei", "sha256": "SHA-256", "imported_at": "Importiert am", "sheet": "Blatt", "layout": "Layout",
		"rows_read": "Zeilen gelesen", "rows_imported": "importiert", "rows_rejected": "Zeilen zurückgewiesen",
		"cells_rejected": "Werte zurückgewiesen", "blank_rows": "Leerzeilen", "duplicates": "Duplikate",
		"row": "Zeile", "column": "Spalte", "value": "Wert", "reason": "Grund",
		"question": "Frage-ID", "item": "Item", "question_text": "Fragetext", "item_label": "Item/Option",
		"type": "Typ", "codes": "Antwortcodes", "responses": "Antworten",
	},
	"en": {
		"state_name": "State", "sector_name": "Sector", "item_text": "Topic", "group": "Group",
		"n": "n", "mean": "Mean", "sd": "SD", "ci_low": "CI low", "ci_high": "CI high",
		"top2_share": "Share high/very high", "share": "Share", "total": "Base", "n_nps": "n (NPS)",
		"promoters": "Promoters", "passives": "Passives", "detractors": "Detractors", "nps": "NPS",
		"event": "Event", "sig": "Significance", "event_title": "Survey", "asked": "Asked",
		"change": "Change", "p_adj": "p (Holm)", "top2_ci_low": "CI low (high/very high)", "top2_ci_high": "CI high (high/very high)",
		"mean_weighted": "Mean weighted", "n_eff": "n_eff",
		"file": "File", "sha256": "SHA-256", "imported_at": "Imported at", "sheet": "Sheet", "layout": "Layout",
		"rows_read": "Rows read", "rows_imported": "imported", "rows_rejected": "Rows rejected",
		"cells_rejected": "Values rejected", "blank_rows": "Blank rows", "duplicates": "Duplicates",
		"row": "Row", "column": "Column", "value": "Value", "reason": "Reason",
		"question": "Question id", "item": "Item", "question_text": "Question text", "item_label": "Item/option",
		"type": "Type", "codes": "Answer codes", "responses": "Responses",
	},
}

// T returns the report's fixed text for key in lang ("de" or "en"), so
// the pipeline titles the sheets it builds (Likert, heatmap) in the report's
// words.
func T(lang, key string) string {
	if s, ok := words[lang][key]; ok {
		return s
	}
	return words["de"][key]
}

func w(lang, k string) string { return T(lang, k) }

func colName(lang, c string) string {
	if s, ok := columnNames[lang][c]; ok {
		return s
	}
	return c
}

// formatDate prints an ISO date (2025-11-13) as readers expect it:
// 13.11.2025 or 13 November 2025; other text is returned as it is.
func formatDate(lang, iso string) string {
	d, err := time.Parse("2006-01-02", strings.TrimSpace(iso))
	if err != nil {
		return iso
	}
	if lang == "en" {
		return d.Format("2 January 2006")
	}
	return d.Format("02.01.2006")
}

func formatTime(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("02.01.2006 15:04")
}

func typeName(lang, typ string) string {
	if s, ok := words[lang]["type_"+typ]; ok {
		return s
	}
	return typ
}

func sprintf(lang, key string, args ...any) string { return fmt.Sprintf(w(lang, key), args...) }
