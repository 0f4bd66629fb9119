package i18n

// cli is the text of the cli area.
var cli = catalog{
	// What report and export say they wrote.
	"cli.wrote_report":  {"%s geschrieben (%s), %s und %s in %s", "wrote %s (%s), %s and %s in %s"},
	"cli.wrote":         {"%s geschrieben (%s)", "wrote %s (%s)"},
	"cli.n.sheets":      {"%d Blätter", "%d sheets"},
	"cli.n.sheets.one":  {"%d Blatt", "%d sheet"},
	"cli.n.charts":      {"%d Diagrammdateien", "%d chart files"},
	"cli.n.charts.one":  {"%d Diagrammdatei", "%d chart file"},
	"cli.n.columns":     {"%d Spalten", "%d columns"},
	"cli.n.columns.one": {"%d Spalte", "%d column"},
	"cli.sheet":         {"  Blatt %-32s ← %s", "  sheet %-32s ← %s"},
	"cli.chart":         {"  Diagramm %s", "  chart %s"},
}
