package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline/query"
)

// version and commit can be set at link time (-X main.version=…, the
// Makefile sets commit); otherwise they come from the build information
// Go records: the module version for go install …@v1.2.3, the VCS
// revision for a build in a git checkout.
var (
	version string
	commit  string
)

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of resonanz, its commit and the DuckDB version",
		Long: `Version prints resonanz's module version and the commit it was built from, the version
of the DuckDB library linked into it and the Go version and platform. resonanz --version
prints the same.`,
		Example: `  resonanz version
  resonanz --version`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return printVersion(c, g.stdout)
		},
	}
}

func printVersion(c *cobra.Command, w io.Writer) error {
	mod, rev, when, dirty := buildInfo()
	line := "resonanz " + mod
	var extra []string
	if rev != "" {
		if dirty {
			rev += ", modified"
		}
		extra = append(extra, "commit "+rev)
	}
	if when != "" {
		extra = append(extra, when)
	}
	if len(extra) > 0 {
		line += " (" + strings.Join(extra, ", ") + ")"
	}
	duck, err := query.DuckDBVersion(c.Context())
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\nDuckDB %s (duckdb-go %s)\n%s %s/%s\n", line, duck, depVersion("github.com/duckdb/duckdb-go/v2"),
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}

// buildInfo returns the module version, the commit (12 digits), the
// commit's time and whether the tree had changes.
func buildInfo() (mod, rev, when string, dirty bool) {
	mod, rev = version, commit
	info, ok := debug.ReadBuildInfo()
	if ok {
		if mod == "" {
			mod = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if rev == "" {
					rev = s.Value
				}
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if mod == "" {
		mod = "(devel)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return mod, rev, when, dirty
}

func depVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == path {
				return d.Version
			}
		}
	}
	return "unknown"
}
