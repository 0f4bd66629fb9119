package main

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/query"
)

func newSchemaCmd(g *globals) *cobra.Command {
	o := &pipeline.ListOptions{}
	c := &cobra.Command{
		Use:   "schema [VIEW...]",
		Short: "List the views analysts can query, with their columns",
		Long: `Schema prints every view of the dataset with a one-line description and its columns
and types: the data model (responses, answers, questions, labels, comments, imports,
rejects, events), the label views in the report's language, all_events.* (every
event), and the built-in and user queries. It ends with the macros. Name views to
see only those.`,
		Example: `  resonanz schema
  resonanz schema answers headline_by_group`,
		RunE: func(c *cobra.Command, args []string) error {
			o.DataDir = g.DataDir
			noteIgnoredQueries(g, o.QueryDirs)
			views, err := pipeline.Schema(c.Context(), *o)
			if err != nil {
				return err
			}
			var b strings.Builder
			shown := map[string]bool{}
			for _, v := range views {
				if len(args) > 0 && !slices.Contains(args, v.Name) {
					continue
				}
				shown[v.Name] = true
				fmt.Fprintf(&b, "%s — %s\n", v.Name, v.Description)
				width := 0
				for _, c := range v.Columns {
					width = max(width, utf8.RuneCountInString(c.Name))
				}
				for _, c := range v.Columns {
					fmt.Fprintf(&b, "  %s%s  %s\n", c.Name, strings.Repeat(" ", width-utf8.RuneCountInString(c.Name)), c.Type)
				}
				b.WriteString("\n")
			}
			for _, a := range args {
				if !shown[a] {
					return usageError{fmt.Errorf("schema: no view %q (resonanz schema lists them)", a)}
				}
			}
			if len(args) == 0 {
				b.WriteString("macros\n")
				for _, m := range query.Macros {
					fmt.Fprintf(&b, "  %s — %s\n", m.Name, m.Description)
				}
			}
			_, err = fmt.Fprint(g.stdout, b.String())
			return err
		},
	}
	f := c.Flags()
	f.StringSliceVarP(&o.Events, "event", "e", nil, "events the views hold (default: the latest)")
	f.StringArrayVar(&o.QueryDirs, "queries", nil, "folder of user queries (repeatable)")
	f.StringVar(&o.Lang, "lang", "de", "language of the label views: de or en")
	return c
}
