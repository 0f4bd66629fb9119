package query_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/pipeline/query"
)

// TestWideHostileIDs: question and item ids are input (a survey definition,
// a Parquet file): they become safe, quoted column names and bound values,
// so SQL in them is inert.
func TestWideHostileIDs(t *testing.T) {
	e := open(t, query.Options{})
	evil := `x"; drop view responses; --`
	w := query.PlanWide([][4]string{
		{"need", "datenschutz", "scale", ""},
		{evil, "a'b", "multi", ""},
		{evil, `c") as y from answers; --`, "multi", ""},
		{"Größe Frage", "", "numeric", ""},
		{"respondent", "", "text", ""},
	}, []string{evil})
	sql, args := query.WideSQL(w)
	if strings.Contains(sql, evil) || strings.Contains(sql, "a'b") {
		t.Errorf("an id reached the SQL text:\n%s", sql)
	}
	var names []string
	for _, c := range w.Columns {
		names = append(names, c.Name)
	}
	want := "event respondent submitted_at need_datenschutz x___drop_view_responses_____a_b x___drop_view_responses_____c___as_y_from_answers____ x___drop_view_responses_____other groesse_frage respondent_2"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("columns\n got %s\nwant %s", got, want)
	}
	if len(args) != 7 {
		t.Errorf("args %q", args)
	}
	rr, done, err := e.WideReader(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := query.Collect(rr)
	done()
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 150 || strings.Join(tab.Columns, " ") != want {
		t.Fatalf("%d rows, columns %v", len(tab.Rows), tab.Columns)
	}
	for _, row := range tab.Rows {
		// No event asked the hostile options: empty, not 0.
		if row[4] != nil || row[5] != nil || row[6] != nil || row[7] != nil || row[8] != nil {
			t.Fatalf("row %v", row)
		}
	}
	if tab := table(t, e, "select count(*) from responses", nil); num(tab.Rows[0][0]) != 150 {
		t.Errorf("responses: %v", tab.Rows)
	}
}

// TestWideEvents: with every event, each respondent is one row, and a
// respondent is counted under the event that asked.
func TestWideEvents(t *testing.T) {
	e := open(t, query.Options{Events: []string{"mdk15", "mdk16"}})
	w, err := e.Wide(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rr, done, err := e.WideReader(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := query.Collect(rr)
	done()
	if err != nil {
		t.Fatal(err)
	}
	n15 := len(truth(t, "mdk15-googleforms.xlsx").Respondents)
	per := map[string]int{}
	seen := map[[2]string]bool{}
	for _, row := range tab.Rows {
		k := [2]string{row[0].(string), row[1].(string)}
		if seen[k] {
			t.Fatalf("respondent %v twice", k)
		}
		seen[k] = true
		per[k[0]]++
	}
	if per["mdk15"] != n15 || per["mdk16"] != 150 || len(per) != 2 {
		t.Errorf("rows per event %v, want mdk15 %d, mdk16 150", per, n15)
	}
	cb := w.Codebook("en")
	if len(cb.Rows) != len(tab.Columns) {
		t.Fatalf("codebook %d rows, table %d columns", len(cb.Rows), len(tab.Columns))
	}
	for i, r := range cb.Rows {
		if r[0] != tab.Columns[i] || r[7] == nil || r[7] == "" {
			t.Errorf("codebook row %d %v, column %s", i, r, tab.Columns[i])
		}
	}
}

// TestWideChunked: a wide table made a chunk of respondents at a time is the
// table made at once, row for row, in the same order.
func TestWideChunked(t *testing.T) {
	e := open(t, query.Options{Events: []string{"mdk15", "mdk16"}})
	ctx := context.Background()
	w, err := e.Wide(ctx)
	if err != nil {
		t.Fatal(err)
	}
	read := func() *query.Table {
		rr, done, err := e.WideReader(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		tab, err := query.Collect(rr)
		done()
		if err != nil {
			t.Fatal(err)
		}
		return tab
	}
	whole := read()
	defer query.SetWideChunk(40)()
	chunks := read()
	if len(whole.Rows) < 200 || len(chunks.Rows) != len(whole.Rows) {
		t.Fatalf("%d rows at once, %d in chunks", len(whole.Rows), len(chunks.Rows))
	}
	for i := range whole.Rows {
		if fmt.Sprint(whole.Rows[i]) != fmt.Sprint(chunks.Rows[i]) {
			t.Fatalf("row %d:\n at once %v\nin chunks %v", i, whole.Rows[i], chunks.Rows[i])
		}
	}
}
