package disclosure

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
)

// Table is one table as the stage sees it: rows of plain values (nil,
// string, int64, float64, bool, time.Time) and what they count.
type Table struct {
	Name    string // for messages
	Columns []string
	Rows    [][]any
	// Figure says per column whether it holds numbers; nil: judged by
	// the values. A hidden row shows "." in every figure column, NULL or
	// not.
	Figure []bool
	Spec   *Spec // nil: the table counts nobody and is left as it is
}

// Options tell the stage how to read the tables.
type Options struct {
	// Event is the reported event, for rows without an event column.
	Event string
	// Roles maps a role (state, sector, headline, …) to its question id,
	// so a dimension or a counted question named by role and one named by
	// id are the same.
	Roles map[string]string
}

// Result says what to hide.
type Result struct {
	// Hidden is per table [row][col]: shown as ".".
	Hidden [][][]bool
	// Cells is the number of distinct counts the tables print, Primary
	// those hidden for their own size, Secondary those hidden to protect
	// them.
	Cells, Primary, Secondary int
	// Audit is the check of every hidden count against all the tables.
	Audit Audit

	hidden map[key]bool
	opt    Options
}

// Hides reports whether the count of a cell is hidden: of and dims as in a
// Spec (dims: dimension → code, nil code = "not given"). ok is false for a
// cell no table prints.
func (r *Result) Hides(event, of, item string, dims map[string]*string) (hidden, ok bool) {
	if event == "" {
		event = r.opt.Event
	}
	k := key{base: base{event: event, of: r.opt.of(of), item: item}}
	var ds []dimCode
	for d, c := range dims {
		dc := dimCode{dim: r.opt.role(d), code: nullCode}
		if c != nil {
			dc.code = *c
		}
		ds = append(ds, dc)
	}
	k.dims = canon(ds)
	h, ok := r.hidden[k]
	return h, ok
}

func (o Options) role(d string) string {
	if id, ok := o.Roles[d]; ok {
		return id
	}
	return d
}

func (o Options) of(of string) string {
	if q, ok := strings.CutPrefix(of, Answers); ok {
		return Answers + o.role(q)
	}
	return of
}

// nullCode is the code of "not given" (a NULL in a dimension column).
const nullCode = "\x00null"

type base struct{ event, of, item string }

// key is one count: who (base) in which group (dims, canonical).
type key struct {
	base
	dims string
}

type dimCode struct{ dim, code string }

// canon orders dimension codes by dimension: "dim\x1fcode\x1e…".
func canon(ds []dimCode) string {
	sort.Slice(ds, func(i, j int) bool { return ds[i].dim < ds[j].dim })
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.dim)
		b.WriteByte(0x1f)
		b.WriteString(d.code)
		b.WriteByte(0x1e)
	}
	return b.String()
}

func parse(dims string) []dimCode {
	var out []dimCode
	for _, p := range strings.Split(dims, "\x1e") {
		if p == "" {
			continue
		}
		d, c, _ := strings.Cut(p, "\x1f")
		out = append(out, dimCode{d, c})
	}
	return out
}

// ref is where a count or figure of a key is printed.
type ref struct {
	table, row int
	cols       []int
}

