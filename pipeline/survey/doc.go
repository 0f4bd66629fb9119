// Package survey understands a sheet of survey responses: it finds the
// header, maps each column onto a question of a survey Definition, reads the
// answers and writes the tidy data model (pipeline/model) as Arrow batches.
//
// # Contract
//
// A Definition (YAML, see docs/survey-definition.md; Builtin is the
// conference survey in template.yaml) lists the questions with their items
// and answer labels, and optional columns rules that map headers the
// questions' patterns cannot recognise (code headers such as G01Q01).
//
// Detect(sheet, rows) searches the first HeaderScan rows for the header:
// one row, SurveyMonkey's two (question text filled forward over an option
// row), or Qualtrics' column ids over question texts over {"ImportId"} rows.
// Each column becomes a Column of a kind: a question (and item), the
// response id, the submission time, personal data (e-mail, name, IP: never
// stored), tool metadata, or unknown. A matrix row whose item the definition
// lacks stays unknown with a Note: answers are never put under a guessed item.
// Mapping.Layout names the tool (LayoutName says it in words); ok is false
// when no question maps (for code headers Layout is LayoutLimeCodes and
// import fails with ErrCodeHeaders).
//
// Normalize(cells, def, opt, sink) writes responses, answers, comments,
// rejects and the codebook (questions, labels). It never guesses: a value it
// cannot read (unknown label, out of range, not a number, not a date) goes to
// rejects with file, sheet, row, column, the value (scrubbed: Options.Scrub)
// and a reason that does not quote it (ErrUnknownLabel, ErrOutOfRange,
// ErrNotNumber, ErrNotDate, ErrNotChosen as prefixes), and the rest of the
// response is kept. A second row with a response id already seen (here, or
// in the event: Options.Seen) is a reject naming the pseudonym, the first is
// kept.
// Fully blank rows are skipped and counted. Summary counts all of it.
//
// Values: states by name, ISO code or short form in any case and spacing
// (LSA, Thür., Sachsen Anhalt → DE-ST, DE-TH); a definition's labels add
// export codes (LimeSurvey's A1). Scales take labels in German or English
// ("sehr hoch", "stimme voll zu", "very high") or numbers, also typed as
// text or with a decimal comma; "keine Angabe", 99 and the question's
// missing list mean no answer. Times: ISO, German and US text, Excel serial
// numbers, stored as the wall-clock time the export shows. Multiple choice:
// "A;B;" (MS Forms), "A, B" split against the known options (an option may
// hold a comma; a fragment matching none is an "other" text, kept as a
// comment), or one column per option (Y, Ja, x, or the option's label).
//
// Batches: each table is handed to the Sink in batches of up to 64k rows
// (16k for comments and rejects). The repeating strings of answers and
// responses (event, respondent of an answer, question, item, label, state,
// sector, file) are Arrow dictionaries, numbered as each distinct cell
// text is first read; what a cell's text means is worked out once per
// column and text. Summary.Respondents are the respondents imported.
//
// Draft(m, rows) writes a definition for what Detect found: the questions it
// recognised with a columns rule per column, and for unknown columns new
// questions guessed from their answers, with notes; YAML renders it so that
// Parse reads it back.
//
// The question registry links a file to the events a dataset already
// holds: NewRegistry(events, asked, labels) takes the dataset's codebook
// (the questions and labels tables, in time order), and Link(m, d) scores
// every column d left unrecognised against every known question and item
// by the similarity of its header to their earlier wordings (Dice over
// folded words without function words; for a matrix row the harmonic mean
// of stem and item similarity), linking pairs at MatchThreshold or above,
// best first, each column and id once. It also lists new items of known
// questions, new questions, and the ids the latest event asked that the
// file does not (Gone). Apply maps the links into the Mapping, Extend adds
// the dataset's questions to a Definition, so Draft writes a columns rule
// per link:
//
//	reg := survey.NewRegistry([]string{"mdk16"}, asked, labels)
//	l := reg.Link(m, def)
//	// l.Linked: "… Veränderungsbedarf … [Datenschutz und DSGVO]" → need.datenschutz, 0.71
//	// l.NewItems: "… [Barrierefreiheit]" under need; l.Gone: need.smart_city, nps
//	draft, notes := reg.Extend(def).Draft(l.Apply(m), rows)
//
// # Example
//
// A hand-typed sheet, title above the header:
//
//	row 1  Feedback MDK 2025
//	row 3  Nr. | Bundesland | Handlungsbedarf Datenschutz | Zufriedenheit
//	row 4  1   | LSA        | 4                           | 7
//	row 5  1   | Thür.      | sehr hoch                   | 4
//
//	m, ok := survey.Builtin().Detect("Erfassung", rows)
//	// ok, m.Layout "handtyped", m.HeaderRow 3, m.DataRow() 4, columns:
//	// A id, B state, C need.datenschutz, D satisfaction
//	sum, err := survey.Normalize(cells, survey.Builtin(), survey.Options{Event: "mdk16", File: "boegen.xlsx", Sheet: "Erfassung"}, sink)
//	// responses: (1, DE-ST); answers: need.datenschutz 4
//	// rejects: Erfassung!D4 "7" out of range: not within 1–5
//	//          Erfassung!A5 "1" duplicate response id "1": same as row 4
//	// sum: RowsRead 2, Imported 1, CellsRejected 1, Duplicates 1
package survey
