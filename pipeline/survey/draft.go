package survey

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Draft writes a survey definition for a sheet as m understood it, for the
// user to check, edit and pass to `import --survey`. Questions the sheet
// answers are copied from d with a columns rule per mapped column, so the
// draft maps exactly what Detect showed. Columns nobody recognised become new
// questions whose type, items and labels are guessed from the answers in rows
// (the sheet's first rows, header included); code headers such as
// G02Q03[SQ001] are grouped into one question per code stem. Notes says,
// per question id, what was guessed and should be checked; YAML writes them
// as comments.
func (d *Definition) Draft(m Mapping, rows []*Row) (draft *Definition, notes map[string]string) {
	draft = &Definition{Name: d.Name, Title: d.Title, TitleEn: d.TitleEn}
	notes = map[string]string{}
	values := columnValues(m, rows)
	used := map[string]bool{}
	// copyQ copies a question of d into the draft once; the pointer it
	// returns is valid until the next copy.
	copyQ := func(id string) *Question {
		for i := range draft.Questions {
			if draft.Questions[i].ID == id {
				return &draft.Questions[i]
			}
		}
		q := *d.Question(id)
		q.Items = slices.Clone(q.Items)
		q.match = nil
		draft.Questions = append(draft.Questions, q)
		used[id] = true
		return &draft.Questions[len(draft.Questions)-1]
	}
	var unknown []Column
	for _, c := range m.Columns {
		// YAML cannot hold invalid UTF-8; readers should not hand any on.
		c.Header, c.Text = strings.ToValidUTF8(c.Header, "\uFFFD"), strings.ToValidUTF8(c.Text, "\uFFFD")
		switch {
		case c.Kind == KindQuestion:
			copyQ(c.Question)
			draft.Columns = append(draft.Columns, ColumnRule{Header: c.Header, Question: c.Question, Item: c.Item, Value: c.Value})
		case c.Kind == KindUnknown && c.Question != "" && strings.TrimSpace(c.Header) != "":
			// A matrix row of a known question whose item the definition
			// lacks: add the item, named as the header names it.
			q := copyQ(c.Question)
			text := d.itemText(d.Question(c.Question), c.Header)
			code := uniqueID(slug(text), func(s string) bool { return q.Item(s) != nil })
			q.Items = append(q.Items, Item{Code: code, Text: text})
			notes[q.ID] = appendNote(notes[q.ID], fmt.Sprintf("item %s added from column %q: check it", code, c.Header))
			draft.Columns = append(draft.Columns, ColumnRule{Header: c.Header, Question: q.ID, Item: code})
		case c.Kind == KindUnknown && strings.TrimSpace(c.Header) != "":
			unknown = append(unknown, c)
		}
	}
	for _, g := range groupColumns(unknown) {
		id := uniqueID(slug(g.stem), func(s string) bool { return used[s] || d.Question(s) != nil })
		used[id] = true
		q, rules, note := guessQuestion(id, g, values)
		draft.Questions = append(draft.Questions, q)
		draft.Columns = append(draft.Columns, rules...)
		notes[id] = note
	}
	return draft, notes
}

func appendNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// itemText is what a matrix column header says of its row: the part after
// the question's stem ("stem [item]", "stem - item", "stem.item").
func (d *Definition) itemText(q *Question, h string) string {
	h = strings.TrimSpace(h)
	if strings.HasSuffix(h, "]") {
		if i := strings.LastIndex(h, "["); i > 0 {
			return strings.TrimSpace(h[i+1 : len(h)-1])
		}
	}
	for _, sep := range []string{" - ", " – ", ": ", " | ", "."} {
		if i := strings.LastIndex(h, sep); i > 0 {
			if n, _ := questionScore(q, fold(h[:i])); n > 0 {
				return strings.TrimSpace(h[i+len(sep):])
			}
		}
	}
	return h
}

// columnValues collects the non-empty answers of each column below the header.
func columnValues(m Mapping, rows []*Row) map[int][]string {
	out := map[int][]string{}
	for _, r := range rows {
		if r.Num < m.DataRow() {
			continue
		}
		for i, c := range r.Cols {
			if v := strings.ToValidUTF8(strings.TrimSpace(r.Vals[i]), "\uFFFD"); v != "" {
				out[c] = append(out[c], v)
			}
		}
	}
	return out
}

// group is a question's columns: one, or one per item of a matrix or
// per option of a multiple choice.
type group struct {
	stem string // question code or text
	text string // question text, when the header is a code
	cols []Column
	subs []string // item code or text of each column; "" for a lone column
}

