package survey

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// Drafting: the columns no question of the definition claimed are grouped
// into questions ("stem [item]" columns, G02Q03[SQ001] codes, Q3_1 tags,
// Kobo's "question/choice") and each question's type, items and labels are
// drafted from all its answers. The draft also holds the definition's
// questions that claimed columns, with the file's wordings of their labels
// as aliases, and a columns rule per column, so that importing with it
// reads exactly what detect showed.

// otherCode is the code of a drafted "other" option: not "other", which
// the wide export gives the column of its typed texts (topics_other).
const otherCode = "other_option"

// maxLabels is the most distinct answers a drafted choice question has;
// a column with more is free text.
const maxLabels = 40

var (
	codeSubRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*)\[([^\]]+)\](?:\[[^\]]*\])*$`) // G02Q03[SQ001], Q1[SQ001][1]
	textSubRE = regexp.MustCompile(`^(.+?)\s*\[([^\[\]]+)\]$`)                             // Frage [Zeile]
	underRE   = regexp.MustCompile(`^(.+?)_([0-9]+)$`)                                     // Q3_1, Letters 3 Opts_2
	qTextRE   = regexp.MustCompile(`^(.+?)_[0-9]+_TEXT$|^(.+?)_TEXT$`)                     // Gender_3_TEXT
	slashRE   = regexp.MustCompile(`^(.+)/([^/]+)$`)                                       // Kobo: question/choice
	answerRE  = regexp.MustCompile(`^[A-Z]{1,3}[0-9]{1,4}$|^-oth-$`)                       // LimeSurvey's A1, AO01
)

// group is the columns of one drafted question.
type group struct {
	stem  string // header stem (a code, or the question text)
	text  string // the question text
	cols  []*Column
	subs  []string // item text of each column; "" for a lone column
	other *Column  // the column of the "other" text
}

// parts splits a column's header into stem and item part, and says the
// question text and item text it shows.
func parts(c *Column) (stem, sub, text, subText string, weak bool) {
	h := strings.TrimSpace(c.Header)
	t := strings.TrimSpace(c.Text)
	t = strings.TrimSuffix(strings.TrimSuffix(t, " - Selected Choice"), " - Ausgewählte Auswahl")
	tStem, tSub := t, ""
	if m := textSubRE.FindStringSubmatch(t); m != nil {
		tStem, tSub = m[1], m[2]
	} else if i := strings.LastIndex(t, " - "); i > 0 {
		tStem, tSub = t[:i], t[i+3:]
	}
	switch {
	case codeSubRE.MatchString(h):
		m := codeSubRE.FindStringSubmatch(h)
		stem, sub = m[1], m[2]
	case textSubRE.MatchString(h):
		m := textSubRE.FindStringSubmatch(h)
		stem, sub = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	case underRE.MatchString(h) && t != "" && tSub != "":
		m := underRE.FindStringSubmatch(h)
		stem, sub = m[1], m[2]
	case slashRE.MatchString(h) && !strings.Contains(h, "://"):
		// Kobo's "question/choice" only where a neighbour has the same
		// stem: "attending/participating", "und/oder" are words.
		m := slashRE.FindStringSubmatch(h)
		stem, sub, weak = m[1], m[2], true
	default:
		// "Zufriedenheit – Wartezeit", "… areas?.Skilled workforce": a
		// matrix only where the next or previous column has the same stem.
		stem, sub = splitWeak(h)
		weak = sub != ""
		if !weak {
			stem = h
		}
	}
	text = stem
	if t != "" {
		text = t
		if sub != "" {
			text = tStem
		}
	}
	subText = sub
	if sub != "" && tSub != "" {
		subText = tSub
	}
	return stem, sub, strings.TrimSpace(text), strings.TrimSpace(subText), weak
}

// groupColumns puts the drafted columns into questions: next to each other
// with the same stem and an item part each. A column of "other" text goes
// with the question before it.
func groupColumns(cols []*Column, profiles map[int]*Profile) []*group {
	type part struct {
		stem, sub, text, subText string
		weak                     bool
	}
	ps := make([]part, len(cols))
	for i, c := range cols {
		var p part
		p.stem, p.sub, p.text, p.subText, p.weak = parts(c)
		ps[i] = p
	}
	for i := range ps {
		if !ps[i].weak {
			continue
		}
		next := i+1 < len(ps) && cols[i+1].Index == cols[i].Index+1 && ps[i+1].stem == ps[i].stem
		prev := i > 0 && cols[i-1].Index == cols[i].Index-1 && ps[i-1].stem == ps[i].stem
		if !next && !prev {
			h := strings.TrimSpace(cols[i].Header)
			ps[i] = part{stem: h, text: h}
			if cols[i].Text != "" {
				ps[i].text = strings.TrimSpace(cols[i].Text)
			}
		}
	}
	var out []*group
	lastIndex := -1
	for i, c := range cols {
		stem, sub, text, subText := ps[i].stem, ps[i].sub, ps[i].text, ps[i].subText
		var last *group
		if n := len(out); n > 0 && c.Index == lastIndex+1 {
			last = out[n-1]
		}
		lastIndex = c.Index
		if last != nil && otherText(c) && !marksOnly(profiles[c.Index]) && !sharesAnswers(last, c, profiles) && last.other == nil && belongs(last, c, stem, profiles) {
			last.other = c
			continue
		}
		if last != nil && sub != "" && last.stem == stem && (last.subs[0] != "" || len(last.cols) == 1 && last.subs[0] == "" && optionCopy(last.cols[0], c, subText, profiles)) {
			if last.subs[0] == "" {
				// Kobo: the question's one-cell answer, then a column per choice.
				last.cols[0].Kind, last.cols[0].By, last.cols[0].Note = KindSystem, "content", i18n.M(NoteOptionCopy)
				last.cols, last.subs = nil, nil
			}
			last.cols = append(last.cols, c)
			last.subs = append(last.subs, subText)
			continue
		}
		out = append(out, &group{stem: stem, text: text, cols: []*Column{c}, subs: []string{subText}})
		if sub == "" {
			out[len(out)-1].subs[0] = ""
		}
	}
	var kept []*group
	for _, g := range out {
		if len(g.cols) > 0 {
			kept = append(kept, g)
		} else if g.other != nil {
			// An other text whose question turned out redundant: text of its own.
			kept = append(kept, &group{stem: g.other.Header, text: g.other.Header, cols: []*Column{g.other}, subs: []string{""}})
		}
	}
	return kept
}

// typedRows splits the columns typed into (a "[Further]" row of a
// frequency matrix, answered in words of one's own) off a matrix whose
// other rows are a scale: with them in it, its rows were drafted one by
// one, each with the levels it happened to get, so the same label had
// other codes in two rows. It returns the matrix and a group per typed
// column.
func typedRows(g *group, profiles map[int]*Profile) (*group, []*group, bool) {
	if len(g.cols) < 3 {
		return nil, nil, false
	}
	var keep, typed []int
	for i, c := range g.cols {
		p := profiles[c.Index]
		rest := &group{stem: g.stem}
		for j, o := range g.cols {
			if j != i {
				rest.cols = append(rest.cols, o)
			}
		}
		if p != nil && p.answered() > 0 && 2*len(p.values()) >= p.answered() && !sharesAnswers(rest, c, profiles) && !levelWords(p) {
			typed = append(typed, i)
		} else {
			keep = append(keep, i)
		}
	}
	if len(typed) == 0 || len(keep) < 2 {
		return nil, nil, false
	}
	scale := &group{stem: g.stem, text: g.text, other: g.other}
	var kp []*Profile
	for _, i := range keep {
		scale.cols, scale.subs = append(scale.cols, g.cols[i]), append(scale.subs, g.subs[i])
		kp = append(kp, profiles[g.cols[i].Index])
	}
	if ok, _ := scaleOf(&Question{}, merged(kp...)); !ok {
		return nil, nil, false
	}
	var texts []*group
	for _, i := range typed {
		text := strings.TrimSpace(g.text)
		if text == "" {
			text = g.stem
		}
		texts = append(texts, &group{stem: g.stem, text: text + " [" + g.subs[i] + "]", cols: []*Column{g.cols[i]}, subs: []string{""}})
	}
	return scale, texts, true
}

// levelWords says most of a column's answers are numbers or scale words:
// a matrix row with few answers ("eher wichtig", "sehr wichtig"), not one
// typed into.
func levelWords(p *Profile) bool {
	n := 0
	for _, v := range p.values() {
		_, num := parseNumber(v)
		_, _, numb := numbered(v)
		_, word := ordinalScore(v)
		if num || numb || word {
			n += p.Distinct[v]
		}
	}
	return 2*n >= p.answered()
}

// sharesAnswers says column c is answered with the answers of g's
// columns, as a row of their matrix is: most of its answers are among
// theirs. Typed other texts are not (a LimeSurvey row "[… aber anderes
// Thema]" of a "Welche …" matrix, answered "Wichtig", was taken for one).
func sharesAnswers(g *group, c *Column, profiles map[int]*Profile) bool {
	pc := profiles[c.Index]
	if pc == nil || pc.answered() == 0 {
		return false
	}
	theirs := map[string]bool{}
	for _, gc := range g.cols {
		if p := profiles[gc.Index]; p != nil {
			for _, v := range p.values() {
				theirs[key(v)] = true
			}
		}
	}
	shared := 0
	for _, v := range pc.values() {
		if theirs[key(v)] {
			shared += pc.Distinct[v]
		}
	}
	return 5*shared >= 4*pc.answered()
}

// optionCopy says column a holds in one cell the choices whose option
// columns follow it, o the first of them (KoboToolbox): as many of a's
// cells name o's option as o's column marks chosen. A question before a
// matrix of the same stem is no copy.
func optionCopy(a, o *Column, sub string, profiles map[int]*Profile) bool {
	pa, po := profiles[a.Index], profiles[o.Index]
	if pa == nil || po == nil || key(sub) == "" {
		return false
	}
	named, chosen := 0, 0
	for v, n := range pa.Distinct {
		if strings.Contains(key(v), key(sub)) {
			named += n
		}
	}
	for v, n := range po.Distinct {
		if chosenWords[key(v)] {
			chosen += n
		}
	}
	// A column of texts after a question is no option column of it (a
	// number, then "[If unsure, please describe below:]"); option columns
	// left empty (an excerpt of Kobo's export) are.
	return named == chosen && (chosen > 0 || po.answered() == 0)
}

// belongs says an "other" text column goes with the question before it.
func belongs(g *group, c *Column, stem string, profiles map[int]*Profile) bool {
	if stem == g.stem {
		return true
	}
	if m := qTextRE.FindStringSubmatch(strings.TrimSpace(c.Header)); m != nil {
		base := m[1] + m[2]
		return base == g.stem || len(g.cols) > 0 && strings.HasPrefix(strings.TrimSpace(g.cols[0].Header), base)
	}
	// Kobo: "Please specify the other …" after the option columns with an
	// "Other" option, or after a question answered "Andere".
	for _, s := range g.subs {
		if isOtherWord(s) {
			return true
		}
	}
	if len(g.cols) == 1 && g.subs[0] == "" {
		for v := range profiles[g.cols[0].Index].Distinct {
			for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ';' || r == ',' }) {
				if isOtherWord(w) {
					return true
				}
			}
		}
	}
	return false
}

// draftQ is one drafted question with its columns rules and a note on
// what a person should check.
type draftQ struct {
	q     Question
	cols  []*Column
	items []string // item code per column, "" for a lone column
	ranks bool     // the columns are ranks 1, 2 … of a ranking, naming its items
	other *Column
	note  string
}

// draftGroup drafts the question(s) of a group from its answers.
func draftGroup(g *group, profiles map[int]*Profile, idOf func(string) string, rows int, sample []*Row) []draftQ {
	if scale, texts, ok := typedRows(g, profiles); ok {
		out := draftGroup(scale, profiles, idOf, rows, sample)
		for _, t := range texts {
			out = append(out, draftGroup(t, profiles, idOf, rows, sample)...)
		}
		return out
	}
	ps := make([]*Profile, len(g.cols))
	for i, c := range g.cols {
		ps[i] = profiles[c.Index]
	}
	p := merged(ps...)
	text := strings.TrimSpace(g.text)
	if text == "" {
		text = g.stem
	}
	base := idFor(g.stem)
	if codeHeader(g.stem) {
		base = slug(g.stem)
	}
	where := colRange(g.cols)
	q := Question{ID: idOf(base), Text: text}
	one := draftQ{cols: g.cols, other: g.other}
	if len(g.cols) > 1 || g.subs[0] != "" {
		items := make([]Item, len(g.cols))
		seen := map[string]bool{}
		for i, s := range g.subs {
			code := uniqueID(slug(s), func(x string) bool { return seen[x] })
			seen[code] = true
			items[i] = Item{Code: code, Text: s}
			one.items = append(one.items, code)
		}
		q.Items = items
		if rq, rules, ok := rankPositions(q, g, p); ok {
			one.q, one.items = rq, rules
			one.ranks = true
			return []draftQ{one}
		}
		switch {
		case rankPerItem(p, len(g.cols)) && (rankWords(text) || permutations(g.cols, sample)):
			q.Type = Ranking
			one.note = ""
		case p.answered() == 0:
			q.Type = Scale
			one.note = fmt.Sprintf("no answers in %s: set the type (scale or multi), range and labels", where)
		case optionColumns(g, ps):
			q.Type = Multi
			hasOther := false
			for i := range q.Items {
				if isOtherWord(q.Items[i].Text) {
					q.Items[i].Other, hasOther = true, true
				}
			}
			if g.other != nil && !hasOther {
				q.Items = append(q.Items, Item{Code: uniqueID(otherCode, func(x string) bool { return seen[x] }), Text: otherLabel(g.other), Other: true})
			}
			one.note = ""
		default:
			if ok, note := scaleOf(&q, p); ok {
				q.Type = Scale
				one.note = note
				break
			}
			// Answers without an order, or numbers that are no scale
			// points: a question per column.
			var out []draftQ
			shared := p.values()
			for i, c := range g.cols {
				sub := Question{ID: idOf(base + "_" + one.items[i]), Text: text + " [" + g.subs[i] + "]", fromMatrix: true}
				dq := draftQ{cols: []*Column{c}, items: []string{""}}
				if allNumeric(p) && ps[i].answered() > 0 {
					// Numbers that are no scale points in the matrix are
					// none in a row of it with fewer values (days per week
					// by mode of transport: 0–20 in one row, 0–4 in another).
					dq.note = numeric(&sub, ps[i])
				} else {
					dq.note = lone(&sub, ps[i], c, rows)
				}
				if sub.Type == Single && choice(p, shared, false) {
					// The rows of one matrix share its answers, in the
					// order of their meaning where it is known (a calendar
					// "nie … täglich"), as a lone column's are.
					ordered, _ := choiceOrder(shared)
					sub.Labels = labelsFor(ordered)
				}
				if i > 0 && len(out) > 0 && dq.note == out[0].note {
					dq.note = ""
				}
				dq.q = sub
				out = append(out, dq)
			}
			if len(out) > 0 && out[0].note != "" {
				out[0].note += fmt.Sprintf(" (the same for the other rows of the matrix, %s)", colRange(g.cols))
			}
			return out
		}
		one.q = q
		return []draftQ{one}
	}
	one.items = []string{""}
	if items, ok := joinedRanking(text, p); ok {
		q.Type, q.Items = Ranking, items
		one.q = q
		return []draftQ{one}
	}
	one.note = lone(&q, p, g.cols[0], rows)
	if g.other != nil && q.Type == Single {
		// LimeSurvey writes "Other" into the answer column and the text
		// into the [Other] column: the label is there already. A second
		// one of the same text would match each such answer twice.
		text := otherLabel(g.other)
		if i := slices.IndexFunc(q.Labels, func(l Label) bool { return l.Other || strings.EqualFold(l.Text, text) }); i >= 0 {
			q.Labels[i].Other = true
		} else {
			q.Labels = append(q.Labels, Label{Code: uniqueID("other", func(x string) bool { return slices.ContainsFunc(q.Labels, func(l Label) bool { return l.Code == x }) }), Text: text, Other: true})
		}
	}
	one.q = q
	return []draftQ{one}
}

// otherLabel is the text the "other" option is shown with.
func otherLabel(c *Column) string {
	_, sub, _, subText, _ := parts(c)
	if isOtherWord(subText) {
		return subText
	}
	if isOtherWord(sub) {
		return sub
	}
	return "Sonstiges"
}

// codeHeader says a header is a question code (G01Q01, q3), not text.
func codeHeader(h string) bool {
	h = strings.TrimSpace(h)
	return h != "" && !strings.Contains(h, " ") && len(h) <= 20 && (answerRE.MatchString(h) || regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*[0-9][A-Za-z0-9_]*$|^SQ[0-9]+$`).MatchString(h))
}

