package survey

import "github.com/resonanz/resonanz/pipeline/survey/layout"

// fold and key compare question patterns, labels and headers as the
// layouts do (layout.Fold, layout.Key): one normalisation for both.
func fold(s string) string { return layout.Fold(s) }
func key(s string) string  { return layout.Key(s) }
