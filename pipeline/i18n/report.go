package i18n

// report is the text of the report: workbook, web page, chart notes.
var report = catalog{
	"by_sector":        {"Antworten nach Bereich", "Responses by sector"},
	"by_state":         {"Antworten nach Bundesland", "Responses by state"},
	"chart_data":       {"Diagrammdaten", "Chart data"},
	"chart_failed":     {"Diagramm nicht möglich", "Chart not possible"},
	"chart_offset":     {"(Versatz)", "(offset)"},
	"chart_omitted":    {"„.“ = nicht ausgewiesen (weniger als %d Antworten oder zu deren Schutz); diese Werte fehlen im Diagramm.", "\".\" = not shown (fewer than %d responses, or to protect those); these values are left out of the chart."},
	"chart_partial":    {"„+ .“ = ohne nicht ausgewiesene Teile (weniger als %d Antworten oder zu deren Schutz): dieser Balken ist kürzer als seine Summe.", "\"+ .\" = without parts not shown (fewer than %d responses, or to protect those): this bar is shorter than its total."},
	"ci":               {"95-%-Konfidenzintervall", "95 % confidence interval"},
	"codebook":         {"Codebuch", "Codebook"},
	"compared":         {"Vergleich", "Comparison"},
	"compared_sheet":   {"Vergleich gewählter Befragungen", "Comparison of chosen surveys"},
	"compared_title":   {"Vergleich %s mit %s", "%s compared with %s"},
	"contents":         {"Inhalt", "Contents"},
	"date":             {"Datum", "Date"},
	"event":            {"Veranstaltung", "Event"},
	"figure":           {"Kennzahl", "Figure"},
	"files":            {"Importierte Dateien", "Imported files"},
	"generated":        {"Erstellt", "Generated"},
	"heatmap_desc":     {"Mittelwert je Thema und Bundesland (%s), dunkler = höher.", "Mean per topic and state (%s), darker = higher."},
	"heatmap_sheet":    {"Heatmap Land × Thema", "Heatmap state × topic"},
	"heatmap_title":    {"Mittelwert nach Bundesland und Thema", "Mean by state and topic"},
	"how_computed":     {"Wie gerechnet wurde", "How figures were computed"},
	"html_note":        {"Diese Seite enthält alle Tabellen und Diagramme des Berichts und lädt nichts nach; sie lässt sich auf A4 drucken.", "This page holds every table and chart of the report and loads nothing from elsewhere; it prints on A4."},
	"item":             {"Thema", "Topic"},
	"key_figures":      {"Kennzahlen", "Key figures"},
	"label":            {"Merkmal", "Group"},
	"likert_desc":      {"Anteile je Antwortstufe, links die niedrigen, rechts die hohen Stufen, die mittlere Stufe mittig geteilt. n = Befragte, die das Thema bewertet haben.", "Shares per answer level, low levels to the left, high levels to the right, the middle level split at the centre. n = respondents who rated the topic."},
	"likert_native":    {"Das Excel-Diagramm zentriert die Balken mit einer unsichtbaren Versatz-Reihe (Spalte „(Versatz)“); die Achse zeigt daher keine Prozentwerte. Das Bild im Ordner charts/ zeigt die Anteile auf einer Prozentachse.", "The Excel chart centres the bars with an invisible offset series (column \"(offset)\"), so its axis shows no percentages. The image in the charts/ folder shows the shares on a percentage axis."},
	"likert_sheet":     {"Likert-Übersicht", "Likert overview"},
	"likert_title":     {"Verteilung der Antworten", "Distribution of answers"},
	"marks_note":       {"▲ / ▼ = signifikant höher / niedriger; womit verglichen wird, steht in der Beschreibung oben (siehe Methodik).", "▲ / ▼ = significantly higher / lower; the description above says what is compared (see Methods)."},
	"mean":             {"Mittelwert", "Mean"},
	"methods":          {"Methodik", "Methods"},
	"n":                {"n", "n"},
	"no_rejects":       {"Keine zurückgewiesenen Werte.", "No rejected values."},
	"none":             {"(keine)", "(none)"},
	"nps":              {"Net Promoter Score (−100 bis +100)", "Net Promoter Score (−100 to +100)"},
	"progress_queries": {"Abfragen", "Queries"},
	"progress_write":   {"Bericht schreiben", "Writing the report"},
	"quality":          {"Datenqualität", "Data quality"},
	"query_failed":     {"Abfrage fehlgeschlagen", "Query failed"},
	"question_col":     {"Frage", "Question"},
	"rejects":          {"Zurückgewiesene Werte", "Rejected values"},
	"rejects_more":     {"Weitere %d zurückgewiesene Werte stehen im Blatt „Datenqualität“ der Excel-Datei.", "A further %d rejected values are listed on the \"Data quality\" sheet of the Excel file."},
	"report_title":     {"Auswertung der Teilnehmendenbefragung", "Participant survey results"},
	"responses":        {"Antworten", "Responses"},
	"rule_applied":     {"In diesem Bericht angewandte Regel", "Rule applied in this report"},
	"rule_text":        {"Zahlen, die auf weniger als %d Befragten beruhen, werden als „.“ ausgewiesen: in jeder Tabelle alle Werte einer Zeile, deren Fallzahl n darunter liegt, auf der Übersicht die Antworten je Bundesland und Bereich. Weitere Zeilen stehen als „.“, wo sich eine solche Zahl sonst aus Summen oder aus einer anderen Tabelle dieses Berichts zurückrechnen ließe (sekundäre Geheimhaltung); Teilnahme, Übersicht und alle Tabellen zum Handlungsbedarf dieser Befragung blenden dieselben Gruppen aus. In Diagrammen fehlen diese Werte; eine Fußnote weist darauf hin. Die Verteilungen der Likert-Übersicht beruhen auf allen Befragten, die ein Thema bewertet haben; sie werden ausgelassen, wenn diese Basis unter %d liegt oder geschützt werden muss.", "Figures resting on fewer than %d respondents are shown as \".\": in every table all values of a row whose n is below that, on the summary the responses per state and sector. Further rows show \".\" where such a number could otherwise be worked out from totals or from another table of this report (secondary suppression); responses, the summary and every table of the need for action in this survey hide the same groups. Charts leave these values out and say so in a footnote. The distributions of the Likert overview rest on all respondents who rated a topic; they are left out when that base is below %d or must be protected."},
	"satisfaction":     {"Gesamtzufriedenheit (Mittelwert 1–5)", "Overall satisfaction (mean 1–5)"},
	"share":            {"Anteil", "Share"},
	"shown_as":         {"%s bis %s", "%s to %s"},
	"source":           {"Quelle", "Source"},
	"state":            {"Bundesland", "State"},
	"summary":          {"Übersicht", "Summary"},
	"suppressed_note":  {"„.“ = aus Datenschutzgründen nicht ausgewiesen: beruht auf weniger als %d Antworten oder ließe eine solche Zahl zurückrechnen.", "\".\" = not shown to protect respondents: rests on fewer than %d responses, or would let such a number be worked out."},
	"top_needs":        {"Größter Handlungsbedarf (Mittelwert 1–5)", "Highest need for action (mean 1–5)"},
	"total":            {"Gesamt", "All"},
	"value":            {"Wert", "Value"},
	"what_asked":       {"Was gefragt wurde", "What was asked"},
}

