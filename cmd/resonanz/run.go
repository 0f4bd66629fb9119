package main

import (
	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
)

func newRunCmd(g *globals) *cobra.Command {
	io := &importOptions{}
	ro := &pipeline.ReportOptions{}
	var params []string
	c := &cobra.Command{
		Use:   "run FILE...",
		Short: "Import survey exports and write the report: the organiser's one command",
		Long: `Run imports the files into the event (as resonanz import does) and then writes the
report for that event (as resonanz report does): OUT/report.xlsx, OUT/report.html and
OUT/charts/.`,
		Example: `  resonanz run umfrage.xlsx --event mdk16 --out bericht
  resonanz run umfrage.xlsx --event mdk16 --lang en --out report-en
  resonanz run umfrage.xlsx --event mdk16 --weights margins-mdk16.yaml --out bericht`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			p, err := parseParams(params)
			if err != nil {
				return err
			}
			io.Files, io.Lang = args, ro.Lang
			if _, err := runImport(c, g, io); err != nil {
				return err
			}
			ro.DataDir, ro.Event, ro.Params = g.DataDir, io.Event, p
			return runReport(c, g, ro)
		},
	}
	addImportFlags(c, io)
	addReportFlags(c, ro, &params)
	return c
}
