package sheets

import "fmt"

// The sheets' words, de and en. They move into pipeline/i18n (area
// sheets) once it is on main; keys stay.
type text struct{ de, en string }

var words = map[string]text{
	"sheets.sheet":           {"Tabelle", "Table"},
	"sheets.answer":          {"Antwort", "Answer"},
	"sheets.option":          {"Option", "Option"},
	"sheets.item":            {"Item", "Item"},
	"sheets.not_answered":    {"(keine Angabe)", "(not answered)"},
	"sheets.other_text":      {"Sonstiges (eigene Angabe)", "Other (own answer)"},
	"sheets.other_texts":     {"Eigene Angaben unter „Sonstiges“", "Own answers under \"Other\""},
	"sheets.single_desc":     {"Anzahl und Anteil je Antwort, mit 95-%%-Wilson-Intervall. Basis: die %d Befragten, die die Frage beantwortet haben (von %d).", "Number and share per answer, with 95 %% Wilson interval. Base: the %d respondents who answered the question (of %d)."},
	"sheets.multi_desc":      {"Mehrfachauswahl: Anteil an allen %d Befragten, die eine Option gewählt haben, mit 95-%%-Wilson-Intervall; eine Person kann mehrere Optionen wählen, die Anteile ergeben zusammen mehr als 100 %%.", "Multiple choice: share of all %d respondents who chose an option, with 95 %% Wilson interval; one person may choose several options, so the shares add up to more than 100 %%."},
	"sheets.multi_base":      {"Basis: alle %d Befragten.", "Base: all %d respondents."},
	"sheets.distribution":    {"Verteilung der Antworten", "Distribution of answers"},
	"sheets.means":           {"Mittelwerte und Anteil der beiden höchsten Stufen", "Means and share of the two highest levels"},
	"sheets.scale_desc":      {"Anteile je Antwortstufe (%s), links die niedrigen, rechts die hohen Stufen, die mittlere Stufe mittig geteilt; Mittelwert mit 95-%%-Konfidenzintervall und Anteil der beiden höchsten Stufen (Top-2) mit 95-%%-Wilson-Intervall. n = Befragte, die das Item bewertet haben.", "Shares per answer level (%s), low levels to the left, high levels to the right, the middle level split at the centre; mean with 95 %% confidence interval and share of the two highest levels (top-2 box) with 95 %% Wilson interval. n = respondents who rated the item."},
	"sheets.numeric_desc":    {"Kennwerte und Verteilung der Antworten: Mittelwert mit 95-%%-Konfidenzintervall, Quartile. Basis: die %d Befragten, die eine Zahl angegeben haben.", "Summary and distribution of the answers: mean with 95 %% confidence interval, quartiles. Base: the %d respondents who gave a number."},
	"sheets.summary_block":   {"Kennwerte", "Summary"},
	"sheets.value":           {"Wert", "Value"},
	"sheets.from_to":         {"%s bis %s", "%s to %s"},
	"sheets.nps_desc":        {"Verteilung auf der Skala 0–10; Promotoren (9–10), Passive (7–8) und Detraktoren (0–6) in Prozent mit 95-%%-Wilson-Intervall; Net Promoter Score = Anteil Promotoren minus Anteil Detraktoren in Punkten (−100 bis +100), mit 95-%%-Konfidenzintervall (siehe Methodik). Basis: %d Antworten.", "Distribution on the 0–10 scale; promoters (9–10), passives (7–8) and detractors (0–6) in percent with 95 %% Wilson interval; Net Promoter Score = share of promoters minus share of detractors in points (−100 to +100), with 95 %% confidence interval (see Methods). Base: %d answers."},
	"sheets.nps_groups":      {"Promotoren, Passive, Detraktoren", "Promoters, passives, detractors"},
	"sheets.nps_short":       {"NPS", "NPS"},
	"sheets.nps_score":       {"Net Promoter Score", "Net Promoter Score"},
	"sheets.promoters":       {"Promotoren (9–10)", "Promoters (9–10)"},
	"sheets.passives":        {"Passive (7–8)", "Passives (7–8)"},
	"sheets.detractors":      {"Detraktoren (0–6)", "Detractors (0–6)"},
	"sheets.group":           {"Gruppe", "Group"},
	"sheets.ranking_desc":    {"Mittlerer Rang je Item (1 = an erster Stelle; kleiner = wichtiger) mit 95-%%-Konfidenzintervall, und Anteil der Befragten, die das Item an die erste Stelle gesetzt haben, mit 95-%%-Wilson-Intervall. Basis: die %d Befragten, die eine Rangfolge angegeben haben.", "Mean rank per item (1 = first; smaller = more important) with 95 %% confidence interval, and the share of respondents who put the item first, with 95 %% Wilson interval. Base: the %d respondents who gave a ranking."},
	"sheets.mean_rank":       {"Mittlerer Rang", "Mean rank"},
	"sheets.first_n":         {"An erster Stelle", "Ranked first"},
	"sheets.first_share":     {"Anteil an erster Stelle", "Share ranked first"},
	"sheets.open_desc":       {"%d Antworten auf die offene Frage, wie gespeichert (E-Mail-Adressen und Telefonnummern entfernt), nach Themen eines Stichwort-Codebuchs gruppiert; eine Antwort kann mehrere Themen nennen. Gruppenangaben stehen nur, wo die Gruppe mindestens %d Befragte hat.", "%d answers to the open question, as stored (e-mail addresses and phone numbers removed), grouped by the themes of a keyword codebook; an answer may name several themes. Groups are shown only where the group has at least %d respondents."},
	"sheets.themes":          {"Themen", "Themes"},
	"sheets.theme":           {"Thema", "Theme"},
	"sheets.examples":        {"Beispiele", "Examples"},
	"sheets.answers":         {"Alle Antworten", "All answers"},
	"sheets.no_theme":        {"(ohne Thema)", "(no theme)"},
	"sheets.share_answers":   {"Anteil der Antworten", "Share of answers"},
	"sheets.answers_n":       {"Antworten", "Answers"},
	"sheets.median":          {"Median", "Median"},
	"sheets.q1":              {"1. Quartil", "1st quartile"},
	"sheets.q3":              {"3. Quartil", "3rd quartile"},
	"sheets.to":              {" bis ", " to "},
	"sheets.total":           {"Gesamt", "All"},
	"sheets.heatmap_sheet":   {"Heatmap %s", "Heatmap %s"},
	"sheets.heatmap_title":   {"%s nach %s und Item (Mittelwerte)", "%s by %s and item (means)"},
	"sheets.heatmap_desc":    {"Mittelwert je Item und Gruppe (%s), dunkler = höher; rechts alle Befragten.", "Mean per item and group (%s), darker = higher; all respondents on the right."},
	"sheets.answered":        {"Beantwortet von", "Answered by"},
	"sheets.by_dimension":    {"Antworten nach %s", "Responses by %s"},
	"sheets.codebook":        {"Codebuch", "Codebook"},
	"sheets.compared":        {"Vergleich", "Comparison"},
	"sheets.compared_title":  {"Vergleich %s mit %s", "%s compared with %s"},
	"sheets.compared_sheet":  {"Vergleich gewählter Befragungen", "Comparison of chosen surveys"},
	"sheets.contents":        {"Inhalt", "Contents"},
	"sheets.cover":           {"Übersicht", "Summary"},
	"sheets.date":            {"Datum", "Date"},
	"sheets.event":           {"Befragung", "Survey"},
	"sheets.field_period":    {"Feldzeit (erste – letzte Antwort)", "Field period (first – last response)"},
	"sheets.figure":          {"Kennzahl", "Figure"},
	"sheets.files":           {"Importierte Dateien", "Imported files"},
	"sheets.findings":        {"Wichtigste Ergebnisse", "Key findings"},
	"sheets.generated":       {"Erstellt", "Generated"},
	"sheets.how_computed":    {"Wie gerechnet wurde", "How figures were computed"},
	"sheets.invited":         {"Eingeladen", "Invited"},
	"sheets.key_figures":     {"Kennzahlen", "Key figures"},
	"sheets.mean_of":         {"%s (Mittelwert, %s)", "%s (mean, %s)"},
	"sheets.methods":         {"Methodik", "Methods"},
	"sheets.no_rejects":      {"Keine zurückgewiesenen Werte.", "No rejected values."},
	"sheets.no_weighting":    {"Gewichtung: Kein Ergebnis dieses Berichts ist gewichtet; alle Zahlen beruhen auf den ungewichteten Antworten.", "Weighting: no result in this report is weighted; every figure rests on the unweighted answers."},
	"sheets.weighting_here":  {"In diesem Bericht ist nur das Blatt „%s“ gewichtet, nach %s auf die Verteilung in %s; alle anderen Ergebnisse sind ungewichtet.", "In this report only the sheet \"%s\" is weighted, by %s to the distribution in %s; all other results are unweighted."},
	"sheets.nps_method":      {"Net Promoter Score: Anteil der Antworten 9–10 (Promotoren) minus Anteil 0–6 (Detraktoren), in Punkten von −100 bis +100. Er ist das 100-Fache des Mittelwerts von x = +1 (Promotor), 0 (Passiv), −1 (Detraktor); sein Konfidenzintervall ist das Normalverteilungsintervall dieses Mittelwerts mit der Stichprobenvarianz von x, (p + d − (p − d)²) · n/(n − 1) für die Anteile p und d, begrenzt auf −100 bis +100.", "Net Promoter Score: share of answers 9–10 (promoters) minus share 0–6 (detractors), in points from −100 to +100. It is 100 times the mean of x = +1 (promoter), 0 (passive), −1 (detractor); its confidence interval is the normal interval of that mean with the sample variance of x, (p + d − (p − d)²) · n/(n − 1) for the shares p and d, bounded to −100 to +100."},
	"sheets.quality":         {"Datenqualität", "Data quality"},
	"sheets.question":        {"Frage", "Question"},
	"sheets.rejected_note":   {"Beim Import wurden %d Werte zurückgewiesen und nicht gewertet (unbekannte Antwort, Zahl außerhalb der Skala …); sie stehen mit Zeile, Spalte und Grund im Blatt „Datenqualität“.", "The import rejected %d values, which are not counted (unknown answer, number outside the scale …); the \"Data quality\" sheet lists them with row, column and reason."},
	"sheets.rejects":         {"Zurückgewiesene Werte", "Rejected values"},
	"sheets.report_title":    {"Auswertung der Befragung", "Survey results"},
	"sheets.response_rate":   {"Rücklaufquote", "Response rate"},
	"sheets.responses":       {"Antworten", "Responses"},
	"sheets.rule_applied":    {"In diesem Bericht angewandte Regel", "Rule applied in this report"},
	"sheets.rule_text":       {"Zahlen, die auf weniger als %d Befragten beruhen, werden als „.“ ausgewiesen: Häufigkeiten und die Mittelwerte, Anteile und Intervalle, die auf ihnen beruhen. Weitere Zahlen stehen als „.“, wo sich eine solche Zahl sonst aus Summen zurückrechnen ließe (sekundäre Geheimhaltung). In Diagrammen fehlen diese Werte; eine Fußnote weist darauf hin. Die Verteilung einer Antwort auf ihre Stufen beruht auf allen, die sie gegeben haben; sie wird ausgelassen, wenn diese Basis zu klein ist. Offene Antworten stehen mit den Gruppen ihrer Verfasser nur, wo diese Gruppen mindestens so groß sind.", "Figures resting on fewer than %d respondents are shown as \".\": counts, and the means, shares and intervals resting on them. Further figures show \".\" where such a number could otherwise be worked out from totals (secondary suppression). Charts leave these values out and say so in a footnote. The distribution of an answer over its levels rests on all who gave it; it is left out when that base is too small. Open answers show their writers' groups only where those groups are at least that large."},
	"sheets.suppressed_note": {"„.“ = aus Datenschutzgründen nicht ausgewiesen: beruht auf weniger als %d Antworten oder ließe eine solche Zahl zurückrechnen.", "\".\" = not shown to protect respondents: rests on fewer than %d responses, or would let such a number be worked out."},
	"sheets.top_items":       {"Höchste Werte: %s (Mittelwert, %s)", "Highest: %s (mean, %s)"},
	"sheets.weighted_sheet":  {"%s gewichtet", "%s weighted"},
	"sheets.weighted_title":  {"%s, gewichtet", "%s, weighted"},
	"sheets.weighted_desc":   {"Mittelwert je Item, gewichtet auf die angegebenen Verteilungen (Raking), mit 95-%%-Konfidenzintervall aus linearisierten Standardfehlern und effektiver Fallzahl n_eff; daneben der ungewichtete Mittelwert.", "Mean per item, weighted to the given distributions (raking), with 95 %% confidence interval from linearised standard errors and the effective sample size n_eff; the unweighted mean beside it."},
	"sheets.weighted_note":   {"Gewichtet nach %s auf die Verteilung in %s (Raking). n_eff = effektive Fallzahl nach Kish; „Mittelwert“ = ungewichtet.", "Weighted by %s to the distribution in %s (raking). n_eff = Kish's effective sample size; \"Mean\" = unweighted."},
	"sheets.what_asked":      {"Was gefragt wurde", "What was asked"},
	"sheets.type_single":     {"Einfachauswahl", "Single choice"},
	"sheets.type_multi":      {"Mehrfachauswahl", "Multiple choice"},
	"sheets.type_scale":      {"Skala", "Scale"},
	"sheets.type_numeric":    {"Zahl", "Number"},
	"sheets.type_nps":        {"Weiterempfehlung 0–10", "Recommendation 0–10"},
	"sheets.type_ranking":    {"Rangfolge", "Ranking"},
	"sheets.type_text":       {"Freitext", "Free text"},
	"sheets.f_item":          {"„%s“ mit %s (95-%%-KI %s; n = %s)", "\"%s\" at %s (95 %% CI %s; n = %s)"},
	"sheets.f_rated":         {"%s: am höchsten bewertet ist %s, am niedrigsten %s.", "%s: rated highest is %s, lowest %s."},
	"sheets.f_rated_one":     {"%s: im Mittel %s.", "%s: on average %s."},
	"sheets.f_higher":        {"%s bewertet „%s“ signifikant höher als die übrigen Befragten (%s; n = %s)", "%s rate \"%s\" significantly higher than the other respondents (%s; n = %s)"},
	"sheets.f_lower":         {"%s bewertet „%s“ signifikant niedriger als die übrigen Befragten (%s; n = %s)", "%s rate \"%s\" significantly lower than the other respondents (%s; n = %s)"},
	"sheets.f_groups":        {"%s nach Gruppen: %s%s.", "%s by group: %s%s."},
	"sheets.f_more":          {" – und %d weitere signifikante Unterschiede", " — and %d further significant differences"},
	"sheets.f_no_groups":     {"Keine Gruppe (%s) weicht bei „%s“ signifikant von den übrigen Befragten ab.", "No group (%s) differs significantly from the other respondents on \"%s\"."},
	"sheets.f_change":        {"Gegenüber „%s“ hat sich „%s“ am stärksten verändert, von %s auf %s (nicht signifikant).", "Compared with \"%s\", \"%s\" changed most, from %s to %s (not significant)."},
	"sheets.f_change_sig":    {"Gegenüber „%s“ hat sich „%s“ signifikant verändert, von %s auf %s.", "Compared with \"%s\", \"%s\" changed significantly, from %s to %s."},
	"sheets.f_change_up":     {"Gegenüber „%s“ ist „%s“ am stärksten gestiegen, signifikant von %s auf %s.", "Compared with \"%s\", \"%s\" rose most, significantly from %s to %s."},
	"sheets.f_change_down":   {"Gegenüber „%s“ ist „%s“ am stärksten gesunken, signifikant von %s auf %s.", "Compared with \"%s\", \"%s\" fell most, significantly from %s to %s."},
	"sheets.f_satisfaction":  {"%s: im Mittel %s (%s; 95-%%-KI %s; n = %s).", "%s: on average %s (%s; 95 %% CI %s; n = %s)."},
	"sheets.f_nps":           {"%s: Net Promoter Score %s (95-%%-KI %s; n = %s), %s Promotoren und %s Detraktoren.", "%s: Net Promoter Score %s (95 %% CI %s; n = %s), %s promoters and %s detractors."},
	"sheets.f_choice":        {"%s: am häufigsten gewählt wurde „%s“ (%s der Befragten; 95-%%-KI %s).", "%s: chosen most often was \"%s\" (%s of respondents; 95 %% CI %s)."},
}

// T returns the sheets' text of key in lang, formatted with args.
func T(lang, key string, args ...any) string {
	t, ok := words[key]
	if !ok {
		return "⟦" + key + "⟧"
	}
	s := t.de
	if lang == "en" {
		s = t.en
	}
	return fmt.Sprintf(s, args...)
}

// pick chooses between bilingual data: the English text for "en" when
// there is one.
func pick(lang, de, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	return de
}