func colRange(cols []*Column) string {
	a, b := xlsx.ColName(cols[0].Index), xlsx.ColName(cols[len(cols)-1].Index)
	if a == b {
		return "column " + a
	}
	return "columns " + a + "–" + b
}

// optionColumns says the columns are a multiple choice, one column per
// option: every answer is a yes/no mark or the column's own option text.
func optionColumns(g *group, ps []*Profile) bool {
	n := 0
	for i, p := range ps {
		for v, c := range p.Distinct {
			if p.is(v, fMissing) {
				continue
			}
			k := key(v)
			if !chosenWords[k] && !unchosenWords[k] && k != key(g.subs[i]) {
				return false
			}
			n += c
		}
	}
	return n > 0
}

// anchorRE finds "1 - " and "5 = " in a header: a scale point and its words.
var anchorRE = regexp.MustCompile(`(?:^|[\s(])(\d{1,2})\s?[-–=]\s`)

// headerAnchors reads the scale points a header ends with: two or more
// "N - words" in rising order within lo–hi, the last running to the end
// ("… Take a guess! 1 - Extremely simple 5 - Very difficult" → 1:
// "1 - Extremely simple", 5: "5 - Very difficult").
func headerAnchors(h string, lo, hi float64) map[float64]string {
	ms := anchorRE.FindAllStringSubmatchIndex(h, -1)
	// The anchors are the last run of matches whose points rise.
	start := len(ms) - 1
	for start > 0 {
		a, _ := strconv.Atoi(h[ms[start-1][2]:ms[start-1][3]])
		b, _ := strconv.Atoi(h[ms[start][2]:ms[start][3]])
		if a >= b {
			break
		}
		start--
	}
	if len(ms)-start < 2 {
		return nil
	}
	out := map[float64]string{}
	for i := start; i < len(ms); i++ {
		end := len(h)
		if i+1 < len(ms) {
			end = ms[i+1][0]
		}
		f, _ := strconv.ParseFloat(h[ms[i][2]:ms[i][3]], 64)
		text := strings.TrimRight(strings.TrimSpace(h[ms[i][2]:end]), ",;)")
		words := strings.TrimRight(strings.TrimSpace(h[ms[i][1]:end]), ",;)")
		if f < lo || f > hi || words == "" || startsWithDigit(words) || len(strings.Fields(words)) > 6 {
			return nil
		}
		out[f] = text
	}
	return out
}

