package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/store"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// Shell completion (resonanz completion bash|zsh|fish|powershell, cobra's)
// completes commands and flags by itself; addCompletions adds the values:
// formats, languages, event ids, view and query names, and only the files
// a flag or argument takes.

// formatsOf are the --format values per command.
var formatsOf = map[string][]string{
	"query":  pipeline.Formats,
	"events": {"table", "csv", "json"},
	"export": {"xlsx", "csv", "parquet"},
}

func addCompletions(root *cobra.Command, g *globals) {
	events := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return eventIDs(g.DataDir), cobra.ShellCompDirectiveNoFileComp
	}
	fixed := func(values ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	files := func(ext ...string) cobra.CompletionFunc {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return ext, cobra.ShellCompDirectiveFilterFileExt
		}
	}
	dirs := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	byFlag := map[string]cobra.CompletionFunc{
		"event":      events,
		"compare":    events,
		"lang":       fixed(i18n.DE, i18n.EN),
		"date-order": fixed(survey.DayFirst, survey.MonthFirst),
		"survey":     files("yaml", "yml"),
		"weights":    files("yaml", "yml"),
		"file":       files("sql"),
		"queries":    dirs,
		"data":       dirs,
	}
	_ = root.RegisterFlagCompletionFunc("data", dirs)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			fn := byFlag[f.Name]
			if f.Name == "format" {
				fn = fixed(formatsOf[c.Name()]...)
			}
			if f.Name == "out" && c.Name() != "query" && c.Name() != "export" {
				fn = dirs // report and run write a folder
			}
			if fn != nil && f.Name != "data" {
				_ = c.RegisterFlagCompletionFunc(f.Name, fn)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "import", "run", "detect":
			c.ValidArgsFunction = files("xlsx", "csv")
		case "schema":
			c.ValidArgsFunction = func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
				return viewNames(c, g, args), cobra.ShellCompDirectiveNoFileComp
			}
		case "query":
			// The argument is SQL: no file names.
			c.ValidArgsFunction = cobra.NoFileCompletions
		}
	}
}

// eventIDs are the dataset's events, none when there is no dataset.
func eventIDs(dir string) []string {
	s, err := store.Open(dir)
	if err != nil {
		return nil
	}
	m, err := s.Manifest()
	if err != nil {
		return nil
	}
	return m.EventIDs()
}

// viewNames are the views schema can show (built-in and user queries
// among them) not yet on the command line, each with its description.
func viewNames(c *cobra.Command, g *globals, given []string) []string {
	dirs, _ := c.Flags().GetStringArray("queries")
	views, err := pipeline.Schema(c.Context(), pipeline.ListOptions{DataDir: g.DataDir, QueryDirs: dirs})
	if err != nil {
		return nil
	}
	var out []string
	for _, v := range views {
		if !slices.Contains(given, v.Name) {
			out = append(out, v.Name+"\t"+strings.TrimSpace(v.Description))
		}
	}
	return out
}
