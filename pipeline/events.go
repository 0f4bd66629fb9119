package pipeline

import (
	"context"
	"fmt"
	"io"

	"github.com/resonanz/resonanz/pipeline/query"
)

// Events writes the dataset's events (id, title, date, files, responses)
// as a table or in another of Query's formats.
func Events(ctx context.Context, dataDir, format string, w io.Writer) error {
	e, err := query.Open(ctx, query.Options{DataDir: dataDir})
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	defer e.Close()
	rr, done, err := e.Query(ctx, "select event, title, date, responses, files from all_events.events", nil)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	defer done()
	t, err := query.Collect(rr)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	switch format {
	case "csv":
		return query.WriteCSV(w, t.Scan())
	case "json":
		return query.WriteJSON(w, t.Scan())
	case "table", "":
		return query.WriteAligned(w, t)
	}
	return fmt.Errorf("events: unknown format %q (table, csv, json)", format)
}
