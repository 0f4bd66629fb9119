package i18n

// report is the text of the report: workbook, web page, chart notes.
var report = catalog{
	"by_state":         {"Antworten nach Bundesland", "Responses by state"},
	"chart_data":       {"Diagrammdaten", "Chart data"},
	"chart_failed":     {"Diagramm nicht möglich", "Chart not possible"},
	"chart_offset":     {"(Versatz)", "(offset)"},
	"chart_omitted":    {"Nicht ausgewiesene Werte (weniger als %d Antworten oder zu deren Schutz) ausgelassen.", "Values not shown (fewer than %d responses, or to protect those) left out."},
	"chart_partial":    {"Nicht ausgewiesene Teile (weniger als %d Antworten oder zu deren Schutz) fehlen; diese Balken sind kürzer als ihre Summe.", "Parts not shown (fewer than %d responses, or to protect those) are left out; these bars are shorter than their total."},
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
