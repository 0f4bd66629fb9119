package survey

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// MatchThreshold is the least similarity at which a column's header is
// taken for a wording of a question or item the dataset already holds.
const MatchThreshold = 0.5

// Asked is one row of a dataset's codebook: a question, or an item of one,
// as one event asked it (the questions table).
type Asked struct {
	Event, Question, Item string
	Text, TextEn          string // the question's text in the definition
	ItemText, ItemTextEn  string
	Header                string // the column header the file worded it with
	Type, Role            string
	Min, Max              *float64
}

// AskedLabel is one answer label of a question as one event stored it (the
// labels table).
type AskedLabel struct {
	Event, Question, Code string
	Value                 float64
	Text, TextEn          string
}

// Registry is what a dataset already asked, by question and item id, with
// every wording each was asked under: the question registry detect matches
// a new file against.
type Registry struct {
	Events []string // in time order
	known  []*known
	byID   map[string]*known
	quest  map[string]*Question // each question as its latest event defined it, items of every event
}

// known is one question or item id with its wordings.
type known struct {
	question, item string
	stems          []string // question wordings: texts and the stems of the headers
	labels         []string // item wordings: item texts and the items of the headers
	headers        []string // the headers, per event
	events         []string // the events that asked it, in time order
	single         bool     // a question with one item: its header is the whole question
}

func (k *known) id() string { return joinID(k.question, k.item) }

func joinID(q, item string) string {
	if item == "" {
		return q
	}
	return q + "." + item
}

// NewRegistry builds the registry from a dataset's codebook rows and labels,
// given in time order (events oldest first).
func NewRegistry(events []string, asked []Asked, labels []AskedLabel) *Registry {
	r := &Registry{Events: events, byID: map[string]*known{}, quest: map[string]*Question{}}
	add := func(list []string, s string) []string {
		if s = strings.Join(strings.Fields(s), " "); s != "" && !slices.Contains(list, s) {
			list = append(list, s)
		}
		return list
	}
	for _, a := range asked {
		id := joinID(a.Question, a.Item)
		k := r.byID[id]
		if k == nil {
			k = &known{question: a.Question, item: a.Item}
			r.byID[id] = k
			r.known = append(r.known, k)
		}
		k.stems = add(add(k.stems, a.Text), a.TextEn)
		k.labels = add(add(k.labels, a.ItemText), a.ItemTextEn)
		if a.Header != "" {
			stem, sub := splitHeader(a.Header)
			if a.Item == "" || sub == "" {
				// A header without an item part words the whole question
				// (a multiple choice in one column, or a single-row scale).
				stem = a.Header
			}
			k.stems = add(k.stems, stem)
			k.labels = add(k.labels, sub)
			k.headers = append(k.headers, a.Header)
		} else {
			k.headers = append(k.headers, "")
		}
		k.events = append(k.events, a.Event)
		r.define(a)
	}
	for _, k := range r.known {
		if q := r.quest[k.question]; q != nil && len(q.Items) == 1 {
			k.single = true
		}
	}
	for _, l := range labels {
		q := r.quest[l.Question]
		if q == nil || q.Role == RoleState {
			continue // states keep their built-in names and codes
		}
		i := slices.IndexFunc(q.Labels, func(x Label) bool { return x.Code == l.Code && x.Value == l.Value })
		lb := Label{Code: l.Code, Text: l.Text, TextEn: l.TextEn}
		if q.Type != Single {
			lb.Code, lb.Value = "", l.Value
		}
		if i >= 0 {
			q.Labels[i] = lb // the later event's wording
		} else {
			q.Labels = append(q.Labels, lb)
		}
	}
	for _, q := range r.quest {
		if q.Type != Single {
			sort.SliceStable(q.Labels, func(i, j int) bool { return q.Labels[i].Value < q.Labels[j].Value })
		}
	}
	return r
}

// define records a question as the dataset asked it, so a draft can refer
// to a question the file's definition lacks.
func (r *Registry) define(a Asked) {
	q := r.quest[a.Question]
	if q == nil {
		q = &Question{ID: a.Question}
		r.quest[a.Question] = q
	}
	q.Type, q.Text, q.TextEn, q.Min, q.Max = a.Type, a.Text, a.TextEn, a.Min, a.Max
	q.SetStoredRole(a.Role)
	if a.Item == "" {
		return
	}
	if it := q.Item(a.Item); it != nil {
		it.Text, it.TextEn = a.ItemText, a.ItemTextEn
		return
	}
	q.Items = append(q.Items, Item{Code: a.Item, Text: a.ItemText, TextEn: a.ItemTextEn})
}

