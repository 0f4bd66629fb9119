package disclosure

import (
	"fmt"
	"strconv"
	"strings"
)

// Methods returns the paragraphs of the report's methods sheet, printed
// verbatim: how intervals are computed, the test and its correction, the
// suppression of small numbers, and last weighting (a report without
// weights replaces that paragraph). lang "en" (or "en-…") gives
// English, anything else German. The numbers come from r, the rule the
// SQL and the suppression use, so the text cannot drift from them.
func Methods(r Rule, lang string) []string {
	Level, Alpha, MinN := r.Level, r.Alpha, r.MinN
	pct := func(x float64) string { return strconv.FormatFloat(100*x, 'f', -1, 64) }
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	level, quant, alpha := pct(Level), pct((1+Level)/2), num(Alpha)
	small := MinN - 1
	if strings.HasPrefix(lang, "en") {
		return []string{
			fmt.Sprintf("Confidence intervals (%s %%): for a mean, mean ± t · s/√n with the %s %% quantile of the t distribution with n−1 degrees of freedom; with fewer than two answers no interval is given. For a share, the Wilson score interval, which stays reliable for small numbers and for shares near 0 %% or 100 %%. Intervals show the uncertainty due to sampling, not that due to non-response or question wording.", level, quant),
			fmt.Sprintf("Significance: each group (e.g. a state) is compared with all other respondents of the table by Welch's t test (two-sided, without assuming equal variances), on unweighted answers. The p-values of all comparisons in a table are adjusted together by Holm's method; a group is marked as significantly higher or lower when its adjusted p-value is below %s. No mark does not mean there is no difference, only that it cannot be shown with this number of respondents.", alpha),
			fmt.Sprintf("Groups with fewer than %d answers are not tested and never marked, nor are groups compared with fewer than %d other respondents.", MinN, MinN),
			fmt.Sprintf("Small numbers: figures resting on 1 to %d respondents are not shown: counts, totals, means and shares. So that they cannot be worked out from row and column totals, further cells, as small as possible, are suppressed too (secondary suppression), with their means and shares; nor may the hidden cells of a row or column add up to 1 to %d. For the survey reported on, the tables of respondents and of answers by state and sector, with their totals, hide the same groups. Every table of counts by group is checked by solving the linear system of its totals: no suppressed number can be determined exactly from those shown. Zeros are shown and are not used as complementary cells. The rule protects groups of respondents; within a group that is shown, the spread of its answers over the answer levels is shown even where few chose a level.", small, small),
			"Weighting (only where a result is marked as weighted): weights are fitted to known population distributions, such as by state, by raking (iterative proportional fitting) and scaled to average 1; they are not trimmed. Standard errors of weighted means and shares use Taylor linearisation. Kish's effective sample size, n_eff = (Σw)²/Σw², shows the precision the weighting costs; intervals use t with n_eff−1 degrees of freedom, or the Wilson interval with n_eff in place of n.",
		}
	}
	de := func(s string) string { return strings.ReplaceAll(s, ".", ",") }
	return []string{
		fmt.Sprintf("Konfidenzintervalle (%s %%): Für Mittelwerte gilt Mittelwert ± t · s/√n mit dem %s-%%-Quantil der t-Verteilung mit n−1 Freiheitsgraden; bei weniger als zwei Antworten wird kein Intervall angegeben. Für Anteile wird das Wilson-Intervall verwendet, das auch bei kleinen Fallzahlen und bei Anteilen nahe 0 %% oder 100 %% zuverlässig bleibt. Die Intervalle zeigen die Unsicherheit durch die Stichprobe, nicht die durch Nichtteilnahme oder Frageformulierung.", de(level), de(quant)),
		fmt.Sprintf("Signifikanz: Jede Gruppe (z. B. ein Bundesland) wird mit allen übrigen Befragten der Tabelle verglichen, mit dem Welch-t-Test (zweiseitig, ohne Annahme gleicher Varianzen) auf Basis der ungewichteten Antworten. Die p-Werte aller Vergleiche einer Tabelle werden gemeinsam nach Holm korrigiert; als signifikant höher oder niedriger markiert ist eine Gruppe, deren korrigierter p-Wert unter %s liegt. Eine fehlende Markierung heißt nicht, dass es keinen Unterschied gibt, sondern nur, dass er sich bei dieser Fallzahl nicht nachweisen lässt.", de(alpha)),
		fmt.Sprintf("Gruppen mit weniger als %d Antworten werden nicht getestet und nie markiert, ebenso Gruppen, denen weniger als %d übrige Befragte gegenüberstehen.", MinN, MinN),
		fmt.Sprintf("Schutz kleiner Fallzahlen: Zahlen, die auf 1 bis %d Befragten beruhen, werden nicht ausgewiesen – Häufigkeiten, Summen, Mittelwerte und Anteile. Damit sie sich nicht aus Zeilen- und Spaltensummen zurückrechnen lassen, werden zusätzlich möglichst kleine weitere Zellen unterdrückt (sekundäre Geheimhaltung), samt ihren Mittelwerten und Anteilen; auch die unterdrückten Zellen einer Zeile oder Spalte ergeben zusammen nie eine Zahl von 1 bis %d. In der ausgewerteten Befragung blenden die Tabellen der Befragten und der Antworten nach Bundesland und Bereich samt ihren Summen dieselben Gruppen aus. Jede Tabelle mit Häufigkeiten nach Gruppen wird geprüft, indem das lineare Gleichungssystem ihrer Summen gelöst wird: Keine unterdrückte Zahl lässt sich aus den gezeigten eindeutig bestimmen. Nullen werden gezeigt und nicht als Ergänzungszellen verwendet. Geschützt werden Gruppen von Befragten; wie sich die Antworten einer gezeigten Gruppe auf die Antwortstufen verteilen, wird auch dann gezeigt, wenn nur wenige eine Stufe gewählt haben.", small, small),
		"Gewichtung (nur wo ein Ergebnis als gewichtet ausgewiesen ist): Die Gewichte werden durch Raking (iterative proportionale Anpassung) an bekannte Verteilungen der Grundgesamtheit angepasst, etwa nach Bundesland, und auf einen Mittelwert von 1 normiert; sie werden nicht gekappt. Standardfehler gewichteter Mittelwerte und Anteile werden per Taylor-Linearisierung geschätzt. Die effektive Fallzahl nach Kish, n_eff = (Σw)²/Σw², zeigt, wie viel Genauigkeit die Gewichtung kostet; Intervalle verwenden t mit n_eff−1 Freiheitsgraden bzw. das Wilson-Intervall mit n_eff statt n.",
	}
}
