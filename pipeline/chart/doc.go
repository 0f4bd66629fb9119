// Package chart draws a query result as a PNG and an SVG with gonum/plot.
//
// It takes plain values (Spec, Data) and writes files; it knows nothing of
// DuckDB or Arrow, so the report stage converts a result to Points first.
//
// Contract:
//
//   - Kinds: bar (one series), grouped_bar, stacked_bar, heatmap (category
//     × series grid, value printed in each cell, "." for a missing cell),
//     line (categories in order, e.g. events; one line and marker shape per
//     series) and diverging (the Likert chart: Series are the answer levels
//     in order, Y the share 0..1; lower levels left of zero, the middle
//     level centred, upper levels right). None draws nothing.
//   - Lo/Hi become error bars on bar, grouped_bar and line charts.
//   - A Missing point (a suppressed small cell) is left out and listed in
//     Layout.Omitted. A stack or Likert distribution with a missing part is
//     left out whole, since its total or centre would be wrong. The chart
//     does not explain gaps itself: say so in Spec.Note.
//   - Colours: Color gives states and sectors fixed colours (see Color), so
//     a state looks the same in every chart; other series get Okabe–Ito
//     colours, distinct within a chart. Series names are printed as given:
//     pass "Sachsen", not "DE-SN", when the legend is for people. A one-series bar chart over states
//     or sectors colours each bar as that state or sector.
//   - Text is Liberation Sans (shipped as a Go module, with umlauts). The
//     SVG names Arial and Helvetica as fallbacks, which share its metrics.
//     Lang "de" (default) prints decimal commas and "35 %", "en" "35%".
//   - Long category labels do not collide: labels beside the plot wrap;
//     labels under it wrap to their slot or turn by 45°. The legend sits
//     above the plot, never over the data.
//   - The PNG is 1600 px wide (160 dpi) and at least 900 px high, taller
//     when many categories run down the side; the SVG shows the same.
//     Both files are written via a temporary file and a rename.
//   - Invalid input is an error prefixed "chart: ": an unknown kind or
//     language, no points, NaN or infinite values, an interval that does not
//     contain its value, duplicate points, a point not in XOrder or
//     SeriesOrder, values outside a fixed YMin..YMax, negative stack parts,
//     shares outside 0..1 or adding up to more than 1.
//
// Plan returns the Layout without drawing: the categories, series, legend,
// every mark with its box and colour, the omitted points and the axis ticks
// as labelled. Render draws exactly that Layout and returns it, so a test
// can check a chart against its data without looking at pixels.
//
// Example:
//
//	lo, hi := 3.1, 3.9
//	one, five := 1.0, 5.0
//	_, err := chart.Render(chart.Spec{
//		Kind:       chart.GroupedBar,
//		Title:      "Handlungsbedarf nach Bundesland (n = 150, mdk16)",
//		X:          "Thema",
//		Y:          "Mittelwert (1 = kein, 5 = sehr hoher Handlungsbedarf)",
//		Note:       "Balken mit weniger als 5 Antworten ausgelassen.",
//		YMin:       &one,
//		YMax:       &five,
//		Horizontal: true,
//	}, chart.Data{
//		Points: []chart.Point{
//			{X: "Digitale Souveränität", Series: "Sachsen", Y: 3.5, Lo: &lo, Hi: &hi},
//			{X: "Digitale Souveränität", Series: "Thüringen", Missing: true},
//		},
//		SeriesOrder: []string{"Sachsen", "Sachsen-Anhalt", "Thüringen", "Anderes Bundesland"},
//	}, "charts/bedarf.png", "charts/bedarf.svg")
package chart