// Latest is the newest event of the dataset, "" when it has none.
func (r *Registry) Latest() string {
	if len(r.Events) == 0 {
		return ""
	}
	return r.Events[len(r.Events)-1]
}

// Has says the dataset asked the question (item "") or item.
func (r *Registry) Has(question, item string) bool {
	return r.byID[joinID(question, item)] != nil
}

// Link is one column as compared with the registry.
type Link struct {
	Column         Column
	Question, Item string // the id linked to; for a new item, Item is ""
	// Score is the similarity of the header to the wording it was matched
	// with, 0–1 (for a new item: the question's wording).
	Score float64
	// Was is the dataset's wording it was matched with: for an item, the
	// latest header the item was asked under.
	Was      string
	WasEvent string // the latest event that asked the id
}

// Linking is how a file's columns relate to what a dataset already holds.
type Linking struct {
	Events []string // the dataset's events, in time order
	Latest string
	// Defined counts the columns the definition maps onto ids the dataset
	// already has.
	Defined int
	// Linked are columns the definition did not recognise, linked to a
	// known id by their wording.
	Linked []Link
	// NewItems are columns whose question the dataset knows (by the
	// definition or by wording) but not the item: a new item of Question.
	NewItems []Link
	// New are columns the definition maps onto ids the dataset lacks, and
	// columns nothing recognised (new questions; Question is "").
	New []Link
	// Gone lists the ids the latest event asked that this file does not.
	Gone []string
}