// Protect decides what every table hides so that no count of fewer than
// r.MinN people is printed or can be worked out from all the tables
// together, and audits the result.
//
// Each row of a table with a Spec prints one count per Count: the cell
// (event, what is counted, item, {dimension: code}). The cells of one
// event and base form cross tables: the cells by two dimensions with
// their margins by one and the grand total (by none), or a list by one
// dimension with its total. Counts no table prints but the tables imply
// (respondents without a state in a table that leaves them out) are
// worked out where the printed ones determine them, and kept unknown
// where small. The tables of one event share one pattern: a group hidden
// anywhere is hidden everywhere, as a count hidden in one table would be
// read off another showing nearly the same people.
//
// Primary: every printed count in (0, MinN). Secondary: see SuppressFrom.
// Every figure resting on a hidden count is hidden with it, whatever its
// value, NULL included. The grand total of respondents is public and
// never hidden; an event with fewer than MinN respondents shows nothing.
func Protect(r Rule, tables []Table, opt Options) (*Result, error) {
	r = r.Or()
	p := &protection{rule: r, opt: opt, value: map[key]int{}, printed: map[key][]ref{}, wide: map[key][]ref{}}
	if err := p.read(tables); err != nil {
		return nil, err
	}
	res := &Result{Hidden: make([][][]bool, len(tables)), hidden: map[key]bool{}, opt: opt}
	for i, t := range tables {
		res.Hidden[i] = make([][]bool, len(t.Rows))
	}
	if r.MinN <= 1 {
		return res, nil
	}
	p.build()
	if err := p.derive(); err != nil {
		return nil, err
	}
	if err := p.suppress(); err != nil {
		return nil, err
	}
	var err error
	if res.Audit, err = p.widen(); err != nil {
		return nil, err
	}
	for k := range p.printed {
		res.Cells++
		h := p.hide[k]
		res.hidden[k] = h
		switch {
		case h && r.Hide(p.value[k]):
			res.Primary++
		case h:
			res.Secondary++
		}
	}
	mark := func(rf ref) {
		h := res.Hidden[rf.table]
		if h[rf.row] == nil {
			h[rf.row] = make([]bool, len(tables[rf.table].Columns))
		}
		for _, c := range rf.cols {
			h[rf.row][c] = true
		}
	}
	for k, refs := range p.printed {
		if p.hide[k] {
			for _, rf := range refs {
				mark(rf)
			}
		}
	}
	for k, refs := range p.wide {
		_, known := p.value[k]
		if p.hide[k] || !known || !p.inGrid[k] {
			for _, rf := range refs {
				mark(rf)
			}
		}
	}
	return res, nil
}

type protection struct {
	rule    Rule
	opt     Options
	value   map[key]int   // the counts: printed, or worked out
	printed map[key][]ref // where each count is printed (with its figures)
	wide    map[key][]ref // figures printed without their count
	grids   []*cross
	inGrid  map[key]bool
	hide    map[key]bool
	force   map[key]bool // hidden as the audit asks, whatever its size
}

