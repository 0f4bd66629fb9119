package report

import (
	"fmt"
	"github.com/resonanz/resonanz/pipeline/survey"
	"image/color"
	"strings"

	"github.com/resonanz/resonanz/pipeline/i18n"
)

// palette gives every category of every dimension one colour for the whole
// report, and never the same colour to two meanings: Sachsen is the same
// blue in every chart, and no sector or topic is that blue. Each dimension
// draws from its own family first (states from Okabe–Ito, sectors from
// Tol's muted, topics from Tol's vibrant and light), then from the colours
// no one has taken. The categories "not answered" and "the rest" are
// greys that no palette uses, light enough not to dominate.
type palette struct {
	lang  string
	dims  []string                     // in order of first use
	byDim map[string]map[string]string // dimension → category → RRGGBB
	taken map[string]string            // RRGGBB → "dimension\x00category"
	// byCat keeps a category's colour when another chart names its
	// dimension by another column (sector_name here, group there).
	byCat map[string]string // lower-cased category → RRGGBB
}

// families are the colour lists dimensions draw from, in order: the first
// dimension asking gets the first family.
var families = [][]string{
	{"0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00"},                               // Okabe–Ito
	{"332288", "88CCEE", "44AA99", "117733", "999933", "DDCC77", "CC6677", "882255", "AA4499"}, // Tol muted
	{"EE7733", "0077BB", "33BBEE", "EE3377", "CC3311", "009988"},                               // Tol vibrant
	{"77AADD", "EE8866", "EEDD88", "FFAABB", "99DDFF", "44BB99", "BBCC33", "AAAA00"},           // Tol light
}

// plainBar is the colour of a chart's only series when its bars are not
// groups of a dimension (topics wanted, say): a slate no palette has.
const plainBar = "4E6A85"

// Greys for categories that are not a group of their own.
const (
	greyNoAnswer = "C4C4C4" // "(keine Angabe)": light, so it does not dominate
	greyRest     = "8C8C8C" // "Anderes Bundesland", "übrige …": the rest
)

// preferred keeps the conference's states and sectors in the colours its
// readers know from earlier reports.
var preferred = map[string]map[string]string{
	survey.RoleState: {
		"sachsen": "009E73", "saxony": "009E73", "sachsen-anhalt": "E69F00", "saxony-anhalt": "E69F00",
		"thüringen": "0072B2", "thuringia": "0072B2",
	},
}

func newPalette(lang string) *palette {
	return &palette{lang: lang, byDim: map[string]map[string]string{}, taken: map[string]string{}, byCat: map[string]string{}}
}

// dimKey names a dimension by the column its categories come from.
func dimKey(column string) string {
	switch column {
	case survey.RoleState, "state_name":
		return survey.RoleState
	case survey.RoleSector, "sector_name":
		return survey.RoleSector
	case "item", "item_text":
		return "item"
	}
	return column
}

// hex returns the colour of category cat of dimension dim.
func (p *palette) hex(dim, cat string) string {
	m, ok := p.byDim[dim]
	if !ok {
		m = map[string]string{}
		p.byDim[dim] = m
		p.dims = append(p.dims, dim)
	}
	if c, ok := m[cat]; ok {
		return c
	}
	k := strings.ToLower(strings.TrimSpace(cat))
	c, ok := p.byCat[k]
	if !ok {
		c = p.pick(dim, cat)
		p.byCat[k] = c
	}
	m[cat] = c
	if c != greyNoAnswer && c != greyRest {
		p.taken[c] = dim + "\x00" + cat
	}
	return c
}

func (p *palette) pick(dim, cat string) string {
	k := strings.ToLower(strings.TrimSpace(cat))
	switch {
	case k == strings.ToLower(i18n.T(p.lang, "no_answer")) || k == strings.ToLower(i18n.T(i18n.EN, "no_answer")) || k == strings.ToLower(i18n.T(i18n.DE, "no_answer")):
		return greyNoAnswer
	case isRest(k):
		return greyRest
	}
	// By name, whatever column names the dimension in this chart.
	for _, m := range preferred {
		if c, ok := m[k]; ok && p.taken[c] == "" {
			return c
		}
	}
	fam := families[p.family(dim)]
	for _, c := range fam {
		if p.taken[c] == "" && !p.reserved(c, dim) {
			return c
		}
	}
	for _, f := range families {
		for _, c := range f {
			if p.taken[c] == "" && !p.reserved(c, dim) {
				return c
			}
		}
	}
	// More categories than the palettes hold: a colour of its own,
	// derived from the count so far; distinct, if not pretty.
	n := len(p.taken)
	for {
		c := fmt.Sprintf("%02X%02X%02X", (n*67)%200+30, (n*131)%200+30, (n*29)%200+30)
		if p.taken[c] == "" {
			return c
		}
		n++
	}
}

// reserved keeps a preferred colour of another dimension's category free.
func (p *palette) reserved(c, dim string) bool {
	for d, m := range preferred {
		if d == dim {
			continue
		}
		for _, pc := range m {
			if pc == c {
				return true
			}
		}
	}
	return false
}

// family is the colour family of a dimension: states, sectors and topics
// have their own; other dimensions take the families in turn.
func (p *palette) family(dim string) int {
	switch dim {
	case survey.RoleState:
		return 0
	case survey.RoleSector:
		return 1
	case "item":
		return 2
	}
	others := 0
	for _, d := range p.dims {
		if d == dim {
			break
		}
		if d != survey.RoleState && d != survey.RoleSector && d != "item" {
			others++
		}
	}
	return (3 + others) % len(families)
}

// isRest says whether a category stands for "the others": another state
// than those named, or the merged small groups of a coarser view.
func isRest(k string) bool {
	for _, w := range []string{"anderes bundesland", "other state", "sonstige", "sonstiges", "other", "others"} {
		if k == w {
			return true
		}
	}
	return strings.HasPrefix(k, strings.ToLower(i18n.T(i18n.DE, "merged_prefix"))) ||
		strings.HasPrefix(k, strings.ToLower(i18n.T(i18n.EN, "merged_prefix")))
}

// rgba converts RRGGBB to a colour.
func rgba(hex string) color.Color {
	var r, g, b uint8
	fmt.Sscanf(hex, "%02X%02X%02X", &r, &g, &b)
	return color.RGBA{R: r, G: g, B: b, A: 0xFF}
}
