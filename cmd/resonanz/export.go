package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/i18n"
)

func newExportCmd(g *globals) *cobra.Command {
	o := &pipeline.ExportOptions{}
	var wide bool
	c := &cobra.Command{
		Use:   "export --wide --format xlsx|csv|parquet --out FILE",
		Short: "Export one row per respondent for Excel pivot tables, SPSS or R",
		Long: `Export --wide writes one row per respondent and one column per question or item:
a scale or number question's value (need_datenschutz), a single choice as its code
and a _label column (state, state_label), a multiple choice as one 0/1 column per
option (topics_smart_city; 0 also when nothing was chosen), free text as text, and
typed "other" answers as <question>_other. Column names are safe ids for SPSS and R.

The codebook (column, question, item, type, texts, values) is the second sheet of
an xlsx file, and <FILE>.codebook.csv beside a csv or parquet file.

The rows are pseudonymous personal data: share them as the survey's privacy notice
allows. Text in csv and xlsx never becomes a formula: in csv a text starting with
= + - @ gets a leading '.`,
		Example: `  resonanz export --wide --format xlsx --out antworten.xlsx
  resonanz export --wide --event mdk15 --format csv --out mdk15.csv
  resonanz export --wide --event all --format parquet --out alle.parquet`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if !wide {
				return usageError{fmt.Errorf("export: say --wide (one row per respondent); the long tables are views: resonanz query \"select * from answers\" --format parquet --out answers.parquet")}
			}
			if !slices.Contains([]string{"xlsx", "csv", "parquet"}, o.Format) {
				return usageError{fmt.Errorf("export: unknown format %q (xlsx, csv, parquet)", o.Format)}
			}
			o.DataDir = g.DataDir
			res, err := pipeline.Export(c.Context(), *o)
			if err != nil {
				return err
			}
			if !g.Quiet {
				size := i18n.N(o.Lang, "cli.n.columns", res.Columns)
				if o.Format != "parquet" {
					size = i18n.N(o.Lang, "import.n.rows", res.Rows) + ", " + size
				}
				fmt.Fprintln(g.stdout, i18n.T(o.Lang, "cli.wrote", i18n.Join(o.Lang, res.Files), size))
			}
			return nil
		},
	}
	f := c.Flags()
	f.BoolVar(&wide, "wide", false, "one row per respondent, one column per question or item")
	f.StringSliceVarP(&o.Events, "event", "e", nil, "events to export, comma-separated, or all (default: the latest)")
	f.StringVar(&o.Format, "format", "xlsx", "xlsx, csv or parquet")
	f.StringVarP(&o.Out, "out", "o", "", "file to write (required)")
	f.StringVar(&o.Lang, "lang", "de", "language of the codebook: de or en")
	addLimitFlags(c, &o.Timeout, &o.MemoryLimit, &o.Threads)
	_ = c.MarkFlagRequired("out")
	return c
}