// read turns the tables' rows into printed counts.
func (p *protection) read(tables []Table) error {
	var zeros []func()
	for ti, t := range tables {
		s := t.Spec
		if s == nil {
			continue
		}
		if err := s.Check(t.Columns); err != nil {
			return fmt.Errorf("disclosure: %s: %w", t.Name, err)
		}
		col := func(name string) int { return slices.Index(t.Columns, name) }
		figure := t.Figure
		if figure == nil {
			figure = figures(t)
		}
		// The columns each count's figures occupy.
		owned := map[int]bool{}
		for _, c := range s.Counts {
			if c.Column != "" {
				owned[col(c.Column)] = true
			}
			for _, v := range c.Values {
				owned[col(v)] = true
			}
		}
		for _, w := range s.Wide {
			owned[col(w.Column)] = true
		}
		figs := make([][]int, len(s.Counts))
		for ci, c := range s.Counts {
			if c.Column == "" {
				continue
			}
			figs[ci] = []int{col(c.Column)}
			if c.Values != nil {
				for _, v := range c.Values {
					figs[ci] = append(figs[ci], col(v))
				}
				continue
			}
			for j := range t.Columns {
				if figure[j] && !owned[j] {
					figs[ci] = append(figs[ci], j)
				}
			}
		}
		// A group the table has no row for is a printed zero: it lists
		// the groups with somebody in them, and a reader knows that.
		seen := map[base]bool{}
		dimCodes := make([]map[string]bool, len(s.Dims))
		for i := range dimCodes {
			dimCodes[i] = map[string]bool{}
		}
		dimIDs := make([]map[string]bool, len(s.Dims))
		for i := range dimIDs {
			dimIDs[i] = map[string]bool{}
		}
		for ri, row := range t.Rows {
			event := p.opt.Event
			if s.Event != "" {
				if event = text(row[col(s.Event)]); event == "" {
					return fmt.Errorf("disclosure: %s row %d: no event", t.Name, ri+1)
				}
			}
			var ds []dimCode
			for _, d := range s.Dims {
				id := d.ID
				if d.IDColumn != "" {
					id = text(row[col(d.IDColumn)])
				}
				v := row[col(d.Column)]
				code := nullCode
				if v != nil {
					code = text(v)
				}
				if d.All != "" && code == d.All {
					continue // a margin row
				}
				di := slices.Index(s.Dims, d)
				dimCodes[di][code], dimIDs[di][p.opt.role(id)] = true, true
				ds = append(ds, dimCode{p.opt.role(id), code})
			}
			dims := canon(ds)
			for ci, c := range s.Counts {
				item := ""
				if c.Item != "" {
					item = text(row[col(c.Item)])
				}
				k := key{base{event, p.opt.of(c.Of), item}, dims}
				if c.Column == "" {
					continue
				}
				v := row[col(c.Column)]
				if v == nil {
					continue // not asked: nothing printed
				}
				n, ok := v.(int64)
				if !ok || n < 0 {
					return fmt.Errorf("disclosure: %s row %d: %s = %v is not a count", t.Name, ri+1, c.Column, v)
				}
				seen[k.base] = true
				if old, seen := p.value[k]; seen && old != int(n) {
					return fmt.Errorf("disclosure: %s row %d: %s = %d, another table prints %d for the same people (%s)", t.Name, ri+1, c.Column, n, old, k)
				}
				p.value[k] = int(n)
				p.printed[k] = append(p.printed[k], ref{ti, ri, figs[ci]})
			}
			for _, w := range s.Wide {
				c := s.Counts[w.Count]
				item := ""
				if c.Item != "" {
					item = text(row[col(c.Item)])
				}
				wd := slices.Clone(ds)
				for d, code := range w.Codes {
					d = p.opt.role(d)
					wd = slices.DeleteFunc(wd, func(x dimCode) bool { return x.dim == d })
					if code != "" {
						wd = append(wd, dimCode{d, code})
					}
				}
				k := key{base{event, p.opt.of(c.Of), item}, canon(wd)}
				p.wide[k] = append(p.wide[k], ref{ti, ri, []int{col(w.Column)}})
			}
		}
		// After every table is read: a count printed elsewhere wins.
		zeros = append(zeros, func() { p.zeros(seen, s, dimCodes, dimIDs) })
	}
	for _, z := range zeros {
		z()
	}
	return nil
}

// zeros marks the groups a table lists no row for as printed zeros: every
// combination of the codes its rows use, for each base it prints.
func (p *protection) zeros(bases map[base]bool, s *Spec, codes, ids []map[string]bool) {
	if len(s.Dims) == 0 {
		return
	}
	for _, m := range ids {
		if len(m) != 1 {
			return // a long table of several dimensions: no grid to complete
		}
	}
	one := func(m map[string]bool) string {
		for k := range m {
			return k
		}
		return ""
	}
	var combos [][]dimCode
	combos = append(combos, nil)
	for i := range s.Dims {
		var next [][]dimCode
		for _, c := range combos {
			for code := range codes[i] {
				next = append(next, append(slices.Clone(c), dimCode{one(ids[i]), code}))
			}
		}
		combos = next
	}
	for b := range bases {
		for _, c := range combos {
			k := key{b, canon(c)}
			if _, ok := p.value[k]; ok {
				continue
			}
			p.value[k] = 0
			p.printed[k] = []ref{}
		}
	}
}

func (k key) String() string {
	var parts []string
	for _, d := range parse(k.dims) {
		c := d.code
		if c == nullCode {
			c = "(none)"
		}
		parts = append(parts, d.dim+"="+c)
	}
	s := k.of
	if k.item != "" {
		s += ":" + k.item
	}
	return s + " " + k.event + " {" + strings.Join(parts, ", ") + "}"
}

