package chart

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"slices"
	"strings"

	"gonum.org/v1/plot/palette/brewer"
)

// okabeIto is the Okabe–Ito palette, distinguishable under the common forms
// of colour-vision deficiency. The order is the fallback order for series
// without a fixed colour; black comes last because black bars dominate.
var okabeIto = []color.RGBA{
	rgb(0xE69F00), // orange
	rgb(0x56B4E9), // sky blue
	rgb(0x009E73), // bluish green
	rgb(0xF0E442), // yellow
	rgb(0x0072B2), // blue
	rgb(0xD55E00), // vermillion
	rgb(0xCC79A7), // reddish purple
	rgb(0x000000), // black
}

// grey marks "everything else" (other states) so it never competes with the
// named categories.
var grey = rgb(0x999999)

// fixedColors pins states and sectors to a colour so that, e.g., Sachsen looks
// the same in every chart of a report, whichever spelling the query used.
// States take the three most distinct Okabe–Ito hues (Sachsen's green nods
// to its flag); sectors use six hues, administrations in two blues.
var fixedColors = func() map[string]color.RGBA {
	m := map[string]color.RGBA{}
	add := func(c color.RGBA, names ...string) {
		for _, n := range names {
			m[key(n)] = c
		}
	}
	add(rgb(0x009E73), "DE-SN", "Sachsen", "Saxony")
	add(rgb(0xE69F00), "DE-ST", "Sachsen-Anhalt", "Saxony-Anhalt")
	add(rgb(0x0072B2), "DE-TH", "Thüringen", "Thueringen", "Thuringia")
	add(grey, "OTHER", "Anderes Bundesland", "Other state")

	add(rgb(0x0072B2), "Landesverwaltung", "State administration")
	add(rgb(0x56B4E9), "Kommunalverwaltung", "Municipal administration")
	add(rgb(0xE69F00), "Wirtschaft", "Business")
	add(rgb(0x009E73), "Wissenschaft", "Science")
	add(rgb(0xCC79A7), "Politik", "Politics")
	add(rgb(0xD55E00), "Zivilgesellschaft", "Civil society")
	return m
}()

// unnamed is the colour of a series without a name (a plain bar chart).
var unnamed = rgb(0x0072B2)

// Color returns the colour a series is drawn in. States and sectors (by ISO
// code, German or English name, case-insensitive) have fixed colours; any
// other name gets an Okabe–Ito colour picked by a hash of the name, so it is
// stable across charts. Within one chart a hashed colour that is already
// taken moves to the next free one (see Layout.Legend for what was used).
func Color(series string) color.Color {
	if c, ok := fixedColors[key(series)]; ok {
		return c
	}
	if key(series) == "" {
		return unnamed
	}
	return okabeIto[hashIndex(series)]
}

func key(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func hashIndex(name string) int {
	h := fnv.New32a()
	h.Write([]byte(key(name)))
	return int(h.Sum32() % uint32(len(okabeIto)))
}

// seriesColors assigns colours for the series of one chart: fixed colours
// first, then hashed ones, moving a hashed colour on when another series
// already has it, because two series in one colour cannot be told apart.
func seriesColors(series []string) (map[string]color.Color, error) {
	out := make(map[string]color.Color, len(series))
	used := map[color.RGBA]bool{}
	for _, s := range series {
		if c, ok := fixedColors[key(s)]; ok {
			out[s] = c
			used[c] = true
		}
	}
	for _, s := range series {
		if _, ok := out[s]; ok {
			continue
		}
		start := hashIndex(s)
		if key(s) == "" {
			start = slices.Index(okabeIto, unnamed)
		}
		found := false
		for i := range okabeIto {
			c := okabeIto[(start+i)%len(okabeIto)]
			if !used[c] {
				out[s], used[c], found = c, true, true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("chart: %d series, more than the %d colours that stay distinguishable", len(series), len(okabeIto))
		}
	}
	return out, nil
}

// lineColors lets a line chart show up to twice the palette: lines past the
// eighth repeat the colours but are dashed (see lineStyle), and keep their
// own marker shapes, so a trend over nine topics still reads.
func lineColors(series []string) (map[string]color.Color, error) {
	if len(series) <= len(okabeIto) {
		return seriesColors(series)
	}
	if len(series) > 2*len(okabeIto) {
		return nil, fmt.Errorf("chart: %d lines, more than the %d that stay distinguishable", len(series), 2*len(okabeIto))
	}
	out, err := seriesColors(series[:len(okabeIto)])
	if err != nil {
		return nil, err
	}
	more, err := seriesColors(series[len(okabeIto):])
	if err != nil {
		return nil, err
	}
	for k, v := range more {
		out[k] = v
	}
	return out, nil
}

// divergingColors returns n colours from red through a neutral grey to blue
// (ColorBrewer RdBu, rated colour-blind safe). Its near-white centre becomes
// grey because a white segment vanishes on a white background.
func divergingColors(n int) ([]color.Color, error) {
	p, err := brewer.GetPalette(brewer.TypeDiverging, "RdBu", max(n, 3))
	if err != nil {
		return nil, fmt.Errorf("chart: no diverging palette for %d levels: %w", n, err)
	}
	cs := append([]color.Color(nil), p.Colors()...) // the palette is shared: copy
	if n == 2 {
		cs = []color.Color{cs[0], cs[2]}
	}
	if n%2 == 1 {
		cs[n/2] = neutral
	}
	return cs, nil
}

// neutral is the middle answer level of a diverging chart.
var neutral = rgb(0xC8C8C8)

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xFF}
}

// colorsFor assigns the series' colours: those the spec gives, the rest
// from the chart's own palette (fallback), moved on where one would repeat
// a colour the spec gave.
func colorsFor(spec Spec, series []string, fallback func([]string) (map[string]color.Color, error)) (map[string]color.Color, error) {
	var rest []string
	for _, s := range series {
		if _, ok := spec.Colors[s]; !ok {
			rest = append(rest, s)
		}
	}
	out, err := fallback(rest)
	if err != nil {
		return nil, err
	}
	for _, s := range series {
		if c, ok := spec.Colors[s]; ok {
			out[s] = c
		}
	}
	return out, nil
}

// colorOf is the colour of one name: the spec's, else the fixed or hashed one.
func colorOf(spec Spec, name string) color.Color {
	if c, ok := spec.Colors[name]; ok {
		return c
	}
	return Color(name)
}

func allGiven(colors map[string]color.Color, names []string) bool {
	if len(colors) == 0 {
		return false
	}
	for _, n := range names {
		if _, ok := colors[n]; !ok {
			return false
		}
	}
	return true
}