// scaleOf makes q (with its items) a scale when the answers have an
// order: numbers of a small range (a code like 99 outside it means no
// answer), labels carrying numbers, or labels whose words say their order.
func scaleOf(q *Question, p *Profile) (bool, string) {
	vals := p.values()
	if len(vals) == 0 {
		return false, ""
	}
	nums, labels, codes := []float64{}, map[float64]string{}, []string{}
	var words []string
	for _, v := range vals {
		if f, ok := parseNumber(v); ok {
			nums = append(nums, f)
			continue
		}
		if f, _, ok := numbered(v); ok {
			// "1 – sehr gut": the number counts, the label stays as written.
			nums = append(nums, f)
			if labels[f] == "" {
				labels[f] = v
			}
			continue
		}
		words = append(words, v)
	}
	if len(words) == 0 {
		// Numbers: a scale when they are whole points of a short range.
		lo, hi, miss := rangeOf(nums)
		if lo == hi && len(nums) > 0 && len(miss) == 0 || hi-lo > 10 || !integers(nums, miss) {
			return false, ""
		}
		lo, hi = usualRange(lo, hi)
		q.Min, q.Max = ptr(lo), ptr(hi)
		// The header may end saying what the ends mean ("… 1 - Extremely
		// simple 5 - Very difficult", lines of a real Microsoft Forms
		// header): those are the labels the answers do not carry.
		for f, text := range headerAnchors(q.Text, lo, hi) {
			if labels[f] == "" {
				labels[f] = text
			}
		}
		for _, f := range slices.Sorted(mapKeys(labels)) {
			if !slices.Contains(miss, f) {
				q.Labels = append(q.Labels, Label{Value: f, Text: labels[f]})
			}
		}
		for _, f := range miss {
			codes = append(codes, fmtValue(f))
		}
		q.Missing = append(q.Missing, codes...)
		q.Missing = append(q.Missing, p.missingValues()...)
		note := ""
		if len(codes) > 0 {
			note = fmt.Sprintf("%s taken for \"no answer\" (outside %s–%s): check", strings.Join(codes, ", "), fmtValue(lo), fmtValue(hi))
		}
		return true, note
	}
	var codes99 []string
	for _, f := range nums {
		if !missingCodes[f] {
			return false, "" // numbers beside labels: no scale of either
		}
		codes99 = append(codes99, fmtValue(f))
	}
	values, how, ok := orderLabels(words)
	if !ok || how == "ranges" || how == "calendar" {
		return false, ""
	}
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmpFloat(values[a], values[b]) })
	for rank, i := range order {
		v := float64(rank + 1)
		if how == "numbers" {
			v = values[i]
		}
		q.Labels = append(q.Labels, Label{Value: v, Text: words[i]})
	}
	q.Min, q.Max = ptr(q.Labels[0].Value), ptr(q.Labels[len(q.Labels)-1].Value)
	slices.Sort(codes99)
	q.Missing = append(append(q.Missing, codes99...), p.missingValues()...)
	if len(codes99) > 0 {
		return true, fmt.Sprintf("%s taken for \"no answer\" (outside %s–%s): check", strings.Join(codes99, ", "), fmtValue(*q.Min), fmtValue(*q.Max))
	}
	return true, ""
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// rangeOf is the range of the numbers without the codes for "no answer"
// (99, -9 …) that lie far outside the rest.
func rangeOf(nums []float64) (lo, hi float64, missing []float64) {
	var rest []float64
	for _, f := range nums {
		if !missingCodes[f] {
			rest = append(rest, f)
		}
	}
	if len(rest) == 0 {
		rest = nums
	}
	lo, hi = slices.Min(rest), slices.Max(rest)
	for _, f := range nums {
		if missingCodes[f] && (f > 2*hi+1 || f < 0 && lo >= 0) {
			missing = append(missing, f)
		} else if missingCodes[f] {
			lo, hi = min(lo, f), max(hi, f)
		}
	}
	slices.Sort(missing)
	return lo, hi, slices.Compact(missing)
}