// figures judges by the values which columns hold numbers.
func figures(t Table) []bool {
	f := make([]bool, len(t.Columns))
	for j := range f {
		for _, row := range t.Rows {
			switch row[j].(type) {
			case int64, float64:
				f[j] = true
			case nil:
				continue
			}
			break
		}
	}
	return f
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// cross is one cross table of keys: rows × cols with margins, as a grid
// of (r+1) × (c+1) entries; row r and column c are the margins. A list by
// one dimension is one row of cells with its total.
type cross struct {
	b         base
	rowDim    string // "" for a list
	colDim    string
	rows      []string // codes
	cols      []string
	keys      [][]key
	keepGrand bool
	mask      Mask
}

// build groups the keys into cross tables.
func (p *protection) build() {
	type dimsOf struct {
		pairs   map[[2]string]bool
		singles map[string]bool
	}
	bases := map[base]*dimsOf{}
	codes := map[[2]string]map[string]bool{} // (event, dim) → codes
	for k := range p.value {
		b := bases[k.base]
		if b == nil {
			b = &dimsOf{pairs: map[[2]string]bool{}, singles: map[string]bool{}}
			bases[k.base] = b
		}
		ds := parse(k.dims)
		for _, d := range ds {
			ec := [2]string{k.event, d.dim}
			if codes[ec] == nil {
				codes[ec] = map[string]bool{nullCode: true}
			}
			codes[ec][d.code] = true
		}
		switch len(ds) {
		case 1:
			b.singles[ds[0].dim] = true
		case 2:
			b.pairs[[2]string{ds[0].dim, ds[1].dim}] = true
		}
	}
	for k := range p.wide {
		for _, d := range parse(k.dims) {
			ec := [2]string{k.event, d.dim}
			if codes[ec] == nil {
				codes[ec] = map[string]bool{nullCode: true}
			}
			codes[ec][d.code] = true
		}
	}
	// The respondents of every group answers are counted for, printed or
	// not, are a grid of their own: shown answers bound them from below,
	// and they add up to the respondents' margins (the audit's link from
	// answers to respondents, cell by cell).
	for b, d := range bases {
		if b.of == Respondents {
			continue
		}
		rb := base{b.event, Respondents, ""}
		r := bases[rb]
		if r == nil {
			r = &dimsOf{pairs: map[[2]string]bool{}, singles: map[string]bool{}}
			bases[rb] = r
		}
		maps.Copy(r.pairs, d.pairs)
		maps.Copy(r.singles, d.singles)
	}
	sorted := func(event, dim string) []string {
		var out []string
		for c := range codes[[2]string{event, dim}] {
			out = append(out, c)
		}
		sort.Slice(out, func(i, j int) bool {
			if (out[i] == nullCode) != (out[j] == nullCode) {
				return out[j] == nullCode
			}
			return out[i] < out[j]
		})
		return out
	}
	var order []base
	for b := range bases {
		order = append(order, b)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		return a.event+"\x00"+a.of+"\x00"+a.item < b.event+"\x00"+b.of+"\x00"+b.item
	})
	p.inGrid = map[key]bool{}
	for _, b := range order {
		d := bases[b]
		paired := map[string]bool{}
		var pairs [][2]string
		for pr := range d.pairs {
			pairs = append(pairs, pr)
			paired[pr[0]], paired[pr[1]] = true, true
		}
		sort.Slice(pairs, func(i, j int) bool { return pairs[i][0]+pairs[i][1] < pairs[j][0]+pairs[j][1] })
		var singles []string
		for s := range d.singles {
			if !paired[s] {
				singles = append(singles, s)
			}
		}
		sort.Strings(singles)
		keep := b.of == Respondents
		for _, pr := range pairs {
			p.grids = append(p.grids, p.newCross(b, pr[0], pr[1], sorted(b.event, pr[0]), sorted(b.event, pr[1]), keep))
		}
		for _, s := range singles {
			p.grids = append(p.grids, p.newCross(b, "", s, nil, sorted(b.event, s), keep))
		}
		if len(pairs) == 0 && len(singles) == 0 {
			// Only a grand total: a list of no cells.
			p.grids = append(p.grids, p.newCross(b, "", "", nil, nil, keep))
		}
	}
}

