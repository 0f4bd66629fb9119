package survey

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Question types.
const (
	Single  = "single"  // one label out of several
	Multi   = "multi"   // any number of options (items)
	Scale   = "scale"   // one value per item on a labelled scale (a matrix/Likert question)
	Numeric = "numeric" // one number, optionally with labels
	NPS     = "nps"     // likelihood to recommend, 0–10
	Ranking = "ranking" // items put in order: one value per item, its rank (1 = first)
	Text    = "text"    // free text, stored as a comment
)

// Roles say what a question is for in the report, so no code names a
// question by its id. At most one question has each role.
const (
	// RoleState and RoleSector are single questions stored on the response
	// (responses.state, responses.sector); both are breakdowns.
	RoleState  = "state"
	RoleSector = "sector"
	// RoleHeadline is the scale (matrix) shown first: by every breakdown, in
	// heatmaps, trends and the weighted sheet.
	RoleHeadline = "headline"
	// RoleSatisfaction is the overall satisfaction: a scale, numeric or
	// single question with values.
	RoleSatisfaction = "satisfaction"
	// RoleBreakdown is what questions.role stores for a question with
	// breakdown: true and no role of its own; it is not written in YAML.
	RoleBreakdown = "breakdown"
)

// Roles lists the roles a definition may give, in the order messages name them.
var Roles = []string{RoleState, RoleSector, RoleHeadline, RoleSatisfaction}

// Definition says what a survey asked and how a file's columns map onto it.
type Definition struct {
	Name      string     `yaml:"name"`
	Title     string     `yaml:"title"`
	TitleEn   string     `yaml:"title_en,omitempty"`
	Questions []Question `yaml:"questions"`
	// Columns map source headers (exact text, or a regular expression in
	// /slashes/) onto questions and items, for exports whose headers are codes.
	Columns []ColumnRule `yaml:"columns,omitempty"`
	// Ignore lists further headers to skip (exact text or /regexp/).
	Ignore []string `yaml:"ignore,omitempty"`
	// Themes is the keyword codebook the report groups open answers by;
	// none: its built-in starter codebook for event feedback.
	Themes []Theme `yaml:"themes,omitempty"`

	// compiled /regexp/ headers of Columns and Ignore, by their text
	headerRE map[string]*regexp.Regexp
}

// Question is one question of the survey.
type Question struct {
	ID   string `yaml:"id"`
	Type string `yaml:"type"`
	Role string `yaml:"role,omitempty"`
	// Breakdown marks a single question results are broken down by (age
	// group, membership …); state and sector questions are breakdowns anyway.
	Breakdown bool   `yaml:"breakdown,omitempty"`
	Text      string `yaml:"text"`
	TextEn    string `yaml:"text_en,omitempty"`
	// Short names the question in a few words, for sheet names and
	// findings: "Zufriedenheit" for "Wie zufrieden waren Sie insgesamt …?".
	Short   string   `yaml:"short,omitempty"`
	ShortEn string   `yaml:"short_en,omitempty"`
	Match   []string `yaml:"match,omitempty"`
	Min     *float64 `yaml:"min,omitempty"`
	Max     *float64 `yaml:"max,omitempty"`
	Labels  []Label  `yaml:"labels,omitempty"`
	Missing []string `yaml:"missing,omitempty"`
	Items   []Item   `yaml:"items,omitempty"`

	// fromMatrix marks a drafted single question that is one row of a
	// matrix of answers without an order: no breakdown.
	fromMatrix bool
	match      []*regexp.Regexp // word patterns, on key(header)
	matchFold  []*regexp.Regexp // /regular expressions/, on fold(header)
}

// Item is a row of a scale question or an option of a multi question.
type Item struct {
	Code    string   `yaml:"code"`
	Text    string   `yaml:"text"`
	TextEn  string   `yaml:"text_en,omitempty"`
	Aliases []string `yaml:"aliases,omitempty"`
	// Other marks the option "other": chosen by an answer that matches no
	// option (a text typed into the box), which is kept as a comment.
	Other bool `yaml:"other,omitempty"`
}