// Link compares a file's mapping (as d understood it) with the registry:
// each column the definition left unrecognised is scored against every
// known id the definition did not already map, and the best pairs at or
// above MatchThreshold are linked, each column and id once.
//
// The similarity is Dice's coefficient of the word sets (folded as key
// does, umlauts spelt out; common German and English function words
// dropped; two words match when equal or when the shorter, of at least 5
// letters, begins the longer). A header "stem [item]" (or "stem - item",
// "stem.item", …) is scored against an item by the harmonic mean of its
// stem's similarity to the question's wordings and its item's similarity
// to the item's labels, where a label whose words all occur in the other
// scores (1 + Dice) / 2; a header that is a whole question is scored
// against the question's wordings.
func (r *Registry) Link(m Mapping, d *Definition) *Linking {
	l := &Linking{Events: r.Events, Latest: r.Latest()}
	used := map[string]bool{} // ids the file's columns already map
	asked := map[string]bool{}
	var cands []int
	for i, c := range m.Columns {
		switch {
		case c.Kind == KindQuestion && c.By == "draft", c.Kind == KindUnknown && strings.TrimSpace(c.Header) != "":
			// Drafted from the file, or unknown: the dataset may know it.
			cands = append(cands, i)
		case c.Kind == KindQuestion:
			used[joinID(c.Question, c.Item)] = true
			for _, id := range askedIDs(c, d) {
				asked[id] = true
			}
			// A question in one column (a multiple choice joined with ";")
			// is known when the dataset has the question.
			if r.Has(c.Question, c.Item) || c.Item == "" && r.quest[c.Question] != nil {
				l.Defined++
			} else {
				l.New = append(l.New, Link{Column: c, Question: c.Question, Item: c.Item})
			}
		}
	}
	type pair struct {
		col   int
		k     *known
		score float64
		was   string
	}
	var pairs []pair
	for _, ci := range cands {
		c := m.Columns[ci]
		for _, k := range r.known {
			if used[k.id()] {
				continue
			}
			s, was := k.score(c.Header)
			if c.Text != "" {
				if s2, w2 := k.score(c.Text); s2 > s {
					s, was = s2, w2
				}
			}
			if s >= MatchThreshold {
				pairs = append(pairs, pair{ci, k, s, was})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	done := map[int]bool{}
	for _, p := range pairs {
		if done[p.col] || used[p.k.id()] {
			continue
		}
		done[p.col], used[p.k.id()] = true, true
		asked[p.k.id()] = true
		l.Linked = append(l.Linked, Link{Column: m.Columns[p.col], Question: p.k.question, Item: p.k.item, Score: p.score, Was: p.was, WasEvent: p.k.events[len(p.k.events)-1]})
	}
	sort.SliceStable(l.Linked, func(i, j int) bool { return l.Linked[i].Column.Index < l.Linked[j].Column.Index })
	for _, ci := range cands {
		if done[ci] {
			continue
		}
		c := m.Columns[ci]
		if q, s, was := r.itemOf(c, d); q != "" {
			l.NewItems = append(l.NewItems, Link{Column: c, Question: q, Score: s, Was: was})
			continue
		}
		l.New = append(l.New, Link{Column: c})
	}
	sort.SliceStable(l.New, func(i, j int) bool { return l.New[i].Column.Index < l.New[j].Column.Index })
	for _, k := range r.known {
		if slices.Contains(k.events, l.Latest) && !asked[k.id()] {
			l.Gone = append(l.Gone, k.id())
		}
	}
	return l
}

// askedIDs are the ids a mapped column asks: its item, or every item of a
// question laid out in one column (a multiple choice joined with ";").
func askedIDs(c Column, d *Definition) []string {
	if c.Item != "" {
		return []string{joinID(c.Question, c.Item)}
	}
	q := d.Question(c.Question)
	if q == nil || len(q.Items) == 0 {
		return []string{c.Question}
	}
	ids := make([]string, len(q.Items))
	for i, it := range q.Items {
		ids[i] = joinID(q.ID, it.Code)
	}
	return ids
}

// itemOf finds the known question whose wording a "stem [item]" column's
// stem matches when its item matches none: the column is a new item of
// that question. A column the definition already placed under a question
// (a matrix row it lacks the item of) stays with it.
func (r *Registry) itemOf(c Column, d *Definition) (question string, score float64, was string) {
	if c.Question != "" && c.By != "draft" {
		return c.Question, 1, ""
	}
	stem, sub := splitHeader(c.Header)
	if sub == "" {
		return "", 0, ""
	}
	for _, k := range r.known {
		if k.item == "" || k.single {
			continue
		}
		if t := r.quest[k.question]; t == nil || (t.Type != Scale && t.Type != Multi && t.Type != Ranking) {
			continue
		}
		if s, w := bestOf(tokens(stem), k.stems, dice); s > score {
			question, score, was = k.question, s, w
		}
	}
	if score < MatchThreshold {
		return "", 0, ""
	}
	return question, score, was
}

// score is how similar a header is to the id's wordings, with the wording
// that matched best.
func (k *known) score(header string) (float64, string) {
	h := tokens(header)
	if k.item == "" || k.single {
		s, w := bestOf(h, k.stems, dice)
		if k.item == "" {
			return s, w
		}
		if is, iw := k.itemScore(header); is > s {
			return is, iw
		}
		return s, w
	}
	return k.itemScore(header)
}

func (k *known) itemScore(header string) (float64, string) {
	best, was := 0.0, ""
	try := func(stem, sub []string) {
		qs, qw := bestOf(stem, k.stems, dice)
		is, _ := bestOf(sub, k.labels, labelSim)
		if s := harmonic(qs, is); s > best {
			best, was = s, qw
		}
	}
	if stem, sub := splitHeader(header); sub != "" {
		try(tokens(stem), tokens(sub))
	}
	// "Handlungsbedarf Datenschutz": the item's label inside the header.
	h := tokens(header)
	for _, lb := range k.labels {
		lt := tokens(lb)
		if rest, ok := without(h, lt); ok && len(rest) > 0 {
			try(rest, lt)
		}
	}
	if len(k.headers) > 0 && best > 0 {
		// Show the latest header the id was asked under: what users recognise.
		for i := len(k.headers) - 1; i >= 0; i-- {
			if k.headers[i] != "" {
				was = k.headers[i]
				break
			}
		}
	}
	return best, was
}

func bestOf(a []string, wordings []string, sim func(a, b []string) float64) (float64, string) {
	best, was := 0.0, ""
	for _, w := range wordings {
		if s := sim(a, tokens(w)); s > best {
			best, was = s, w
		}
	}
	return best, was
}

func harmonic(a, b float64) float64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	return 2 * a * b / (a + b)
}

// splitHeader splits a matrix header into its question stem and its item:
// "stem [item]", or at the last " - ", " – ", " | ", ": " or "." when what
// follows is a short label. A header that does not split is all stem.
func splitHeader(h string) (stem, sub string) {
	h = strings.TrimSpace(h)
	if strings.HasSuffix(h, "]") {
		if i := strings.LastIndex(h, "["); i > 0 {
			return strings.TrimSpace(h[:i]), strings.TrimSpace(h[i+1 : len(h)-1])
		}
	}
	for _, sep := range []string{" - ", " – ", " | ", ": ", "."} {
		i := strings.LastIndex(h, sep)
		if i <= 0 {
			continue
		}
		stem, sub := strings.TrimSpace(h[:i]), strings.TrimSpace(h[i+len(sep):])
		if n := len(strings.Fields(key(sub))); n >= 1 && n <= 6 && len(strings.Fields(key(stem))) >= 2 {
			return stem, sub
		}
	}
	return h, ""
}

// stopWords are dropped before comparing wordings: they say little about
// what a question asks. ("it" stays: IT-Sicherheit.)
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`der die das den dem des ein eine einer eines einem einen und oder
		in im an am auf aus bei mit von vom zu zum zur fuer ueber unter nach vor als wie was welche welcher
		welches welchen wo ob dass es ist sind war waren sein wird werden wurde haben hat hatten sie ihr ihre
		ihrer ihren ihnen wir uns unser unsere ich mich man sich bitte nicht noch auch nur sehr
		the a an and or of on at for to with by from is are was were be been do does did you your we our
		how what which this that`) {
		m[w] = true
	}
	return m
}()

