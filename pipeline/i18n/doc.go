// Package i18n is the one catalogue of user-facing text: German (the
// default) and English side by side, one file per area (report.go,
// columns.go, import.go, cli.go, …) so that work on one area never touches
// another's file.
//
// Contract:
//
//   - T(lang, key, args…) returns the text of key in lang, formatted with
//     fmt.Sprintf when args are given. lang is "de" or "en" (Parse checks
//     user input); anything else, and "", reads as German.
//   - N(lang, key, n, args…) counts: it takes key+".one" for n == 1 when
//     the catalogue has that form, so "1 Zeile" / "1 row" but "2 Zeilen".
//   - Every key has both languages (TestComplete), is defined once across
//     all area files (TestUnique), and every literal key passed to T,
//     Column or Type in the repository exists (TestKeysUsed).
//   - An unknown key returns "⟦key⟧", so a gap shows in the output and in
//     tests instead of passing as a blank.
//   - Text that comes from data in both languages (a question's text and
//     text_en) is chosen with Pick, not with a lang == "en" branch.
//   - Message carries a key and its arguments across stages, e.g. a reject
//     reason written at import and shown in the report's language later.
//
// Example:
//
//	i18n.T("de", "summary")                → "Übersicht"
//	i18n.T("en", "suppressed_note", 5)     → "\".\" = not shown to protect respondents: rests on fewer than 5 …"
//	i18n.N("de", "import.n.rows", 1)       → "1 Zeile"
//	i18n.Column("en", "ci_low")            → "CI low"
//	i18n.Pick("en", "Bundesland", "")      → "Bundesland" (no English given)
package i18n
