package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/query"
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
	fmt.Fprintf(stderr, "resonanz: %v\n", err)
	var qe *query.QueryError
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &qe), errors.Is(err, query.ErrForbidden), errors.Is(err, context.DeadlineExceeded):
		return exitQuery
	case ingest.IsInput(err), errors.Is(err, survey.ErrNoQuestions), errors.Is(err, pipeline.ErrStrict),
		errors.Is(err, store.ErrNoData), errors.Is(err, store.ErrBadEvent):
		return exitInput
	}
	return exitError
}
