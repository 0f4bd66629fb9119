package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/report"
)

func addReportFlags(c *cobra.Command, o *pipeline.ReportOptions, params *[]string) {
	f := c.Flags()
	f.StringVar(&o.Out, "out", "out", "folder for report.xlsx and charts/")
	f.StringVar(&o.Lang, "lang", "de", "language of the report: de or en")
	f.IntVar(&o.MinN, "min-n", 5, "suppress figures resting on fewer respondents")
	f.StringArrayVar(&o.QueryDirs, "queries", nil, "folder of user queries to add (repeatable)")
	f.StringArrayVar(params, "param", nil, "named query parameter name=value (repeatable)")
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
		Long: `Report runs every built-in and user query for one event and writes OUT/report.xlsx
(a summary sheet, one sheet per query with a table and an editable chart, methods,
codebook and data quality) and OUT/charts/<query>.png and .svg. Figures resting on
fewer than --min-n respondents are shown as ".".`,
		Example: `  resonanz report --event mdk16 --out bericht
  resonanz report --event mdk16 --lang en --out report-en`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			p, err := parseParams(params)
			if err != nil {
				return err
			}
			o.Params = p
			o.DataDir = g.DataDir
			wr, err := pipeline.Report(c.Context(), *o)
			if err != nil {
				return err
			}
			if !g.Quiet {
				printReport(g.stdout, wr)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVarP(&o.Event, "event", "e", "", "event to report on (default: the latest)")
	addReportFlags(c, o, &params)
	return c
}

func printReport(w io.Writer, wr *report.Written) {
	fmt.Fprintf(w, "wrote %s (%d query sheets) and %d chart files\n", wr.Workbook, len(wr.Sheets), len(wr.Charts))
}
