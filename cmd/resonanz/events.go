package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
)

func newEventsCmd(g *globals) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "events",
		Short: "List the events (survey waves) in the dataset",
		Long: `Events lists every event with its title, date, number of responses and imported files.
Titles and dates come from import's --event-title and --event-date.`,
		Example: `  resonanz events
  resonanz events --format csv`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if !slices.Contains(formatsOf["events"], format) {
				return usageError{fmt.Errorf("events: unknown format %q (%s)", format, strings.Join(formatsOf["events"], ", "))}
			}
			return pipeline.Events(c.Context(), g.DataDir, format, g.stdout)
		},
	}
	c.Flags().StringVar(&format, "format", "table", "output format: table, csv, json")
	return c
}
