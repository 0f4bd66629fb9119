package query_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/pipeline/query"
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
	for _, table := range model.Tables() {
		for _, name := range []string{table.Name, "all_events." + table.Name} {
			v, ok := byName[name]
			if !ok {
				t.Errorf("no view %s", name)
				continue
			}
			// The types read back from Parquet are the ones the table's
			// create statement declares.
			var got, want []string
			for _, c := range v.Columns {
				got = append(got, c.Name+" "+c.Type)
			}
			for _, c := range table.Columns {
				// The responses leave out where each came from (TestProvenance).
				if table.Name != model.Responses || !strings.HasPrefix(c.Name, "source_") {
					want = append(want, c.Name+" "+c.Type)
				}
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s columns %v, want %v", name, got, want)
			}
		}
	}
	if c := byName["answers"].Columns; c[4].Name != "value" || c[4].Type != "DOUBLE" {
		t.Errorf("answers.value: %+v", c[4])
	}
	for _, n := range []string{"events", "item_names", "state_names", "sector_names", "headline_by_group", "mine"} {
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

// TestReadmeDataModel: the README's data model names every view of the
// model with the columns the engine gives it (a table row, or
// name(col, …) in the text after it) and every macro the engine adds.
func TestReadmeDataModel(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n## Data model\n")
	if !ok {
		t.Fatal("README has no ## Data model")
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	documented := map[string]string{} // view → its columns as the README gives them
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| ([^|]+) \\|").FindAllStringSubmatch(sec, -1) {
		documented[m[1]] = strings.TrimSpace(m[2])
	}
	for _, m := range regexp.MustCompile("`([a-z_0-9]+)\\(([^)]*)\\)`").FindAllStringSubmatch(sec, -1) {
		if _, ok := documented[m[1]]; !ok {
			documented[m[1]] = m[2]
		}
	}
	e := open(t, query.Options{})
	views, err := e.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if v.Query != nil || strings.HasPrefix(v.Name, model.AllEvents+".") {
			continue
		}
		var cols []string
		for _, c := range v.Columns {
			cols = append(cols, c.Name)
		}
		if got, want := documented[v.Name], strings.Join(cols, ", "); got != want {
			t.Errorf("README data model: view %s has columns %q, want %q", v.Name, got, want)
		}
		delete(documented, v.Name)
	}
	for _, m := range query.Macros {
		name, _, _ := strings.Cut(m.Name, "(")
		if _, ok := documented[name]; !ok {
			t.Errorf("README data model does not name the macro %s", m.Name)
		}
		delete(documented, name)
	}
	for name := range documented {
		t.Errorf("README data model names %s, which the engine does not make", name)
	}
}
