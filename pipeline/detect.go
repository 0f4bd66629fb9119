package pipeline

import (
	"context"
	"errors"
	"fmt"
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
	ev, err := one(ctx, e, `select event from waves order by wave`)
	if err != nil {
		return nil, err
	}
	var events []string
	for _, r := range ev.Rows {
		events = append(events, query.Text(r[0]))
	}
	qs, err := one(ctx, e, `select q.event, q.question, q.item, q.text, q.text_en, q.item_text, q.item_text_en,
		q.source_header, q.type, q.role, q.scale_min, q.scale_max
		from all_events.questions q join waves w using (event) order by w.wave, q.position`)
	if err != nil {
		return nil, err
	}
	var asked []survey.Asked
	for _, r := range qs.Rows {
		asked = append(asked, survey.Asked{
			Event: query.Text(r[0]), Question: query.Text(r[1]), Item: query.Text(r[2]),
			Text: query.Text(r[3]), TextEn: query.Text(r[4]), ItemText: query.Text(r[5]), ItemTextEn: query.Text(r[6]),
			Header: query.Text(r[7]), Type: query.Text(r[8]), Role: query.Text(r[9]), Min: optNum(r[10]), Max: optNum(r[11]),
		})
	}
	ls, err := one(ctx, e, `select l.event, l.question, l.code, l.value, l.label, l.label_en
		from all_events.labels l join waves w using (event) order by w.wave, l.position`)
	if err != nil {
		return nil, err
	}
	var labels []survey.AskedLabel
	for _, r := range ls.Rows {
		labels = append(labels, survey.AskedLabel{
			Event: query.Text(r[0]), Question: query.Text(r[1]), Code: query.Text(r[2]), Value: num(r[3]),
			Text: query.Text(r[4]), TextEn: query.Text(r[5]),
		})
	}
	return survey.NewRegistry(events, asked, labels), nil
}

func optNum(v any) *float64 {
	if v == nil {
		return nil
	}
	f := num(v)
	return &f
}

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
