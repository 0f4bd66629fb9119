package i18n

// report is the text of the report: workbook, web page, chart notes.
var report = catalog{
	"by_state":         {"Antworten nach Bundesland", "Responses by state"},
	"chart_data":       {"Diagrammdaten", "Chart data"},
	"chart_failed":     {"Diagramm nicht möglich", "Chart not possible"},
	"chart_offset":     {"(Versatz)", "(offset)"},
	"chart_omitted":    {"„.“ = nicht ausgewiesen (weniger als %d Antworten oder zu deren Schutz); diese Werte fehlen im Diagramm.", "\".\" = not shown (fewer than %d responses, or to protect those); these values are left out of the chart."},
	"chart_partial":    {"„+ .“ = ohne nicht ausgewiesene Teile (weniger als %d Antworten oder zu deren Schutz): dieser Balken ist kürzer als seine Summe.", "\"+ .\" = without parts not shown (fewer than %d responses, or to protect those): this bar is shorter than its total."},
	"ci":               {"95-%-Konfidenzintervall", "95 % confidence interval"},
	"codebook":         {"Codebuch", "Codebook"},
	"contents":         {"Inhalt", "Contents"},
	"html_note":        {"Diese Seite enthält alle Tabellen und Diagramme des Berichts und lädt nichts nach; sie lässt sich auf A4 drucken.", "This page holds every table and chart of the report and loads nothing from elsewhere; it prints on A4."},
	"marks_note":       {"▲ / ▼ = signifikant höher / niedriger; womit verglichen wird, steht in der Beschreibung oben (siehe Methodik).", "▲ / ▼ = significantly higher / lower; the description above says what is compared (see Methods)."},
	"progress_queries": {"Abfragen", "Queries"},
	"progress_write":   {"Bericht schreiben", "Writing the report"},
	"query_failed":     {"Abfrage fehlgeschlagen", "Query failed"},
	"rows_more":        {"Weitere %d Zeilen stehen in der Excel-Datei.", "A further %d rows are in the Excel file."},
	"responses":        {"Antworten", "Responses"},
	"source":           {"Quelle", "Source"},
	"summary":          {"Übersicht", "Summary"},
	"suppressed_note":  {"„.“ = aus Datenschutzgründen nicht ausgewiesen: beruht auf weniger als %d Antworten oder ließe eine solche Zahl zurückrechnen.", "\".\" = not shown to protect respondents: rests on fewer than %d responses, or would let such a number be worked out."},
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
