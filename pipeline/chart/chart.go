package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
	"github.com/resonanz/resonanz/pipeline/format"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Kind selects the chart type.
type Kind string

const (
	Bar        Kind = "bar"         // one series, one bar per category
	GroupedBar Kind = "grouped_bar" // series side by side within a category
	StackedBar Kind = "stacked_bar" // series stacked within a category
	Heatmap    Kind = "heatmap"     // category × series grid, value in each cell
	Line       Kind = "line"        // one line per series over ordered categories
	Diverging  Kind = "diverging"   // Likert distribution centred on the middle level
	None       Kind = "none"        // no chart: Render writes nothing
)

// Spec describes how to draw a result.
type Spec struct {
	Kind  Kind
	Title string // shown on top; the caller puts n and the event in
	X, Y  string // titles of the category axis and the value axis
	Note  string // footnote under the plot, e.g. why bars are missing
	Lang  string // "de" (default) or "en": number format and decimal mark

	// YMin and YMax fix the value axis (e.g. 1..5 for scale means); nil
	// means fitted to the data. Heatmaps use them for the colour scale;
	// diverging charts ignore them (shares always run from the centre).
	YMin, YMax *float64

	// Horizontal puts the categories on the vertical axis, which suits
	// long German item names. Diverging charts are always horizontal,
	// line charts never.
	Horizontal bool

	// Format says how values read on the value axis and in labels, through
	// package format (the report's one formatting path): Pct puts shares
	// on a percent axis. Text (the zero value) fits the decimals to the
	// data; diverging charts always show percentages.
	Format format.Kind

	// Colors gives series (or, in a one-series bar chart, categories) the
	// colours the report assigns them, so a category keeps one colour
	// across a report and no colour means two things; a name not listed
	// gets the chart's own colour (see Color).
	Colors map[string]color.Color

	// Width is the page width in points; 0 is 720 (10 in: a slide). A
	// narrow width (360, a phone) wraps labels tighter; text keeps its
	// size, so it stays readable when the image is shown at that width.
	Width float64

	// Partial draws a stack with hidden parts from the parts shown and
	// marks it with "+ ." at its end, instead of leaving the stack out.
	Partial bool

	// Labels prints each bar's value at its end (bar, grouped_bar), as
	// Point.Label or Format gives it.
	Labels bool
}

// Point is one value of the result.
type Point struct {
	X      string   // category
	Series string   // series; may be empty for a bar or line chart with one series
	Y      float64  // value; a share in 0..1 for diverging charts
	Lo, Hi *float64 // interval around Y, drawn as an error bar (bar, grouped_bar, line)
	// Missing marks a suppressed value (too few answers): it is left out
	// and listed in Layout.Omitted, and its place shows "."; Y, Lo and Hi
	// are ignored.
	Missing bool
	// Label is the text printed in or at the mark (heatmap cell, stack
	// segment, bar end); "" formats Y by Spec.Format. The report passes
	// the text its table shows, so chart and table read alike.
	Label string
	// Sign is a short mark after the value, such as ▲ or ▼ (significantly
	// higher or lower), drawn at the bar's end or beside the point.
	Sign string
}

// Data is the result to draw.
type Data struct {
	Points []Point
	// XOrder and SeriesOrder fix the order of categories and series; when
	// empty, the order of first appearance in Points is used. A point whose
	// X or Series is not listed is an error, as it would silently vanish.
	XOrder, SeriesOrder []string
}

const (
	pageWidth = 10 * vg.Inch
	dpi       = 160 // 10 in × 160 dpi = 1600 px, sharp on a projected slide
	// NarrowWidth is the page width for phones: shown 360 px wide, text
	// of 10.5 points reads at about 10.5 px.
	NarrowWidth = 360
)

// Render draws data as spec says and writes a PNG to pngPath and an SVG to
// svgPath; an empty path skips that format. Each file is written to a
// temporary file and renamed, so a reader never sees half a chart. Kind
// None writes nothing. Render returns the Layout it drew.
func Render(spec Spec, data Data, pngPath, svgPath string) (Layout, error) {
	if pngPath == "" && svgPath == "" {
		return Layout{}, errors.New("chart: no output path")
	}
	l, err := Plan(spec, data)
	if err != nil || l.Kind == None {
		return l, err
	}
	w, h := l.size()

	var outs []atomicfile.File
	if pngPath != "" {
		c := newCanvas(w, h)
		defer release(c.Image())
		l.draw(c)
		img := c.Image()
		outs = append(outs, atomicfile.File{Path: pngPath, Write: func(w io.Writer) error { return encodePNG(w, img) }})
	}
	if svgPath != "" {
		c := vgsvg.New(w, h)
		l.draw(c)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return l, fmt.Errorf("chart: svg: %w", err)
		}
		svg := fontFallback(buf.Bytes())
		outs = append(outs, atomicfile.File{Path: svgPath, Write: func(w io.Writer) error { _, err := w.Write(svg); return err }})
	}
	if err := atomicfile.WriteAll(outs...); err != nil {
		return l, fmt.Errorf("chart: %w", err)
	}
	return l, nil
}

// SVG draws data as spec says and returns the SVG, for a page that inlines
// it (a phone-width variant, say) without writing a file.
func SVG(spec Spec, data Data) ([]byte, Layout, error) {
	l, err := Plan(spec, data)
	if err != nil || l.Kind == None {
		return nil, l, err
	}
	w, h := l.size()
	c := vgsvg.New(w, h)
	l.draw(c)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, l, fmt.Errorf("chart: svg: %w", err)
	}
	return fontFallback(buf.Bytes()), l, nil
}

// fontFallback lets viewers without Liberation Sans use Arial or Helvetica,
// which have the same metrics, so labels keep their room. Embedding the
// fonts instead would make every SVG about a megabyte.
func fontFallback(svg []byte) []byte {
	return bytes.ReplaceAll(svg,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}
