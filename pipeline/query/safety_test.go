package query

import (
	"strings"
	"testing"
)

func TestStatements(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"select 1", "SELECT"},
		{"  (select 1) union (select 2)", "SELECT"},
		{"copy t to 'x.csv'", "COPY"},
		{"select 1; drop view responses", "SELECT DROP"},
		{"select 1;", "SELECT"},
		{"select ';drop'; attach 'x'", "SELECT ATTACH"},
		{`select "a;b" from t; load x`, "SELECT LOAD"},
		{"-- set x\nselect 1 -- ; drop\n", "SELECT"},
		{"/* copy; */ pragma version", "PRAGMA"},
		{"select $$a;b$$; install x", "SELECT INSTALL"},
		{"select $t$ ; $t$ ; set x = 1", "SELECT SET"},
		{"select $event, $x; call f()", "SELECT CALL"},
		{"with a as (select 1) select * from a", "WITH"},
		{"'oops'; select 1", "? SELECT"},
		{"select 'it''s; fine'", "SELECT"},
		{"", ""},
		{";;", ""},
		{"select 'unterminated", "SELECT"},
		{"/* unterminated", ""},
	} {
		if got := strings.Join(Statements(tc.in), " "); got != tc.want {
			t.Errorf("Statements(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzStatements: never panics, and never finds more statements than the
// text has semicolons plus one.
func FuzzStatements(f *testing.F) {
	for _, s := range []string{"select 1; copy x to 'y'", "select $a$;$a$", "/* x */ -- y\nselect", `"a""b"; 'c''d'`, "$", "$$", "$1$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := Statements(s); len(got) > strings.Count(s, ";")+1 {
			t.Errorf("%q: %d statements", s, len(got))
		}
	})
}

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"need_datenschutz", "need_datenschutz"},
		{"Need-Datenschutz", "need_datenschutz"},
		{"größe", "groesse"},
		{"übung", "uebung"},
		{"1st", "v1st"},
		{"_x", "v_x"},
		{"", "v"},
		{`a"; drop table x; --`, "a___drop_table_x____"},
		{"é", "v_"},
		{strings.Repeat("a", 70), strings.Repeat("a", 64)},
	} {
		if got := SafeName(tc.in); got != tc.want {
			t.Errorf("SafeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWideNames(t *testing.T) {
	b := &wideBuilder{names: map[string]bool{}, params: map[string]int{}}
	long := strings.Repeat("x", 70)
	var got []string
	for _, n := range []string{"event", "Event", "state_label", "state_label", long, long} {
		got = append(got, b.name(n))
	}
	want := []string{"event", "event_2", "state_label", "state_label_2", strings.Repeat("x", 64), strings.Repeat("x", 62) + "_2"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("names %v, want %v", got, want)
	}
	if p1, p2, p3 := b.param("a'b"), b.param("c"), b.param("a'b"); p1 != "$1" || p2 != "$2" || p3 != "$1" || len(b.args) != 2 {
		t.Errorf("params %s %s %s, args %v", p1, p2, p3, b.args)
	}
}
