package i18n

// importText is the text of detect and import: what a column is read as,
// how its answers map, warnings, and the import summary.
var importText = catalog{
	// What detect and import say a file was taken for.
	"import.header_row":  {"Kopfzeile in Zeile %d", "header in row %d"},
	"import.header_rows": {"Kopfzeilen in Zeile %d–%d", "header in rows %d–%d"},
	"import.file_line":   {"%s: %s; Layout %s, %s, Antworten ab Zeile %d", "%s: %s; layout %s, %s, responses from row %d"},
	"import.sheet_chosen": {"  Blatt %q gewählt unter %s (--sheet wählt ein anderes)",
		"  sheet %q chosen of %s (--sheet chooses another)"},

	// What a column is read as.
	"import.col.id":               {"(Antwort-ID)", "(response id)"},
	"import.col.submitted":        {"(Abgabezeitpunkt)", "(submitted at)"},
	"import.col.personal":         {"(personenbezogen: nicht gespeichert)", "(personal data: not stored)"},
	"import.col.personal_content": {"(personenbezogen nach den Werten: nicht gespeichert)", "(personal data, by its values: not stored)"},
	"import.col.meta":             {"(Metadaten des Werkzeugs: nicht gespeichert)", "(tool metadata: not stored)"},
	"import.col.unknown":          {"(nicht erkannt: nicht gespeichert)", "(not recognised: not stored)"},
	"import.col.not_stored":       {"(nicht gespeichert: %s)", "(not stored: %s)"},
	"import.col.other_text":       {" (Text zu „Sonstiges“)", " (its \"other\" text)"},
	"import.col.states":           {", Bundesländer", ", German states"},
	"import.col.ordered":          {", %d Stufen in Reihenfolge", ", %d labels in order"},
	"import.col.labels":           {", %d Antwortmöglichkeiten", ", %d labels"},
	"import.col.options":          {", %d Optionen", ", %d options"},
	"import.col.role":             {", Rolle %s", ", role %s"},
	"import.col.answers":          {"; %d Antworten", "; %d answers"},

	// Why a column is not used (survey's notes).
	"note.new_item":        {"neue Zeile der Matrix", "new item"},
	"note.second_column":   {"eine zweite Spalte dieser Art (%s)", "a second %s column"},
	"note.personal_values": {"überwiegend E-Mail-Adressen, Telefonnummern, Handles oder Webadressen", "mostly e-mail addresses, phone numbers, handles or web addresses"},
	"note.id_values":       {"in jeder Zeile eine andere Zahl: eine ID, keine Frage", "a different number in every row: an id, not a question"},
	"note.dates":           {"Datumsangaben: keine Frage", "dates: not a question"},
	"note.option_copy":     {"dieselben Antworten wie die Optionsspalten danach", "the same answers as the option columns after it"},
	"note.not_defined":     {"nicht in der Umfragedefinition (entworfen als %s)", "not in the survey definition (drafted as %s)"},
	"note.read_elsewhere":  {"Frage %s wird aus anderen Spalten gelesen", "question %s is read from other columns"},
	"note.already_fed":     {"Spalte %s gehört schon zu %s", "column %s already feeds %s"},
	"note.matrix_row":      {"eine Zeile einer Matrix, nicht die Frage %s", "one row of a matrix, not question %s"},
	"note.misfit": {"ihre Kopfzeile nennt die Frage %s, aber %d von %d Antworten passen nicht zu ihr",
		"its header names question %s, but %d of %d answers do not fit it"},
	"note.words_only": {"nur die Wörter der Kopfzeile erinnern an die Frage %s der eingebauten Umfrage",
		"only its header's words recall the built-in survey's question %s"},

	// How a column's answers map (detect).
	"import.ans.missing":     {"keine Angabe", "no answer"},
	"import.ans.words":       {"%s (nach Wortlaut)", "%s (by its words)"},
	"import.ans.other":       {"%s (Sonstiges)", "%s (other)"},
	"import.ans.unknown":     {"? (keine Antwortmöglichkeit)", "? (no label)"},
	"import.ans.chosen":      {"gewählt", "chosen"},
	"import.ans.not_chosen":  {"nicht gewählt", "not chosen"},
	"import.ans.typed_other": {"(bei „Sonstiges“ eingetippter Text)", "(a text typed into \"other\")"},
	"import.ans.in_order":    {"(in Reihenfolge)", "(in order)"},
	"import.ans.more":        {"… %d weitere", "… %d more"},

	// Warnings.
	"import.warn":       {"  Warnung: %s", "  warning: %s"},
	"import.warn.above": {"Zeile(n) %s über der Kopfzeile (Zeile %d) sehen wie Antworten aus und werden nicht importiert; --header-row N liest die Kopfzeile aus Zeile N", "row(s) %s above the header (row %d) look like responses and are not imported; --header-row N reads the header from row N"},
	"import.warn.repeats": {"Kopfzeile %s wiederholt sich in den Spalten %s: jede Spalte wird als eigene Frage gelesen, nie zusammengelegt",
		"header %s repeats in columns %s: each column is read as a question of its own, never merged"},
	"import.warn.twins": {"Spalten %[1]s und %[2]s sehen beide wie %[3]s aus: %[1]s wird so gelesen, %[2]s als eigene Frage (Spalten werden nie zusammengelegt)",
		"columns %[1]s and %[2]s both look like %[3]s: %[1]s is read as it, %[2]s as a question of its own (columns are never merged)"},
	"import.warn.bad_draft": {"der Entwurf ist keine gültige Definition: %s", "the draft is not a valid definition: %s"},

	// Drafted questions, reworded and unknown answers.
	"import.drafted": {"  %d von %d Fragespalten aus den Antworten der Datei entworfen (keine Umfragedefinition angegeben); `resonanz detect DATEI --write-survey umfrage.yaml` schreibt sie zum Prüfen und Benennen auf",
		"  %d of %d question columns drafted from the file's answers (no survey definition given); `resonanz detect FILE --write-survey survey.yaml` writes them down to check and name"},
	"import.codes": {"  die Kopfzeilen sind Fragecodes: die Fragen heißen nach ihnen, Antwortcodes (A1) sind ihre Antworten, bis eine Umfragedefinition sie benennt",
		"  the headers are question codes: the questions are named by them, answer codes (A1) are their labels until a survey definition names them"},
	"import.reworded": {"  umformulierte Antwort bei %s: %q ×%d → %s", "  reworded answer of %s: %q ×%d → %s"},
	"import.typed_other": {"  eingetippte Texte zu „Sonstiges“ bei %s ×%d → %s (als Kommentare behalten)",
		"  texts typed into \"other\" of %s ×%d → %s (kept as comments)"},
	"import.unknown": {"  unbekannte Antwort bei %s (Spalte %s): %q ×%d; um sie zu zählen, bei den Antworten von %s ergänzen: - %s",
		"  unknown answer of %s (column %s): %q ×%d; to count it, add to the labels of %s: - %s"},
	"import.missing_questions": {"  nicht in dieser Datei: %s", "  not in this file: %s"},

	// The import summary.
	"import.summary": {"%s: %d Zeilen gelesen, %s, %d abgelehnte Zeilen, %d abgelehnte Werte, %d Duplikate, %d leere Zeilen übersprungen",
		"%s: %d rows read, %s, %d rejected rows, %d rejected values, %d duplicates, %d blank rows skipped"},
	"import.imported":      {"%d importiert", "%d imported"},
	"import.none_imported": {"nichts importiert", "nothing imported"},
	"import.no_responses":  {", %d Zeilen, die keine Antworten sind", ", %d rows that are no responses"},
	"import.scrubbed":      {", %d E-Mail-Adressen oder Telefonnummern aus Freitext entfernt", ", %d e-mail addresses or phone numbers removed from free text"},
	"import.rejected":      {"  abgelehnt %s: %q: %s", "  rejected %s: %q: %s"},
	"import.more_rejects":  {"  … und %d weitere Ablehnungen", "  … and %d more rejects"},
	"import.all_rejects":   {"  alle Ablehnungen: resonanz query \"select * from rejects\"", "  every reject: resonanz query \"select * from rejects\""},
	"import.replaced":      {"%s: %d frühere(n) Import(e) dieser Datei ersetzt", "%s: replaced %d earlier import(s) of this file"},

	// detect's closing lines.
	"detect.read":     {"%d Antworten gelesen", "%d responses read"},
	"detect.own":      {"; gelesen mit der Umfragedefinition %q", "; read with the survey definition %q"},
	"detect.as_draft": {"; ohne Umfragedefinition liest import die Datei wie hier entworfen", "; without a survey definition, import reads the file as drafted here"},
	"detect.fails":    {"Keine Spalte gehört zu einer Frage: import schlüge fehl (%v).", "No column feeds a question: import would fail (%v)."},
	"detect.hint": {"Den Entwurf der Umfragedefinition mit --write-survey DATEI.yaml schreiben, prüfen, dann mit --survey DATEI.yaml importieren.",
		"Write the draft survey definition with --write-survey FILE.yaml, check it, then import with --survey FILE.yaml."},
	"detect.written": {"Entwurf der Umfragedefinition in %s geschrieben (%d Fragen, %d mit TODO markiert): prüfen, dann mit --survey %s importieren.",
		"Draft survey definition written to %s (%d questions, %d marked TODO): check it, then import with --survey %s."},
	"detect.warning": {"resonanz: Warnung: %v", "resonanz: warning: %v"},

	// detect against the dataset's earlier events.
	"link.compared": {"Verglichen mit dem Datenbestand in %s (Veranstaltungen %s; zuletzt %s): die Umfragedefinition ordnet %d Spalten vorhandenen IDs zu.",
		"Compared with the dataset in %s (events %s; latest %s): the survey definition maps %d columns onto ids it holds."},
	"link.linked": {"  nach ihrem Wortlaut in früheren Veranstaltungen verknüpft (Ähnlichkeit ≥ %.2f; --write-survey ordnet sie so zu):",
		"  linked by their wording in earlier events (similarity ≥ %.2f; --write-survey maps them so):"},
	"link.was":          {"war %q (%s)", "was %q (%s)"},
	"link.new":          {"  neu, nicht im Datenbestand:", "  new, not in the dataset:"},
	"link.new_item_of":  {"neue Zeile von %s", "new item of %s"},
	"link.new_item":     {"%s (neue Zeile)", "%s (new item)"},
	"link.question":     {"  Frage %.2f", "  question %.2f"},
	"link.new_question": {"neue Frage", "new question"},
	"link.new_named":    {"%s (neue Frage)", "%s (new question)"},
	"link.gone":         {"  entfallen, in %s gefragt, aber nicht in dieser Datei: %s", "  gone, asked in %s but not in this file: %s"},
}
