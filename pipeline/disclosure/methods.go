package disclosure

import (
	"strconv"
	"strings"

	"github.com/resonanz/resonanz/pipeline/i18n"
)

// Methods returns the paragraphs of the report's methods sheet, printed
// verbatim: how intervals are computed, the test and its correction, the
// suppression of small numbers, and last weighting (a report without
// weights replaces that paragraph), in lang ("de" or "en"; the text lives
// in the i18n catalogue, keys methods.*). The numbers come from r, the
// rule the SQL and the suppression use, so the text cannot drift from them.
func Methods(r Rule, lang string) []string {
	num := func(x float64) string {
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if !i18n.English(lang) {
			s = strings.ReplaceAll(s, ".", ",")
		}
		return s
	}
	level, quant, alpha := num(100*r.Level), num(100*((1+r.Level)/2)), num(r.Alpha)
	small := r.MinN - 1
	return []string{
		i18n.T(lang, "methods.intervals", level, quant),
		i18n.T(lang, "methods.significance", alpha),
		i18n.T(lang, "methods.untested", r.MinN, r.MinN),
		i18n.T(lang, "methods.small_numbers", small, small),
		i18n.T(lang, "methods.weighting"),
	}
}

// Methods is the audit's paragraph for the methods sheet: how many hidden
// counts it bounded over all the tables, and what it guarantees of each
// (the rule's protection level, see Rule.Protects).
func (a Audit) Methods(r Rule, lang string) string {
	return i18n.T(lang, "methods.audit", a.Hidden, Margin, r.MinN-1, r.MinN)
}
