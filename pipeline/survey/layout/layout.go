package layout

import (
	"regexp"
	"strings"
)

// Kind says what a column of the tool's own is.
type Kind string

// Kinds of the tools' own columns. A column of none of them is a question.
const (
	None      Kind = ""
	ID        Kind = "id"        // the export's response id
	Submitted Kind = "submitted" // when the response was sent
	Personal  Kind = "personal"  // names, addresses, IP, location, panel ids: never stored
	Meta      Kind = "system"    // the tool's other metadata and timings: not stored
)

// Row is one sheet row of the top of a sheet, dense: Cells[0] is column A.
type Row struct {
	Num   int // 1-based row number
	Cells []string
}

// Get returns the trimmed text of a 1-based column, "" past the end.
func (r Row) Get(col int) string {
	if r.Num == 0 || col < 1 || col > len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[col-1])
}

// Filled counts the row's non-empty cells.
func (r Row) Filled() int {
	n := 0
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// Header is a sheet's header as a layout reads it.
type Header struct {
	Row  int // the first header row
	Rows int // header rows from Row on
	Skip int // rows of the tool's metadata between the header and the data (Qualtrics' import ids)
	// Cells are the column titles, Cells[0] for column A; for a header of
	// two rows as the tool means them (SurveyMonkey's question text filled
	// forward, with the option below as " [option]").
	Cells []string
	// Texts are the question texts under a header of codes (Qualtrics,
	// LimeSurvey's "code. text"), "" where there is none.
	Texts []string
	// Layout is the layout whose header rule read it; "" for one plain row.
	Layout string
}

// DataRow is the first row that may hold a response.
func (h *Header) DataRow() int { return h.Row + max(h.Rows, 1) + h.Skip }

// Sheet is what a layout's signature looks at: the header, the first rows
// under it and where the sheet came from.
type Sheet struct {
	Header Header
	Data   []Row // the first data rows
	CSV    bool
	Name   string // the sheet's name, "" for CSV
}

// Layout is how one survey tool lays out its exports: one file per tool,
// each adding its Layout to All with Register.
type Layout struct {
	Name    string // msforms, googleforms, limesurvey, …: stored in the manifest
	Title   string // says in words which tool it is (English)
	TitleDE string // the same in German
	// Order is the layout's place in All: on a tie of Match scores the
	// lower Order wins.
	Order int
	// Match scores how much a sheet looks like this tool's export: 0 not
	// at all; the highest wins, a tie goes to the earlier layout in All.
	Match func(s *Sheet) int
	// Columns names the tool's own columns by their header, in every
	// language the tool writes them in.
	Columns Names
	// HeaderRule reads a header of more than one row that begins at
	// rows[i] (rows are consecutive from the top); ok false when the
	// tool's rule does not apply there.
	HeaderRule func(rows []Row, i int) (h Header, ok bool)
	// Missing are answers that mean "not asked" or "no answer" in this
	// tool's exports (N/A, -oth-, -99), never a level of a scale.
	Missing []string
	// Undated are submit times the tool writes when it kept none: read as
	// no time, never as a real one (a field period of 1980).
	Undated []string
	// Skip says why a data row is no response (a preview, a test), given
	// the row's value under a header; "" for a response.
	Skip func(value func(header string) string) string
}

// Names maps headers to kinds: exact headers (compared by Key), header
// prefixes and regular expressions.
type Names struct {
	Exact    map[string]Kind
	Prefixes []Prefix
	Patterns []Pattern
}

// Prefix is a header beginning (compared by Key) with its kind.
type Prefix struct {
	Key  string
	Kind Kind
}

// Pattern is a regular expression on the trimmed header with its kind.
type Pattern struct {
	RE   *regexp.Regexp
	Kind Kind
}

// Kind says what a header names in these names, None when nothing.
func (n *Names) Kind(header string) Kind {
	k := Key(header)
	if k == "" {
		return None
	}
	if kind, ok := n.Exact[k]; ok {
		return kind
	}
	for _, p := range n.Prefixes {
		if strings.HasPrefix(k, p.Key+" ") || k == p.Key {
			return p.Kind
		}
	}
	h := strings.TrimSpace(header)
	for _, p := range n.Patterns {
		if p.RE.MatchString(h) {
			return p.Kind
		}
	}
	return None
}

// names builds Names from kinds and their headers.
func names(groups map[Kind][]string, prefixes []Prefix, patterns ...Pattern) Names {
	n := Names{Exact: map[string]Kind{}, Prefixes: prefixes, Patterns: patterns}
	for kind, hs := range groups {
		for _, h := range hs {
			n.Exact[Key(h)] = kind
		}
	}
	for i := range n.Prefixes {
		n.Prefixes[i].Key = Key(n.Prefixes[i].Key)
	}
	return n
}

func pattern(re string, kind Kind) Pattern { return Pattern{RE: regexp.MustCompile(re), Kind: kind} }

// Count counts the header's columns whose Key is one of the alternatives
// of each entry ("Respondent ID|Befragten-ID"), each entry once.
func Count(h *Header, entries ...string) int {
	have := map[string]bool{}
	for _, c := range h.Cells {
		have[Key(c)] = true
	}
	n := 0
	for _, e := range entries {
		for _, alt := range strings.Split(e, "|") {
			if have[Key(alt)] {
				n++
				break
			}
		}
	}
	return n
}

// twoRowHeader is a header of rows[i] with the row under it as its texts
// (codes over texts); ok is false when rows[i] is the last row read or the
// next row is not the one under it.
func twoRowHeader(rows []Row, i int, layout string) (Header, bool) {
	if i+1 >= len(rows) || rows[i+1].Num != rows[i].Num+1 {
		return Header{}, false
	}
	top, text := rows[i], rows[i+1]
	width := max(len(top.Cells), len(text.Cells))
	h := Header{Row: top.Num, Rows: 2, Layout: layout, Cells: make([]string, width), Texts: make([]string, width)}
	for c := 1; c <= width; c++ {
		h.Cells[c-1], h.Texts[c-1] = top.Get(c), text.Get(c)
	}
	return h, true
}