// tokens are a text's words as key folds them, without function words
// (all words when nothing else is left).
func tokens(s string) []string {
	all := strings.Fields(key(s))
	var out []string
	for _, w := range all {
		if !stopWords[w] && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// same says two words match: equal, or the shorter (5 letters or more)
// begins the longer (Konferenz, Konferenzen).
func same(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 5 && strings.HasPrefix(b, a)
}

// matches counts the words of a that match a distinct word of b.
func matches(a, b []string) int {
	taken := make([]bool, len(b))
	n := 0
	for _, x := range a {
		for j, y := range b {
			if !taken[j] && same(x, y) {
				taken[j] = true
				n++
				break
			}
		}
	}
	return n
}

// dice is Dice's coefficient of two word sets: 2·|A∩B| / (|A|+|B|).
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(matches(a, b)) / float64(len(a)+len(b))
}

// labelSim compares item labels: Dice, raised to (1 + Dice) / 2 when one
// label's words all occur in the other ("Datenschutz" in "Datenschutz und
// DSGVO").
func labelSim(a, b []string) float64 {
	d := dice(a, b)
	if n := matches(a, b); n > 0 && n == min(len(a), len(b)) {
		return (1 + d) / 2
	}
	return d
}

// without removes the words of sub from h; ok says all of them were there.
func without(h, sub []string) ([]string, bool) {
	if len(sub) == 0 {
		return nil, false
	}
	rest := slices.Clone(h)
	for _, s := range sub {
		i := slices.IndexFunc(rest, func(x string) bool { return same(x, s) })
		if i < 0 {
			return nil, false
		}
		rest = slices.Delete(rest, i, i+1)
	}
	return rest, true
}

// Assign says which columns Detect is to map onto the dataset's ids: the
// linked ones onto their ids, the new items' columns under their question.
func (l *Linking) Assign() map[int]Assignment {
	out := map[int]Assignment{}
	for _, k := range l.Linked {
		out[k.Column.Index] = Assignment{Question: k.Question, Item: k.Item}
	}
	for _, k := range l.NewItems {
		out[k.Column.Index] = Assignment{Question: k.Question}
	}
	return out
}

// Notes says, per question id, which of its columns were linked by their
// wording, for a draft's TODO comments.
func (l *Linking) Notes() map[string]string {
	byQ := map[string][]string{}
	var order []string
	for _, k := range l.Linked {
		if byQ[k.Question] == nil {
			order = append(order, k.Question)
		}
		byQ[k.Question] = append(byQ[k.Question], fmt.Sprintf("%s → %s (%.2f)", xlsx.ColName(k.Column.Index), joinID(k.Question, k.Item), k.Score))
	}
	out := map[string]string{}
	for _, q := range order {
		out[q] = "linked by the wording of earlier events, check the columns rules: column " + strings.Join(byQ[q], ", column ")
	}
	return out
}

// Extend returns d with the questions and items the dataset holds that d
// lacks, so a draft can map columns onto them.
func (r *Registry) Extend(d *Definition) *Definition {
	out := *d
	out.Questions = slices.Clone(d.Questions)
	for _, k := range r.known {
		src := r.quest[k.question]
		q := out.Question(k.question)
		if q == nil {
			n := *src
			n.Items = nil
			n.Labels = slices.Clone(src.Labels)
			out.Questions = append(out.Questions, n)
			q = &out.Questions[len(out.Questions)-1]
		}
		if k.item != "" && q.Item(k.item) == nil {
			q.Items = append(slices.Clone(q.Items), *src.Item(k.item))
		}
	}
	return &out
}
