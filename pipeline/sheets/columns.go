package sheets

// columnWords are readers' headings of the data model's column names.
// They move into pipeline/i18n (i18n.Column) once it is on main.
var columnWords = map[string]text{
	"asked": {"Gefragt", "Asked"}, "change": {"Veränderung", "Change"},
	"ci_high": {"Obergrenze (95 %)", "Upper bound (95%)"}, "ci_low": {"Untergrenze (95 %)", "Lower bound (95%)"},
	"codes": {"Antwortcodes", "Answer codes"}, "column": {"Spalte", "Column"},
	"detractors": {"Detraktoren", "Detractors"}, "duplicates": {"Duplikate", "Duplicates"},
	"event": {"Veranstaltung", "Event"}, "event_title": {"Befragung", "Survey"}, "file": {"Datei", "File"},
	"group": {"Gruppe", "Group"}, "grp_name": {"Gruppe", "Group"}, "grp2_name": {"Gruppe (2)", "Group (2)"},
	"imported_at": {"Importiert am", "Imported at"}, "item": {"Item", "Item"}, "item_label": {"Item/Option", "Item/option"},
	"item_text": {"Item", "Item"}, "layout": {"Layout", "Layout"}, "mean": {"Mittelwert", "Mean"},
	"mean_weighted": {"Mittelwert gewichtet", "Mean weighted"}, "n": {"n", "n"}, "n_eff": {"n_eff", "n_eff"},
	"n_nps": {"n (NPS)", "n (NPS)"}, "nps": {"NPS", "NPS"}, "p_adj": {"p (Holm)", "p (Holm)"},
	"passives": {"Passive", "Passives"}, "promoters": {"Promotoren", "Promoters"},
	"question": {"Frage-ID", "Question id"}, "question_text": {"Fragetext", "Question text"},
	"reason": {"Grund", "Reason"}, "responses": {"Antworten", "Responses"}, "row": {"Zeile", "Row"},
	"rows_imported": {"importiert", "imported"}, "rows_read": {"Zeilen gelesen", "Rows read"},
	"rows_rejected": {"Zeilen zurückgewiesen", "Rows rejected"}, "cells_rejected": {"Werte zurückgewiesen", "Values rejected"},
	"blank_rows": {"Leerzeilen", "Blank rows"}, "sd": {"Std.-abw.", "SD"}, "sector_name": {"Bereich", "Sector"},
	"sha256": {"SHA-256", "SHA-256"}, "share": {"Anteil", "Share"}, "sheet": {"Blatt", "Sheet"},
	"sig": {"Signifikanz", "Significance"}, "state_name": {"Bundesland", "State"},
	"top2_ci_high": {"Obergrenze Top-2 (95 %)", "Upper bound top-2 (95%)"}, "top2_ci_low": {"Untergrenze Top-2 (95 %)", "Lower bound top-2 (95%)"},
	"top2_share": {"Anteil Top-2", "Share top-2"}, "total": {"Basis", "Base"}, "type": {"Typ", "Type"},
	"value": {"Wert", "Value"},
}

// i18nColumn is the heading of a data column; its name when it has none.
func i18nColumn(lang, name string) string {
	t, ok := columnWords[name]
	if !ok {
		return name
	}
	return pick(lang, t.de, t.en)
}
