package disclosure

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Rule is the one setting of the stage. The command flags take their
// defaults from Default, the engine hands it to the SQL macros (as the
// DuckDB variables min_n, level and alpha), and the methods text prints it:
// change it here and all three follow.
type Rule struct {
	// MinN is the smallest number of people a printed figure may rest
	// on: a count of 1 to MinN−1 is hidden with every figure resting on
	// it. 0 or 1 hides nothing.
	MinN int
	// Level is the confidence level of every interval.
	Level float64
	// Alpha is the significance level after the Holm correction.
	Alpha float64
}

// Default is the rule of a report without flags.
var Default = Rule{MinN: 5, Level: 0.95, Alpha: 0.05}

// Or fills the zero fields of r from Default, so a caller may set just
// the minimum: Rule{MinN: 10}.Or().
func (r Rule) Or() Rule {
	if r.MinN == 0 {
		r.MinN = Default.MinN
	}
	if r.Level == 0 {
		r.Level = Default.Level
	}
	if r.Alpha == 0 {
		r.Alpha = Default.Alpha
	}
	return r
}

// Check reports a rule that cannot be applied.
func (r Rule) Check() error {
	switch {
	case r.MinN < 0:
		return fmt.Errorf("disclosure: --min-n %d: must be 0 or more", r.MinN)
	case !(r.Level > 0 && r.Level < 1):
		return fmt.Errorf("disclosure: confidence level %g: must lie between 0 and 1", r.Level)
	case !(r.Alpha > 0 && r.Alpha < 1):
		return fmt.Errorf("disclosure: significance level %g: must lie between 0 and 1", r.Alpha)
	}
	return nil
}

// Hide is the primary rule for one figure resting on n people (see Hide).
func (r Rule) Hide(n int) bool { return Hide(n, r.MinN) }

// Protects reports whether the interval [lo, hi] an attacker can work out
// for a hidden count keeps it protected: it reaches MinN (the count might
// not be small) and spans at least 2·Margin (so it pins nothing down).
// For counts hidden only as complements (v ≥ MinN) the width alone counts.
func (r Rule) Protects(v int, lo, hi float64) bool {
	const eps = 1e-6
	if hi-lo < 2*Margin-eps {
		return false
	}
	if r.Hide(v) && hi < float64(r.MinN)-eps {
		return false
	}
	return true
}

// Margin is half the width the audit asks of every hidden count's
// interval: ±2 people.
const Margin = 2

// Z is the normal quantile of the rule's level (1.959964 at 95 %).
func (r Rule) Z() float64 { return distuv.UnitNormal.Quantile(1 - (1-r.Level)/2) }

// TQuantile is the t quantile of the rule's level for df degrees of
// freedom; NaN for df ≤ 0.
func (r Rule) TQuantile(df float64) float64 {
	if !(df > 0) || math.IsInf(df, 0) {
		if math.IsInf(df, 1) {
			return r.Z()
		}
		return math.NaN()
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - (1-r.Level)/2)
}
