package survey

import (
	"sort"
	"strings"

	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey/layout"
	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// Column kinds a header can map to, besides a question.
const (
	KindQuestion  = "question"
	KindID        = "id"        // the export's response id
	KindSubmitted = "submitted" // when the response was sent
	KindPersonal  = "personal"  // e-mail, name, IP address: never stored
	KindSystem    = "system"    // other metadata of the tool: not stored
	KindUnknown   = "unknown"   // nothing recognised: not stored, shown by detect
)

// Column is what one source column was understood as.
type Column struct {
	Index    int    // 1-based column number
	Header   string // the header text as found (SurveyMonkey's two header rows joined)
	Text     string // the question text beside a header of codes (Qualtrics, LimeSurvey's "code. text"), if any
	Nth      int    // for a header that repeats: which of the columns so titled (1, 2, …); 0 when it is unique
	Kind     string
	Question string // for KindQuestion
	Item     string // item of a scale question, or option of a multi question laid out per column
	Value    string // for a per-option multi column: the text meaning "chosen", "" for any
	Rank     int    // for a ranking laid out one column per rank: the rank whose item the column names
	// Other says the column holds the text typed into an "other" box of
	// Question: a non-empty cell chooses its other option, and the text is
	// kept as a comment.
	Other bool
	// By says how it was recognised: "rule" (a columns rule), "name" (a
	// tool's own column), "pattern" or "item" (a question's words), "draft"
	// (a question drafted from the file), "content" (by its values).
	By string
	// Note says why a column was not used, or what to check.
	Note i18n.Message
}

// Mapping is how a sheet's columns were understood.
type Mapping struct {
	Sheet      string
	HeaderRow  int // the first header row
	HeaderRows int // header rows from HeaderRow on: 2 for SurveyMonkey and Qualtrics
	SkipRows   int // metadata rows between header and data (Qualtrics' import ids)
	Layout     string
	Columns    []Column
	// Above are rows above the header that look like responses: they are
	// not imported, and said so (--header-row reads from another row).
	Above []int
	// Warnings say what detection decided that a person should know
	// (repeated headers, columns left out).
	Warnings []i18n.Message
}

// DataRow is the first row below the header that may hold a response.
func (m *Mapping) DataRow() int { return m.HeaderRow + max(m.HeaderRows, 1) + m.SkipRows }

// Mapped returns the columns that feed questions, in sheet order.
func (m *Mapping) Mapped() []Column {
	var cs []Column
	for _, c := range m.Columns {
		if c.Kind == KindQuestion {
			cs = append(cs, c)
		}
	}
	return cs
}

// Score is how much of the definition a mapping recognised: the number of
// distinct questions plus items found.
func (m *Mapping) Score() int {
	seen := map[string]bool{}
	for _, c := range m.Columns {
		if c.Kind == KindQuestion {
			seen[c.Question+"\x00"+c.Item] = true
		}
	}
	return len(seen)
}

// Missing lists question ids of the definition no column maps to.
func (m *Mapping) Missing(d *Definition) []string {
	seen := map[string]bool{}
	for _, c := range m.Columns {
		if c.Kind == KindQuestion {
			seen[c.Question] = true
		}
	}
	var miss []string
	for _, q := range d.Questions {
		if !seen[q.ID] {
			miss = append(miss, q.ID)
		}
	}
	sort.Strings(miss)
	return miss
}

// LayoutName says in words which tool a layout comes from.
func LayoutName(name, lang string) string {
	l := layout.ByName(name)
	if i18n.English(lang) || l.TitleDE == "" {
		return l.Title
	}
	return l.TitleDE
}

// Layouts resonanz tells apart, as Mapping.Layout names them; the
// registry in package layout defines them, one file per tool.
var (
	LayoutMSForms      = layout.MSForms.Name
	LayoutGoogleForms  = layout.GoogleForms.Name
	LayoutLimeSurvey   = layout.LimeSurvey.Name
	LayoutLimeCodes    = layout.LimeCodes.Name
	LayoutSurveyMonkey = layout.SurveyMonkey.Name
	LayoutQualtrics    = layout.Qualtrics.Name
	LayoutKobo         = layout.Kobo.Name
	LayoutHandTyped    = layout.HandTyped.Name
	LayoutExcelCSV     = layout.ExcelCSV.Name
	LayoutGeneric      = layout.Generic.Name
)

// kindOf maps a layout kind onto a column kind.
func kindOf(k layout.Kind) string {
	switch k {
	case layout.ID:
		return KindID
	case layout.Submitted:
		return KindSubmitted
	case layout.Personal:
		return KindPersonal
	case layout.Meta:
		return KindSystem
	}
	return ""
}

// toolKind says what a header names among a layout's own columns, or
// among the columns every export may have; "" for none.
func toolKind(l *layout.Layout, header, text string) string {
	for _, h := range []string{header, text} {
		if strings.TrimSpace(h) == "" {
			continue
		}
		if k := kindOf(l.Columns.Kind(h)); k != "" {
			return k
		}
	}
	for _, h := range []string{header, text} {
		if strings.TrimSpace(h) == "" {
			continue
		}
		if k := kindOf(layout.Common.Kind(h)); k != "" {
			return k
		}
	}
	return ""
}

// numberRepeats gives each header that occurs more than once its
// occurrence number (Nth), and returns a warning per repeated header.
func numberRepeats(cols []Column) []i18n.Message {
	count := map[string][]int{}
	var order []string
	for i, c := range cols {
		h := strings.Join(strings.Fields(c.Header), " ")
		if h == "" {
			continue
		}
		if count[h] == nil {
			order = append(order, h)
		}
		count[h] = append(count[h], i)
	}
	var warn []i18n.Message
	for _, h := range order {
		idx := count[h]
		if len(idx) < 2 {
			continue
		}
		var letters []string
		for n, i := range idx {
			cols[i].Nth = n + 1
			letters = append(letters, xlsx.ColName(cols[i].Index))
		}
		warn = append(warn, i18n.M("import.warn.repeats", quote(format.Middle(h, 60)), strings.Join(letters, ", ")))
	}
	return warn
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "'") + "\"" }

// Notes that mark a column for later steps (other notes only explain).
const (
	noteNewItem = "note.new_item" // a matrix row the definition lacks
	// NoteOptionCopy marks KoboToolbox's one-cell copy of the option
	// columns: read once, from the options.
	NoteOptionCopy = "note.option_copy"
)