func integers(nums, except []float64) bool {
	for _, f := range nums {
		if f != math.Trunc(f) && !slices.Contains(except, f) {
			return false
		}
	}
	return true
}

// usualRange widens a range to the usual scale it falls in.
func usualRange(lo, hi float64) (float64, float64) {
	switch {
	case lo >= 1 && hi <= 5:
		return 1, 5
	case lo >= 1 && hi <= 7:
		return 1, 7
	case lo >= 0 && hi <= 10 && hi > 7:
		return 0, 10
	case lo >= 1 && hi <= 10:
		return 1, 10
	}
	return lo, hi
}

// lone drafts a question of one column from its answers and returns what to check.
func lone(q *Question, p *Profile, c *Column, rows int) string {
	where := "column " + xlsx.ColName(c.Index)
	vals := p.values()
	switch {
	case p.answered() == 0:
		q.Type = Text
		return fmt.Sprintf("no answers in %s: set the type", where)
	case npsValues(p) && (npsHeader(q.Text) || likelyHeader(q.Text) && len(vals) >= 5 && p.Max > 7):
		q.Type = NPS
		q.Min, q.Max = ptr(0), ptr(10)
		q.Missing = p.missingValues()
		return ""
	case openHeader(q.Text) && 5*p.answered() < 3*rows && p.Numbers == 0 && len(vals) > 1:
		// An open question most skipped: free text, even where answers repeat.
		q.Type = Text
		return ""
	}
	if countHeader(q.Text) && allNumeric(p) {
		q.Type = Numeric
		lo, hi, miss := rangeOf(numbersOf(p))
		q.Min, q.Max = ptr(math.Floor(lo)), ptr(math.Ceil(hi))
		for _, f := range miss {
			q.Missing = append(q.Missing, fmtValue(f))
		}
		return ""
	}
	// A number, a scale point, or an ordinal label.
	if ok, note := scaleOf(q, p); ok {
		if len(q.Labels) == 0 && q.Min != nil && *q.Max-*q.Min <= 10 || len(q.Labels) > 0 {
			q.Type = Scale
			return note
		}
	}
	q.Labels, q.Min, q.Max, q.Missing = nil, nil, nil, nil
	if allNumeric(p) {
		return numeric(q, p)
	}
	if items, note, ok := joinedOptions(p); ok {
		q.Type = Multi
		q.Items = items
		return note
	}
	if choice(p, vals, openHeader(q.Text)) {
		q.Type = Single
		q.Missing = p.missingValues()
		vals, ordered := choiceOrder(vals)
		q.Labels = labelsFor(vals)
		if codes := answerCodes(vals); codes {
			return fmt.Sprintf("answers are codes (%s): give the labels their texts; their order is not known", strings.Join(vals[:min(len(vals), 6)], ", "))
		}
		if !ordered {
			return ""
		}
		return ""
	}
	q.Type = Text
	return ""
}