var weightsText = catalog{
	"weights_var.state":  {"Bundesland", "state"},
	"weights_var.sector": {"Tätigkeitsbereich", "sector"},
	"weights_note": {
		"Gewichtet nach %s auf die Verteilung in %s (Raking). n_eff = effektive Fallzahl nach Kish; „Mittelwert“ = ungewichtet.",
		"Weighted by %s to the distribution in %s (raking). n_eff = Kish's effective sample size; \"Mean\" = unweighted.",
	},
	"weights_none": {
		"Gewichtung: Kein Ergebnis dieses Berichts ist gewichtet; alle Zahlen beruhen auf den ungewichteten Antworten.",
		"Weighting: no result in this report is weighted; every figure rests on the unweighted answers.",
	},
	"weights_only": {
		"In diesem Bericht ist nur das Blatt „%s“ gewichtet, nach %s auf die Verteilung in %s; alle anderen Ergebnisse sind ungewichtet.",
		"In this report only the sheet \"%s\" is weighted, by %s to the distribution in %s; all other results are unweighted.",
	},
}

// locale names the workbook's language in its document properties.
var locale = catalog{"locale": {"de-DE", "en-GB"}}

// chartText are the charts' titles and notes.
var chartWords = catalog{
	"chart_n_of":    {"n = %s von %s", "n = %s of %s"},
	"chart_n_range": {"n = %s bis %s je Wert", "n = %s to %s per value"},
	"merged_prefix": {"übrige", "other"},
}

var workbookWords = catalog{
	"offset_note": {
		"Die Spalte „(Versatz)“ rückt die Balken des Diagramms so, dass die mittlere Stufe in der Mitte steht; sie ist weder Wert noch Legende.",
		"The column \"(offset)\" shifts the chart's bars so that the middle level sits in the centre; it is neither a value nor in the legend.",
	},
	"colour_key": {"Farbskala:", "Colour key:"},
	"ci_short":   {"Intervall (95 %)", "Interval (95%)"},
}