var (
	codeSubRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9]*)\[([^\]]+)\](?:\[[^\]]*\])*$`) // G02Q03[SQ001], Q1[SQ001][1]
	textSubRE = regexp.MustCompile(`^(.+?)\s*\[([^\]]+)\]$`)                              // Frage [Zeile]
	underRE   = regexp.MustCompile(`^([A-Za-z]+[0-9]+)_([A-Za-z0-9]+)(?:_[0-9]+)?$`)      // Q3_1, Q1_SQ001_0
)

// groupColumns puts columns with the same stem next to each other into one group.
func groupColumns(cols []Column) []*group {
	var out []*group
	for _, c := range cols {
		stem, sub := strings.TrimSpace(c.Header), ""
		for _, re := range []*regexp.Regexp{codeSubRE, underRE, textSubRE} {
			if m := re.FindStringSubmatch(stem); m != nil {
				stem, sub = m[1], m[2]
				break
			}
		}
		text := c.Text
		if sub != "" && text != "" {
			if m := textSubRE.FindStringSubmatch(text); m != nil {
				text = m[1]
			} else if i := strings.LastIndex(text, " - "); i > 0 {
				text = text[:i]
			}
		}
		if n := len(out); n > 0 && sub != "" && out[n-1].stem == stem && out[n-1].subs[0] != "" {
			out[n-1].cols = append(out[n-1].cols, c)
			out[n-1].subs = append(out[n-1].subs, sub)
			continue
		}
		out = append(out, &group{stem: stem, text: text, cols: []Column{c}, subs: []string{sub}})
	}
	return out
}

var (
	answerCodeRE = regexp.MustCompile(`^[A-Z]{1,3}[0-9]{1,4}$|^-oth-$`) // LimeSurvey's A1, AO01
	markRE       = regexp.MustCompile(`^(?i:y|yes|ja|j|x|1|true|wahr|n|no|nein|0|false|falsch)$`)
)

// guessQuestion makes a question of columns nobody recognised, from their
// answers; rules map the columns onto it.
func guessQuestion(id string, g *group, values map[int][]string) (Question, []ColumnRule, string) {
	q := Question{ID: id, Text: g.stem}
	if g.text != "" {
		q.Text = g.text
	}
	var all []string
	for _, c := range g.cols {
		all = append(all, values[c.Index]...)
	}
	where := ingestCols(g.cols)
	rules := make([]ColumnRule, len(g.cols))
	for i, c := range g.cols {
		rules[i] = ColumnRule{Header: c.Header, Question: id}
	}
	if len(g.cols) > 1 || g.subs[0] != "" {
		items := make([]Item, len(g.cols))
		seen := map[string]bool{}
		for i, s := range g.subs {
			code := uniqueID(slug(s), func(x string) bool { return seen[x] })
			seen[code] = true
			items[i] = Item{Code: code, Text: s}
			rules[i].Item = code
		}
		q.Items = items
		if len(all) == 0 {
			q.Type = Scale
			return q, rules, fmt.Sprintf("no answers seen in %s: set the type (scale or multi), range and labels", where)
		}
		if isMarks(g, values) {
			q.Type = Multi
			return q, rules, fmt.Sprintf("guessed: multiple choice, one column per option (%s); give the items their texts", where)
		}
		q.Type = Scale
		guessScale(&q, all)
		return q, rules, fmt.Sprintf("guessed: a matrix of %d items (%s), answers %s; check the range, give items and labels their texts", len(items), where, examples(all))
	}
	switch {
	case len(all) == 0:
		q.Type = Text
		return q, rules, fmt.Sprintf("no answers seen in %s: set the type", where)
	case allNumbers(all):
		q.Type = Numeric
		guessRange(&q, all)
		return q, rules, fmt.Sprintf("guessed: a number (%s), answers %s; check min and max", where, examples(all))
	case hasSeparator(all, ";") && len(splitAll(all, ";")) > 0:
		q.Type = Multi
		opts := distinct(splitAll(all, ";"))
		for _, o := range opts {
			q.Items = append(q.Items, Item{Code: uniqueID(slug(o), func(x string) bool { return q.Item(x) != nil }), Text: o})
		}
		return q, rules, fmt.Sprintf("guessed: multiple choice joined with \";\" (%s); check the options", where)
	case len(distinct(all)) <= 12 && 2*len(distinct(all)) <= len(all):
		q.Type = Single
		q.Labels = labelsFor(distinct(all), false)
		return q, rules, fmt.Sprintf("guessed: one answer out of %d (%s); give the labels their texts, set role: state or role: sector if it is one", len(q.Labels), where)
	}
	q.Type = Text
	return q, rules, fmt.Sprintf("guessed: free text (%s)", where)
}

func ingestCols(cols []Column) string {
	a, b := colLetters(cols[0].Index), colLetters(cols[len(cols)-1].Index)
	if a == b {
		return "column " + a
	}
	return "columns " + a + "–" + b
}

// colLetters names a 1-based column as Excel does (28 → AB).
func colLetters(c int) string {
	s := ""
	for c > 0 {
		c--
		s = string(rune('A'+c%26)) + s
		c /= 26
	}
	return s
}

// isMarks says every answer of a column group is a yes/no mark or the
// column's own option text: a multiple choice laid out per option.
func isMarks(g *group, values map[int][]string) bool {
	n := 0
	for i, c := range g.cols {
		for _, v := range values[c.Index] {
			if !markRE.MatchString(v) && key(v) != key(g.subs[i]) {
				return false
			}
			n++
		}
	}
	return n > 0
}

func isNumber(v string) bool { _, ok := parseNumber(v); return ok }

func allNumbers(vs []string) bool {
	for _, v := range vs {
		if !isNumber(v) {
			return false
		}
	}
	return len(vs) > 0
}

func hasSeparator(vs []string, sep string) bool {
	for _, v := range vs {
		if strings.Contains(v, sep) {
			return true
		}
	}
	return false
}

func splitAll(vs []string, sep string) []string {
	var out []string
	for _, v := range vs {
		for _, p := range strings.Split(v, sep) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// distinct returns the different values in a natural order (A2 before A10).
func distinct(vs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out
}

func naturalLess(a, b string) bool {
	pa, na := splitNum(a)
	pb, nb := splitNum(b)
	if pa != pb || na < 0 || nb < 0 {
		return a < b
	}
	return na < nb
}

func splitNum(s string) (string, int) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(s[i:])
	if err != nil {
		return s, -1
	}
	return s[:i], n
}

// guessScale gives a matrix its range: from numeric answers, or labels for
// answer codes (A1 … A5 → 1 … 5) the user names.
func guessScale(q *Question, vs []string) {
	if allNumbers(vs) {
		guessRange(q, vs)
		return
	}
	q.Labels = labelsFor(distinct(vs), true)
	lo, hi := q.Labels[0].Value, q.Labels[len(q.Labels)-1].Value
	q.Min, q.Max = &lo, &hi
}

// guessRange sets min and max to the usual scale the answers fall in.
func guessRange(q *Question, vs []string) {
	lo, hi := 0.0, 0.0
	for i, v := range vs {
		f, _ := parseNumber(v)
		if i == 0 || f < lo {
			lo = f
		}
		if i == 0 || f > hi {
			hi = f
		}
	}
	switch {
	case lo >= 1 && hi <= 5:
		lo, hi = 1, 5
	case lo >= 1 && hi <= 7:
		lo, hi = 1, 7
	case lo >= 0 && hi <= 10:
		lo, hi = 0, 10 // 0–10, as recommendation (NPS) questions ask
	}
	q.Min, q.Max = &lo, &hi
}

// labelsFor turns answers into labels. An answer that looks like a code
// (A1) is kept as the label's export code, its text left for the user.
func labelsFor(vs []string, scale bool) []Label {
	ls := make([]Label, 0, len(vs))
	seen := map[string]bool{}
	for i, v := range vs {
		l := Label{Text: v}
		if answerCodeRE.MatchString(v) {
			l.Codes = []string{v}
		}
		if scale {
			l.Value = float64(i + 1)
		} else {
			l.Code = uniqueID(slug(v), func(x string) bool { return seen[x] })
			seen[l.Code] = true
		}
		ls = append(ls, l)
	}
	return ls
}

func examples(vs []string) string {
	d := distinct(vs)
	if len(d) > 6 {
		d = append(d[:6], "…")
	}
	return strings.ReplaceAll(strings.Join(d, ", "), "\n", " ")
}

// slug makes an id of lower-case letters, digits and _ from a header.
func slug(s string) string {
	k := strings.ReplaceAll(key(s), " ", "_")
	var b strings.Builder
	for _, r := range k {
		if r < 128 {
			b.WriteRune(r)
		}
	}
	k = strings.Trim(b.String(), "_")
	if k == "" || k[0] < 'a' || k[0] > 'z' {
		k = "q_" + k
	}
	if len(k) > 40 {
		k = strings.TrimRight(k[:40], "_")
	}
	return strings.TrimRight(k, "_")
}

func uniqueID(id string, taken func(string) bool) string {
	if !taken(id) {
		return id
	}
	for i := 2; ; i++ {
		if c := fmt.Sprintf("%s_%d", id, i); !taken(c) {
			return c
		}
	}
}

// YAML renders a definition in the form Parse reads: one line per label,
// item and column rule, notes as comments above their questions.
func (d *Definition) YAML(comment string, notes map[string]string) ([]byte, error) {
	var doc yaml.Node
	if err := doc.Encode(d); err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	doc.HeadComment = commentText(comment)
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "questions":
			for _, q := range v.Content {
				compact(q)
				if n := notes[field(q, "id")]; n != "" {
					q.HeadComment = "TODO: " + commentText(n)
				}
			}
		case "columns":
			for _, c := range v.Content {
				c.Style = yaml.FlowStyle
			}
		}
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	return b.Bytes(), nil
}

// compact writes a question's labels and items one per line.
func compact(q *yaml.Node) {
	for i := 0; i+1 < len(q.Content); i += 2 {
		switch q.Content[i].Value {
		case "labels", "items":
			for _, e := range q.Content[i+1].Content {
				e.Style = yaml.FlowStyle
			}
		case "match", "missing":
			q.Content[i+1].Style = yaml.FlowStyle
		}
	}
}

func field(m *yaml.Node, name string) string {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i+1].Value
		}
	}
	return ""
}

// commentText keeps a comment to one printable line per line: YAML allows
// no control characters, and answers quoted in notes may hold any.
func commentText(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\uFEFF' {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
