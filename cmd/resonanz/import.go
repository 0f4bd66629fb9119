package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/ingest"
)

type importOptions struct {
	pipeline.ImportOptions
	KeyFile string
	Lang    string // of what import prints
}

func addImportFlags(c *cobra.Command, o *importOptions) {
	f := c.Flags()
	f.StringVarP(&o.Event, "event", "e", "", "event id the responses belong to, e.g. mdk16 (required)")
	f.StringVar(&o.EventTitle, "event-title", "", "the event's title, e.g. \"16. Mitteldeutsche Digitalisierungskonferenz\"")
	f.StringVar(&o.EventDate, "event-date", "", "the event's date, YYYY-MM-DD")
	f.IntVar(&o.Invited, "invited", 0, "how many people were invited to answer, for the report's response rate")
	f.StringVar(&o.Survey, "survey", "", "survey definition file (YAML); default: the built-in conference template")
	f.StringVar(&o.Sheet, "sheet", "", "sheet to import; default: the one that looks like responses")
	f.IntVar(&o.HeaderRow, "header-row", 0, "the row that holds the column titles; default: found from the sheet's structure")
	f.StringVar(&o.DateOrder, "date-order", "", "slash dates day first (dmy: 05/11/2025 is the 5th of November) or month first (mdy); default: decided from the file")
	f.BoolVar(&o.Strict, "strict", false, "fail, importing nothing, if any value is rejected")
	f.BoolVar(&o.Replace, "replace", false, "replace an earlier import of a file with the same name in this event")
	f.StringVar(&o.Ingest.Encoding, "encoding", "", "CSV encoding (utf-8, windows-1252, latin1); default: detected")
	f.StringVar(&o.KeyFile, "key", defaultKeyFile(), "pseudonym key file, kept outside the data directory (or $RESONANZ_KEY)")
	f.BoolVar(&o.NewKey, "new-key", false, "use this pseudonym key although the dataset was made with another (or its key file is gone): pseudonyms change")
	_ = c.MarkFlagRequired("event")
}

func newImportCmd(g *globals) *cobra.Command {
	o := &importOptions{}
	c := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import survey exports (xlsx, csv) into the dataset",
		Long: `Import reads each file, finds the header, maps its columns onto the survey's questions
and publishes the responses into the dataset under --data. Values it cannot understand
are kept as rejects with file, sheet, row, column and reason; the rest of the response
is imported. Importing the same bytes again is a no-op. If anything fails, the dataset
is left as it was.`,
		Example: `  resonanz import umfrage.xlsx --event mdk16
  resonanz import export.csv --event mdk16 --survey umfrage.yaml --strict
  resonanz import korrigiert.xlsx --event mdk16 --replace`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.Files = args
			_, err := runImport(c, g, o)
			return err
		},
	}
	addImportFlags(c, o)
	c.Flags().StringVar(&o.Lang, "lang", "de", "language of the output: de or en")
	return c
}

func runImport(c *cobra.Command, g *globals, o *importOptions) ([]*pipeline.FileResult, error) {
	lang, err := i18n.Parse(o.Lang)
	if err != nil {
		return nil, usageError{fmt.Errorf("import: %w", err)}
	}
	o.DataDir = g.DataDir
	o.Log = g.stderr
	o.Progress = g.progress()
	if err := protect(o); err != nil {
		return nil, err
	}
	res, err := pipeline.Import(c.Context(), o.ImportOptions)
	if !g.Quiet {
		for _, r := range res {
			// Results come with an error only when --strict refused them.
			printImport(g.stdout, lang, r, g.Verbose, err == nil)
		}
	}
	return res, err
}

func printImport(w io.Writer, lang string, r *pipeline.FileResult, verbose, written bool) {
	if r.Skipped != "" {
		fmt.Fprintf(w, "%s: %s\n", r.File, r.Skipped)
		return
	}
	s := r.Summary
	printHeader(w, lang, r.File, r.Sheet, r.Sheets, &s.Mapping)
	printColumns(w, lang, r.Detection, r.Survey, verbose)
	printMissing(w, lang, &s.Mapping, r.Survey)
	printWarnings(w, lang, &s.Mapping)
	printDrafted(w, lang, r.Detection, r.Survey)
	imported := i18n.T(lang, "import.imported", s.Imported)
	if !written {
		imported = i18n.T(lang, "import.none_imported")
	}
	fmt.Fprint(w, i18n.T(lang, "import.summary", r.File, i18n.N(lang, "import.n.rows", s.RowsRead), imported,
		i18n.N(lang, "import.n.rejected_rows", s.RowsRejected), i18n.N(lang, "import.n.rejected_values", s.CellsRejected),
		i18n.N(lang, "import.n.duplicates", s.Duplicates), i18n.N(lang, "import.n.blank", s.Blank)))
	if s.Skipped > 0 {
		fmt.Fprint(w, i18n.N(lang, "import.no_responses", s.Skipped))
	}
	if s.Scrubbed > 0 {
		fmt.Fprint(w, i18n.N(lang, "import.scrubbed", s.Scrubbed))
	}
	fmt.Fprintln(w)
	if r.Detection != nil {
		printMatched(w, lang, r.Detection.Reworded)
	}
	printMatched(w, lang, s.Matched)
	printUnknown(w, lang, s.Unknown)
	printRejects(w, lang, r, verbose, written)
	if len(r.Replaced) > 0 {
		fmt.Fprintln(w, i18n.N(lang, "import.replaced", len(r.Replaced), r.File))
	}
}

// printRejects lists what was not imported, where it is and why; the
// rejects table holds every one.
func printRejects(w io.Writer, lang string, r *pipeline.FileResult, verbose, written bool) {
	s := r.Summary
	show := s.Rejects
	if !verbose && len(show) > 10 {
		show = show[:10]
	}
	for _, x := range show {
		fmt.Fprintln(w, i18n.T(lang, "import.rejected", ingest.CellRef(r.Sheet, x.Row, x.Col), format.Middle(x.Value, 40), x.Reason))
	}
	if n := s.Rejected(); n > len(show) {
		fmt.Fprintln(w, i18n.N(lang, "import.more_rejects", n-len(show)))
	}
	if s.Rejected() > 0 && written {
		fmt.Fprintln(w, i18n.T(lang, "import.all_rejects"))
	}
}