// choiceOrder puts a single choice's labels in the order of the ranges or
// the calendar they name (neither is a scale of equal steps), else in
// natural order; ordered says which.
func choiceOrder(vals []string) (out []string, ordered bool) {
	values, how, ok := orderLabels(vals)
	if !ok || how == "meaning" {
		return naturalSorted(vals), ok
	}
	order := make([]int, len(vals))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpFloat(values[a], values[b]) })
	out = make([]string, len(vals))
	for i, j := range order {
		out[i] = vals[j]
	}
	return out, true
}

// numeric drafts a number question over the range of all its answers,
// codes like 99 beyond them taken for "no answer", and says what to check.
func numeric(q *Question, p *Profile) string {
	q.Type = Numeric
	q.Labels, q.Missing = nil, nil
	lo, hi, miss := rangeOf(numbersOf(p))
	q.Min, q.Max = ptr(math.Floor(lo)), ptr(math.Ceil(hi))
	for _, f := range miss {
		q.Missing = append(q.Missing, fmtValue(f))
	}
	q.Missing = append(q.Missing, p.missingValues()...)
	if len(miss) > 0 {
		return fmt.Sprintf("%s taken for \"no answer\": check", strings.Join(q.Missing, ", "))
	}
	return ""
}

// npsHeader says a question asks how likely one recommends something.
func npsHeader(h string) bool {
	k := " " + key(h) + " "
	for _, w := range []string{"empfehl", "recommend", " nps ", "net promoter"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// likelyHeader says a question asks how likely something is.
func likelyHeader(h string) bool {
	for _, w := range strings.Fields(key(h)) {
		switch w {
		case "wahrscheinlich", "likely", "likelihood", "wahrscheinlichkeit":
			return true
		}
	}
	return false
}

// countHeader says a question asks for a count or an age: a number, not a rating.
func countHeader(h string) bool {
	k := " " + key(h) + " "
	for _, p := range []string{" wie viele ", " wieviele ", " how many ", " anzahl ", " number of ", " wie alt ", " how old ", " alter ", " age ", " jahre ", " years ", " stunden ", " hours ", " minuten ", " minutes ", " km "} {
		if strings.Contains(k, p) {
			return true
		}
	}
	return false
}

// openHeader says a question asks for free text: what, why, remarks.
func openHeader(h string) bool {
	k := key(h)
	for _, p := range []string{"was ", "what ", "warum ", "why ", "wie koennte", "how could", "how can we", "haben sie noch", "hast du noch", "anything else"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	for _, w := range strings.Fields(k) {
		for _, p := range []string{"bemerkung", "anmerkung", "kommentar", "comment", "feedback", "suggestion", "vorschlag", "verbesser", "improv", "hinweis", "remark", "notes", "wuensche"} {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// permutations says the sampled rows rank the columns: their answers are
// different whole numbers from 1 to the number of columns.
func permutations(cols []*Column, sample []*Row) bool {
	n, seen := len(cols), 0
	for _, r := range sample {
		got := map[int]bool{}
		for _, c := range cols {
			v := strings.TrimSpace(r.Get(c.Index))
			if v == "" {
				continue
			}
			f, ok := parseNumber(v)
			k := int(f)
			if !ok || float64(k) != f || k < 1 || k > n || got[k] {
				return false
			}
			got[k] = true
		}
		if len(got) >= 2 {
			seen++
		}
	}
	return seen >= 3
}

// npsValues are whole numbers from 0 to 10, or labels carrying them.
func npsValues(p *Profile) bool {
	n := 0
	for v, c := range p.Distinct {
		if p.is(v, fMissing) {
			continue
		}
		f, ok := parseNumber(v)
		if !ok {
			f, _, ok = numbered(v)
		}
		if !ok || f < 0 || f > 10 || f != math.Trunc(f) {
			if isMissingCode(v) {
				continue
			}
			return false
		}
		n += c
	}
	return n > 0
}

func allNumeric(p *Profile) bool {
	return p.answered() > 0 && p.Numbers == p.answered()
}

func numbersOf(p *Profile) []float64 {
	var out []float64
	for v := range p.Distinct {
		if f, ok := parseNumber(v); ok {
			out = append(out, f)
		}
	}
	return out
}

// choice says a column's answers are picked from a list: few distinct
// ones, each given more than once on the whole, none long, none personal;
// or a few recurring ones, however long, unless the header asks an open
// question ("Why …?", "Any comments?").
func choice(p *Profile, vals []string, open bool) bool {
	if p.Overflow || len(vals) == 0 || len(vals) > maxLabels || p.Personal > 0 {
		return false
	}
	if !open && recurring(p, vals) {
		return true
	}
	if p.Long > 0 {
		return false
	}
	for _, v := range vals {
		if len([]rune(v)) > 80 || strings.Contains(v, "\n") {
			return false
		}
	}
	// Sentences are free text, however often they repeat.
	sentences := 0
	for _, v := range vals {
		if w := len(strings.Fields(v)); w >= 2 && strings.ContainsAny(v[len(v)-1:], ".!") || w >= 8 {
			sentences++
		}
	}
	if 2*sentences >= len(vals) {
		return false
	}
	n := p.answered()
	return len(vals) <= 6 && n >= 2*len(vals)-2 || 2*len(vals) <= n
}

// recurring says a few answers make up the whole column, each given
// again and again: options picked from a list, however long their wording
// ("Yes, I support these projects, but …", "Yes! Strongly Agree." in real
// SurveyMonkey exports), not texts typed by the respondents.
func recurring(p *Profile, vals []string) bool {
	if len(vals) < 2 || len(vals) > 12 || p.answered() < 5*len(vals) {
		return false
	}
	for _, v := range vals {
		if p.Distinct[v] < 2 || strings.Contains(v, "\n") || len([]rune(v)) > 300 {
			return false
		}
	}
	return true
}

// answerCodes says answers are codes (A1, A2), not labels.
func answerCodes(vals []string) bool {
	for _, v := range vals {
		if !answerRE.MatchString(v) {
			return false
		}
	}
	return true
}

// labelsFor turns answers into a single question's labels. An answer that
// looks like a code (A1) is kept as the label's export code too; one that
// means "other" is the other answer.
func labelsFor(vs []string) []Label {
	ls := make([]Label, 0, len(vs))
	seen := map[string]bool{}
	for _, v := range vs {
		l := Label{Text: v}
		if answerRE.MatchString(v) {
			l.Codes = []string{v}
		}
		l.Code = uniqueID(slug(v), func(x string) bool { return seen[x] })
		seen[l.Code] = true
		l.Other = isOtherWord(v)
		ls = append(ls, l)
	}
	return ls
}

// joinedOptions drafts a multiple choice written in one cell ("A;B;" as MS
// Forms, "A, B" as Google): its options are the parts that recur; parts
// given once are texts typed into "other". Free text that happens to hold
// commas or semicolons is no multiple choice: its parts do not recur.
func joinedOptions(p *Profile) ([]Item, string, bool) {
	if p.Overflow || p.answered() < 3 || p.Personal > 0 {
		return nil, "", false
	}
	sep := ""
	switch {
	case 5*p.Joined >= p.answered():
		sep = ";"
	case 5*p.Commas >= p.answered():
		sep = ","
		if commaLabels(p) {
			return nil, "", false
		}
	default:
		return nil, "", false
	}
	counts := map[string]int{}
	var order []string
	cells, parts := 0, 0
	for _, v := range p.values() { // in a fixed order: drafts do not change between runs
		n := p.Distinct[v]
		cells += n
		for _, f := range splitParts(v, sep) {
			if counts[f] == 0 {
				order = append(order, f)
			}
			counts[f] += n
			parts += n
		}
	}
	if sep == "," {
		order = joinPairs(order, p, counts)
	}
	// A text typed into "other" comes last in its cell (the tools append
	// it) and is rare; an option is neither, or it is common.
	joined := map[string]bool{}
	for _, f := range order {
		joined[f] = true
	}
	last := map[string]int{}
	parts = 0 // an option "A, B" joined above is one part of its cell
	for v, n := range p.Distinct {
		if fs := cellParts(v, sep, joined); len(fs) > 0 {
			last[fs[len(fs)-1]] += n
			parts += n * len(fs)
		}
	}
	rare := max(2, cells/10)
	var items []Item
	seen := map[string]bool{}
	once, repeated := 0, 0
	for _, f := range order {
		typed := counts[f] < 2 || counts[f] <= rare && last[f] == counts[f] && !isOtherWord(f)
		if typed || personalValue(f) || len([]rune(f)) > 200 {
			once += counts[f]
			continue
		}
		repeated += counts[f]
		code := slug(f)
		if isOtherWord(f) {
			code = otherCode
		}
		code = uniqueID(code, func(x string) bool { return seen[x] })
		seen[code] = true
		items = append(items, Item{Code: code, Text: f, Other: isOtherWord(f)})
	}
	// The parts must mostly recur, and cells hold more than one of them.
	if len(items) < 2 || 5*repeated < 3*parts || parts <= cells {
		return nil, "", false
	}
	slices.SortStableFunc(items, func(a, b Item) int { return counts[b.Text] - counts[a.Text] })
	note := ""
	if once > 0 && !slices.ContainsFunc(items, func(it Item) bool { return it.Other }) {
		items = append(items, Item{Code: uniqueID(otherCode, func(x string) bool { return seen[x] }), Text: "Sonstiges", Other: true})
		note = fmt.Sprintf("%d rare answers that come last in their cells are taken for texts typed into \"other\" (kept as comments): check", once)
	}
	return items, note, true
}

// commaLabels says the commas are inside the labels of a single choice
// ("Ja, VR-Technologie", "Nein, bisher keine genutzt"; a real Google Forms
// export): the answers recur, and no answer is made of other answers, as
// the checkboxes' "A, B" is of "A" and "B".
func commaLabels(p *Profile) bool {
	vals := p.values()
	if !recurring(p, vals) {
		return false
	}
	whole := map[string]bool{}
	for _, v := range vals {
		whole[strings.TrimSpace(v)] = true
	}
	for _, v := range vals {
		if fs := splitParts(v, ","); len(fs) > 1 {
			for _, f := range fs {
				if whole[f] {
					return false
				}
			}
		}
	}
	return true
}

func splitParts(v, sep string) []string {
	var out []string
	f := func(r rune) bool { return r == ';' || r == '\n' }
	if sep == "," {
		f = func(r rune) bool { return r == ',' || r == '\n' }
	}
	for _, s := range strings.FieldsFunc(v, f) {
		if s = strings.TrimSpace(s); s != "" && !isMissingWord(s) {
			out = append(out, s)
		}
	}
	return out
}

// joinPairs rejoins parts an option's own comma split: "Open Data" and
// "Open Government" that always come together, one after the other, are
// the option "Open Data, Open Government".
func joinPairs(order []string, p *Profile, counts map[string]int) []string {
	next := map[string]map[string]int{}
	for v, n := range p.Distinct {
		ps := splitParts(v, ",")
		for i := 0; i+1 < len(ps); i++ {
			if next[ps[i]] == nil {
				next[ps[i]] = map[string]int{}
			}
			next[ps[i]][ps[i+1]] += n
		}
	}
	var out []string
	gone := map[string]bool{}
	for _, a := range order {
		if gone[a] {
			continue
		}
		joined := false
		for b, n := range next[a] {
			if n == counts[a] && n == counts[b] && n >= 2 {
				j := a + ", " + b
				counts[j] = n
				out = append(out, j)
				gone[b] = true
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, a)
		}
	}
	return out
}

// rankRE is an item part naming a rank: "Rank 1", "Rang 2", "Platz 3".
var rankRE = regexp.MustCompile(`^(?i:rank|rang|platz|position|priorität|prioritaet|priority|choice|wahl)\s*([0-9]+)$`)

// rankWords says a question text asks for an order.
func rankWords(text string) bool {
	for _, w := range strings.Fields(key(text)) {
		switch {
		case strings.HasPrefix(w, "rank"), strings.HasPrefix(w, "rang"), strings.HasPrefix(w, "reihenfolge"),
			strings.HasPrefix(w, "priorisier"), strings.HasPrefix(w, "prioritize"), strings.HasPrefix(w, "prioritise"),
			w == "order", w == "sortieren", w == "ordnen", w == "sort":
			return true
		}
	}
	return false
}

// rankPerItem says the answers are ranks of n items: whole numbers 1 … n.
func rankPerItem(p *Profile, n int) bool {
	if p.answered() == 0 || p.Numbers != p.answered() || n < 2 {
		return false
	}
	return p.Min >= 1 && p.Max <= float64(n) && integers(numbersOf(p), nil)
}

// rankPositions makes a ranking of columns that are its ranks ("[Rank 1]",
// "[Rank 2]" …) holding the items' names: the items are the answers.
func rankPositions(q Question, g *group, p *Profile) (Question, []string, bool) {
	for i, s := range g.subs {
		m := rankRE.FindStringSubmatch(strings.TrimSpace(s))
		if m == nil || m[1] != fmt.Sprint(i+1) {
			return q, nil, false
		}
	}
	vals := p.values()
	if len(vals) < 2 || len(vals) > maxLabels || p.Numbers > 0 || p.Long > 0 || p.Personal > 0 {
		return q, nil, false
	}
	q.Type, q.Items = Ranking, nil
	seen := map[string]bool{}
	for _, v := range vals {
		code := uniqueID(slug(v), func(x string) bool { return seen[x] })
		seen[code] = true
		q.Items = append(q.Items, Item{Code: code, Text: v})
	}
	items := make([]string, len(g.cols))
	for i, c := range g.cols {
		c.Rank = i + 1
	}
	return q, items, true
}

// joinedRanking drafts a ranking written in one cell in order ("A;B;C;",
// MS Forms): a question that asks for an order, whose cells list the same
// items.
func joinedRanking(text string, p *Profile) ([]Item, bool) {
	if !rankWords(text) || p.answered() == 0 || 2*p.Joined < p.answered() || p.Overflow || p.Personal > 0 {
		return nil, false
	}
	counts := map[string]int{}
	var order []string
	for v, n := range p.Distinct {
		if p.is(v, fMissing) {
			continue
		}
		for _, f := range splitParts(v, ";") {
			if counts[f] == 0 {
				order = append(order, f)
			}
			counts[f] += n
		}
	}
	if len(order) < 2 || len(order) > maxLabels {
		return nil, false
	}
	slices.SortFunc(order, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	var items []Item
	seen := map[string]bool{}
	for _, f := range order {
		code := uniqueID(slug(f), func(x string) bool { return seen[x] })
		seen[code] = true
		items = append(items, Item{Code: code, Text: f})
	}
	return items, true
}

// naturalSorted returns the values in natural order (A2 before A10).
func naturalSorted(vals []string) []string {
	out := slices.Clone(vals)
	slices.SortFunc(out, naturalCompare)
	return out
}

// cellParts splits a multiple choice cell into its parts, rejoining the
// parts of an option whose own comma split it ("Open Data, Open Government").
func cellParts(v, sep string, joined map[string]bool) []string {
	ps := splitParts(v, sep)
	var out []string
	for i := 0; i < len(ps); i++ {
		if i+1 < len(ps) && joined[ps[i]+", "+ps[i+1]] {
			out = append(out, ps[i]+", "+ps[i+1])
			i++
			continue
		}
		out = append(out, ps[i])
	}
	return out
}

// splitWeak splits a header at its last " - ", " – ", " | ", ": " or "."
// into stem and item; the caller takes it for a matrix row only when a
// neighbouring column has the same stem.
func splitWeak(h string) (stem, sub string) {
	for _, sep := range []string{" - ", " – ", " | ", ": ", "."} {
		if i := strings.LastIndex(h, sep); i > 0 {
			stem, sub := strings.TrimSpace(h[:i]), strings.TrimSpace(h[i+len(sep):])
			if n := len(strings.Fields(key(sub))); n >= 1 && n <= 6 && key(stem) != "" {
				return stem, sub
			}
		}
	}
	return h, ""
}
