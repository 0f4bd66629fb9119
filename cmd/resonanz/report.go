package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/report"
)

func addReportFlags(c *cobra.Command, o *pipeline.ReportOptions, params *[]string) {
	f := c.Flags()
	f.StringVarP(&o.Out, "out", "o", "out", "folder for report.xlsx, report.html and charts/")
	f.StringVar(&o.Lang, "lang", "de", "language of the report: de or en")
	f.IntVar(&o.Rule.MinN, "min-n", disclosure.Default.MinN, "suppress figures resting on fewer respondents (1: show everything)")
	f.StringArrayVar(&o.QueryDirs, "queries", nil, "folder of user queries to add (repeatable)")
	f.StringArrayVar(params, "param", nil, "named query parameter name=value (repeatable)")
	f.StringVar(&o.Weights, "weights", "", "YAML file of population margins (e.g. registered attendees by state): adds a weighted sheet")
}

func parseParams(ps []string) (map[string]string, error) {
	m := map[string]string{}
	for _, p := range ps {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, usageError{fmt.Errorf("--param %q: want name=value", p)}
		}
		m[k] = v
	}
	return m, nil
}

func newReportCmd(g *globals) *cobra.Command {
	o := &pipeline.ReportOptions{}
	var params []string
	c := &cobra.Command{
		Use:   "report",
		Short: "Write the Excel report and chart images for an event",
		Long: `Report runs every built-in and user query for one event and writes
  OUT/report.xlsx   a summary sheet, one sheet per query with a table and an editable
                    chart, a Likert overview, a state × topic heatmap, methods,
                    codebook and data quality;
  OUT/report.html   the same on one self-contained page (phone and A4 print);
  OUT/charts/       <name>.png (1600 px wide, for slides) and <name>.svg per chart.
Figures resting on fewer than --min-n respondents are shown as ".", and so are
the further figures that would let them be worked out (secondary suppression).
--weights FILE rakes weights to the population margins in FILE (see the README)
and adds a sheet of weighted means; every other figure stays unweighted, and the
methods sheet says which. German by default; --lang en writes the report in
English. With earlier events in the dataset, the report compares the event with
the one before it and shows the trend up to it (never a later event); --compare
A,B reports on B and compares it with A instead (A the earlier event). On a
terminal a progress bar shows on stderr; --quiet prints only errors, --verbose
lists every sheet and file.`,
		Example: `  resonanz report --event mdk16 --out bericht
  resonanz report --event mdk16 --lang en --out report-en
  resonanz report --compare mdk15,mdk17 --out vergleich
  resonanz report --event mdk16 --weights margins-mdk16.yaml --out bericht`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			p, err := parseParams(params)
			if err != nil {
				return err
			}
			o.Params = p
			o.DataDir = g.DataDir
			if c.Flags().Changed("compare") && len(o.Compare) != 2 {
				return usageError{fmt.Errorf("--compare %q: want two events A,B, the earlier first", strings.Join(o.Compare, ","))}
			}
			return runReport(c, g, o)
		},
	}
	f := c.Flags()
	f.StringVarP(&o.Event, "event", "e", "", "event to report on (default: the latest)")
	f.IntVar(&o.Invited, "invited", 0, "how many people were invited to answer: the cover shows the response rate (default: the count given at import)")
	f.StringSliceVar(&o.Compare, "compare", nil, "compare two events `A,B` (A the earlier): the report is on B, its comparison and trend sheets compare B with A")
	addReportFlags(c, o, &params)
	return c
}

func runReport(c *cobra.Command, g *globals, o *pipeline.ReportOptions) error {
	if o.Rule.MinN < 1 {
		// The library reads 0 as "the default"; 1 is the way to show all.
		return usageError{fmt.Errorf("report: --min-n %d: at least 1 (1 shows every figure)", o.Rule.MinN)}
	}
	o.Progress = g.progress()
	noteIgnoredQueries(g, o.QueryDirs)
	wr, err := pipeline.Report(c.Context(), *o)
	if err != nil {
		return err
	}
	for _, warn := range wr.Warnings {
		fmt.Fprintf(g.stderr, "resonanz: report: warning: %s\n", warn)
	}
	if !g.Quiet {
		printReport(g.stdout, wr, o.Lang, g.Verbose)
	}
	return nil
}

func printReport(w io.Writer, wr *report.Written, lang string, verbose bool) {
	fmt.Fprintln(w, i18n.T(lang, "cli.wrote_report", wr.Workbook, i18n.N(lang, "cli.n.sheets", len(wr.Sheets)),
		wr.HTML, i18n.N(lang, "cli.n.charts", len(wr.Charts)), filepath.Dir(firstOr(wr.Charts, wr.Workbook))))
	if !verbose {
		return
	}
	names := make([]string, 0, len(wr.Sheets))
	for q := range wr.Sheets {
		names = append(names, q)
	}
	sort.Strings(names)
	for _, q := range names {
		fmt.Fprintln(w, i18n.T(lang, "cli.sheet", wr.Sheets[q], q))
	}
	for _, f := range wr.Charts {
		fmt.Fprintln(w, i18n.T(lang, "cli.chart", f))
	}
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}
