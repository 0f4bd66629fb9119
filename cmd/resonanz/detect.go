package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/survey"
)

type detectOptions struct {
	pipeline.DetectOptions
	WriteSurvey string
	Lang        string
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
	f.StringVar(&o.Lang, "lang", "de", "language of the output: de or en")
	return c
}

func runDetect(c *cobra.Command, g *globals, o *detectOptions) error {
	lang, err := i18n.Parse(o.Lang)
	if err != nil {
		return usageError{fmt.Errorf("detect: %w", err)}
	}
	d, err := pipeline.Detect(c.Context(), o.DetectOptions)
	if err != nil {
		return err
	}
	w := g.stdout
	printHeader(w, lang, d.File, d.Sheet, d.Sheets, &d.Mapping)
	printColumns(w, lang, d.Detection, d.Survey, true)
	printMissing(w, lang, &d.Mapping, d.Survey)
	printWarnings(w, lang, &d.Mapping)
	printMatched(w, lang, d.Reworded)
	printUnknown(w, lang, d.Unknown)
	if d.DataErr != nil {
		fmt.Fprintln(g.stderr, i18n.T(lang, "detect.warning", d.DataErr))
	}
	if d.Linking != nil {
		printLinking(w, lang, o.DataDir, d.Linking)
	}
	fmt.Fprint(w, i18n.N(lang, "detect.read", d.Rows))
	if d.Own {
		fmt.Fprint(w, i18n.T(lang, "detect.own", d.Survey.Name))
	} else {
		fmt.Fprint(w, i18n.T(lang, "detect.as_draft"))
	}
	fmt.Fprintln(w)
	if !d.OK {
		fmt.Fprintln(w, i18n.T(lang, "detect.fails", d.Problem))
	}
	if o.WriteSurvey == "" {
		if !d.OK || len(d.Notes) > 0 {
			fmt.Fprintln(w, i18n.T(lang, "detect.hint"))
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
	fmt.Fprintln(w, i18n.T(lang, "detect.written", o.WriteSurvey, len(d.Draft.Questions), len(d.Notes), o.WriteSurvey))
	return nil
}

// printHeader says what a file was taken for: the tool, the sheet (and which
// others there were) and where the header is.
func printHeader(w io.Writer, lang, file, sheet string, sheets []string, m *survey.Mapping) {
	where := file
	if sheet != "" {
		where += " [" + sheet + "]"
	}
	rows := i18n.T(lang, "import.header_row", m.HeaderRow)
	if m.HeaderRows > 1 {
		rows = i18n.T(lang, "import.header_rows", m.HeaderRow, m.HeaderRow+m.HeaderRows-1)
	}
	fmt.Fprintln(w, i18n.T(lang, "import.file_line", where, survey.LayoutName(m.Layout, lang), m.Layout, rows, m.DataRow()))
	if len(sheets) > 1 {
		fmt.Fprintln(w, i18n.T(lang, "import.sheet_chosen", sheet, quoteList(sheets)))
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
func printLinking(w io.Writer, lang, dir string, l *survey.Linking) {
	fmt.Fprintln(w, i18n.T(lang, "link.compared", dir, strings.Join(l.Events, ", "), l.Latest, l.Defined))
	if len(l.Linked) > 0 {
		fmt.Fprintln(w, i18n.T(lang, "link.linked", survey.MatchThreshold))
		for _, k := range l.Linked {
			fmt.Fprintf(w, "  %-4s %-50s → %s  %.2f  %s\n", ingest.ColName(k.Column.Index), format.Middle(k.Column.Header, 50),
				linkID(k.Question, k.Item), k.Score, i18n.T(lang, "link.was", format.Middle(k.Was, 60), k.WasEvent))
		}
	}
	if len(l.NewItems)+len(l.New) > 0 {
		fmt.Fprintln(w, i18n.T(lang, "link.new"))
		for _, k := range l.NewItems {
			what := i18n.T(lang, "link.new_item_of", k.Question)
			if k.Item != "" {
				what = i18n.T(lang, "link.new_item", linkID(k.Question, k.Item))
			}
			if k.Was != "" {
				what += i18n.T(lang, "link.question", k.Score)
			}
			fmt.Fprintf(w, "  %-4s %-50s → %s\n", ingest.ColName(k.Column.Index), format.Middle(k.Column.Header, 50), what)
		}
		for _, k := range l.New {
			what := i18n.T(lang, "link.new_question")
			switch {
			case k.Item != "":
				what = i18n.T(lang, "link.new_item", linkID(k.Question, k.Item))
			case k.Question != "":
				what = i18n.T(lang, "link.new_named", k.Question)
			}
			fmt.Fprintf(w, "  %-4s %-50s → %s\n", ingest.ColName(k.Column.Index), format.Middle(k.Column.Header, 50), what)
		}
	}
	if len(l.Gone) > 0 {
		fmt.Fprintln(w, i18n.T(lang, "link.gone", l.Latest, strings.Join(l.Gone, ", ")))
	}
}

func linkID(q, item string) string {
	if item == "" {
		return q
	}
	return q + "." + item
}

// printMissing names the survey's questions no column feeds.
func printMissing(w io.Writer, lang string, m *survey.Mapping, d *survey.Definition) {
	if miss := m.Missing(d); len(miss) > 0 && len(m.Mapped()) > 0 {
		fmt.Fprintln(w, i18n.T(lang, "import.missing_questions", strings.Join(miss, ", ")))
	}
}
