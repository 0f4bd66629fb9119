package disclosure

import (
	"fmt"
	"slices"
	"strings"
)

// Spec declares what the rows of a table count, so the stage can protect
// it without knowing the table by name. Query files declare it in their
// header (one `-- protect:` line per count, see ParseProtect); the report's
// generated tables carry it in the sheet model. A table without a Spec
// shows no counts of people (the codebook, the import log) and is left as
// it is.
//
// Tables are linked by cell, not by naming each other: a row's cell is
// (event, what is counted, item, {dimension: code}). Every row, in any
// table, that lands on the same cell shows the same people and is hidden
// alike; a row by {state} is the margin of the rows by {state, sector} of
// that state; a count of answers is at most the count of respondents of
// the same cell.
type Spec struct {
	// Dims are the breakdown dimensions of the rows, 0 to 2. A table with
	// none has one row per item, or a single row.
	Dims []Dim
	// Event is the column holding the event; "" means the reported one.
	Event  string
	Counts []Count
	// Wide lists columns holding a figure of another cell than their
	// row's (a heatmap's mean by state beside the mean of all).
	Wide []Wide
}

// Dim is one breakdown dimension of a table.
type Dim struct {
	// Column holds the group codes (not labels). NULL is the group "not
	// given", a category of its own.
	Column string
	// ID names the dimension: a breakdown question's id or a role (state,
	// sector), mapped to the question by the caller. Tables agree on it,
	// not on column names.
	ID string
	// IDColumn, instead of ID, is the column naming each row's dimension
	// (a long table of several breakdowns).
	IDColumn string
	// All is the value of Column that marks a margin row (all groups of
	// the dimension); "" when the table has none.
	All string
}

// Count is one count column and what it counts.
type Count struct {
	// Column holds the number of people a row rests on.
	Column string
	// Of names the people counted: Respondents, or Answers+question
	// ("answers:need"): those who answered that question, per item when
	// Item is set (a matrix's items, a multiple choice's options).
	Of string
	// Item is the column holding the item or option code; "".
	Item string
	// Values are the columns resting on this count, shown as "." with it
	// (mean, sd, interval, share). nil: every numeric column of the row
	// that is no other count's.
	Values []string
}

// Wide is a column whose figure rests on another cell than its row's:
// the row's cell with the dimensions in Codes set (a dimension the row
// has not, added).
type Wide struct {
	Column string
	Count  int               // index into Counts: the count the figure rests on
	Codes  map[string]string // dimension ID → code; "" code: that dimension's margin
}

// What a Count counts.
const (
	Respondents = "respondents"
	Answers     = "answers:"
)

// Columns lists every column the spec names.
func (s *Spec) Columns() []string {
	var out []string
	add := func(c string) {
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, d := range s.Dims {
		add(d.Column)
		add(d.IDColumn)
	}
	add(s.Event)
	for _, c := range s.Counts {
		add(c.Column)
		add(c.Item)
		for _, v := range c.Values {
			add(v)
		}
	}
	for _, w := range s.Wide {
		add(w.Column)
	}
	return out
}

// Check reports a spec that cannot be applied to a table with these
// columns.
func (s *Spec) Check(columns []string) error {
	if len(s.Counts) == 0 {
		return fmt.Errorf("protect: no count column")
	}
	if len(s.Dims) > 2 {
		return fmt.Errorf("protect: %d dimensions (at most 2)", len(s.Dims))
	}
	for _, c := range s.Columns() {
		if !slices.Contains(columns, c) {
			return fmt.Errorf("protect: no column %q", c)
		}
	}
	for _, c := range s.Counts {
		if c.Of != Respondents && (!strings.HasPrefix(c.Of, Answers) || c.Of == Answers) {
			return fmt.Errorf("protect: %s of=%q: respondents or answers:QUESTION", c.Column, c.Of)
		}
	}
	for _, d := range s.Dims {
		if (d.ID == "") == (d.IDColumn == "") {
			return fmt.Errorf("protect: dimension %s: give its id or its id column", d.Column)
		}
	}
	for _, w := range s.Wide {
		if w.Count < 0 || w.Count >= len(s.Counts) {
			return fmt.Errorf("protect: wide column %s: no count %d", w.Column, w.Count)
		}
	}
	return nil
}

// ParseProtect adds the value of one `-- protect:` header line to s (nil:
// a new Spec). The line declares one count column, then key=value fields:
//
//	-- protect: n of=respondents by=state,sector
//	-- protect: n of=answers:need item=item by=state
//	-- protect: n of=answers:topics item=item values=share,ci_low,ci_high
//	-- protect: total of=respondents
//	-- protect: n of=answers:need item=item by=grp@dimension event=event all=grp:alle
//
// by=COL (the dimension is named COL), by=COL:DIM, or by=COL@IDCOL (each
// row's dimension in column IDCOL); of defaults to respondents; values
// defaults to every other numeric column. by, event and all belong to the
// table and must agree across lines.
func ParseProtect(s *Spec, line string) (*Spec, error) {
	if s == nil {
		s = &Spec{}
	}
	f := strings.Fields(strings.ReplaceAll(line, ", ", ","))
	if len(f) == 0 || strings.Contains(f[0], "=") {
		return s, fmt.Errorf("protect: %q: starts with the count column (protect: n of=respondents by=state)", line)
	}
	c := Count{Column: f[0], Of: Respondents}
	var dims []Dim
	var event string
	all := map[string]string{}
	for _, kv := range f[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" {
			return s, fmt.Errorf("protect: %q: want key=value", kv)
		}
		switch k {
		case "of":
			c.Of = v
		case "item":
			c.Item = v
		case "values":
			c.Values = split(v)
		case "by":
			for _, d := range split(v) {
				if col, idc, ok := strings.Cut(d, "@"); ok {
					dims = append(dims, Dim{Column: col, IDColumn: idc})
				} else if col, id, ok := strings.Cut(d, ":"); ok {
					dims = append(dims, Dim{Column: col, ID: id})
				} else {
					dims = append(dims, Dim{Column: d, ID: d})
				}
			}
		case "event":
			event = v
		case "all":
			for _, a := range split(v) {
				col, val, ok := strings.Cut(a, ":")
				if !ok {
					return s, fmt.Errorf("protect: all=%q: want COLUMN:VALUE", a)
				}
				all[col] = val
			}
		default:
			return s, fmt.Errorf("protect: unknown key %q (of, item, values, by, event, all)", k)
		}
	}
	for i := range dims {
		dims[i].All = all[dims[i].Column]
	}
	if len(s.Counts) == 0 {
		s.Dims, s.Event = dims, event
	} else if (dims != nil && !slices.Equal(dims, s.Dims)) || (event != "" && event != s.Event) {
		return s, fmt.Errorf("protect: %s: by= and event= must be the same on every protect line", c.Column)
	}
	for _, o := range s.Counts {
		if o.Column == c.Column {
			return s, fmt.Errorf("protect: count %s declared twice", c.Column)
		}
	}
	s.Counts = append(s.Counts, c)
	return s, nil
}

func split(v string) []string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
