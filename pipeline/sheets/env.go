package sheets

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/progress"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/store"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// Options say what to build the report of.
type Options struct {
	Lang string // "de" or "en"
	// Rule is the small-number rule and the levels of intervals and tests.
	Rule    disclosure.Rule
	Event   Event
	Compare []Event // --compare A,B: the two events compared, the earlier first
	Params  map[string]string
	// Weights is a YAML file of population margins; "" for no weighting.
	Weights string
	// Invited is how many were asked to answer (0: unknown); the cover
	// shows the response rate.
	Invited int
	// Themes is the keyword codebook of open answers; none: the built-in one.
	Themes []store.Theme
	Now    time.Time
	// Progress shows the builders' work; nil shows nothing.
	Progress progress.Tracker
}

// Event names what the report is about.
type Event struct {
	ID, Title, Date string // Date as YYYY-MM-DD
	// SurveyTitle is the survey definition's title in the report language.
	SurveyTitle string
}

// Label is the event's title, or its id when it has none.
func (e Event) Label() string {
	if e.Title != "" {
		return e.Title
	}
	return e.ID
}

// Env is what every builder reads: the engine over the dataset, the
// survey the reported event asked, and what earlier builders found.
type Env struct {
	ctx    context.Context
	e      *query.Engine
	opt    Options
	L      string
	Survey *Survey
	params map[string]string

	results map[string]*queryResult // query results by name, each query run once
	names   map[string]bool         // sheet names taken (lower case)
	ids     map[string]bool
	facts   facts

	// What builders found, for the builders after them: each runs its
	// SQL once.
	counts       map[string]map[string]int
	distCache    distSet
	commentCache map[string][]commentRow
	sections     map[string]string      // question id → its section's sheet id
	splitSheets  map[string]string      // query name \x00 split key → sheet id
	built        map[string]*book.Sheet // sheet id → the sheet, once protected
	weighted     string                 // the weighted sheet's name, "" for none
	hidden       *disclosure.Result     // what the stage hid, for the cover's copies
}

// facts are the cover's plain figures.
type facts struct {
	responses   int
	first, last time.Time
	rejected    int
}

type factsRow struct {
	Responses int        `sql:"responses"`
	First     *time.Time `sql:"first"` // NULL: no file said when (a hand-typed sheet)
	Last      *time.Time `sql:"last"`
	Rejected  int        `sql:"rejected"`
}

func (env *Env) loadFacts() error {
	rows, err := scan[factsRow](env, "facts", nil)
	if err != nil {
		return err
	}
	if len(rows) == 1 {
		r := rows[0]
		env.facts = facts{responses: r.Responses, rejected: r.Rejected}
		if r.First != nil && r.Last != nil {
			env.facts.first, env.facts.last = *r.First, *r.Last
		}
	}
	return nil
}

// Survey is what the reported event asked, from the dataset's codebook.
type Survey struct {
	Questions []*Question // in the survey's order
}

// Question is one question of the reported event.
type Question struct {
	ID, Type, Role string
	Text, Short    string // in the report language; Short "" when the definition gives none
	Position       int
	Min, Max       float64 // the scale's range; NaN when none
	Items          []Item
	Labels         []Label
	Answered       int  // respondents who answered it
	Breakdown      bool // results are broken down by its answers
}

// Item is a row of a matrix, an option of a multiple choice, or a thing ranked.
type Item struct{ Code, Text string }

// Label is an answer of a single, scale or numeric question.
type Label struct {
	Code  string
	Value float64 // NaN for single questions
	Text  string
}

// Name is the question's short name, or its text cut to a few words.
func (q *Question) Name() string {
	if q.Short != "" {
		return q.Short
	}
	return format.Shorten(q.Text, 40)
}

// Scaled reports whether the question has a numeric range.
func (q *Question) Scaled() bool { return !math.IsNaN(q.Min) && !math.IsNaN(q.Max) && q.Min < q.Max }

// Role returns the question with a role, or nil.
func (s *Survey) Role(role string) *Question {
	for _, q := range s.Questions {
		if q.Role == role {
			return q
		}
	}
	return nil
}

