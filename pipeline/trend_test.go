package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
)

// TestTrendAcrossWordings imports last year's Google Forms export (other
// wording, "Fachkräfte" for "Fachkräftegewinnung", no KI item) and this
// year's MS Forms export, and checks the trend query against means computed
// from both truth files.
func TestTrendAcrossWordings(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	for _, ev := range []struct{ id, file, date string }{
		{"mdk15", "../testdata/mdk15-googleforms.xlsx", "2024-11-14"},
		{"mdk16", "../testdata/mdk16-msforms.xlsx", "2025-11-13"},
	} {
		if _, err := Import(ctx, ImportOptions{Key: testtool.Key(), DataDir: data, Event: ev.id, EventDate: ev.date, Files: []string{ev.file}}); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]map[string]*agg{} // event → item → n, sum
	for ev, path := range map[string]string{"mdk15": "../testdata/mdk15-googleforms.xlsx.truth.json", "mdk16": "../testdata/mdk16-msforms.xlsx.truth.json"} {
		tr, err := sample.ReadTruth(path)
		if err != nil {
			t.Fatal(err)
		}
		want[ev] = map[string]*agg{}
		for _, r := range tr.Respondents {
			for item, v := range r.Need {
				if want[ev][item] == nil {
					want[ev][item] = &agg{}
				}
				want[ev][item].n++
				want[ev][item].sum += float64(v)
			}
		}
	}
	if want["mdk15"]["kuenstliche_intelligenz"] != nil || want["mdk15"]["fachkraeftegewinnung"] == nil {
		t.Fatal("fixture changed: mdk15 should lack KI and have Fachkräfte")
	}

	rows := queryCSV(t, data, "select event, item, asked, n, mean, sig from headline_trend")
	if len(rows) != 16 {
		t.Fatalf("%d trend rows, want 2 events × 8 items", len(rows))
	}
	for _, r := range rows {
		ev, item, asked, n, mean := r["event"], r["item"], r["asked"], r["n"], r["mean"]
		w := want[ev][item]
		if w == nil {
			if asked != "nicht erhoben" || n != "" || mean != "" {
				t.Errorf("%s %s: not asked, but row says asked=%q n=%q mean=%q", ev, item, asked, n, mean)
			}
			continue
		}
		if n != strconv.Itoa(w.n) {
			t.Errorf("%s %s: n = %s, want %d", ev, item, n, w.n)
		}
		if m, _ := strconv.ParseFloat(mean, 64); math.Abs(m-w.mean()) > 1e-9 {
			t.Errorf("%s %s: mean = %s, want %.6f", ev, item, mean, w.mean())
		}
	}
	// Datenschutz fell by about half a point: the one significant change.
	for _, r := range rows {
		marked := r["sig"] != ""
		if r["event"] == "mdk16" && r["item"] == "datenschutz" && r["sig"] != "▼" {
			t.Errorf("datenschutz mdk16: sig = %q, want ▼", r["sig"])
		}
		if marked && r["event"] == "mdk15" {
			t.Errorf("the first wave cannot be marked: %v", r)
		}
	}

	// The questions view keeps each event's own wording of the same item.
	ws := queryCSV(t, data, "select event, source_header from all_events.questions where question = 'need' and item = 'fachkraeftegewinnung' order by event")
	if len(ws) != 2 || ws[0]["source_header"] == ws[1]["source_header"] {
		t.Errorf("wording per event: %v", ws)
	}
}

func queryCSV(t *testing.T, data, sql string) []map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := Query(context.Background(), QueryOptions{DataDir: data, SQL: sql, Format: "csv", Lang: "de"}, &buf); err != nil {
		t.Fatal(err)
	}
	return parseCSV(t, buf.String())
}

func parseCSV(t *testing.T, text string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}
