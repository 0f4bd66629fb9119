package pipeline

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/disclosure"
)

// TestReportSecondarySuppression reads the demo report (last year's and
// this year's sample, as make demo imports them) back from report.xlsx and
// checks, against counts from the truth files:
//   - every number shown is the truth, and none rests on fewer than 5;
//   - from what the workbook shows — participation with the cover's counts,
//     and for each need item and event the state × sector cells, the state
//     and sector tables, trends, comparison, Likert and cover — no hidden
//     count can be worked out (disclosure.Recoverable), nor a small unprinted
//     one such as respondents without a state;
//   - a row whose n is hidden shows no other number, the heatmap hides a
//     mean exactly when its n is hidden, a change from a hidden row is
//     hidden.
func TestReportSecondarySuppression(t *testing.T) {
	const minN = 5
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	for _, ev := range []struct{ id, file, date string }{
		{"mdk15", "../testdata/mdk15-googleforms.xlsx", "2024-11-14"},
		{"mdk16", "../testdata/mdk16-msforms.xlsx", "2025-11-13"},
	} {
		if _, err := Import(ctx, ImportOptions{Key: testtool.Key(), DataDir: data, Event: ev.id, EventDate: ev.date, Files: []string{ev.file}}); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Report(ctx, ReportOptions{DataDir: data, Out: filepath.Join(dir, "out"), Rule: disclosure.Rule{MinN: minN}.Or()})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	// The truth: respondents and need answers by state × sector.
	people := breakdown{}
	answers := map[string]map[string]breakdown{}
	cats := map[string][2][]string{} // event → states, sectors
	for ev, path := range map[string]string{"mdk15": "../testdata/mdk15-googleforms.xlsx.truth.json", "mdk16": samplePath + ".truth.json"} {
		tr, err := sample.ReadTruth(path)
		if err != nil {
			t.Fatal(err)
		}
		answers[ev] = map[string]breakdown{}
		var states, sectors []string
		for _, r := range tr.Respondents {
			p := place{deref(r.State), deref(r.Sector)}
			if ev == "mdk16" {
				people[p]++
			}
			if !slices.Contains(states, p.state) {
				states = append(states, p.state)
			}
			if !slices.Contains(sectors, p.sector) {
				sectors = append(sectors, p.sector)
			}
			for it := range r.Need {
				if answers[ev][it] == nil {
					answers[ev][it] = breakdown{}
				}
				answers[ev][it][p]++
			}
		}
		cats[ev] = [2][]string{states, sectors}
	}
	code := func(ls []sample.Label, label string) string {
		for _, l := range ls {
			if l.DE == label {
				return l.Code
			}
		}
		t.Fatalf("no code for %q", label)
		return ""
	}
	sheet := func(query, first string) []map[string]string {
		t.Helper()
		name, ok := w.Sheets[query]
		if !ok {
			t.Fatalf("no sheet for %s", query)
		}
		return tableRows(t, f, name, first)
	}
	// print records a count the workbook prints, "." or its value, which
	// must be the truth.
	print := func(what string, rb *readBack, s, c, v string) {
		t.Helper()
		i, j := rb.at(s, c)
		if v != "." {
			if n, err := strconv.Atoi(v); err != nil || n != rb.value(i, j) {
				t.Errorf("%s %s/%s: n = %q, want %d", what, s, c, v, rb.value(i, j))
			}
		}
		rb.print(s, c, v != ".")
	}
	// zeros marks the places of a table without a row as printed zeros.
	zeros := func(rb *readBack, cells, rows, cols bool) {
		for i := 0; i <= len(rb.states); i++ {
			for j := 0; j <= len(rb.sectors); j++ {
				isRow, isCol := i == len(rb.states), j == len(rb.sectors)
				ok := !isRow && !isCol && cells || !isRow && isCol && rows || isRow && !isCol && cols
				if ok && rb.value(i, j) == 0 {
					rb.printed[i][j], rb.known[i][j] = true, true
				}
			}
		}
	}

	// Respondents of mdk16.
	p := newReadBack(cats["mdk16"][0], cats["mdk16"][1], func(s, c string) int { return people[place{s, c}] })
	zeros(p, true, true, true)
	for _, r := range sheet("participation_state_sector", "Bundesland") {
		print("participation", p, code(sample.States, r["Bundesland"]), code(sample.Sectors, r["Bereich"]), r["n"])
	}
	for _, r := range tableRows(t, f, "Übersicht", "Bundesland") {
		print("cover", p, code(sample.States, r["Bundesland"]), all, r["n"])
	}
	for _, r := range tableRows(t, f, "Übersicht", "Bereich") {
		print("cover", p, all, code(sample.Sectors, r["Bereich"]), r["n"])
	}
	print("cover", p, all, all, "150")
	p.check(t, "participation and cover", minN)

	// Need answers per event and item.
	tables := map[string]map[string]*readBack{}
	for ev, byItem := range answers {
		tables[ev] = map[string]*readBack{}
		for it := range byItem {
			rb := newReadBack(cats[ev][0], cats[ev][1], func(s, c string) int { return answers[ev][it][place{s, c}] })
			zeros(rb, ev == "mdk16", true, true)
			tables[ev][it] = rb
		}
	}
	item := func(label string) string { return code(sample.Items, label) }
	for _, r := range sheet("headline_by_pair_state_sector", "Bundesland") {
		print("headline by state × sector", tables["mdk16"][item(r["Item"])], code(sample.States, r["Bundesland"]), code(sample.Sectors, r["Bereich"]), r["n"])
	}
	for _, r := range sheet("headline_by_group_state", "Bundesland") {
		print("headline by state", tables["mdk16"][item(r["Item"])], code(sample.States, r["Bundesland"]), all, r["n"])
	}
	for _, r := range sheet("headline_by_group_sector", "Bereich") {
		print("headline by sector", tables["mdk16"][item(r["Item"])], all, code(sample.Sectors, r["Bereich"]), r["n"])
	}
	for _, r := range sheet("q_need", "Item") {
		print("likert", tables["mdk16"][item(r["Item"])], all, all, r["n"])
	}
	top := tableRows(t, f, "Übersicht", "Item")
	if len(top) != 3 {
		t.Errorf("cover: %d top needs", len(top))
	}
	for _, r := range top {
		print("cover top needs", tables["mdk16"][item(r["Item"])], all, all, r["n"])
	}
	trends := 0
	for _, s := range []struct{ query, group string }{
		{"headline_trend", ""}, {"compare_last", ""}, {"headline_trend_by_group_state", "Bundesland"}, {"headline_trend_by_group_sector", "Bereich"},
	} {
		rows := sheet(s.query, "Veranstaltung")
		last := map[string]map[string]string{}
		for _, r := range rows {
			if r["Gefragt"] != "ja" {
				continue
			}
			trends++
			st, se := all, all
			switch s.group {
			case "Bundesland":
				st = code(sample.States, r["Bundesland"])
			case "Bereich":
				se = code(sample.Sectors, r["Bereich"])
			}
			print(s.query, tables[r["Veranstaltung"]][item(r["Item"])], st, se, r["n"])
			key := r["Item"] + "|" + r[s.group]
			if prev := last[key]; prev != nil && prev["n"] == "." && r["Veränderung"] != "." && r["Veränderung"] != "" {
				t.Errorf("%s %s: change %s from a hidden row", s.query, key, r["Veränderung"])
			}
			last[key] = r
		}
	}
	if trends < 100 {
		t.Errorf("only %d trend rows read: are the trend sheets there?", trends)
	}
	for ev, byItem := range tables {
		for it, rb := range byItem {
			rb.check(t, "need "+it+" ("+ev+")", minN)
		}
	}

	// The heatmap shows a mean exactly where the state's n is shown.
	for _, r := range sheet("heatmap_state", "Item") {
		rb := tables["mdk16"][item(r["Item"])]
		for _, st := range sample.States {
			i, j := rb.at(st.Code, all)
			if hidden := !rb.known[i][j]; hidden != (r[st.DE] == ".") {
				t.Errorf("heatmap %s/%s = %q, but its n is hidden: %v", r["Item"], st.DE, r[st.DE], hidden)
			}
		}
		i, j := rb.at(all, all)
		if hidden := !rb.known[i][j]; hidden != (r["Gesamt"] == ".") {
			t.Errorf("heatmap %s/Gesamt = %q, but its n is hidden: %v", r["Item"], r["Gesamt"], hidden)
		}
	}

	// A row whose n is hidden shows no other number.
	for query, name := range w.Sheets {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		nCol := -1
		for _, r := range rows {
			if nCol < 0 {
				nCol = slices.Index(r, "n")
				continue
			}
			if nCol >= len(r) || r[nCol] != "." {
				continue
			}
			// The chart data block beside the table repeats values by
			// reference; the table is the columns before the first gap.
			end := slices.Index(r, "")
			if end < 0 {
				end = len(r)
			}
			for c, v := range r[:end] {
				if _, err := strconv.ParseFloat(v, 64); err == nil {
					t.Errorf("%s: row %v hides n but shows %s in column %d", query, r, v, c+1)
				}
			}
		}
	}

	// Enough was hidden to make this test mean something: the sample has
	// small cells, and some need complements.
	hidden, complements := 0, 0
	for i := range p.states {
		for j := range p.sectors {
			if !p.known[i][j] {
				hidden++
				if !disclosure.Hide(p.n[i][j], minN) {
					complements++
				}
			}
		}
	}
	if hidden < 10 || complements == 0 {
		t.Errorf("participation: %d hidden, %d complements: the sample should need both", hidden, complements)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
