package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
)

func newQueryCmd(g *globals) *cobra.Command {
	o := &pipeline.QueryOptions{}
	var file string
	var params []string
	c := &cobra.Command{
		Use:   "query [SQL]",
		Short: "Run SQL against the dataset (for analysts)",
		Long: `Query runs one SELECT statement against the dataset's views (responses, answers,
questions, labels, comments, imports, rejects, events, and every built-in or user
query by its name). The SQL comes from the argument, from -f FILE, or from standard
input. DuckDB runs locked down: it reads the data directory and nothing else.`,
		Example: `  resonanz query "select count(*) from responses"
  resonanz query "select * from needs_by_state where state = 'DE-TH'" --format csv
  resonanz query -f meine_abfrage.sql --param event=mdk16 --format json
  echo "select * from events" | resonanz query`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case len(args) == 1 && file != "":
				return usageError{fmt.Errorf("query: give the SQL as an argument or with -f, not both")}
			case len(args) == 1:
				o.SQL = args[0]
			case file != "":
				b, err := os.ReadFile(file)
				if err != nil {
					return fmt.Errorf("query: %w", err)
				}
				o.SQL, o.Source = string(b), file
			default:
				b, err := io.ReadAll(g.stdin)
				if err != nil {
					return fmt.Errorf("query: %w", err)
				}
				o.SQL, o.Source = string(b), "stdin"
			}
			if strings.TrimSpace(o.SQL) == "" {
				return usageError{fmt.Errorf("query: no SQL given")}
			}
			o.Params = map[string]string{}
			for _, p := range params {
				k, v, ok := strings.Cut(p, "=")
				if !ok || k == "" {
					return usageError{fmt.Errorf("query: --param %q: want name=value", p)}
				}
				o.Params[k] = v
			}
			o.DataDir = g.DataDir
			if o.Out == "" {
				var buf bytes.Buffer
				if err := pipeline.Query(c.Context(), *o, &buf); err != nil {
					return err
				}
				_, err := g.stdout.Write(buf.Bytes())
				return err
			}
			return pipeline.Query(c.Context(), *o, nil)
		},
	}
	f := c.Flags()
	f.StringVarP(&file, "file", "f", "", "read the SQL from this file")
	f.StringVar(&o.Format, "format", "table", "output format: table, csv, json, xlsx, parquet")
	f.StringVarP(&o.Out, "out", "o", "", "write to this file instead of standard output (needed for xlsx and parquet)")
	f.StringArrayVar(&params, "param", nil, "named parameter name=value, used as $name in the SQL (repeatable)")
	f.StringSliceVar(&o.Events, "event", nil, "events the views hold, comma-separated, or all (default: the latest; all_events.* always holds every event)")
	f.StringArrayVar(&o.QueryDirs, "queries", nil, "folder of user queries (repeatable)")
	f.DurationVar(&o.Timeout, "timeout", 60*time.Second, "cancel the query after this long")
	f.StringVar(&o.MemoryLimit, "memory-limit", "2GB", "DuckDB memory limit")
	f.IntVar(&o.Threads, "threads", 2, "DuckDB threads")
	f.IntVar(&o.MinN, "min-n", 0, "suppress cells resting on fewer respondents (column n); 0: off")
	f.StringVar(&o.Lang, "lang", "de", "language of labels: de or en")
	return c
}
