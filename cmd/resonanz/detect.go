package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/ingest"
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
Exports whose headers are question codes (LimeSurvey's G01Q01) need such a definition.

When the data directory (--data) holds earlier events, detect compares the file with
them: a column the definition does not recognise is linked to the question or item
whose wording in an earlier event is most similar (word overlap, shown as a score
from 0 to 1, at least 0.50), and detect lists the questions that are new (not in the
dataset) and gone (asked in the latest event, not in this file). The draft maps each
linked column onto the existing id with a columns rule, so import --survey keeps the
trend across reworded questions; check the links it marks TODO.`,
		Example: `  resonanz detect umfrage.xlsx
  resonanz detect export.csv --write-survey umfrage.yaml
  resonanz import export.csv --event mdk16 --survey umfrage.yaml
  resonanz detect papierboegen.xlsx --sheet Erfassung
  resonanz detect umfrage-2026.xlsx --data resonanz-data --write-survey mdk17.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.File = args[0]
			o.DataDir = g.DataDir
			return runDetect(c, g, o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.Survey, "survey", "", "survey definition file (YAML); default: the built-in conference template")
	f.StringVar(&o.Sheet, "sheet", "", "sheet to read; default: the one that looks like responses")
	f.IntVar(&o.HeaderRow, "header-row", 0, "the row that holds the column titles; default: found from the sheet's structure")
	f.StringVar(&o.WriteSurvey, "write-survey", "", "write a draft survey definition (YAML) for this file to `OUT.yaml`")
	f.StringVar(&o.Ingest.Encoding, "encoding", "", "CSV encoding (utf-8, windows-1252, latin1); default: detected")
	return c
}

func runDetect(c *cobra.Command, g *globals, o *detectOptions) error {
	d, err := pipeline.Detect(c.Context(), o.DetectOptions)
	if err != nil {
		return err
	}
	w := g.stdout
	printHeader(w, d.File, d.Sheet, d.Sheets, &d.Mapping)
	printColumns(w, d.Detection, d.Survey, true)
	printMissing(w, &d.Mapping, d.Survey)
	printWarnings(w, &d.Mapping)
	printMatched(w, d.Reworded)
	printUnknown(w, d.Unknown)
	if d.DataErr != nil {
		fmt.Fprintf(g.stderr, "resonanz: warning: %v\n", d.DataErr)
	}
	if d.Linking != nil {
		printLinking(w, o.DataDir, d.Linking)
	}
	fmt.Fprintf(w, "%d responses read", d.Rows)
	if d.Own {
		fmt.Fprintf(w, "; read with the survey definition %q", d.Survey.Name)
	} else {
		fmt.Fprintf(w, "; without a survey definition, import reads the file as drafted here")
	}
	fmt.Fprintln(w)
	if !d.OK {
		fmt.Fprintf(w, "No column feeds a question: import would fail (%v).\n", d.Problem)
	}
	if o.WriteSurvey == "" {
		if !d.OK || len(d.Notes) > 0 {
			fmt.Fprintf(w, "Write the draft survey definition with --write-survey FILE.yaml, check it, then import with --survey FILE.yaml.\n")
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
	fmt.Fprintf(w, "Draft survey definition written to %s (%d questions, %d marked TODO): check it, then import with --survey %s.\n",
		o.WriteSurvey, len(d.Draft.Questions), len(d.Notes), o.WriteSurvey)
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

// printLinking shows how the file's columns relate to the dataset's
// questions: linked by wording (with the similarity), new, and gone.
func printLinking(w io.Writer, dir string, l *survey.Linking) {
	fmt.Fprintf(w, "Compared with the dataset in %s (events %s; latest %s): the survey definition maps %d columns onto ids it holds.\n",
		dir, strings.Join(l.Events, ", "), l.Latest, l.Defined)
	if len(l.Linked) > 0 {
		fmt.Fprintf(w, "  linked by their wording in earlier events (similarity ≥ %.2f; --write-survey maps them so):\n", survey.MatchThreshold)
		for _, k := range l.Linked {
			fmt.Fprintf(w, "  %-4s %-50s → %s  %.2f  was %q (%s)\n", ingest.ColName(k.Column.Index), clip(k.Column.Header, 50),
				linkID(k.Question, k.Item), k.Score, clip(k.Was, 60), k.WasEvent)
		}
	}
	if len(l.NewItems)+len(l.New) > 0 {
		fmt.Fprintf(w, "  new, not in the dataset:\n")
		for _, k := range l.NewItems {
			what := "new item of " + k.Question
			if k.Item != "" {
				what = linkID(k.Question, k.Item) + " (new item)"
			}
			if k.Was != "" {
				what += fmt.Sprintf("  question %.2f", k.Score)
			}
			fmt.Fprintf(w, "  %-4s %-50s → %s\n", ingest.ColName(k.Column.Index), clip(k.Column.Header, 50), what)
		}
		for _, k := range l.New {
			what := "new question"
			switch {
			case k.Item != "":
				what = linkID(k.Question, k.Item) + " (new item)"
			case k.Question != "":
				what = k.Question + " (new question)"
			}
			fmt.Fprintf(w, "  %-4s %-50s → %s\n", ingest.ColName(k.Column.Index), clip(k.Column.Header, 50), what)
		}
	}
	if len(l.Gone) > 0 {
		fmt.Fprintf(w, "  gone, asked in %s but not in this file: %s\n", l.Latest, strings.Join(l.Gone, ", "))
	}
}

func linkID(q, item string) string {
	if item == "" {
		return q
	}
	return q + "." + item
}

// printMissing names the survey's questions no column feeds.
func printMissing(w io.Writer, m *survey.Mapping, d *survey.Definition) {
	if miss := m.Missing(d); len(miss) > 0 && len(m.Mapped()) > 0 {
		fmt.Fprintf(w, "  not in this file: %s\n", strings.Join(miss, ", "))
	}
}