func (p *protection) newCross(b base, rowDim, colDim string, rows, cols []string, keepGrand bool) *cross {
	x := &cross{b: b, rowDim: rowDim, colDim: colDim, rows: rows, cols: cols, keepGrand: keepGrand}
	at := func(r, c string) key {
		var ds []dimCode
		if rowDim != "" && r != "" {
			ds = append(ds, dimCode{rowDim, r})
		}
		if colDim != "" && c != "" {
			ds = append(ds, dimCode{colDim, c})
		}
		return key{b, canon(ds)}
	}
	nr := len(rows)
	if rowDim == "" {
		nr = 1 // one row: the list
	}
	x.keys = make([][]key, nr+1)
	for i := 0; i <= nr; i++ {
		x.keys[i] = make([]key, len(cols)+1)
		r := ""
		if rowDim != "" && i < nr {
			r = rows[i]
		}
		for j := 0; j <= len(cols); j++ {
			c := ""
			if j < len(cols) {
				c = cols[j]
			}
			x.keys[i][j] = at(r, c)
			p.inGrid[x.keys[i][j]] = true
		}
	}
	return x
}

// entries of a cross table: (i, j) in 0..R, 0..C, the last row and column
// the margins. For a list, row 0 is the list and row 1 repeats its total
// as the column margins (which it does not print).
func (x *cross) list() bool { return x.rowDim == "" }

// lines lists the equations of x: each a list of entries, the margin
// last.
func (x *cross) lines() [][][2]int {
	R, C := len(x.keys)-1, len(x.keys[0])-1
	var out [][][2]int
	if C == 0 {
		return nil // a total alone: no equation
	}
	if x.list() {
		var l [][2]int
		for j := 0; j <= C; j++ {
			l = append(l, [2]int{0, j})
		}
		return append(out, l)
	}
	for i := 0; i <= R; i++ {
		var l [][2]int
		for j := 0; j <= C; j++ {
			l = append(l, [2]int{i, j})
		}
		out = append(out, l)
	}
	for j := 0; j <= C; j++ {
		var l [][2]int
		for i := 0; i <= R; i++ {
			l = append(l, [2]int{i, j})
		}
		out = append(out, l)
	}
	return out
}

