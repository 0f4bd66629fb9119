package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/resonanz/resonanz/pipeline"
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
)

type usageError struct{ error }

func (u usageError) Unwrap() error { return u.error }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	// Messages quote SQL and cell values: no terminal escapes get through.
	fmt.Fprintf(stderr, "resonanz: %s\n", sanitize.Terminal(err.Error()))
	var qe *query.QueryError
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, store.ErrDamaged): // before QueryError: the engine's views name the files
		return exitInput
	case errors.As(err, &qe), errors.Is(err, query.ErrForbidden), errors.Is(err, query.ErrNotAllowed),
		errors.Is(err, query.ErrMemoryLimit), errors.Is(err, query.ErrTooLarge), errors.Is(err, context.DeadlineExceeded):
		return exitQuery
	case ingest.IsInput(err), errors.Is(err, survey.ErrNoQuestions), errors.Is(err, pipeline.ErrStrict),
		errors.Is(err, store.ErrNoData), errors.Is(err, store.ErrBadEvent),
		errors.Is(err, store.ErrKeyChanged), errors.Is(err, store.ErrNoManifest):
		return exitInput
	}
	return exitError
}
