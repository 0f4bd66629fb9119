package query

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/queries"
)

func TestParse(t *testing.T) {
	five := 5.0
	for _, tc := range []struct {
		name, text string
		want       Meta
		header     int
		err        string
	}{
		{name: "plain", text: "select 1", want: Meta{Title: "plain", Chart: "none", Report: true, Order: 1000}},
		{name: "full", text: `-- title: Handlungsbedarf
-- title_en: Need
-- description: Mittel
-- chart: Grouped Bar
-- x: item_text
-- y: mean
-- series: state_name
-- error: ci_low, ci_high
-- sort: desc
-- ymax: 5
-- report: false
-- order: 20
-- owner: Anna (unknown keys are notes)

select 1`, header: 13, want: Meta{Title: "Handlungsbedarf", TitleEn: "Need", Description: "Mittel", Chart: "grouped_bar",
			X: "item_text", Y: "mean", Series: "state_name", ErrLow: "ci_low", ErrHigh: "ci_high", Sort: "desc", YMax: &five, Order: 20}},
		{name: "body_comment", text: "-- title: A\nselect 1\n-- chart: bar\n", header: 1, want: Meta{Title: "A", Chart: "none", Report: true, Order: 1000}},
		{name: "bad_chart", text: "-- title: A\n-- chart: pie\nselect 1", err: "q.sql:2: unknown chart \"pie\""},
		{name: "no_axes", text: "-- chart: bar\nselect 1", err: "chart bar needs x: and y:"},
		{name: "bad_order", text: "-- order: first\nselect 1", err: "q.sql:1: order: \"first\" is not a whole number"},
		{name: "bad_report", text: "-- report: maybe\nselect 1", err: "report: \"maybe\" is not true or false"},
		{name: "bad_error", text: "-- error: ci_low\nselect 1", err: "error: wants two columns"},
		{name: "bad_sort", text: "-- sort: up\nselect 1", err: "sort: \"up\" is not asc or desc"},
		{name: "bad_ymin", text: "-- ymin: low\nselect 1", err: "ymin: \"low\" is not a number"},
		{name: "Bad-Name", text: "select 1", err: "file name must be lower-case"},
		{name: "answers", text: "select 1", err: "answers is the name of a data view"},
		{name: "item_names", text: "select 1", err: "item_names is the name of a data view"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Parse(tc.name, "q.sql", tc.text)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			m := q.Meta
			if (m.YMax == nil) != (tc.want.YMax == nil) || m.YMax != nil && *m.YMax != *tc.want.YMax {
				t.Errorf("ymax %v, want %v", m.YMax, tc.want.YMax)
			}
			m.YMax, tc.want.YMax = nil, nil
			if !reflect.DeepEqual(m, tc.want) {
				t.Errorf("meta\n got %+v\nwant %+v", m, tc.want)
			}
			if q.HeaderLines != tc.header || q.SQL != tc.text {
				t.Errorf("header lines %d (want %d), SQL kept whole: %v", q.HeaderLines, tc.header, q.SQL == tc.text)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write := func(dir, name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(a, "headline_by_group.sql", "-- title: Meine Version\n-- order: 20\nselect 1")
	write(a, "zeta.sql", "-- title: Zeta\nselect 1")
	write(a, "alpha.sql", "-- title: Alpha\nselect 1")
	write(a, ".hidden.sql", "not sql at all")
	write(a, "notes.txt", "not sql either")
	write(b, "zeta.sql", "-- title: Zeta 2\n-- order: 5\nselect 2")
	builtin, _ := fs.ReadFile(queries.FS, "participation.sql")
	write(b, "participation.sql", string(builtin)) // the same text: not an override
	if err := os.Mkdir(filepath.Join(a, "sub.sql"), 0o755); err != nil {
		t.Fatal(err)
	}
	qs, err := Load(a, b)
	if err != nil {
		t.Fatal(err)
	}
	// The order is by header order, then name; user files replace
	// built-ins and earlier folders; every built-in is there once.
	byName := map[string]*Query{}
	for i, q := range qs {
		if byName[q.Name] != nil {
			t.Fatalf("%s twice", q.Name)
		}
		byName[q.Name] = q
		if i > 0 {
			p := qs[i-1]
			if p.Meta.Order > q.Meta.Order || p.Meta.Order == q.Meta.Order && p.Name > q.Name {
				t.Errorf("%s (order %d) before %s (order %d)", p.Name, p.Meta.Order, q.Name, q.Meta.Order)
			}
		}
	}
	embedded, _ := fs.Glob(queries.FS, "*.sql")
	if len(qs) != len(embedded)+2 {
		t.Errorf("%d queries for %d built-ins + alpha, zeta", len(qs), len(embedded))
	}
	for _, f := range embedded {
		if byName[strings.TrimSuffix(f, ".sql")] == nil {
			t.Errorf("built-in %s missing", f)
		}
	}
	for _, c := range []struct{ name, source, overrides string }{
		{"zeta", b + "/zeta.sql", a + "/zeta.sql"},
		{"headline_by_group", a + "/headline_by_group.sql", "built-in"},
		{"participation", "built-in", ""}, // the same text is no override
		{"alpha", a + "/alpha.sql", ""},
	} {
		q := byName[c.name]
		if q == nil || q.Source != c.source || q.Overrides != c.overrides {
			t.Errorf("%s: %+v, want source %s overrides %q", c.name, q, c.source, c.overrides)
		}
	}
	if qs[0].Name != "zeta" || qs[len(qs)-1].Name != "alpha" || byName["headline_by_group"].Meta.Title != "Meine Version" {
		t.Errorf("first %s, last %s", qs[0].Name, qs[len(qs)-1].Name)
	}
	if _, err := Load(filepath.Join(a, "nope")); err == nil || !strings.Contains(err.Error(), "queries folder") {
		t.Errorf("missing folder: %v", err)
	}
	if _, err := Load(filepath.Join(a, "notes.txt")); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("file as folder: %v", err)
	}
}