// derive works out the counts no table prints from those printed, where
// they determine them; the others stay unknown (and count as 0 people,
// so they are never used to cover another).
func (p *protection) derive() error {
	for changed := true; changed; {
		changed = false
		for _, x := range p.grids {
			for _, l := range x.lines() {
				var unknown []key
				sum := 0
				for _, e := range l[:len(l)-1] {
					k := x.keys[e[0]][e[1]]
					if v, ok := p.value[k]; ok {
						sum += v
					} else if !slices.Contains(unknown, k) {
						unknown = append(unknown, k)
					}
				}
				m := x.keys[l[len(l)-1][0]][l[len(l)-1][1]]
				mv, mok := p.value[m]
				switch {
				case mok && len(unknown) == 1:
					if mv-sum < 0 {
						return fmt.Errorf("disclosure: %s is %d, its parts add up to %d", m, mv, sum)
					}
					p.value[unknown[0]] = mv - sum
					changed = true
				case !mok && len(unknown) == 0:
					p.value[m] = sum
					changed = true
				case mok && len(unknown) == 0 && mv != sum:
					return fmt.Errorf("disclosure: %s is %d, its parts add up to %d", m, mv, sum)
				}
			}
		}
	}
	// The rest are unknown to an attacker too, but the suppression needs
	// counts that add up to the printed totals: fill them, line by line,
	// with what the totals leave (the north-west corner rule), so a small
	// remainder is protected as small.
	for _, x := range p.grids {
		R, C := len(x.keys)-1, len(x.keys[0])-1
		if C == 0 {
			continue
		}
		left := func(l [][2]int) int {
			m := x.keys[l[len(l)-1][0]][l[len(l)-1][1]]
			mv, ok := p.value[m]
			if !ok {
				return math.MaxInt
			}
			for _, e := range l[:len(l)-1] {
				mv -= p.value[x.keys[e[0]][e[1]]]
			}
			return max(0, mv)
		}
		rowLine := func(i int) [][2]int {
			var l [][2]int
			for j := 0; j <= C; j++ {
				l = append(l, [2]int{i, j})
			}
			return l
		}
		colLine := func(j int) [][2]int {
			var l [][2]int
			for i := 0; i <= R; i++ {
				l = append(l, [2]int{i, j})
			}
			return l
		}
		rows := R
		if x.list() {
			rows = 1
		}
		for i := range rows {
			for j := range C {
				k := x.keys[i][j]
				if _, ok := p.value[k]; ok {
					continue
				}
				v := left(rowLine(i))
				if !x.list() {
					v = min(v, left(colLine(j)))
				}
				if v == math.MaxInt {
					v = 0
				}
				p.value[k] = v
			}
		}
		for i := 0; i <= R; i++ {
			for j := 0; j <= C; j++ {
				if _, ok := p.value[x.keys[i][j]]; ok || (i < R && j < C) {
					continue
				}
				var l [][2]int
				if j == C {
					l = rowLine(i)
				} else {
					l = colLine(j)
				}
				sum := 0
				for _, e := range l[:len(l)-1] {
					sum += p.value[x.keys[e[0]][e[1]]]
				}
				p.value[x.keys[i][j]] = sum
			}
		}
	}
	return nil
}

// suppress gives the cross tables of each event one pattern.
func (p *protection) suppress() (err error) {
	defer func() {
		// SuppressFrom panics on a leak it should have prevented: no
		// output then, but a message rather than a crash.
		if rec := recover(); rec != nil {
			err = fmt.Errorf("disclosure: %v", rec)
		}
	}()
	p.hide = map[key]bool{}
	byEvent := map[string][]*cross{}
	var events []string
	for _, x := range p.grids {
		if byEvent[x.b.event] == nil {
			events = append(events, x.b.event)
		}
		byEvent[x.b.event] = append(byEvent[x.b.event], x)
	}
	sort.Strings(events)
	for _, ev := range events {
		group := byEvent[ev]
		if p.small(ev) {
			for _, x := range group {
				x.hideAll()
			}
		} else {
			for _, x := range group {
				if len(x.cols) == 0 {
					// A total alone: the primary rule is all there is.
					k := x.keys[0][0]
					x.mask = Mask{Cells: [][]bool{{}}, RowTotals: []bool{p.rule.Hide(p.value[k])}}
				}
			}
			// A place (dimension codes, whoever is counted) hidden in one
			// table is hidden in all; grand totals stay out, an item's n
			// is no estimate of another's.
			pattern := map[string]bool{}
			for grew := true; grew; {
				grew = false
				for _, x := range group {
					if len(x.cols) == 0 {
						continue
					}
					x.mask = SuppressFrom(p.crossOf(x), p.rule.MinN, x.start(pattern, p.force))
					grew = x.record(pattern) || grew
				}
			}
		}
		for _, x := range group {
			for i := range x.keys {
				for j, k := range x.keys[i] {
					if x.mask.at(i, j, len(x.keys)-1, len(x.keys[0])-1) {
						p.hide[k] = true
					}
				}
			}
		}
	}
	// A key in two cross tables (a margin shared by state × sector and
	// state × age) is hidden in both: run again from the union until
	// nothing changes.
	for grew := true; grew; {
		grew = false
		for _, x := range p.grids {
			if p.small(x.b.event) || len(x.cols) == 0 {
				continue
			}
			start := Mask{}
			x.fill(&start, func(k key) bool { return p.hide[k] })
			x.mask = SuppressFrom(p.crossOf(x), p.rule.MinN, start)
			for i := range x.keys {
				for j, k := range x.keys[i] {
					if x.mask.at(i, j, len(x.keys)-1, len(x.keys[0])-1) && !p.hide[k] {
						p.hide[k], grew = true, true
					}
				}
			}
		}
	}
	for _, x := range p.grids {
		if len(x.cols) == 0 || p.small(x.b.event) {
			continue
		}
		if leak := Recoverable(p.crossOf(x), x.mask); leak != nil {
			return fmt.Errorf("disclosure: %s: hidden counts %v can be worked out", x.b.of, leak)
		}
	}
	return nil
}

