package chart

import (
	"math"
	"strings"

	"github.com/resonanz/resonanz/pipeline/format"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// valueAxis fits a value axis around e on round numbers, keeping fixed ends
// from spec. pad leaves room around line points so markers are not cut.
func valueAxis(spec Spec, e extent, lang string, pad bool) Axis {
	if e.lo > e.hi { // nothing drawn
		e = extent{0, 1}
	}
	if pad {
		d := (e.hi - e.lo) * 0.05
		e = extent{e.lo - d, e.hi + d}
	}
	lo, hi := e.lo, e.hi
	if spec.YMin != nil {
		lo = *spec.YMin
	}
	if spec.YMax != nil {
		hi = *spec.YMax
	}
	if hi <= lo {
		if spec.YMax == nil {
			hi = lo + 1
		} else {
			lo = hi - 1
		}
	}
	step := niceStep(hi-lo, tickTarget(spec, 6))
	if spec.YMin == nil {
		lo = math.Floor(lo/step+1e-9) * step
	}
	if spec.YMax == nil {
		hi = math.Ceil(hi/step-1e-9) * step
	}
	if spec.Format.Share() {
		d := decimals(step * 100)
		return Axis{Min: lo, Max: hi, Ticks: ticks(lo, hi, step, func(v float64) string {
			return format.Percent(lang, v, d)
		})}
	}
	d := decimals(step)
	return Axis{Min: lo, Max: hi, Ticks: ticks(lo, hi, step, func(v float64) string {
		return format.Number(lang, v, d)
	})}
}

// tickTarget is about how many steps a value axis has: fewer on a phone,
// where the labels would otherwise run into each other.
func tickTarget(spec Spec, wide int) int {
	if spec.Width > 0 && spec.Width < 500 {
		return max(2, wide/2)
	}
	return wide
}

// shareAxis is the value axis of a diverging chart: symmetric around zero,
// labelled with the unsigned percentage on both sides.
func shareAxis(spec Spec, reach float64, lang string) Axis {
	if reach <= 0 {
		reach = 1
	}
	step := niceStep(reach, tickTarget(spec, 4))
	m := math.Ceil(reach/step-1e-9) * step
	d := decimals(step * 100)
	return Axis{Min: -m, Max: m, Ticks: ticks(-m, m, step, func(v float64) string {
		return format.Percent(lang, math.Abs(v), d)
	})}
}

// niceStep returns a tick step of 1, 2, 2.5 or 5 times a power of ten that
// splits span into at most about target intervals.
func niceStep(span float64, target int) float64 {
	raw := span / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

func ticks(lo, hi, step float64, label func(float64) string) []Tick {
	var ts []Tick
	// Multiples of step, not repeated addition, so 0.1+0.2 drift cannot
	// drop the last tick.
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		ts = append(ts, Tick{Value: v, Label: label(v)})
	}
	return ts
}

// decimals is the number of decimals needed to print multiples of step.
func decimals(step float64) int {
	for d := range 6 {
		x := step * math.Pow(10, float64(d))
		if math.Abs(x-math.Round(x)) < 1e-6 {
			return d
		}
	}
	return 6
}

// wrap breaks s into lines no wider than width, at spaces and after
// hyphens ("Sachsen-" / "Anhalt"). A word wider than width keeps its own
// line; the caller checks fits to decide what else to do.
func wrap(s string, sty text.Style, width vg.Length) (lines []string, fits bool) {
	fits = true
	for para := range strings.SplitSeq(s, "\n") {
		line := ""
		for word := range strings.FieldsSeq(para) {
			for i, piece := range splitAfterHyphens(word) {
				sep := " "
				if i > 0 || line == "" {
					sep = ""
				}
				if line != "" && sty.Width(line+sep+piece) > width {
					lines = append(lines, line)
					line, sep = "", ""
				}
				line += sep + piece
			}
		}
		lines = append(lines, line)
	}
	for _, ln := range lines {
		fits = fits && sty.Width(ln) <= width
	}
	return lines, fits
}

func splitAfterHyphens(word string) []string {
	var out []string
	for {
		i := strings.Index(word, "-")
		if i <= 0 || i == len(word)-1 {
			return append(out, word)
		}
		out = append(out, word[:i+1])
		word = word[i+1:]
	}
}
