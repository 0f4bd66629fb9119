package pipeline

import (
	"context"
	"errors"
	"os"

	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/store"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// loadRegistry reads the question registry of the dataset in dataDir: every
// question and item each event asked, with its wording, in time order. It
// returns nil without an error when there is no dataset yet.
func loadRegistry(ctx context.Context, dataDir string) (*survey.Registry, error) {
	if dataDir == "" {
		return nil, nil
	}
	if _, err := os.Stat(dataDir); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	e, err := query.Open(ctx, query.Options{DataDir: dataDir})
	if errors.Is(err, store.ErrNoData) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer e.Close()
	waves, err := query.Rows[struct{ Event string }](ctx, e, sqlFiles, "registry_events", nil)
	if err != nil {
		return nil, err
	}
	events := make([]string, len(waves))
	for i, w := range waves {
		events[i] = w.Event
	}
	asked, err := query.Rows[survey.Asked](ctx, e, sqlFiles, "registry_questions", nil)
	if err != nil {
		return nil, err
	}
	labels, err := query.Rows[survey.AskedLabel](ctx, e, sqlFiles, "registry_labels", nil)
	if err != nil {
		return nil, err
	}
	return survey.NewRegistry(events, asked, labels), nil
}