// small reports an event with fewer than MinN respondents (or none
// known): nothing of it can be shown.
func (p *protection) small(event string) bool {
	n, ok := p.value[key{base: base{event: event, of: Respondents}}]
	return ok && p.rule.Hide(n)
}

// crossOf is x as a Cross for SuppressFrom: counts printed nowhere are
// unprinted, unknown ones 0.
func (p *protection) crossOf(x *cross) Cross {
	R, C := len(x.keys)-1, len(x.keys[0])-1
	t := Cross{N: make([][]int, R), KeepGrand: x.keepGrand}
	t.Unprinted = Mask{Cells: make([][]bool, R), RowTotals: make([]bool, R), ColTotals: make([]bool, C)}
	for i := range R {
		t.N[i] = make([]int, C)
		t.Unprinted.Cells[i] = make([]bool, C)
		for j := range C {
			t.N[i][j] = p.value[x.keys[i][j]]
			t.Unprinted.Cells[i][j] = p.printed[x.keys[i][j]] == nil
		}
		t.Unprinted.RowTotals[i] = p.printed[x.keys[i][C]] == nil
	}
	for j := range C {
		t.Unprinted.ColTotals[j] = p.printed[x.keys[R][j]] == nil
	}
	t.Unprinted.Grand = p.printed[x.keys[R][C]] == nil
	if x.list() {
		// The list's cells are the column margins too: one line only.
		t.NoColTotals = true
		t.NoGrand = true
		t.Unprinted.ColTotals = nil
		t.Unprinted.Grand = false
		t.KeepGrand = false
	}
	return t
}

func (x *cross) fill(m *Mask, at func(key) bool) {
	R, C := len(x.keys)-1, len(x.keys[0])-1
	m.Cells, m.RowTotals, m.ColTotals = make([][]bool, R), make([]bool, R), make([]bool, C)
	for i := range R {
		m.Cells[i] = make([]bool, C)
		for j := range C {
			m.Cells[i][j] = at(x.keys[i][j])
		}
		m.RowTotals[i] = at(x.keys[i][C])
	}
	for j := range C {
		m.ColTotals[j] = at(x.keys[R][j])
	}
	m.Grand = at(x.keys[R][C])
}

// place is a key's dimension codes with its event, whoever it counts.
func place(k key) string { return k.event + "\x00" + k.dims }

// start marks what x must hide from the outset: the places hidden in
// another table of the event and the counts the audit asked for.
func (x *cross) start(pattern map[string]bool, force map[key]bool) Mask {
	var m Mask
	x.fill(&m, func(k key) bool { return k.dims != "" && pattern[place(k)] || force[k] })
	return m
}

func (x *cross) record(pattern map[string]bool) bool {
	grew := false
	R, C := len(x.keys)-1, len(x.keys[0])-1
	for i := range x.keys {
		for j, k := range x.keys[i] {
			if k.dims == "" || !x.mask.at(i, j, R, C) {
				continue
			}
			if !pattern[place(k)] {
				pattern[place(k)], grew = true, true
			}
		}
	}
	return grew
}

// hideAll hides every count of x but a public grand total.
func (x *cross) hideAll() {
	x.fill(&x.mask, func(key) bool { return true })
	x.mask.Grand = !x.keepGrand
}
