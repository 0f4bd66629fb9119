package query_test

import (
	"context"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// TestSchema: every data view is listed with the columns of the data
// model's Arrow schema (the contract, defined apart from the SQL), once as
// the selected events and once under all_events; label views and the
// queries' views follow; each has a description.
func TestSchema(t *testing.T) {
	dir := userDir(t, map[string]string{"mine.sql": "-- title: Meine\nselect state, count(*) as n from responses group by all\n",
		"with_param.sql": "select * from responses where event = $event\n"})
	e := open(t, query.Options{Queries: []string{dir}})
	views, err := e.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]query.View{}
	var order []string
	for _, v := range views {
		byName[v.Name] = v
		order = append(order, v.Name)
		if v.Description == "" || strings.Contains(v.Description, "\n") {
			t.Errorf("%s: description %q", v.Name, v.Description)
		}
		if len(v.Columns) == 0 {
			t.Errorf("%s: no columns", v.Name)
		}
	}
	schemas := map[string]*arrow.Schema{"imports": survey.ImportsSchema}
	for k, v := range survey.Schemas {
		schemas[k] = v
	}
	for table, sc := range schemas {
		for _, name := range []string{table, "all_events." + table} {
			v, ok := byName[name]
			if !ok {
				t.Errorf("no view %s", name)
				continue
			}
			var got, want []string
			for _, c := range v.Columns {
				got = append(got, c.Name)
			}
			for _, f := range sc.Fields() {
				want = append(want, f.Name)
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s columns %v, want %v", name, got, want)
			}
		}
	}
	if c := byName["answers"].Columns; c[4].Name != "value" || c[4].Type != "DOUBLE" {
		t.Errorf("answers.value: %+v", c[4])
	}
	for _, n := range []string{"events", "item_names", "state_names", "sector_names", "needs_by_state", "mine"} {
		if _, ok := byName[n]; !ok {
			t.Errorf("no view %s", n)
		}
	}
	if v := byName["mine"]; v.Query == nil || v.Description != "query: Meine ("+dir+"/mine.sql)" ||
		len(v.Columns) != 2 || v.Columns[1] != (query.Column{Name: "n", Type: "BIGINT"}) {
		t.Errorf("mine: %+v", v)
	}
	for _, n := range []string{"event_info", "with_param"} {
		if _, ok := byName[n]; ok {
			t.Errorf("%s listed", n)
		}
	}
	if order[0] != "responses" || order[len(order)-1] != "mine" {
		t.Errorf("order %v", order)
	}
	if err := e.Broken("with_param"); err == nil || err.Error() != dir+"/with_param.sql: uses parameters ($event), so it runs only as itself: other queries cannot select from it" {
		t.Errorf("a query with a parameter has no view, and Broken says why: %v", err)
	}
}
