package pipeline

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz/pipeline/survey"
)

// linkDataset compares what Detect found with the dataset's registry and
// drafts the definition so that it links what belongs together: columns
// whose wording matches an id already in the dataset get a columns rule
// onto it, new items of known questions are added to them.
func (det *Detection) linkDataset(ctx context.Context, dataDir string, def *survey.Definition, rows []*survey.Row) {
	reg, err := loadRegistry(ctx, dataDir)
	if err != nil {
		det.DataErr = fmt.Errorf("detect: %s: %w", dataDir, err)
		return
	}
	if reg == nil {
		return
	}
	det.Linking = reg.Link(det.Mapping, def)
	det.Draft, det.Notes = reg.Extend(def).Draft(det.Linking.Apply(det.Mapping), rows)
	for id, n := range det.Linking.Notes() {
		det.Notes[id] = joinNote(det.Notes[id], n)
	}
	// Name new questions and items by the ids the draft gives them.
	ids := map[string]survey.ColumnRule{}
	for _, r := range det.Draft.Columns {
		ids[r.Header] = r
	}
	for _, list := range [][]survey.Link{det.Linking.NewItems, det.Linking.New} {
		for i := range list {
			if r, ok := ids[list[i].Column.Header]; ok && list[i].Item == "" {
				list[i].Question, list[i].Item = r.Question, r.Item
			}
		}
	}
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
