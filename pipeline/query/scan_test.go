package query_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/resonanz/resonanz/pipeline/query"
)

func TestRows(t *testing.T) {
	files := query.Files{Path: "pipeline/x/sql", Dir: "sql", FS: fstest.MapFS{
		"sql/events.sql": {Data: []byte("-- the events with their response counts\nselect event as id, title, date, responses, null::double as weight, 1.5 as share\nfrom events where event = $event\n")},
		"sql/bad.sql":    {Data: []byte("select\n  nope from events\n")},
		"sql/nulls.sql":  {Data: []byte("select null::double as share\n")},
	}}
	type event struct {
		ID        string `sql:"id"`
		Title     string
		Date      *time.Time
		Responses int
		Weight    *float64
		Share     float64
	}
	e := open(t, query.Options{})
	ctx := context.Background()
	got, err := query.Rows[event](ctx, e, files, "events", map[string]any{"event": "mdk16"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "mdk16" || got[0].Responses < 100 || got[0].Weight != nil || got[0].Share != 1.5 {
		t.Fatalf("rows %+v", got)
	}
	for _, tc := range []struct {
		name string
		run  func() error
		want string
	}{
		{"missing field", func() error {
			_, err := query.Rows[struct{ ID string }](ctx, e, files, "events", map[string]any{"event": "mdk16"})
			return err
		}, "column title fills no field"},
		{"missing column", func() error {
			_, err := query.Rows[struct{ Share, Other float64 }](ctx, e, files, "nulls", nil)
			return err
		}, "no column fills struct { Share float64; Other float64 }.Other"},
		{"null into a number", func() error {
			_, err := query.Rows[struct{ Share float64 }](ctx, e, files, "nulls", nil)
			return err
		}, "pipeline/x/sql/nulls.sql: row 1, column share: NULL into a float64"},
		{"binder error names file and line", func() error {
			_, err := query.Rows[struct{ Nope string }](ctx, e, files, "bad", nil)
			return err
		}, "pipeline/x/sql/bad.sql:2: Binder Error"},
		{"no parameter", func() error {
			_, err := query.Rows[event](ctx, e, files, "events", nil)
			return err
		}, "parameter $event has no value"},
		{"prepare all", func() error { return e.Prepare(ctx, files) }, "pipeline/x/sql/bad.sql:2: Binder Error"},
	} {
		if err := tc.run(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
