package chart

import (
	"slices"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// kind is what one chart type does: how Plan lays its marks out and how
// Render paints them. Each type is a value registered with register, so a
// new chart type is one new file (its Kind constant, its plan and draw
// funcs and the register call; see example_kind_test.go) and Plan,
// Render, checkSpec and Kinds need no edit.
type kind struct {
	name Kind
	// plan fills the layout's marks, axes and legend from the validated
	// data; nil draws nothing (None).
	plan func(l *Layout, spec Spec, t *table) error
	// draw paints the marks inside the plot area; nil paints them as bars
	// (filled boxes with their labels and error bars).
	draw func(l *Layout, c draw.Canvas, tr transform)
	// row is the height a category needs on a vertical axis; 0 means 26.
	row func(l *Layout) vg.Length
	// slabs: the marks are bars, narrowed when few categories would make
	// them thicker than maxThickness.
	slabs bool
}

// transform maps plot coordinates to the canvas.
type transform struct {
	x, y func(float64) vg.Length
	rect func(Box) vg.Rectangle
}

// kinds are the registered chart types by name. It has no initializer, so
// it is ready before any package variable calls register (no init()).
var kinds map[Kind]*kind

// register adds a chart type and returns its name, for
// `var _ = register(kind{name: Heatmap, …})` beside the type's code. A
// name registered twice is a programming error and panics at start-up.
func register(k kind) Kind {
	if kinds == nil {
		kinds = map[Kind]*kind{}
	}
	if k.name == "" || kinds[k.name] != nil {
		panic("chart: register: kind " + string(k.name) + " is empty or registered twice")
	}
	kinds[k.name] = &k
	return k.name
}

// Kinds returns every chart type's name, sorted: what a query's
// `-- chart:` header may name.
func Kinds() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, string(k))
	}
	slices.Sort(out)
	return out
}

// The built-in types; their plan and draw funcs are in plan.go and draw.go.
var (
	_ = register(kind{name: Bar, plan: (*Layout).bars, slabs: true})
	_ = register(kind{name: GroupedBar, plan: (*Layout).bars, slabs: true,
		row: func(l *Layout) vg.Length { return max(24, 13*vg.Length(len(l.Series))+8) }})
	_ = register(kind{name: StackedBar, plan: (*Layout).stacked, slabs: true})
	_ = register(kind{name: Diverging, plan: (*Layout).diverging, slabs: true})
	_ = register(kind{name: Heatmap, plan: (*Layout).heatmap, draw: (*Layout).drawCells,
		row: func(*Layout) vg.Length { return 30 }})
	_ = register(kind{name: Line, plan: (*Layout).line, draw: (*Layout).drawLines})
	_ = register(kind{name: None})
)
