package survey

import (
	"slices"
	"strings"
)

// How a definition's questions claim a file's columns: by whole words of
// their match patterns in the header (or the text beside a code), an item
// named at the end ("stem [item]", "Handlungsbedarf Datenschutz") or
// alone; and only when the column's answers fit the question (see fit).

// questionScore counts the question's patterns found in a header and the
// position of the first; more patterns, then earlier, wins.
func questionScore(q *Question, header string) (n, first int) {
	k, f := key(header), fold(header)
	first = len(k) + len(f) + 1
	for _, re := range q.match {
		if loc := re.FindStringIndex(k); loc != nil {
			n++
			first = min(first, loc[0])
		}
	}
	for _, re := range q.matchFold {
		if loc := re.FindStringIndex(f); loc != nil {
			n++
			first = min(first, loc[0])
		}
	}
	return n, first
}

func (d *Definition) bestQuestion(header string, types ...string) *Question {
	var best *Question
	bn, bf := 0, 0
	for i := range d.Questions {
		q := &d.Questions[i]
		if len(types) > 0 && !slices.Contains(types, q.Type) {
			continue
		}
		n, f := questionScore(q, header)
		if n > 0 && (n > bn || n == bn && f < bf) {
			best, bn, bf = q, n, f
		}
	}
	return best
}

// claim finds the question (and item) of the definition a header names:
// "stem [item]" (also "stem - item", "stem: item", "stem.item"), a stem
// ending in an item's name, the question's own words, or an item's name
// alone. newItem says the header names a matrix question but none of its
// items: a new item of it.
func (d *Definition) claim(h string) (q *Question, item *Item, newItem bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return nil, nil, false
	}
	if q, it := d.splitItem(h); q != nil {
		return q, it, false
	}
	// A matrix row's words name its question in the stem, not in the row:
	// "… - I have the tools I need" is no row of "need".
	stem, sub := splitHeader(h)
	q = d.bestQuestion(h, Single, Numeric, NPS, Text)
	if sub != "" {
		q = d.bestQuestion(stem)
		if q == nil {
			q = d.bestQuestion(h, Single, Numeric, NPS, Text)
		}
	} else if q == nil {
		q = d.bestQuestion(h)
	}
	if q != nil {
		if q.Type == Scale && len(q.Items) == 1 {
			return q, &q.Items[0], false
		}
		if q.Type == Scale || q.Type == Ranking || q.Type == Multi && sub != "" {
			// A matrix row, or an option column, that names none of the items.
			return q, nil, true
		}
		return q, nil, false
	}
	if q, it := d.bareItem(h); q != nil {
		return q, it, false
	}
	return nil, nil, false
}

// splitItem finds "stem [item]", "stem.item", "stem - item", "stem: item" or
// "stem item" where the stem names a scale or multi question and the item is
// one of its items.
func (d *Definition) splitItem(h string) (*Question, *Item) {
	type cand struct{ stem, item string }
	var cands []cand
	if strings.HasSuffix(h, "]") {
		if i := strings.LastIndex(h, "["); i > 0 {
			cands = append(cands, cand{h[:i], h[i+1 : len(h)-1]})
		}
	}
	for _, sep := range []string{".", " - ", " – ", ": ", " | ", "_", "/"} {
		for i := strings.LastIndex(h, sep); i > 0; i = strings.LastIndex(h[:i], sep) {
			cands = append(cands, cand{h[:i], h[i+len(sep):]})
		}
	}
	for _, c := range cands {
		q := d.bestQuestion(c.stem, Scale, Multi, Ranking)
		if q == nil {
			continue
		}
		if it := q.findItem(c.item); it != nil {
			return q, it
		}
	}
	// "Handlungsbedarf Verwaltungsdigitalisierung": the item is a suffix.
	k := key(h)
	if q := d.bestQuestion(h, Scale, Multi, Ranking); q != nil {
		var best *Item
		bestLen := 0
		for i := range q.Items {
			for _, a := range q.Items[i].names() {
				ak := key(a)
				if ak != "" && len(ak) < len(k) && strings.HasSuffix(k, " "+ak) && len(ak) > bestLen {
					best, bestLen = &q.Items[i], len(ak)
				}
			}
		}
		if best != nil {
			return q, best
		}
	}
	return nil, nil
}

// bareItem matches a header that is only an item label of exactly one scale
// question.
func (d *Definition) bareItem(h string) (*Question, *Item) {
	var found []*Question
	var item *Item
	for i := range d.Questions {
		q := &d.Questions[i]
		if q.Type != Scale {
			continue
		}
		if it := q.matchItem(h); it != nil {
			found = append(found, q)
			item = it
		}
	}
	if len(found) == 1 {
		return found[0], item
	}
	return nil, nil
}

func (it *Item) names() []string {
	return append([]string{it.Code, it.Text, it.TextEn}, it.Aliases...)
}

// matchItem finds the item a text names exactly (by key).
func (q *Question) matchItem(s string) *Item {
	k := key(s)
	if k == "" {
		return nil
	}
	for i := range q.Items {
		for _, n := range q.Items[i].names() {
			if n != "" && key(n) == k {
				return &q.Items[i]
			}
		}
	}
	return nil
}

// findItem finds the item a text names exactly, or else by its words: the
// one item all of whose words (of a name) occur in it ("Datenschutz und
// DSGVO" → datenschutz).
func (q *Question) findItem(s string) *Item {
	if it := q.matchItem(s); it != nil {
		return it
	}
	if i := byWords(s, len(q.Items), func(i int) []string { return q.Items[i].names()[1:] }); i >= 0 {
		return &q.Items[i]
	}
	return nil
}

// byWords finds the one of n choices (each with its names) whose names'
// words all occur among the words of s, the choice covering most words
// winning; -1 when none does or two cover as many.
func byWords(s string, n int, namesOf func(i int) []string) int {
	words := tokens(s)
	if len(words) == 0 {
		return -1
	}
	raw := strings.Fields(key(s))
	best, bestN, tie := -1, 0, false
	for i := 0; i < n; i++ {
		for _, name := range namesOf(i) {
			nw := tokens(name)
			if len(nw) == 0 || len(nw) > len(words) || len(key(name)) < 2 {
				continue
			}
			if matchesExact(nw, words) != len(nw) || negates(raw, strings.Fields(key(name))) {
				continue
			}
			switch {
			case len(nw) > bestN:
				best, bestN, tie = i, len(nw), false
			case len(nw) == bestN && best != i:
				tie = true
			}
		}
	}
	if tie {
		return -1
	}
	return best
}

// matchesExact counts the words of a that equal (or, plural, begin at
// least five letters of) a distinct word of b.
func matchesExact(a, b []string) int {
	taken := make([]bool, len(b))
	n := 0
	for _, x := range a {
		for j, y := range b {
			if !taken[j] && (x == y || len(x) >= 5 && strings.HasPrefix(y, x) && len(y)-len(x) <= 2) {
				taken[j] = true
				n++
				break
			}
		}
	}
	return n
}

// negates says a text has a negation its label lacks: "nicht zufrieden" is
// no "zufrieden".
func negates(text, name []string) bool {
	for _, w := range text {
		if (negators[w] || weakeners[w]) && !slices.Contains(name, w) {
			return true
		}
	}
	return false
}
