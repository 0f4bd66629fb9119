package disclosure

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Audit is the check of a protection as τ-ARGUS audits one: for every
// hidden count, the interval of values consistent with everything the
// tables print, by linear programming.
type Audit struct {
	// Hidden is the number of hidden counts audited.
	Hidden int
	// Narrowest is the smallest width hi − lo of a hidden count's interval
	// (0 when nothing is hidden), MinUpper the smallest upper bound of a
	// count below MinN.
	Narrowest, MinUpper float64
	// Intervals per hidden count, by its place.
	Intervals []Interval
}

// Interval is what an attacker can know of one hidden count.
type Interval struct {
	Cell   string // the count, as "what event {dimension=code, …}"
	Value  int
	Lo, Hi float64
}

// widen hides more until the audit passes, as τ-ARGUS's audit would
// otherwise report the pattern unsafe: for every hidden count whose
// interval is too narrow, the smallest printed count on one of its lines
// that could widen it enough (else the largest) is hidden as well, the
// suppression is run again from everything hidden so far (so the new
// count gets a complement of its own), and the audit repeats. Hiding
// more never narrows an interval, so this ends; if no count is left to
// hide, the tables are not published.
func (p *protection) widen() (Audit, error) {
	p.force = map[key]bool{}
	for {
		a, bad, iv, err := p.audit()
		if err != nil || len(bad) == 0 {
			return a, err
		}
		grew := false
		for _, k := range bad {
			if c, ok := p.cover(k, iv[k]); ok && !p.force[c] {
				p.force[c], grew = true, true
			}
		}
		if !grew {
			var cells []string
			for _, k := range bad {
				cells = append(cells, fmt.Sprintf("%s: %g to %g", k, iv[k][0], iv[k][1]))
			}
			return a, &AuditError{Rule: p.rule, Cells: cells}
		}
		for k, h := range p.hide {
			if h {
				p.force[k] = true
			}
		}
		if err := p.suppress(); err != nil {
			return a, err
		}
	}
}

// cover picks the count to hide for k, whose interval lohi is too
// narrow: a printed, shown, positive count on a line (row or column of a
// cross table) through k, or, if all of those are hidden already,
// through the unknowns on k's lines, and so on outwards (for a count of
// answers, also from the respondents of its group, which bound it). Its
// people join a line's unknown sum, so the bound of k can move by up to
// its size: the smallest one that is enough, else the largest. A public
// grand total is never picked.
func (p *protection) cover(k key, lohi [2]float64) (key, bool) {
	need := 2*Margin - (lohi[1] - lohi[0])
	if p.rule.Hide(p.value[k]) {
		need = math.Max(need, float64(p.rule.MinN)-lohi[1])
	}
	need = math.Max(need, 1)
	var best key
	bestV, found := 0, false
	better := func(v int) bool {
		enough, bestEnough := float64(v) >= need, float64(bestV) >= need
		switch {
		case !found:
			return true
		case enough && bestEnough:
			return v < bestV
		case enough != bestEnough:
			return enough
		}
		return v > bestV
	}
	seen := map[key]bool{k: true}
	frontier := []key{k}
	if k.of != Respondents {
		r := key{base{k.event, Respondents, ""}, k.dims}
		seen[r] = true
		frontier = append(frontier, r)
	}
	// The answers of a group are at most its respondents: a printed
	// count of answers narrows its respondents from below.
	answers := map[key][]key{}
	for c := range p.value {
		if c.of != Respondents {
			r := key{base{c.event, Respondents, ""}, c.dims}
			answers[r] = append(answers[r], c)
		}
	}
	// In the order of their names, so the pick does not depend on the
	// map's; each named once, not at every comparison.
	type named struct {
		name string
		k    key
	}
	for _, cs := range answers {
		ns := make([]named, len(cs))
		for i, c := range cs {
			ns[i] = named{c.String(), c}
		}
		sort.Slice(ns, func(i, j int) bool { return ns[i].name < ns[j].name })
		for i := range ns {
			cs[i] = ns[i].k
		}
	}
	for len(frontier) > 0 && !found {
		var next []key
		for _, u := range frontier {
			for _, c := range answers[u] {
				if seen[c] {
					continue
				}
				seen[c] = true
				switch v := p.value[c]; {
				case p.hide[c] || p.printed[c] == nil:
					next = append(next, c)
				case v > 0 && better(v):
					best, bestV, found = c, v, true
				}
			}
			for _, x := range p.grids {
				if x.b != u.base {
					continue
				}
				R, C := len(x.keys)-1, len(x.keys[0])-1
				try := func(a, b int) {
					c := x.keys[a][b]
					if seen[c] {
						return
					}
					seen[c] = true
					v := p.value[c]
					switch {
					case p.hide[c] || p.printed[c] == nil:
						next = append(next, c)
					case v > 0 && !(x.keepGrand && a == R && b == C) && better(v):
						best, bestV, found = c, v, true
					}
				}
				for i := range x.keys {
					for j := range x.keys[i] {
						if x.keys[i][j] != u {
							continue
						}
						for b := 0; b <= C; b++ {
							try(i, b)
						}
						if !x.list() {
							for a := 0; a <= R; a++ {
								try(a, j)
							}
						}
					}
				}
			}
		}
		frontier = next
	}
	return best, found
}