// Question returns the question with an id, or nil.
func (s *Survey) Question(id string) *Question {
	for _, q := range s.Questions {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// Breakdowns are the questions results are broken down by, in order.
func (s *Survey) Breakdowns() []*Question {
	var out []*Question
	for _, q := range s.Questions {
		if q.Breakdown {
			out = append(out, q)
		}
	}
	return out
}

// Headline is the main scale: the question with role headline, else the
// first scale question with more than one item; nil when there is none.
func (s *Survey) Headline() *Question {
	if q := s.Role(survey.RoleHeadline); q != nil {
		return q
	}
	for _, q := range s.Questions {
		if q.Type == survey.Scale && len(q.Items) > 1 {
			return q
		}
	}
	return nil
}

// label returns the text of a label code (single) or value.
func (q *Question) label(code string, value float64) string {
	for _, l := range q.Labels {
		if code != "" && l.Code == code || code == "" && l.Value == value {
			return l.Text
		}
	}
	return ""
}

type questionRow struct {
	Question string   `sql:"question"`
	Item     *string  `sql:"item"`
	Type     string   `sql:"type"`
	Role     string   `sql:"role"`
	Text     string   `sql:"text"`
	Short    string   `sql:"short"`
	ItemText string   `sql:"item_text"`
	Min      *float64 `sql:"scale_min"`
	Max      *float64 `sql:"scale_max"`
	Position int      `sql:"position"`
}

type labelRow struct {
	Question string   `sql:"question"`
	Code     string   `sql:"code"`
	Value    *float64 `sql:"value"`
	Label    string   `sql:"label"`
}

type countRow struct {
	Question string `sql:"question"`
	N        int    `sql:"n"`
}

// loadSurvey reads what the reported event asked.
func (env *Env) loadSurvey() error {
	qs, err := scan[questionRow](env, "questions", nil)
	if err != nil {
		return err
	}
	s := &Survey{}
	byID := map[string]*Question{}
	for _, r := range qs {
		q := byID[r.Question]
		if q == nil {
			q = &Question{ID: r.Question, Type: r.Type, Role: r.Role, Text: r.Text, Short: r.Short, Position: r.Position, Min: math.NaN(), Max: math.NaN()}
			if q.Role == survey.RoleBreakdown {
				q.Role, q.Breakdown = "", true
			}
			if q.Role == survey.RoleState || q.Role == survey.RoleSector {
				q.Breakdown = true
			}
			if r.Min != nil && r.Max != nil {
				q.Min, q.Max = *r.Min, *r.Max
			}
			byID[r.Question] = q
			s.Questions = append(s.Questions, q)
		}
		if r.Item != nil {
			q.Items = append(q.Items, Item{Code: *r.Item, Text: r.ItemText})
		}
	}
	ls, err := scan[labelRow](env, "labels", nil)
	if err != nil {
		return err
	}
	for _, l := range ls {
		if q := byID[l.Question]; q != nil {
			v := math.NaN()
			if l.Value != nil {
				v = *l.Value
			}
			q.Labels = append(q.Labels, Label{Code: l.Code, Value: v, Text: l.Label})
		}
	}
	ns, err := scan[countRow](env, "answered", nil)
	if err != nil {
		return err
	}
	for _, n := range ns {
		if q := byID[n.Question]; q != nil {
			q.Answered = n.N
		}
	}
	env.Survey = s
	return nil
}

// sheetName makes a worksheet name: at most 31 characters, none of
// []:*?/\, unique in the book, cut at a word where it must be cut.
func (env *Env) sheetName(want string) string {
	clean := strings.Map(func(c rune) rune {
		if strings.ContainsRune(`[]:*?/\`, c) {
			return '-'
		}
		return c
	}, want)
	clean = strings.Trim(strings.Join(strings.Fields(clean), " "), "' ")
	clean = format.Shorten(clean, 31)
	if clean == "" {
		clean = i18n.T(env.L, "sheets.sheet")
	}
	name := clean
	for i := 2; env.names[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = format.Shorten(clean, 31-len([]rune(suffix))) + suffix
	}
	env.names[strings.ToLower(name)] = true
	return name
}

// sheetID makes a unique sheet id of [a-z0-9_] from a wish.
func (env *Env) sheetID(want string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(want) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_':
			b.WriteRune(c)
		default:
			b.WriteRune('_')
		}
	}
	id := strings.Trim(b.String(), "_")
	if id == "" {
		id = "sheet"
	}
	out := id
	for i := 2; env.ids[out]; i++ {
		out = fmt.Sprintf("%s_%d", id, i)
	}
	env.ids[out] = true
	return out
}

// newSheet starts a body sheet.
func (env *Env) newSheet(id, name, title string) book.Sheet {
	return book.Sheet{ID: env.sheetID(id), Name: env.sheetName(name), Title: title}
}

// questionSheets makes the section of each question of type typ, in the
// survey's order: fill gets the sheet started for it (id q_<question>,
// named and titled by the question), and the question links to it.
func (env *Env) questionSheets(typ string, fill func(q *Question, s *book.Sheet)) []placed {
	var out []placed
	for _, q := range env.Survey.Questions {
		if q.Type != typ {
			continue
		}
		s := env.newSheet("q_"+q.ID, q.Name(), q.Text)
		fill(q, &s)
		env.sections[q.ID] = s.ID
		out = append(out, placed{group: groupQuestions, order: q.Position, sheet: s})
	}
	return out
}
