package sheets

// columnWords are readers' headings of the data model's column names.
// They move into pipeline/i18n (i18n.Column) once it is on main.
var columnWords = map[string]text{
	"col.asked": {"Gefragt", "Asked"}, "col.change": {"Veränderung", "Change"},
	"col.ci_high": {"Obergrenze (95 %)", "Upper bound (95%)"}, "col.ci_low": {"Untergrenze (95 %)", "Lower bound (95%)"},
	"col.codes": {"Antwortcodes", "Answer codes"}, "col.column": {"Spalte", "Column"},
	"col.detractors": {"Detraktoren", "Detractors"}, "col.duplicates": {"Duplikate", "Duplicates"},
	"col.event": {"Veranstaltung", "Event"}, "col.event_title": {"Befragung", "Survey"}, "col.file": {"Datei", "File"},
	"col.group": {"Gruppe", "Group"}, "col.grp_name": {"Gruppe", "Group"}, "col.grp2_name": {"Gruppe (2)", "Group (2)"},
	"col.imported_at": {"Importiert am", "Imported at"}, "col.item": {"Item", "Item"}, "col.item_label": {"Item/Option", "Item/option"},
	"col.item_text": {"Item", "Item"}, "col.layout": {"Layout", "Layout"}, "col.mean": {"Mittelwert", "Mean"},
	"col.mean_weighted": {"Mittelwert gewichtet", "Mean weighted"}, "col.n": {"n", "n"}, "col.n_eff": {"n_eff", "n_eff"},
	"col.n_nps": {"n (NPS)", "n (NPS)"}, "col.nps": {"NPS", "NPS"}, "col.p_adj": {"p (Holm)", "p (Holm)"},
	"col.passives": {"Passive", "Passives"}, "col.promoters": {"Promotoren", "Promoters"},
	"col.question": {"Frage-ID", "Question id"}, "col.question_text": {"Fragetext", "Question text"},
	"col.reason": {"Grund", "Reason"}, "col.responses": {"Antworten", "Responses"}, "col.row": {"Zeile", "Row"},
	"col.rows_imported": {"importiert", "imported"}, "col.rows_read": {"Zeilen gelesen", "Rows read"},
	"col.rows_rejected": {"Zeilen zurückgewiesen", "Rows rejected"}, "col.cells_rejected": {"Werte zurückgewiesen", "Values rejected"},
	"col.blank_rows": {"Leerzeilen", "Blank rows"}, "col.sd": {"Std.-abw.", "SD"}, "col.sector_name": {"Bereich", "Sector"},
	"col.sha256": {"SHA-256", "SHA-256"}, "col.share": {"Anteil", "Share"}, "col.sheet": {"Blatt", "Sheet"},
	"col.sig": {"Signifikanz", "Significance"}, "col.state_name": {"Bundesland", "State"},
	"col.top2_ci_high": {"Obergrenze Top-2 (95 %)", "Upper bound top-2 (95%)"}, "col.top2_ci_low": {"Untergrenze Top-2 (95 %)", "Lower bound top-2 (95%)"},
	"col.top2_share": {"Anteil Top-2", "Share top-2"}, "col.total": {"Basis", "Base"}, "col.type": {"Typ", "Type"},
	"col.value": {"Wert", "Value"},
}

// i18nColumn is the heading of a data column; its name when it has none.
func i18nColumn(lang, name string) string {
	t, ok := columnWords["col."+name]
	if !ok {
		return name
	}
	return pick(lang, t.de, t.en)
}
