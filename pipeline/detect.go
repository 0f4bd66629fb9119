package pipeline

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz/pipeline/survey"
)

// linkDataset compares what Detect found with the dataset's registry and
// returns the definition extended by the dataset's questions, for Detect
// to map the linked columns onto; nil without a dataset.
func (det *Detection) linkDataset(ctx context.Context, dataDir string, def *survey.Definition) *survey.Definition {
	reg, err := loadRegistry(ctx, dataDir)
	if err != nil {
		det.DataErr = fmt.Errorf("detect: %s: %w", dataDir, err)
		return nil
	}
	if reg == nil {
		return nil
	}
	det.Linking = reg.Link(det.Mapping, def)
	return reg.Extend(def)
}

// nameNew names the new questions and items of the linking by the ids the
// draft gives them, and adds the linking's notes to the draft's.
func (det *Detection) nameNew() {
	for id, n := range det.Linking.Notes() {
		det.Notes[id] = joinNote(det.Notes[id], n)
	}
	byCol := map[int]survey.Column{}
	for _, c := range det.Mapping.Columns {
		byCol[c.Index] = c
	}
	for _, list := range [][]survey.Link{det.Linking.NewItems, det.Linking.New} {
		for i := range list {
			if c, ok := byCol[list[i].Column.Index]; ok && c.Kind == survey.KindQuestion {
				list[i].Question, list[i].Item = c.Question, c.Item
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
