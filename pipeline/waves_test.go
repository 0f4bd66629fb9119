package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/stats"
	"github.com/resonanz/resonanz/pipeline/survey"
)

var waves = []struct{ id, file, date string }{
	{"mdk15", "../testdata/mdk15-googleforms.xlsx", "2024-11-14"},
	{"mdk16", "../testdata/mdk16-msforms.xlsx", "2025-11-13"},
	{"mdk17", "../testdata/mdk17-limesurvey.xlsx", "2026-11-12"},
}

// threeWaves imports mdk15 and mdk16 with the built-in definition, lets
// detect compare mdk17 (reworded, which the built-in definition does not
// recognise) with them and imports mdk17 with the draft it writes, after
// edit (if any) changed it as a user would.
func threeWaves(t *testing.T, edit func(*survey.Definition)) (data string, det *Detection) {
	t.Helper()
	ctx := context.Background()
	data = filepath.Join(t.TempDir(), "data")
	for _, w := range waves[:2] {
		if _, err := Import(ctx, ImportOptions{Key: testtool.Key(), DataDir: data, Event: w.id, EventDate: w.date, Files: []string{w.file}}); err != nil {
			t.Fatal(err)
		}
	}
	det, err := Detect(ctx, DetectOptions{DataDir: data, File: waves[2].file})
	if err != nil {
		t.Fatal(err)
	}
	if det.Linking == nil {
		t.Fatalf("no comparison with the dataset (%v)", det.DataErr)
	}
	if edit != nil {
		edit(det.Draft)
	}
	y, err := det.Draft.YAML("test", det.Notes)
	if err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(t.TempDir(), "mdk17.yaml")
	if err := os.WriteFile(draft, y, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Import(ctx, ImportOptions{Key: testtool.Key(), DataDir: data, Event: "mdk17", EventDate: waves[2].date, Files: []string{waves[2].file}, Survey: draft})
	if err != nil {
		t.Fatal(err)
	}
	if s := res[0].Summary; s.Imported != 100 || s.Rejected() != 0 {
		t.Fatalf("mdk17 with the draft: %d imported, %d rejected; want 100 and 0", s.Imported, s.Rejected())
	}
	return data, det
}

// TestRegistryLinksThirdWave checks what detect proposes for the reworded
// 2026 export against the generator's codebook: every need row (two of
// them renamed) and the reworded satisfaction question are linked to the
// ids of 2024/2025, Barrierefreiheit is a new item, the source question a
// new question, and Smart City and the recommendation question are gone.
func TestRegistryLinksThirdWave(t *testing.T) {
	builtin, err := Detect(context.Background(), DetectOptions{File: waves[2].file})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range builtin.Mapping.Columns {
		if strings.Contains(c.Header, "Veränderungsbedarf") && c.Kind == survey.KindQuestion && c.By != "draft" {
			t.Fatalf("the built-in definition recognises %q by itself: the fixture no longer tests the registry", c.Header)
		}
	}
	if builtin.Linking != nil {
		t.Error("a comparison without a dataset")
	}

	_, det := threeWaves(t, nil)
	l := det.Linking
	if !slices.Equal(l.Events, []string{"mdk15", "mdk16"}) || l.Latest != "mdk16" {
		t.Errorf("events %v, latest %s", l.Events, l.Latest)
	}
	want := map[string]string{"Wie bewerten Sie die Konferenz insgesamt?": "satisfaction"}
	for _, it := range sample.Items2026 {
		if it.Code != "barrierefreiheit" {
			want["Wie hoch schätzen Sie den Veränderungsbedarf in den folgenden Feldern ein? ["+it.DE+"]"] = "need." + it.Code
		}
	}
	got := map[string]string{}
	for _, k := range l.Linked {
		got[k.Column.Header] = k.Question + "." + k.Item
		if k.Item == "" {
			got[k.Column.Header] = k.Question
		}
		if k.Score < survey.MatchThreshold || k.Score > 1 {
			t.Errorf("%s: score %.2f", k.Column.Header, k.Score)
		}
	}
	for h, id := range want {
		if got[h] != id {
			t.Errorf("column %q linked to %q, want %s", h, got[h], id)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d columns linked, want %d: %v", len(got), len(want), got)
	}
	if len(l.NewItems) != 1 || l.NewItems[0].Question != "need" || l.NewItems[0].Item != "barrierefreiheit" {
		t.Errorf("new items: %+v, want need.barrierefreiheit", l.NewItems)
	}
	if len(l.New) != 1 || !strings.Contains(l.New[0].Column.Header, "aufmerksam") || l.New[0].Question == "" {
		t.Errorf("new questions: %+v, want the one on how people heard of the conference, with the draft's id", l.New)
	}
	for _, g := range []string{"need.smart_city", "nps"} {
		if !slices.Contains(l.Gone, g) {
			t.Errorf("gone: %v, want %s among them", l.Gone, g)
		}
	}
	for _, g := range l.Gone {
		if strings.HasPrefix(g, "need.") && g != "need.smart_city" || g == "satisfaction" || g == "state" {
			t.Errorf("%s is gone, though the file asks it", g)
		}
	}
}

// TestTrendThreeWaves checks the trend over the three waves, the third
// linked only by the registry, against means computed from the truth files,
// and that items not asked in a wave are "nicht erhoben", never 0.
func TestTrendThreeWaves(t *testing.T) {
	data, det := threeWaves(t, nil)
	want := truthNeeds(t)
	rows := queryCSV(t, data, "select event, item, asked, n, mean from headline_trend")
	items := map[string]bool{}
	for _, w := range want {
		for it := range w {
			items[it] = true
		}
	}
	if len(rows) != 3*len(items) || len(items) != 9 {
		t.Fatalf("%d trend rows, want 3 events × 9 items (%d items in the truth)", len(rows), len(items))
	}
	checkTrendRows(t, rows, want)
	for _, r := range rows {
		if r["item"] == "barrierefreiheit" && r["event"] != "mdk17" && r["asked"] != "nicht erhoben" {
			t.Errorf("barrierefreiheit in %s: asked = %q, want nicht erhoben", r["event"], r["asked"])
		}
	}

	// Satisfaction, linked by wording, against the truth.
	for _, w := range waves {
		tr, err := sample.ReadTruth(w.file + ".truth.json")
		if err != nil {
			t.Fatal(err)
		}
		var a agg
		for _, r := range tr.Respondents {
			if r.Satisfaction != nil {
				a.n++
				a.sum += float64(*r.Satisfaction)
			}
		}
		got := queryCSV(t, data, "select count(*) as n, avg(value) as mean from all_events.answers where question = 'satisfaction' and event = '"+w.id+"'")
		if got[0]["n"] != strconv.Itoa(a.n) || !near(got[0]["mean"], a.mean()) {
			t.Errorf("%s satisfaction: n %s mean %s, want %d %.4f", w.id, got[0]["n"], got[0]["mean"], a.n, a.mean())
		}
	}

	// The new question, under the id the draft gave it, only in mdk17.
	id := det.Linking.New[0].Question
	tr, err := sample.ReadTruth(waves[2].file + ".truth.json")
	if err != nil {
		t.Fatal(err)
	}
	heard := map[string]int{}
	for _, r := range tr.Respondents {
		if r.Heard != nil {
			heard[*r.Heard]++
		}
	}
	got := queryCSV(t, data, "select a.event, l.code, count(*) as n from all_events.answers a join all_events.labels l on l.event = a.event and l.question = a.question and l.label = a.label where a.question = '"+id+"' group by all")
	if len(got) != len(heard) {
		t.Errorf("new question %s: %v, want %v", id, got, heard)
	}
	for _, r := range got {
		if r["event"] != "mdk17" || r["n"] != strconv.Itoa(heard[r["code"]]) {
			t.Errorf("new question %s: %v, truth %v", id, r, heard)
		}
	}
	ws := queryCSV(t, data, "select distinct event from all_events.questions where question = '"+id+"'")
	if len(ws) != 1 || ws[0]["event"] != "mdk17" {
		t.Errorf("the new question is in the codebook of %v, want mdk17 only", ws)
	}
}

// TestEarlierEventSeesNoLaterWaves reports on mdk16 with mdk17 in the
// dataset: the trend and the comparison hold mdk15 and mdk16 only, without
// the item only mdk17 asked, and item texts are not mdk17's wording.
func TestEarlierEventSeesNoLaterWaves(t *testing.T) {
	testtool.Slow(t)
	data, _ := threeWaves(t, func(d *survey.Definition) {
		d.Question("need").Item("datenschutz").Text = "Datenschutz und DSGVO" // the user renames the item
	})
	for _, tc := range []struct {
		events []string
		want   string
	}{{nil, "Datenschutz und DSGVO"}, {[]string{"mdk16"}, "Datenschutz"}, {[]string{"mdk15"}, "Datenschutz"}} {
		got := queryEvents(t, data, tc.events, nil, "select item_text from item_names where question = 'need' and item = 'datenschutz'")
		if len(got) != 1 || got[0]["item_text"] != tc.want {
			t.Errorf("item text for %v: %v, want %q", tc.events, got, tc.want)
		}
	}
	want := truthNeeds(t)
	delete(want, "mdk17")
	rows := queryEvents(t, data, []string{"mdk16"}, nil, "select event, item, asked, n, mean from headline_trend")
	if len(rows) != 2*8 {
		t.Fatalf("%d trend rows for mdk16, want 2 events × 8 items", len(rows))
	}
	for _, r := range rows {
		if r["event"] == "mdk17" || r["item"] == "barrierefreiheit" {
			t.Fatalf("the trend for mdk16 shows a later wave: %v", r)
		}
	}
	checkTrendRows(t, rows, want)
	cmp := queryEvents(t, data, []string{"mdk16"}, nil, "select distinct event from compare_last order by event")
	if len(cmp) != 2 || cmp[0]["event"] != "mdk15" || cmp[1]["event"] != "mdk16" {
		t.Errorf("compare_last for mdk16 compares %v, want mdk15 and mdk16", cmp)
	}
	for _, dim := range []string{"state", "sector"} {
		q := "headline_trend_by_group where dimension = '" + dim + "'"
		evs := queryEvents(t, data, []string{"mdk16"}, nil, "select distinct event from "+q+" order by event")
		if len(evs) != 2 || evs[1]["event"] != "mdk16" {
			t.Errorf("%s for mdk16 holds %v", q, evs)
		}
	}
	// mdk15 alone: no earlier wave, so nothing to trend or compare.
	for _, q := range []string{"headline_trend", "compare_last", "headline_trend_by_group"} {
		if rows := queryEvents(t, data, []string{"mdk15"}, nil, "select * from "+q); len(rows) != 0 {
			t.Errorf("%s for mdk15 has %d rows, want none", q, len(rows))
		}
	}
}

// TestCompareChosenPair compares mdk15 with mdk17, skipping mdk16: means
// from the truth files, ▲/▼ from Welch and Holm computed here in Go, and
// items asked in only one of the two shown as "nicht erhoben".
func TestCompareChosenPair(t *testing.T) {
	data, _ := threeWaves(t, nil)
	vals := truthValues(t)
	rows := queryEvents(t, data, []string{"mdk17"}, []string{"mdk15", "mdk17"}, "select event, item, asked, n, mean, p_adj, sig from compare_last")
	// Items asked in either: the union of both truth files.
	items := map[string]bool{}
	for _, ev := range []string{"mdk15", "mdk17"} {
		for it := range vals[ev] {
			items[it] = true
		}
	}
	if len(rows) != 2*len(items) {
		t.Fatalf("%d rows, want 2 × %d items", len(rows), len(items))
	}
	// Welch per item asked in both, then Holm across them.
	var tested []string
	var ps []float64
	for it := range items {
		a, b := vals["mdk15"][it], vals["mdk17"][it]
		if len(a) < 5 || len(b) < 5 {
			continue
		}
		ga, gb := group(it, a), group(it, b)
		_, _, p := stats.WelchT(gb.N, gb.Mean, gb.SD, ga.N, ga.Mean, ga.SD)
		tested = append(tested, it)
		ps = append(ps, p)
	}
	adj := stats.Holm(ps)
	wantSig := map[string]string{}
	for i, it := range tested {
		if adj[i] < 0.05 {
			wantSig[it] = "▲"
			if mean(vals["mdk17"][it]) < mean(vals["mdk15"][it]) {
				wantSig[it] = "▼"
			}
		}
	}
	if wantSig["datenschutz"] != "▼" {
		t.Fatalf("fixture changed: Datenschutz should fall significantly from 2024 to 2026 (%v)", wantSig)
	}
	for _, r := range rows {
		ev, it := r["event"], r["item"]
		v := vals[ev][it]
		if len(v) == 0 {
			if r["asked"] != "nicht erhoben" || r["n"] != "" || r["mean"] != "" {
				t.Errorf("%s %s: not asked, but %v", ev, it, r)
			}
			continue
		}
		if r["n"] != strconv.Itoa(len(v)) || !near(r["mean"], mean(v)) {
			t.Errorf("%s %s: n %s mean %s, want %d %.4f", ev, it, r["n"], r["mean"], len(v), mean(v))
		}
		sig := ""
		if ev == "mdk17" {
			sig = wantSig[it]
		}
		if r["sig"] != sig {
			t.Errorf("%s %s: sig %q, want %q", ev, it, r["sig"], sig)
		}
	}
	// Both orders of the pair are not the same thing: the later one first is refused.
	err := Query(context.Background(), QueryOptions{DataDir: data, SQL: "select 1", Format: "csv", Compare: []string{"mdk17", "mdk15"}}, &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "give the earlier one first") {
		t.Errorf("--compare mdk17,mdk15: %v", err)
	}
}

// truthNeeds is n and sum per event and need item, from the truth files.
func truthNeeds(t *testing.T) map[string]map[string]*agg {
	t.Helper()
	out := map[string]map[string]*agg{}
	for ev, vs := range truthValues(t) {
		out[ev] = map[string]*agg{}
		for it, v := range vs {
			a := &agg{n: len(v)}
			for _, x := range v {
				a.sum += x
			}
			out[ev][it] = a
		}
	}
	return out
}

// truthValues are the need answers per event and item, from the truth files.
func truthValues(t *testing.T) map[string]map[string][]float64 {
	t.Helper()
	out := map[string]map[string][]float64{}
	for _, w := range waves {
		tr, err := sample.ReadTruth(w.file + ".truth.json")
		if err != nil {
			t.Fatal(err)
		}
		out[w.id] = map[string][]float64{}
		for _, r := range tr.Respondents {
			items := make([]string, 0, len(r.Need))
			for it := range r.Need {
				items = append(items, it)
			}
			sort.Strings(items)
			for _, it := range items {
				out[w.id][it] = append(out[w.id][it], float64(r.Need[it]))
			}
		}
	}
	return out
}

func checkTrendRows(t *testing.T, rows []map[string]string, want map[string]map[string]*agg) {
	t.Helper()
	for _, r := range rows {
		ev, item := r["event"], r["item"]
		w := want[ev][item]
		if w == nil {
			if r["asked"] != "nicht erhoben" || r["n"] != "" || r["mean"] != "" {
				t.Errorf("%s %s: not asked, but row says asked=%q n=%q mean=%q", ev, item, r["asked"], r["n"], r["mean"])
			}
			continue
		}
		if r["asked"] != "ja" || r["n"] != strconv.Itoa(w.n) || !near(r["mean"], w.mean()) {
			t.Errorf("%s %s: asked %s n %s mean %s, want ja %d %.6f", ev, item, r["asked"], r["n"], r["mean"], w.n, w.mean())
		}
	}
}

func queryEvents(t *testing.T, data string, events, compare []string, sql string) []map[string]string {
	t.Helper()
	var buf strings.Builder
	if err := Query(context.Background(), QueryOptions{DataDir: data, SQL: sql, Format: "csv", Lang: "de", Events: events, Compare: compare}, &buf); err != nil {
		t.Fatal(err)
	}
	return parseCSV(t, buf.String())
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
