package model

import (
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	c, err := load(files)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range c.tables {
		names = append(names, o.Name)
	}
	want := []string{Responses, Answers, Questions, Labels, Comments, Imports, Rejects}
	if len(names) != len(want) {
		t.Fatalf("tables %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("tables %v, want %v", names, want)
		}
	}
	if s := Schema(Answers); s == nil || s.Field(4).Name != "value" || s.Field(4).Type.ID().String() != "FLOAT64" || s.Field(0).Type != StringDict {
		t.Errorf("answers schema %v", s)
	}
	if s := Schema(Rejects); s.Field(4).Name != "column" {
		t.Errorf("quoted column name: %v", s)
	}
	if got := TableNames("store"); len(got) != 1 || got[0] != Imports {
		t.Errorf("written by store: %v", got)
	}
	for _, o := range Setup() {
		if o.Schema != nil || o.Description == "" {
			t.Errorf("%s: schema %v, description %q", o.Name, o.Schema, o.Description)
		}
	}
	if !Reserved("waves") || !Reserved(AllEvents) || !Reserved("event_info") || Reserved("needs_by_state") || Reserved("scale_trend") {
		t.Error("reserved names")
	}
	if m := Macros(); m[0].Name != "scale_trend" || m[0].Usage != "scale_trend(question, dimension)" {
		t.Errorf("macros start %+v", m[0])
	}
}

func TestParseErrors(t *testing.T) {
	for name, tc := range map[string]struct{ file, text string }{
		"no description": {"views/v.sql", "create view v as select 1;"},
		"wrong name":     {"views/v.sql", "-- description: d\ncreate view w as select 1;"},
		"two statements": {"views/v.sql", "-- description: d\ncreate view v as select 1; drop table x;"},
		"unknown key":    {"views/v.sql", "-- description: d\n-- tittle: x\ncreate view v as select 1;"},
		"macro usage":    {"macros/m.sql", "-- description: d\ncreate macro m(x) as x;"},
		"bad type":       {"tables/t.sql", "-- description: d\n-- written_by: survey\ncreate table t (a decimal);"},
		"no writer":      {"tables/t.sql", "-- description: d\ncreate table t (a varchar);"},
		"dict not str":   {"tables/t.sql", "-- description: d\n-- written_by: survey\n-- dictionary: a\ncreate table t (a double);"},
		"dict unknown":   {"tables/t.sql", "-- description: d\n-- written_by: survey\n-- dictionary: b\ncreate table t (a varchar);"},
		"view in tables": {"tables/t.sql", "-- description: d\n-- written_by: survey\ncreate view t as select 1;"},
	} {
		_, err := load(fstest.MapFS{tc.file: {Data: []byte(tc.text)}})
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	c, err := load(fstest.MapFS{"views/v.sql": {Data: []byte("-- description: d\n-- all_events: true\n-- The -- note: below is a comment.\ncreate view v as select 1;")}})
	if err != nil || !c.byName["v"].AllEvents {
		t.Errorf("a plain view: %v", err)
	}
}
