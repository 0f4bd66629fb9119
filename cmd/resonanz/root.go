package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/resonanz/resonanz/pipeline/progress"
)

// globals are the flags every command takes.
type globals struct {
	DataDir string
	Quiet   bool
	Verbose bool
	// CPUProfile, when set, receives a CPU profile of the command (a hidden
	// flag for measuring, see bench/xlsx).
	CPUProfile  string
	stopProfile func()
	stdin       io.Reader
	stdout      io.Writer
	stderr      io.Writer
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
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCmd(g)
	markRan(root)
	root.SetArgs(args)
	ctx, stop := interruptible(stderr)
	defer stop()
	err := root.ExecuteContext(ctx)
	if g.stopProfile != nil {
		g.stopProfile()
	}
	return exitCode(err, stderr)
}

// interruptGrace is how long a command may take to stop after Ctrl-C (or
// SIGTERM) cancels its context: an import aborts its staging and releases
// the lock, a query is interrupted. A command still busy then (a read that
// does not look at the context) is ended; the lock goes with the process,
// and the next import cleans up what it left.
const interruptGrace = 2 * time.Second

// interruptible returns a context that Ctrl-C or SIGTERM cancels, also
// when the shell started resonanz with them ignored, and a stop func.
func interruptible(stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			cancel()
			select {
			case <-done:
			case <-time.After(interruptGrace):
				fmt.Fprintln(stderr, "resonanz: interrupted")
				os.Exit(exitInterrupted)
			}
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}

func newRootCmd(g *globals) *cobra.Command {
	var showVersion bool
	root := &cobra.Command{
		Use:   "resonanz",
		Short: "Survey exports in, answers and stakeholder reports out",
		Long: `resonanz imports the spreadsheets survey tools export (Microsoft Forms, Google Forms,
LimeSurvey, SurveyMonkey, Qualtrics, hand-typed sheets; xlsx or csv), stores them as one
tidy Parquet dataset, answers questions with DuckDB SQL and writes an Excel report
(report.xlsx) and the same on one HTML page (report.html).

` + exitCodeHelp(),
		Example: `  resonanz run umfrage.xlsx --event mdk16 --out bericht
  resonanz import umfrage.xlsx --event mdk16
  resonanz report --event mdk16 --out bericht
  resonanz query "select * from headline_by_group where grp = 'DE-TH'"
  resonanz completion bash > /etc/bash_completion.d/resonanz`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if showVersion {
				return printVersion(c, g.stdout)
			}
			return c.Help()
		},
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			if g.CPUProfile == "" {
				return nil
			}
			f, err := os.Create(g.CPUProfile)
			if err != nil {
				return err
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				f.Close()
				return err
			}
			g.stopProfile = func() {
				pprof.StopCPUProfile()
				f.Close()
			}
			return nil
		},
	}
	root.Flags().BoolVar(&showVersion, "version", false, "print the version (as resonanz version does)")
	root.SetIn(g.stdin)
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\n\n%s", err, c.UsageString())}
	})
	root.PersistentFlags().StringVar(&g.DataDir, "data", defaultDataDir(), "dataset directory (or $RESONANZ_DATA)")
	root.PersistentFlags().BoolVarP(&g.Quiet, "quiet", "q", false, "print only errors")
	root.PersistentFlags().BoolVarP(&g.Verbose, "verbose", "v", false, "print more detail")
	root.PersistentFlags().StringVar(&g.CPUProfile, "cpuprofile", "", "write a CPU profile to this file")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
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
		newCheckCmd(g),
		newVersionCmd(g),
	)
	root.SetHelpCommand(newHelpCmd(root))
	addCompletions(root, g)
	return root
}

// markRan wraps every command's RunE, so that exitCode tells the errors
// of a command that ran from cobra refusing the command line (exit 2).
func markRan(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(c *cobra.Command, args []string) error {
			if err := run(c, args); err != nil {
				return ranError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		markRan(sub)
	}
}

// newHelpCmd is cobra's help command, except that an unknown topic is a
// usage error (exit 2), not a usage text with exit 0.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			cmd, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name()+"\t"+sub.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || cmd == nil || len(rest) > 0 {
				return usageError{fmt.Errorf("help: no command %q (resonanz help lists them)", strings.Join(args, " "))}
			}
			return cmd.Help()
		},
	}
}

// isTerminal says whether r is a terminal (not a pipe or file).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
