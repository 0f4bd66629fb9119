package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline/progress"
)

// globals are the flags every command takes.
type globals struct {
	DataDir string
	Quiet   bool
	Verbose bool
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
}

// progress draws bars on stderr when it is a terminal (not in pipes or CI)
// and --quiet is not set.
func (g *globals) progress() progress.Tracker {
	return progress.New(g.stderr, progress.Options{Quiet: g.Quiet})
}

func defaultDataDir() string {
	if d := os.Getenv("RESONANZ_DATA"); d != "" {
		return d
	}
	return "./resonanz-data"
}

// run builds the command tree and runs it with explicit streams, so tests
// drive it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	return exitCode(err, stderr)
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "resonanz",
		Short: "Survey exports in, answers and stakeholder reports out",
		Long: `resonanz imports the spreadsheets survey tools export (Microsoft Forms, Google Forms,
LimeSurvey, SurveyMonkey, Qualtrics, hand-typed sheets; xlsx or csv), stores them as one
tidy Parquet dataset, answers questions with DuckDB SQL and writes an Excel report.`,
		Example: `  resonanz run umfrage.xlsx --event mdk16 --out bericht
  resonanz import umfrage.xlsx --event mdk16
  resonanz report --event mdk16 --out bericht
  resonanz query "select * from needs_by_state where state = 'DE-TH'"`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\n\n%s", err, c.UsageString())}
	})
	root.PersistentFlags().StringVar(&g.DataDir, "data", defaultDataDir(), "dataset directory (or $RESONANZ_DATA)")
	root.PersistentFlags().BoolVarP(&g.Quiet, "quiet", "q", false, "print only errors")
	root.PersistentFlags().BoolVarP(&g.Verbose, "verbose", "v", false, "print more detail")
	root.AddCommand(
		newImportCmd(g),
		newDetectCmd(g),
		newReportCmd(g),
		newRunCmd(g),
		newQueryCmd(g),
		newQueriesCmd(g),
		newSchemaCmd(g),
		newExportCmd(g),
		newEventsCmd(g),
	)
	return root
}
