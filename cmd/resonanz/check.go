package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
)

func newCheckCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Verify the dataset: every file present, checksums, columns",
		Long: `Check reads the dataset under --data and says whether it is sound: every Parquet file the
manifest lists is there, of the size and SHA-256 it was written with, and holds its table's
columns; no import stopped half way; no Parquet file lies in the data directory without the
manifest listing it (such files are kept, never deleted). For each problem it says what to do.
It changes nothing. Exit code 0: sound; 3: damaged.`,
		Example: `  resonanz check
  resonanz check --data /srv/umfragen/resonanz-data`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			res, err := pipeline.Check(c.Context(), g.DataDir)
			if res == nil {
				return err
			}
			for _, f := range res.Findings {
				fmt.Fprintf(g.stdout, "problem: %s\n  to do: %s\n", f.Problem, f.Fix)
			}
			if err == nil && !g.Quiet {
				fmt.Fprintf(g.stdout, "%s is sound: %d imports, %d files (sizes, SHA-256, columns)\n", g.DataDir, res.Imports, res.Files)
			}
			return err
		},
	}
}