// Label is an answer of a single, scale or numeric question. Code is what a
// single question stores; Value what a scale stores.
type Label struct {
	Code    string   `yaml:"code,omitempty"`
	Value   float64  `yaml:"value,omitempty"`
	Text    string   `yaml:"text"`
	TextEn  string   `yaml:"text_en,omitempty"`
	Aliases []string `yaml:"aliases,omitempty"`
	// Codes are how an export may write this answer (LimeSurvey's A1, …).
	Codes []string `yaml:"codes,omitempty"`
	// Other marks the answer "other" of a single question: a text typed
	// into its box (in the cell, or in a column of its own) counts as it
	// and is kept as a comment.
	Other bool `yaml:"other,omitempty"`
}

// Theme is one theme of the codebook: an answer mentioning one of its
// keywords (folded; a keyword matches the start of a word, "kaffee" in
// "Kaffeepause") belongs to it.
type Theme struct {
	Code     string   `yaml:"code"`
	Text     string   `yaml:"text"`
	TextEn   string   `yaml:"text_en,omitempty"`
	Keywords []string `yaml:"keywords"`
}

// ColumnRule maps a source column onto a question (and item).
type ColumnRule struct {
	Header   string `yaml:"header"`
	Question string `yaml:"question"`
	Item     string `yaml:"item,omitempty"`
	// Value, for a multi question laid out one column per option, is the cell
	// text that means "chosen" (LimeSurvey writes Y); empty means any text.
	Value string `yaml:"value,omitempty"`
	// Nth picks, when the header repeats, which of the columns so titled
	// the rule means (1 the first); 0 means the header is unique. A rule
	// that matches two columns is an error: columns are never merged.
	Nth int `yaml:"nth,omitempty"`
	// Other says the column holds the text of the question's "other"
	// answer (LimeSurvey's "[Sonstiges]", Qualtrics' "_TEXT").
	Other bool `yaml:"other,omitempty"`
	// Rank, for a ranking laid out one column per rank (LimeSurvey's
	// "[Rank 1]"), is the rank whose item the column names.
	Rank int `yaml:"rank,omitempty"`
}

//go:embed template.yaml
var templateYAML []byte

// Builtin returns the conference's default survey definition.
func Builtin() *Definition {
	d, err := Parse(templateYAML, "template.yaml")
	if err != nil {
		panic(err) // the embedded template is tested
	}
	return d
}

// Load reads a survey definition file.
func Load(path string) (*Definition, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	return Parse(b, filepath.Base(path))
}

// Parse reads a definition and checks it.
func Parse(b []byte, name string) (*Definition, error) {
	var d Definition
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("survey: %s: %w", name, err)
	}
	if err := d.check(); err != nil {
		return nil, fmt.Errorf("survey: %s: %w", name, err)
	}
	return &d, nil
}

