package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/query"
)

func newQueriesCmd(g *globals) *cobra.Command {
	o := &pipeline.ListOptions{}
	c := &cobra.Command{
		Use:   "queries",
		Short: "List the built-in and user queries",
		Long: `Queries lists every query the report runs and analysts can select from, in report
order: its name (also its view and sheet), title, chart, whether it goes into the
report, and where it comes from ("built-in" or the user file; a user file with a
built-in's name replaces it). With data imported, each query is also tried, and a
query that cannot be a view (it uses parameters, or fails) says why.`,
		Example: `  resonanz queries
  resonanz queries --queries meine-abfragen`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			o.DataDir = g.DataDir
			noteIgnoredQueries(g, o.QueryDirs)
			list, err := pipeline.Queries(c.Context(), *o)
			if err != nil {
				return err
			}
			t := &query.Table{Columns: []string{"name", "title", "chart", "report", "source"}}
			for _, q := range list.Queries {
				src := q.Source
				if q.Overrides != "" {
					src += " (replaces " + q.Overrides + ")"
				}
				report := "yes"
				if !q.Meta.Report {
					report = "no"
				}
				t.Rows = append(t.Rows, []any{q.Name, q.Title(o.Lang), q.Meta.Chart, report, src})
			}
			if err := query.WriteAligned(g.stdout, t); err != nil {
				return err
			}
			for _, q := range list.Queries {
				if err := list.Broken[q.Name]; err != nil {
					fmt.Fprintf(g.stdout, "%s: not a view: %v\n", q.Name, err)
				}
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringArrayVar(&o.QueryDirs, "queries", nil, "folder of user queries (repeatable)")
	f.StringVar(&o.Lang, "lang", "de", "language of the titles: de or en")
	return c
}

// noteIgnoredQueries says, unless --quiet, that a queries/ folder beside the
// data directory is not read without --queries (it used to be).
func noteIgnoredQueries(g *globals, dirs []string) {
	if d := pipeline.IgnoredQueries(g.DataDir, dirs); d != "" && !g.Quiet {
		fmt.Fprintf(g.stderr, "resonanz: note: %s is not read unless named: add --queries %s to use its queries\n", d, d)
	}
}
