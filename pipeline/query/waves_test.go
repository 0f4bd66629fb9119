package query

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz/pipeline/store"
)

// TestWaves: events in time order (dated by date, undated by their first
// import), cut at the latest selected event, or the --compare pair.
func TestWaves(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	m := &store.Manifest{
		Events: map[string]*store.Event{
			"mdk15": {ID: "mdk15", Date: "2024-11-14"},
			"mdk9":  {ID: "mdk9", Date: "2016-11-10"}, // sorts first by date, though "mdk9" > "mdk15"
			"mdk17": {ID: "mdk17", Date: "2026-11-12"},
		},
		Imports: []*store.Import{
			{Event: "mdk17", ImportedAt: day("2027-01-01")},
			{Event: "mdk15", ImportedAt: day("2027-01-01")},
			{Event: "extra", ImportedAt: day("2025-06-01")}, // undated: its import date
			{Event: "mdk9", ImportedAt: day("2027-01-01")},
		},
	}
	for _, tc := range []struct {
		name            string
		events, compare []string
		want            []string
		err             string
	}{
		{"all events", nil, nil, []string{"mdk9", "mdk15", "extra", "mdk17"}, ""},
		{"up to the selected event", []string{"mdk15"}, nil, []string{"mdk9", "mdk15"}, ""},
		{"up to the latest selected", []string{"mdk9", "extra"}, nil, []string{"mdk9", "mdk15", "extra"}, ""},
		{"a chosen pair", []string{"mdk17"}, []string{"mdk9", "mdk17"}, []string{"mdk9", "mdk17"}, ""},
		{"the later one first", nil, []string{"mdk17", "mdk15"}, nil, "mdk17 is the later event (2026-11-12); give the earlier one first"},
		{"an undated later one first", nil, []string{"extra", "mdk15"}, nil, "extra is the later event (no date: imported later)"},
		{"not a pair", nil, []string{"mdk15"}, nil, "want two different events"},
		{"the same twice", nil, []string{"mdk15", "mdk15"}, nil, "want two different events"},
		{"unknown", nil, []string{"mdk15", "mdk99"}, nil, `no event "mdk99"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Waves(m, tc.events, tc.compare)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("waves %v (%v), want %v", got, err, tc.want)
			}
		})
	}
}
