package survey

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/resonanz/resonanz/pipeline/model"
)

// tableSink keeps every row written, as text.
type tableSink struct{ rows map[string][]string }

func (s *tableSink) Write(table string, rec arrow.RecordBatch) error {
	for i := 0; i < int(rec.NumRows()); i++ {
		var vals []string
		for c := 0; c < int(rec.NumCols()); c++ {
			col := rec.Column(c)
			if col.IsNull(i) {
				vals = append(vals, "∅")
			} else {
				vals = append(vals, col.ValueStr(i))
			}
		}
		s.rows[table] = append(s.rows[table], strings.Join(vals, "|"))
	}
	return nil
}

// TestNormalizeDocExample is the example of the package documentation.
func TestNormalizeDocExample(t *testing.T) {
	sheet := "Feedback MDK 2025\n\nNr.\tBundesland\tHandlungsbedarf Datenschutz\tZufriedenheit\n1\tLSA\t4\t7\n1\tThür.\tsehr hoch\t4"
	sink := &tableSink{rows: map[string][]string{}}
	sum, err := Normalize(cellsOf(parseRows(sheet)), Builtin(), Options{Event: "mdk16", File: "boegen.xlsx", Sheet: "Erfassung"}, sink)
	if err != nil {
		t.Fatal(err)
	}
	m := sum.Mapping
	got := fmt.Sprintf("%s %d %d read=%d imported=%d cells=%d dup=%d blank=%d", m.Layout, m.HeaderRow, m.DataRow(),
		sum.RowsRead, sum.Imported, sum.CellsRejected, sum.Duplicates, sum.Blank)
	if want := "handtyped 3 4 read=2 imported=1 cells=1 dup=1 blank=0"; got != want {
		t.Errorf("summary: got %s, want %s", got, want)
	}
	for table, want := range map[string][]string{
		model.Responses: {"mdk16|1|∅|DE-ST|Sachsen-Anhalt|∅|∅|boegen.xlsx|4"},
		model.Answers:   {"mdk16|1|need|datenschutz|4|hoch"},
		model.Rejects: {
			"mdk16|boegen.xlsx|Erfassung|4|D|7|out of range: not within 1–5|satisfaction|∅",
			`mdk16|boegen.xlsx|Erfassung|5|A|1|duplicate response id: same as row 4|∅|∅`,
		},
	} {
		if got := sink.rows[table]; !slices.Equal(got, want) {
			t.Errorf("%s:\n got  %q\n want %q", table, got, want)
		}
	}
}

// TestDocsExample reads the complete example of docs/survey-definition.md
// and imports a small code-header sheet with it, as the document says.
func TestDocsExample(t *testing.T) {
	b, err := os.ReadFile("../../docs/survey-definition.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "## The format\n\n```yaml\n")
	if !ok {
		t.Fatal("no yaml block under \"## The format\"")
	}
	src, _, _ := strings.Cut(rest, "```")
	d, err := Parse([]byte(src), "survey-definition.md")
	if err != nil {
		t.Fatal(err)
	}
	sheet := "id\tG01Q01\tG01Q02\tG02Q03[SQ001]\tG02Q03[SQ002]\tG03Q04[SQ001]\tG03Q04[SQ003]\tG04Q05\tG04Q06\tG04Q07\tInterne Notiz\tBearbeiterin\n" +
		"7\tA2\tA1\tA5\tA6\tY\tY\t4\t9\tMehr Termine\tx\ty\n" +
		"8\tA9\tWI\tsehr wichtig\t6\t\tY\t5\t\t\t\t"
	sink := &tableSink{rows: map[string][]string{}}
	sum, err := Normalize(cellsOf(parseRows(sheet)), d, Options{Event: "bb25", File: "export.csv"}, sink)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range sum.Mapping.Columns {
		kinds = append(kinds, c.Kind)
	}
	if got := strings.Join(kinds, " "); got != "id question question question question question question question question question system system" {
		t.Errorf("columns: %s", got)
	}
	for table, want := range map[string][]string{
		model.Responses: {"bb25|7|∅|DE-ST|Sachsen-Anhalt|verwaltung|Öffentliche Verwaltung|export.csv|2", "bb25|8|∅|∅|∅|wirtschaft|Wirtschaft|export.csv|3"},
		model.Answers: {
			"bb25|7|need|online_termine|5|sehr wichtig", "bb25|7|channels|telefon|1|Telefon", "bb25|7|channels|vor_ort|1|Vor Ort, im Bürgerbüro",
			"bb25|7|satisfaction|∅|4|∅", "bb25|7|nps|∅|9|∅",
			"bb25|8|need|online_termine|5|sehr wichtig", "bb25|8|channels|vor_ort|1|Vor Ort, im Bürgerbüro", "bb25|8|satisfaction|∅|5|sehr zufrieden",
		},
		model.Comments: {"bb25|7|comments|Mehr Termine"},
		model.Rejects: {
			`bb25|export.csv|∅|3|B|A9|unknown answer|state|∅`,
			"bb25|export.csv|∅|3|E|6|out of range: not within 1–5|need|eakte",
		},
	} {
		if got := sink.rows[table]; !slices.Equal(got, want) {
			t.Errorf("%s:\n got  %q\n want %q", table, got, want)
		}
	}
}

// TestRankingAndRoles: a ranking laid out one column per item stores each
// item's rank; the questions table stores every question's role, and
// "breakdown" for a breakdown without one.
func TestRankingAndRoles(t *testing.T) {
	d, err := Parse([]byte(`name: t
title: T
questions:
  - {id: age, type: single, breakdown: true, text: Alter, match: [alter], labels: [{code: jung, text: jung}, {code: alt, text: alt}]}
  - {id: prio, type: ranking, text: Rangfolge, match: [rangfolge], items: [{code: preis, text: Preis}, {code: zeit, text: Zeit}, {code: ort, text: Ort}]}
  - {id: sat, type: numeric, role: satisfaction, text: Zufriedenheit, match: ["zufrieden*"], min: 1, max: 5}
`), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sheet := "Nr.\tAlter\tRangfolge [Preis]\tRangfolge [Zeit]\tRangfolge [Ort]\tZufriedenheit\n1\talt\t2\t1\t3\t4\n2\tjung\t1\t4\t2\t5"
	sink := &tableSink{rows: map[string][]string{}}
	if _, err := Normalize(cellsOf(parseRows(sheet)), d, Options{Event: "e1", File: "f.xlsx"}, sink); err != nil {
		t.Fatal(err)
	}
	var ranks []string
	for _, r := range sink.rows[model.Answers] {
		if f := strings.Split(r, "|"); f[2] == "prio" {
			ranks = append(ranks, f[1]+" "+f[3]+"="+f[4])
		}
	}
	if want := []string{"1 preis=2", "1 zeit=1", "1 ort=3", "2 preis=1", "2 ort=2"}; !slices.Equal(ranks, want) {
		t.Errorf("ranks %q, want %q", ranks, want)
	}
	if len(sink.rows[model.Rejects]) != 1 || !strings.Contains(sink.rows[model.Rejects][0], "|4|out of range: not within 1–3") {
		t.Errorf("rejects %q, want rank 4 of 3 rejected", sink.rows[model.Rejects])
	}
	roles := map[string]string{}
	for _, r := range sink.rows[model.Questions] {
		f := strings.Split(r, "|")
		roles[f[1]] = f[11]
	}
	if want := map[string]string{"age": "breakdown", "prio": "∅", "sat": "satisfaction"}; fmt.Sprint(roles) != fmt.Sprint(want) {
		t.Errorf("stored roles %v, want %v", roles, want)
	}
}
