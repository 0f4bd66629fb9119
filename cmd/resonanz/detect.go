package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/survey"
)

type detectOptions struct {
	pipeline.DetectOptions
	WriteSurvey string
}

func newDetectCmd(g *globals) *cobra.Command {
	o := &detectOptions{}
	c := &cobra.Command{
		Use:   "detect FILE",
		Short: "Show how an export would be imported, and draft a survey definition for it",
		Long: `Detect reads a survey export as import would, and writes nothing to the dataset. It names
the tool the export came from, finds the header row and shows which column feeds which
question and item, and which it ignores: personal data (e-mail, names, IP addresses),
the tool's metadata, and columns it does not recognise.

--write-survey writes a draft survey definition (YAML) for the file: the questions it
recognised, with one rule per column, and for the columns it did not recognise new
questions guessed from their answers, marked TODO. Edit it and import with --survey.
Exports whose headers are question codes (LimeSurvey's G01Q01) need such a definition.`,
		Example: `  resonanz detect umfrage.xlsx
  resonanz detect export.csv --write-survey umfrage.yaml
  resonanz import export.csv --event mdk16 --survey umfrage.yaml
  resonanz detect papierboegen.xlsx --sheet Erfassung`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.File = args[0]
			return runDetect(g, o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.Survey, "survey", "", "survey definition file (YAML); default: the built-in conference template")
	f.StringVar(&o.Sheet, "sheet", "", "sheet to read; default: the one that looks like responses")
	f.StringVar(&o.WriteSurvey, "write-survey", "", "write a draft survey definition (YAML) for this file to `OUT.yaml`")
	f.StringVar(&o.Ingest.Encoding, "encoding", "", "CSV encoding (utf-8, windows-1252, latin1); default: detected")
	return c
}

func runDetect(g *globals, o *detectOptions) error {
	d, err := pipeline.Detect(o.DetectOptions)
	if err != nil {
		return err
	}
	w := g.stdout
	printHeader(w, d.File, d.Sheet, d.Sheets, &d.Mapping)
	printMapping(w, &d.Mapping, true)
	printMissing(w, &d.Mapping, d.Survey)
	switch {
	case d.Mapping.Layout == survey.LayoutLimeCodes && !d.OK:
		fmt.Fprintf(w, "The headers are question codes: only a survey definition says what they mean.\n")
	case !d.OK:
		fmt.Fprintf(w, "No column matches a question of the survey %q: import would fail.\n", d.Survey.Name)
	}
	if o.WriteSurvey == "" {
		if !d.OK {
			fmt.Fprintf(w, "Write a draft survey definition with --write-survey FILE.yaml, complete it, then import with --survey FILE.yaml.\n")
		}
		return nil
	}
	comment := fmt.Sprintf("Draft survey definition for %s, written by `resonanz detect`.\n"+
		"Check the questions marked TODO, then: resonanz import %s --event ID --survey %s\n"+
		"The format is described in docs/survey-definition.md.", d.File, d.File, o.WriteSurvey)
	y, err := d.Draft.YAML(comment, d.Notes)
	if err != nil {
		return fmt.Errorf("detect: %w", err)
	}
	if err := os.WriteFile(o.WriteSurvey, y, 0o644); err != nil {
		return fmt.Errorf("detect: %w", err)
	}
	todo := len(d.Notes)
	fmt.Fprintf(w, "Draft survey definition written to %s (%d questions, %d marked TODO): edit it, then import with --survey %s.\n",
		o.WriteSurvey, len(d.Draft.Questions), todo, o.WriteSurvey)
	return nil
}

// printHeader says what a file was taken for: the tool, the sheet (and which
// others there were) and where the header is.
func printHeader(w io.Writer, file, sheet string, sheets []string, m *survey.Mapping) {
	where := file
	if sheet != "" {
		where += " [" + sheet + "]"
	}
	rows := fmt.Sprintf("header in row %d", m.HeaderRow)
	if m.HeaderRows > 1 {
		rows = fmt.Sprintf("header in rows %d–%d", m.HeaderRow, m.HeaderRow+m.HeaderRows-1)
	}
	fmt.Fprintf(w, "%s: %s; layout %s, %s, responses from row %d\n", where, survey.LayoutName(m.Layout), m.Layout, rows, m.DataRow())
	if len(sheets) > 1 {
		fmt.Fprintf(w, "  sheet %q chosen of %s (--sheet chooses another)\n", sheet, quoteList(sheets))
	}
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// printMissing names the survey's questions no column feeds.
func printMissing(w io.Writer, m *survey.Mapping, d *survey.Definition) {
	if miss := m.Missing(d); len(miss) > 0 && len(m.Mapped()) > 0 {
		fmt.Fprintf(w, "  not in this file: %s\n", strings.Join(miss, ", "))
	}
}
