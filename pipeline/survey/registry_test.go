package survey

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestSimilarity(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		sim  func(a, b []string) float64
		want float64
	}{
		{"same words, other order and case", "Konferenz insgesamt", "insgesamt KONFERENZ", dice, 1},
		{"umlauts folded", "Wie zufrieden wären Sie", "wie zufrieden waeren sie", dice, 1},
		{"function words dropped", "Wie bewerten Sie die Konferenz insgesamt?", "Wie zufrieden waren Sie insgesamt mit der Konferenz?", dice, 2.0 * 2 / 6},
		{"nothing in common", "Bundesland", "Gesamtzufriedenheit", dice, 0},
		{"plural matches by its stem", "Konferenzen", "Konferenz", dice, 1},
		{"short words need to be equal", "hoch", "hochschule", dice, 0},
		{"label inside a longer one", "Datenschutz und DSGVO", "Datenschutz", labelSim, (1 + 2.0/3) / 2},
		{"label around a shorter one", "IT-Sicherheit", "Informations- und IT-Sicherheit", labelSim, (1 + 0.8) / 2},
		{"label partly shared", "Smart City", "Smart Region", labelSim, 0.5},
		{"only function words left: kept", "und", "und", dice, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sim(tokens(tc.a), tokens(tc.b)); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("%q vs %q: %.4f, want %.4f", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestSplitHeader(t *testing.T) {
	for _, tc := range []struct{ h, stem, sub string }{
		{"Wie dringend ist es? [Fachkräfte]", "Wie dringend ist es?", "Fachkräfte"},
		{"Wie hoch schätzen Sie den Bedarf ein?.Datenschutz", "Wie hoch schätzen Sie den Bedarf ein?", "Datenschutz"},
		{"How high is the need - Smart city", "How high is the need", "Smart city"},
		{"Weiterempfehlung (0-10)", "Weiterempfehlung (0-10)", ""},
		{"Wie zufrieden waren Sie insgesamt mit der Konferenz?", "Wie zufrieden waren Sie insgesamt mit der Konferenz?", ""},
		{"Kommentar: bitte", "Kommentar: bitte", ""}, // a one-word stem is no question
	} {
		if stem, sub := splitHeader(tc.h); stem != tc.stem || sub != tc.sub {
			t.Errorf("%q: (%q, %q), want (%q, %q)", tc.h, stem, sub, tc.stem, tc.sub)
		}
	}
}

// testRegistry is a dataset of two events: a need matrix worded two ways
// (items Datenschutz, Smart City, KI only in the second), satisfaction, and
// a recommendation question only the first asked.
func testRegistry() *Registry {
	lo, hi := 1.0, 5.0
	need := func(ev, header, item, text string) Asked {
		return Asked{Event: ev, Question: "need", Item: item, Text: "Wie hoch ist der Handlungsbedarf in diesen Bereichen?", ItemText: text, Header: header, Type: Scale, Min: &lo, Max: &hi}
	}
	asked := []Asked{
		need("a", "Wie dringend sehen Sie Handlungsbedarf bei folgenden Themen? [Datenschutz]", "datenschutz", "Datenschutz"),
		need("a", "Wie dringend sehen Sie Handlungsbedarf bei folgenden Themen? [Smart City]", "smart_city", "Smart City"),
		{Event: "a", Question: "satisfaction", Text: "Wie zufrieden waren Sie insgesamt?", Header: "Gesamtzufriedenheit", Type: Numeric, Min: &lo, Max: &hi},
		{Event: "a", Question: "nps", Text: "Weiterempfehlung", Header: "Weiterempfehlung (0-10)", Type: NPS},
		need("b", "Wie hoch ist der Handlungsbedarf in diesen Bereichen?.Datenschutz", "datenschutz", "Datenschutz"),
		need("b", "Wie hoch ist der Handlungsbedarf in diesen Bereichen?.Smart City", "smart_city", "Smart City"),
		need("b", "Wie hoch ist der Handlungsbedarf in diesen Bereichen?.Künstliche Intelligenz", "ki", "Künstliche Intelligenz"),
		{Event: "b", Question: "satisfaction", Text: "Wie zufrieden waren Sie insgesamt?", Header: "Wie zufrieden waren Sie insgesamt mit der Konferenz?", Type: Numeric, Min: &lo, Max: &hi},
		{Event: "b", Question: "improve", Text: "Was sollten wir besser machen?", Header: "Was sollten wir besser machen?", Type: Text},
	}
	labels := []AskedLabel{{Event: "b", Question: "need", Value: 1, Text: "gering"}, {Event: "b", Question: "need", Value: 5, Text: "hoch"}}
	return NewRegistry([]string{"a", "b"}, asked, labels)
}

func TestLink(t *testing.T) {
	def, err := Parse([]byte(`name: t
title: T
questions:
  - {id: improve, type: text, text: "Was sollten wir besser machen?", match: [besser]}
`), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	reg := testRegistry()
	cols := []string{
		"Wie hoch ist der Veränderungsbedarf in diesen Bereichen? [Datenschutz und DSGVO]", // B: renamed item, reworded stem
		"Wie hoch ist der Veränderungsbedarf in diesen Bereichen? [KI und Künstliche Intelligenz]",
		"Wie hoch ist der Veränderungsbedarf in diesen Bereichen? [Barrierefreiheit]", // D: new item
		"Wie bewerten Sie die Konferenz insgesamt?",                                   // E: satisfaction reworded
		"Was sollten wir besser machen?",                                              // F: the definition's
		"Wie haben Sie von uns erfahren?",                                             // G: new question
		"Welche Themen interessieren Sie? [Datenschutz]",                              // H: item fits, stem does not
	}
	data := "id\t" + strings.Join(cols, "\t") + "\n1\t4\t5\t3\t4\tmehr Pausen\tNewsletter\tJa\n2\t3\t2\t1\t5\t\tWebsite\tNein\n3\t2\t2\t4\t3\tgut\tNewsletter\tJa"
	head, err := HeadRows(cellsOf(parseRows(data)), HeaderScan)
	if err != nil {
		t.Fatal(err)
	}
	det, err := def.Detect(RowsOf(head), DetectOptions{Own: true})
	if err != nil {
		t.Fatal(err)
	}
	m := det.Mapping
	l := reg.Link(m, def)
	linked := map[int]string{}
	for _, k := range l.Linked {
		linked[k.Column.Index] = joinID(k.Question, k.Item)
		if k.WasEvent != "b" {
			t.Errorf("%s: was asked last in %s, want b", k.Column.Header, k.WasEvent)
		}
	}
	want := map[int]string{2: "need.datenschutz", 3: "need.ki", 5: "satisfaction"}
	for c, id := range want {
		if linked[c] != id {
			t.Errorf("column %d linked to %q, want %s", c, linked[c], id)
		}
	}
	if len(linked) != len(want) {
		t.Errorf("linked %v, want %v", linked, want)
	}
	if len(l.NewItems) != 1 || l.NewItems[0].Column.Index != 4 || l.NewItems[0].Question != "need" {
		t.Errorf("new items %+v, want column 4 under need", l.NewItems)
	}
	var news []int
	for _, k := range l.New {
		news = append(news, k.Column.Index)
	}
	if !slices.Equal(news, []int{7, 8}) {
		t.Errorf("new columns %v, want 7 (a new question) and 8 (the topics stem matches nothing)", news)
	}
	if l.Defined != 1 {
		t.Errorf("%d columns the definition maps onto known ids, want 1 (improve)", l.Defined)
	}
	if !slices.Equal(l.Gone, []string{"need.smart_city"}) {
		t.Errorf("gone %v, want need.smart_city (nps was asked in a, not the latest)", l.Gone)
	}

	// The draft maps the linked columns onto the known ids and adds the new
	// item; Parse reads it back and Detect maps every linked column by rule.
	det2, err := reg.Extend(def).Detect(RowsOf(head), DetectOptions{Own: true, Assign: l.Assign()})
	if err != nil {
		t.Fatal(err)
	}
	y, err := det2.Draft.YAML("", l.Notes())
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(y, "draft.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, y)
	}
	if q := back.Question("need"); q == nil || q.Item("ki") == nil || q.Item("barrierefreiheit") == nil || q.Type != Scale || len(q.Labels) != 2 {
		t.Fatalf("need in the draft: %+v", q)
	}
	det3, err := back.Detect(RowsOf(head), DetectOptions{Own: true})
	if err != nil {
		t.Fatal(err)
	}
	for c, id := range want {
		col := det3.Mapping.Columns[c-1]
		if joinID(col.Question, col.Item) != id || col.By != "rule" {
			t.Errorf("draft maps %q onto %s by %s, want %s by rule", cols[c-2], joinID(col.Question, col.Item), col.By, id)
		}
	}
}

// TestLinkThreshold: a wording below the threshold is no link, and each id
// goes to the one column most like it.
func TestLinkThreshold(t *testing.T) {
	def := &Definition{Name: "t", Questions: []Question{{ID: "x", Type: Text, Text: "x"}}}
	reg := testRegistry()
	for _, tc := range []struct {
		headers []string
		want    []string // linked id per column, "" for none
	}{
		{[]string{"Wie zufrieden?"}, []string{"satisfaction"}},                  // 2·1/(1+2) = 0.67
		{[]string{"Zufrieden mit Essen, Raum, Technik, Ablauf?"}, []string{""}}, // 2·1/(5+2) = 0.29
		{[]string{"Wie zufrieden mit Essen?", "Wie zufrieden insgesamt?"}, []string{"", "satisfaction"}},
	} {
		m := Mapping{}
		for i, h := range tc.headers {
			m.Columns = append(m.Columns, Column{Index: i + 1, Header: h, Kind: KindUnknown})
		}
		l := reg.Link(m, def)
		got := make([]string, len(tc.headers))
		for _, k := range l.Linked {
			got[k.Column.Index-1] = joinID(k.Question, k.Item)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: linked %q, want %q", tc.headers, got, tc.want)
		}
	}
}