// audit computes the interval of every hidden printed count and lists
// those it leaves unprotected.
//
// The programme, per event: every count hidden or printed nowhere is a
// variable, at least 1 when hidden (zeros are shown, so a "." is
// somebody) and at least 0 when unprinted; every line of every cross
// table is an equation, cells minus margin = 0, with the printed counts
// on the right; and a count of answers is at most the count of
// respondents of its group (so a shown one bounds them from below).
// Minimise and maximise each hidden count; as counts are whole numbers,
// the bounds are rounded inwards. Variables that share no equation are
// solved apart.
func (p *protection) audit() (Audit, []key, map[key][2]float64, error) {
	a := Audit{Narrowest: math.Inf(1), MinUpper: math.Inf(1)}
	iv, err := p.intervals()
	if err != nil {
		return a, nil, nil, err
	}
	var keys []key
	for k := range iv {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	var bad []key
	for _, k := range keys {
		lohi := iv[k]
		v := p.value[k]
		a.Hidden++
		a.Intervals = append(a.Intervals, Interval{Cell: k.String(), Value: v, Lo: lohi[0], Hi: lohi[1]})
		a.Narrowest = math.Min(a.Narrowest, lohi[1]-lohi[0])
		if p.rule.Hide(v) {
			a.MinUpper = math.Min(a.MinUpper, lohi[1])
		}
		if !p.rule.Protects(v, lohi[0], lohi[1]) {
			bad = append(bad, k)
		}
	}
	if a.Hidden == 0 {
		a.Narrowest, a.MinUpper = 0, 0
	}
	if math.IsInf(a.MinUpper, 1) {
		a.MinUpper = 0
	}
	return a, bad, iv, nil
}

// AuditError: hidden counts an attacker could narrow down too far.
type AuditError struct {
	Rule  Rule
	Cells []string
}

func (e *AuditError) Error() string {
	more := ""
	cells := e.Cells
	if len(cells) > 5 {
		cells, more = cells[:5], fmt.Sprintf(" and %d more", len(e.Cells)-5)
	}
	return fmt.Sprintf("disclosure: audit: %d hidden counts can be narrowed down to less than ±%d or to below %d (%v%s): not published",
		len(e.Cells), Margin, e.Rule.MinN, cells, more)
}

// intervals bounds every hidden printed count of the events shown.
func (p *protection) intervals() (map[key][2]float64, error) {
	unknown := func(k key) bool {
		_, printed := p.printed[k]
		return p.hide[k] || !printed
	}
	byEvent := map[string][]*cross{}
	var events []string
	for _, x := range p.grids {
		if p.small(x.b.event) {
			continue // nothing of it is shown
		}
		if byEvent[x.b.event] == nil {
			events = append(events, x.b.event)
		}
		byEvent[x.b.event] = append(byEvent[x.b.event], x)
	}
	sort.Strings(events)
	out := map[key][2]float64{}
	for _, ev := range events {
		if err := p.solveEvent(byEvent[ev], unknown, out); err != nil {
			return nil, fmt.Errorf("disclosure: audit of %s: %w", ev, err)
		}
	}
	return out, nil
}

// solveEvent bounds the unknown counts of one event's cross tables: their
// lines as equations, answers at most the respondents of the same group;
// each set of counts linked by an equation is one programme.
func (p *protection) solveEvent(group []*cross, unknown func(key) bool, out map[key][2]float64) error {
	idx := map[key]int{}
	var vars []key
	for _, x := range group {
		for i := range x.keys {
			for _, k := range x.keys[i] {
				if _, ok := idx[k]; !ok && unknown(k) {
					idx[k] = len(vars)
					vars = append(vars, k)
				}
			}
		}
	}
	if len(vars) == 0 {
		return nil
	}
	lb := make([]float64, len(vars))
	for i, k := range vars {
		if p.printed[k] != nil {
			lb[i] = 1 // hidden: somebody
		}
	}
	// A group's respondents are at least the answers shown for it (an
	// item's n, a topic's count): those bound a hidden or unprinted count
	// of respondents from below.
	for k := range p.printed {
		if k.of == Respondents || unknown(k) {
			continue
		}
		if j, ok := idx[key{base{k.event, Respondents, ""}, k.dims}]; ok {
			lb[j] = math.Max(lb[j], float64(p.value[k]))
		}
	}
	var eqs, les []row
	seen := map[string]bool{}
	for _, x := range group {
		for _, l := range x.lines() {
			var r row
			var sig strings.Builder
			for n, e := range l {
				k := x.keys[e[0]][e[1]]
				sign := 1.0
				if n == len(l)-1 {
					sign = -1
				}
				if j, ok := idx[k]; ok {
					r.idx = append(r.idx, j)
					r.val = append(r.val, sign)
				} else {
					r.rhs -= sign * float64(p.value[k])
				}
				fmt.Fprintf(&sig, "%v\x00%g;", k, sign)
			}
			if len(r.idx) == 0 || seen[sig.String()] {
				continue
			}
			seen[sig.String()] = true
			eqs = append(eqs, r)
		}
	}
	// Answers at most the respondents of the same group.
	for j, k := range vars {
		if k.of == Respondents {
			continue
		}
		pk := key{base{k.event, Respondents, ""}, k.dims}
		r := row{idx: []int{j}, val: []float64{1}}
		if pj, ok := idx[pk]; ok {
			r.idx, r.val = append(r.idx, pj), append(r.val, -1)
		} else if v, ok := p.value[pk]; ok {
			r.rhs = float64(v)
		} else {
			continue
		}
		les = append(les, r)
	}
	// Components: variables joined by a constraint.
	parent := make([]int, len(vars))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, r := range append(append([]row(nil), eqs...), les...) {
		for _, j := range r.idx[1:] {
			parent[find(j)] = find(r.idx[0])
		}
	}
	comp := map[int][]int{} // root → variables
	var roots []int
	for j := range vars {
		rt := find(j)
		if comp[rt] == nil {
			roots = append(roots, rt)
		}
		comp[rt] = append(comp[rt], j)
	}
	for _, rt := range roots {
		js := comp[rt]
		local := map[int]int{}
		for i, j := range js {
			local[j] = i
		}
		sub := programme{n: len(js), lb: make([]float64, len(js))}
		for i, j := range js {
			sub.lb[i] = lb[j]
		}
		pick := func(rs []row) []row {
			var out []row
			for _, r := range rs {
				if find(r.idx[0]) != rt {
					continue
				}
				lr := row{rhs: r.rhs, val: r.val, idx: make([]int, len(r.idx))}
				for k, j := range r.idx {
					lr.idx[k] = local[j]
				}
				out = append(out, lr)
			}
			return out
		}
		sub.eq, sub.le = pick(eqs), pick(les)
		var want []int
		var reach []float64
		for i, j := range js {
			if k := vars[j]; p.printed[k] != nil {
				want = append(want, i)
				// Enough: a hidden count that may be 2·Margin more than it
				// is, and MinN or more if it is small, is protected.
				r := float64(p.value[k] + 2*Margin)
				if p.rule.Hide(p.value[k]) {
					r = math.Max(r, float64(p.rule.MinN))
				}
				reach = append(reach, r)
			}
		}
		b, err := sub.bounds(want, reach, 2*Margin)
		if err != nil {
			return err
		}
		for i, w := range want {
			lo, hi := b[i][0], b[i][1]
			// Counts are whole numbers.
			lo, hi = math.Ceil(lo-1e-6), math.Floor(hi+1e-6)
			out[vars[js[w]]] = [2]float64{lo, hi}
		}
	}
	return nil
}
