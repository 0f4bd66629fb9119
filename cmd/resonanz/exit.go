package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/sanitize"
	"github.com/resonanz/resonanz/pipeline/store"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// Exit codes, decided here and nowhere else.
const (
	exitOK    = 0
	exitError = 1 // anything else: I/O, internal
	exitUsage = 2 // bad flags or arguments
	exitInput = 3 // an input file or the data cannot be used
	exitQuery = 4 // a query failed or was refused
	// exitInterrupted: Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
	exitInterrupted = 130
)

// exitCodes is the table the root command's help and the README print
// (TestReadmeExitCodes keeps them equal); testdata/script/exit_codes.txtar
// runs each.
var exitCodes = []struct {
	Code    int
	Meaning string
}{
	{exitOK, "success"},
	{exitError, "any other failure (a file cannot be written, an internal error)"},
	{exitUsage, "bad command line: unknown command or flag, missing or extra argument, a flag value resonanz does not accept (format, language, date, event)"},
	{exitInput, "an input file or the data cannot be used: missing, unreadable or not a survey, a damaged dataset, no data yet (nothing was imported)"},
	{exitQuery, "a query failed or was refused (SQL error, not allowed, over a limit or the timeout)"},
	{exitInterrupted, "interrupted (Ctrl-C or SIGTERM): an import leaves the dataset as it was"},
}

func exitCodeHelp() string {
	var b strings.Builder
	b.WriteString("Exit codes:\n")
	for _, e := range exitCodes {
		fmt.Fprintf(&b, "  %d  %s\n", e.Code, e.Meaning)
	}
	return strings.TrimRight(b.String(), "\n")
}

type usageError struct{ error }

func (u usageError) Unwrap() error { return u.error }

// ranError marks an error a command's RunE returned. Any other error is
// cobra refusing the command line before a command ran (unknown command,
// a missing argument or required flag): a usage error.
type ranError struct{ error }

func (r ranError) Unwrap() error { return r.error }

// inputError marks a file a command reads (query -f) that cannot be read.
type inputError struct{ error }

func (e inputError) Unwrap() error { return e.error }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	// Messages quote SQL and cell values: no terminal escapes get through.
	fmt.Fprintf(stderr, "resonanz: %s\n", sanitize.Terminal(err.Error()))
	var qe *query.QueryError
	var ue usageError
	var ie inputError
	var re ranError
	switch {
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case !errors.As(err, &re), errors.As(err, &ue),
		errors.Is(err, store.ErrBadDate), errors.Is(err, store.ErrBadEvent), errors.Is(err, survey.ErrDateOrder), errors.Is(err, i18n.ErrLanguage),
		errors.Is(err, query.ErrNoEvent):
		return exitUsage
	case errors.Is(err, store.ErrDamaged): // before QueryError: the engine's views name the files
		return exitInput
	case errors.As(err, &qe), errors.Is(err, query.ErrForbidden), errors.Is(err, query.ErrNotAllowed),
		errors.Is(err, query.ErrMemoryLimit), errors.Is(err, query.ErrTooLarge), errors.Is(err, context.DeadlineExceeded):
		return exitQuery
	case errors.As(err, &ie), ingest.IsInput(err), errors.Is(err, survey.ErrNoQuestions), errors.Is(err, pipeline.ErrStrict),
		errors.Is(err, store.ErrNoData), errors.Is(err, store.ErrKeyChanged), errors.Is(err, pipeline.ErrNoKey), errors.Is(err, store.ErrNoManifest):
		return exitInput
	}
	return exitError
}