var (
	idRE        = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
	stateCodeRE = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^OTHER$`)
)

func (d *Definition) check() error {
	if len(d.Questions) == 0 {
		return fmt.Errorf("no questions")
	}
	seen := map[string]bool{}
	roles := map[string]string{}
	for i := range d.Questions {
		q := &d.Questions[i]
		if !idRE.MatchString(q.ID) {
			return fmt.Errorf("question %d: id %q must be lower-case letters, digits and _", i+1, q.ID)
		}
		if seen[q.ID] {
			return fmt.Errorf("question %q defined twice", q.ID)
		}
		seen[q.ID] = true
		switch q.Type {
		case Single, Multi, Scale, Numeric, NPS, Ranking, Text:
		default:
			return fmt.Errorf("question %q: unknown type %q (single, multi, scale, numeric, nps, ranking, text)", q.ID, q.Type)
		}
		if q.Type == NPS {
			if q.Min == nil {
				q.Min = ptr(0)
			}
			if q.Max == nil {
				q.Max = ptr(10)
			}
		}
		if q.Type == Scale && len(q.Items) == 0 {
			// A scale without items is a single-row matrix: one item named after the question.
			q.Items = []Item{{Code: q.ID, Text: q.Text, TextEn: q.TextEn}}
		}
		if q.Type == Multi && len(q.Items) == 0 {
			return fmt.Errorf("question %q: a multi question needs items (its options)", q.ID)
		}
		if q.Type == Ranking {
			if len(q.Items) < 2 {
				return fmt.Errorf("question %q: a ranking question needs at least two items (what is ranked)", q.ID)
			}
			// Ranks run from 1 (first) to the number of items.
			q.Min, q.Max = ptr(1), ptr(float64(len(q.Items)))
		}
		items := map[string]bool{}
		for _, it := range q.Items {
			if !idRE.MatchString(it.Code) {
				return fmt.Errorf("question %q: item code %q must be lower-case letters, digits and _", q.ID, it.Code)
			}
			if items[it.Code] {
				return fmt.Errorf("question %q: item %q defined twice", q.ID, it.Code)
			}
			items[it.Code] = true
		}
		if err := q.checkRole(roles); err != nil {
			return err
		}
		if q.Type == Single && q.Role != RoleState && len(q.Labels) == 0 {
			return fmt.Errorf("question %q: a single question needs labels", q.ID)
		}
		for _, l := range q.Labels {
			switch {
			case q.Role == RoleState:
				// States keep their ISO codes (DE-SN) so every survey's data compares.
				if !stateCodeRE.MatchString(l.Code) && !idRE.MatchString(l.Code) {
					return fmt.Errorf("question %q: label %q needs an ISO 3166-2 code (DE-SN), OTHER, or a code of lower-case letters, digits and _", q.ID, l.Text)
				}
			case q.Type == Single && !idRE.MatchString(l.Code):
				return fmt.Errorf("question %q: label %q needs a code of lower-case letters, digits and _", q.ID, l.Text)
			}
		}
		for _, m := range q.Match {
			re, err := matchRE(m)
			if err != nil {
				return fmt.Errorf("question %q: match %q: %w", q.ID, m, err)
			}
			if isRegexp(m) {
				q.matchFold = append(q.matchFold, re)
			} else {
				q.match = append(q.match, re)
			}
		}
	}
	themes := map[string]bool{}
	for i, t := range d.Themes {
		if !idRE.MatchString(t.Code) {
			return fmt.Errorf("theme %d: code %q must be lower-case letters, digits and _", i+1, t.Code)
		}
		if themes[t.Code] {
			return fmt.Errorf("theme %q defined twice", t.Code)
		}
		themes[t.Code] = true
		if t.Text == "" || len(t.Keywords) == 0 {
			return fmt.Errorf("theme %q needs a text and keywords", t.Code)
		}
	}
	d.headerRE = map[string]*regexp.Regexp{}
	for _, h := range d.Ignore {
		if isRegexp(h) {
			re, err := regexp.Compile(h[1 : len(h)-1])
			if err != nil {
				return fmt.Errorf("ignore %q: %w", h, err)
			}
			d.headerRE[h] = re
		}
	}
	byID := d.byID()
	for _, c := range d.Columns {
		q := byID[c.Question]
		if q == nil {
			return fmt.Errorf("column %q: no question %q", c.Header, c.Question)
		}
		if c.Item != "" && q.Item(c.Item) == nil {
			return fmt.Errorf("column %q: question %q has no item %q", c.Header, c.Question, c.Item)
		}
		if c.Nth < 0 {
			return fmt.Errorf("column %q: nth must be 1 or more", c.Header)
		}
		if c.Rank != 0 && (q.Type != Ranking || c.Rank < 0 || c.Rank > len(q.Items)) {
			return fmt.Errorf("column %q: rank %d needs a ranking question of at least %d items", c.Header, c.Rank, c.Rank)
		}
		if isRegexp(c.Header) {
			re, err := regexp.Compile(c.Header[1 : len(c.Header)-1])
			if err != nil {
				return fmt.Errorf("column %q: %w", c.Header, err)
			}
			d.headerRE[c.Header] = re
		}
	}
	return nil
}

// checkRole checks a question's role and breakdown flag; roles holds the
// roles taken so far.
func (q *Question) checkRole(roles map[string]string) error {
	if q.Role != "" {
		var types []string
		switch q.Role {
		case RoleState, RoleSector:
			types = []string{Single}
		case RoleHeadline:
			types = []string{Scale}
		case RoleSatisfaction:
			types = []string{Scale, Numeric, Single}
		default:
			return fmt.Errorf("question %q: unknown role %q (%s)", q.ID, q.Role, strings.Join(Roles, ", "))
		}
		if !slices.Contains(types, q.Type) {
			return fmt.Errorf("question %q: role %s needs type %s", q.ID, q.Role, strings.Join(types, " or "))
		}
		if q.Role == RoleSatisfaction && q.Type == Scale && len(q.Items) > 1 {
			return fmt.Errorf("question %q: role satisfaction needs one figure: a scale with one item, a numeric or a single question", q.ID)
		}
		if other, ok := roles[q.Role]; ok {
			return fmt.Errorf("questions %q and %q both have role %s: at most one question may", other, q.ID, q.Role)
		}
		roles[q.Role] = q.ID
	}
	if q.Breakdown {
		if q.Type != Single {
			return fmt.Errorf("question %q: breakdown: true needs type single (results are broken down by its answers)", q.ID)
		}
		if q.Role == RoleSatisfaction {
			return fmt.Errorf("question %q: role satisfaction is a measure, not a breakdown: drop breakdown: true", q.ID)
		}
	}
	return nil
}

// IsBreakdown reports whether results are broken down by the question's
// answers.
func (q *Question) IsBreakdown() bool {
	return q.Breakdown || q.Role == RoleState || q.Role == RoleSector
}

// StoredRole is what questions.role holds for the question: its role, or
// RoleBreakdown for a breakdown without one, or "".
func (q *Question) StoredRole() string {
	if q.Role == "" && q.Breakdown {
		return RoleBreakdown
	}
	return q.Role
}

// SetStoredRole is StoredRole's inverse, for questions read back from a
// dataset.
func (q *Question) SetStoredRole(role string) {
	q.Role, q.Breakdown = role, false
	if role == RoleBreakdown {
		q.Role, q.Breakdown = "", true
	}
}

// Breakdowns are the questions results are broken down by, in survey order.
func (d *Definition) Breakdowns() []*Question {
	var out []*Question
	for i := range d.Questions {
		if d.Questions[i].IsBreakdown() {
			out = append(out, &d.Questions[i])
		}
	}
	return out
}

func ptr(f float64) *float64 { return &f }

// matchRE compiles a question's match entry: a /regular expression/ on the
// folded header, or words and phrases that must occur as whole words ("which
// state" does not match "Which statement"); a * stands for any letters, so
// "zufrieden*" matches Zufriedenheit and "*empfehlung" Weiterempfehlung.
func matchRE(m string) (*regexp.Regexp, error) {
	if isRegexp(m) {
		return regexp.Compile(m[1 : len(m)-1])
	}
	words := strings.Fields(key(strings.ReplaceAll(m, "*", " wildcardstar ")))
	if len(words) == 0 {
		return nil, fmt.Errorf("no words")
	}
	// A star joins the words next to it: "*empfehlung" is one word.
	var b strings.Builder
	glue := true
	for _, w := range words {
		if w == "wildcardstar" {
			b.WriteString(`[a-z0-9]*`)
			glue = true
			continue
		}
		if !glue {
			b.WriteByte(' ')
		}
		b.WriteString(regexp.QuoteMeta(w))
		glue = false
	}
	s := b.String()
	return regexp.Compile(`(?:^| )` + s + `(?: |$)`)
}

func isRegexp(s string) bool { return len(s) > 2 && s[0] == '/' && s[len(s)-1] == '/' }

// byID indexes the questions by id, for loops over a sheet's columns: a
// draft of a wide sheet has as many questions as columns, and Question
// looking each up in turn would take their square.
func (d *Definition) byID() map[string]*Question {
	m := make(map[string]*Question, len(d.Questions))
	for i := range d.Questions {
		if _, ok := m[d.Questions[i].ID]; !ok {
			m[d.Questions[i].ID] = &d.Questions[i]
		}
	}
	return m
}

// Question returns the question with the id, or nil.
func (d *Definition) Question(id string) *Question {
	for i := range d.Questions {
		if d.Questions[i].ID == id {
			return &d.Questions[i]
		}
	}
	return nil
}

// Role returns the question with the role, or nil.
func (d *Definition) Role(role string) *Question {
	for i := range d.Questions {
		if d.Questions[i].Role == role {
			return &d.Questions[i]
		}
	}
	return nil
}

// Item returns the item with the code, or nil.
func (q *Question) Item(code string) *Item {
	for i := range q.Items {
		if q.Items[i].Code == code {
			return &q.Items[i]
		}
	}
	return nil
}

// Bounds returns the scale or numeric range; NaN-free defaults for unbounded.
func (q *Question) Bounds() (lo, hi float64, ok bool) {
	if q.Min == nil || q.Max == nil {
		return 0, 0, false
	}
	return *q.Min, *q.Max, true
}
