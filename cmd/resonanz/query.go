package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/disclosure"
)

// addLimitFlags adds the limits of analyst SQL.
func addLimitFlags(c *cobra.Command, timeout *time.Duration, memory *string, threads *int) {
	f := c.Flags()
	f.DurationVar(timeout, "timeout", 60*time.Second, "cancel the query after this long")
	f.StringVar(memory, "memory-limit", "2GB", "DuckDB memory limit")
	f.IntVar(threads, "threads", 2, "DuckDB threads")
}

func newQueryCmd(g *globals) *cobra.Command {
	o := &pipeline.QueryOptions{}
	var file string
	var params []string
	c := &cobra.Command{
		Use:   "query [SQL]",
		Short: "Run SQL against the dataset (for analysts)",
		Long: `Query runs one SELECT statement against the dataset's views (responses, answers,
questions, labels, comments, imports, rejects, events, and every built-in or user
query by its name; resonanz schema lists them). The SQL comes from the argument,
from -f FILE, or from standard input.

Parameters are bound, never pasted into the SQL: --param name=value gives $name.
When the views hold one event (the default: the latest), $event is that event.
The waves view (and with it the trend and comparison queries) spans every event up
to the latest the views hold; --compare A,B makes it the two events A and B (A the
earlier), and the views then hold B unless --event says otherwise.

DuckDB runs locked down: a single SELECT only (no COPY, ATTACH, INSTALL, LOAD, SET,
PRAGMA, CREATE, EXPORT), reading the data directory and nothing else, with a memory
limit, a thread count and a timeout. Text written to csv or xlsx never becomes a
formula.`,
		Example: `  resonanz query "select count(*) from responses"
  resonanz query "select * from headline_by_group where grp = 'DE-TH'" --format csv
  resonanz query -f meine_abfrage.sql --param min=4 --format json
  resonanz query "select * from answers where event = \$event" --event mdk15 --format parquet --out a.parquet
  resonanz query "select * from compare_last" --compare mdk15,mdk17
  echo "select * from events" | resonanz query`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("query: the SQL is one argument: put it in quotes, e.g. resonanz query \"select count(*) from responses\"")}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case len(args) == 1 && file != "":
				return usageError{fmt.Errorf("query: give the SQL as an argument or with -f, not both")}
			case len(args) == 1:
				o.SQL = args[0]
			case file != "" && file != "-":
				b, err := os.ReadFile(file)
				if err != nil {
					return inputError{fmt.Errorf("query: %w", err)}
				}
				o.SQL, o.Source = string(b), file
			case isTerminal(g.stdin):
				// Reading a terminal would wait without a word.
				return usageError{fmt.Errorf("query: no SQL given: give it as an argument in quotes, with -f FILE, or on standard input (echo \"select 1\" | resonanz query)")}
			default:
				b, err := io.ReadAll(g.stdin)
				if err != nil {
					return fmt.Errorf("query: %w", err)
				}
				o.SQL = string(b)
			}
			if c.Flags().Changed("compare") && len(o.Compare) != 2 {
				return usageError{fmt.Errorf("query: --compare %q: want two events A,B, the earlier first", strings.Join(o.Compare, ","))}
			}
			if strings.TrimSpace(o.SQL) == "" {
				return usageError{fmt.Errorf("query: no SQL given")}
			}
			if !slices.Contains(pipeline.Formats, o.Format) {
				return usageError{fmt.Errorf("query: unknown format %q (%s)", o.Format, strings.Join(pipeline.Formats, ", "))}
			}
			if (o.Format == "xlsx" || o.Format == "parquet") && o.Out == "" {
				return usageError{fmt.Errorf("query: --format %s needs --out FILE", o.Format)}
			}
			if c.Flags().Changed("min-n") && o.Rule.MinN > 1 && o.Format == "parquet" {
				return usageError{fmt.Errorf("query: --min-n works with table, csv, json and xlsx, not parquet")}
			}
			p, err := parseParams(params)
			if err != nil {
				return err
			}
			o.Params = p
			o.DataDir = g.DataDir
			noteIgnoredQueries(g, o.QueryDirs)
			if !g.Quiet {
				o.Log = g.stderr
			}
			// A failing query prints no half table: Query holds back the
			// first MiB of a result (and a terminal table whole).
			return pipeline.Query(c.Context(), *o, g.stdout)
		},
	}
	f := c.Flags()
	f.StringVarP(&file, "file", "f", "", "read the SQL from this file (- for standard input)")
	f.StringVar(&o.Format, "format", "table", "output format: "+strings.Join(pipeline.Formats, ", "))
	f.StringVarP(&o.Out, "out", "o", "", "write to this file instead of standard output (needed for xlsx and parquet)")
	f.StringArrayVar(&params, "param", nil, "named parameter name=value, used as $name in the SQL (repeatable)")
	f.StringSliceVarP(&o.Events, "event", "e", nil, "events the views hold, comma-separated, or all (default: the latest; all_events.* always holds every event)")
	f.StringSliceVar(&o.Compare, "compare", nil, "make the waves view (trend and comparison queries) the two events `A,B`, the earlier first")
	f.StringArrayVar(&o.QueryDirs, "queries", nil, "folder of user queries (repeatable)")
	f.IntVar(&o.Rule.MinN, "min-n", disclosure.Default.MinN, "blank the figures of rows whose column n is below this and of as many more as protect them; a built-in table is protected as the report protects it (see the README); 0 or 1: off")
	f.StringVar(&o.Lang, "lang", "de", "language of the label views and the xlsx sheet: de or en")
	f.BoolVar(&o.ShowProvenance, "show-provenance", false, "add the view provenance: the file and row each respondent came from (re-identifies them to whoever has the export)")
	addLimitFlags(c, &o.Timeout, &o.MemoryLimit, &o.Threads)
	return c
}
