package sample

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"time"
)

// Truth is the content of a fixture's <file>.truth.json: what an importer
// must make of the file.
type Truth struct {
	File   string `json:"file"`   // base name of the fixture, beside the truth file
	Layout string `json:"layout"` // msforms, googleforms, limesurvey, surveymonkey, qualtrics, excel-csv, handtyped
	Event  string `json:"event"`
	Sheet  string `json:"sheet"` // "" for CSV
	// HeaderRow is the 1-based row (CSV: record) of the column titles;
	// DataRow is the first row holding a response.
	HeaderRow int `json:"header_row"`
	DataRow   int `json:"data_row"`
	// IDColumn is the header of the column holding the response id; ""
	// when the file has none and ids are 1-based response numbers.
	IDColumn  string `json:"id_column"`
	Encoding  string `json:"encoding,omitempty"`  // CSV only
	Delimiter string `json:"delimiter,omitempty"` // CSV only
	Notes     string `json:"notes,omitempty"`

	Respondents        []TruthRespondent `json:"respondents"`
	ExpectedRejects    []Reject          `json:"expected_rejects"`
	ExpectedDuplicates []string          `json:"expected_duplicates"`
	BlankRows          int               `json:"blank_rows"`

	// PersonalColumns are the columns holding names and addresses, which
	// the importer must drop.
	PersonalColumns []string `json:"personal_columns"`
	// PersonalInText lists personal data inside free-text answers.
	PersonalInText []PersonalText `json:"personal_in_text"`
	// SpecialCells are cells written in a way an importer must handle
	// deliberately (formula without cached value, 99 = no answer, …).
	SpecialCells []Cell `json:"special_cells"`
	// Codes maps each code-header column to its question and answer codes
	// (limesurvey-codes.csv only).
	Codes map[string]CodeColumn `json:"codes,omitempty"`

	// The fields below describe any survey, keyed by columns rather than by
	// question ids (the draft chooses those). Fixtures of generic surveys
	// have only these; see TruthQuestion for how a test matches them.

	// Responses is the number of responses an import must store: data rows
	// minus blank rows, duplicates, previews and incomplete responses.
	Responses int `json:"responses,omitempty"`
	// SkippedRows are data rows that are no responses (preview, test,
	// incomplete, a repeated header row), 1-based as in the file.
	SkippedRows []SkippedRow `json:"skipped_rows,omitempty"`
	// Questions lists every question of the file, in column order.
	Questions []TruthQuestion `json:"questions,omitempty"`
	// NotQuestions are the column letters of meta, timing, system and
	// personal columns: none may become a question.
	NotQuestions []string `json:"not_questions,omitempty"`
	// PersonalValues are personal values planted in the file: names,
	// e-mail addresses, phone numbers, handles, URLs, panel ids, IP
	// addresses. None may appear in any stored file, draft or output.
	PersonalValues []string `json:"personal_values,omitempty"`
	// Submitted are the responses' submit times as the export's clock
	// shows them ("2006-01-02 15:04:05", ascending), where the generator
	// writes them down (Google Forms: the timestamp in the sheet's locale).
	Submitted []string `json:"submitted,omitempty"`
}

// SkippedRow is a data row that must not become a response.
type SkippedRow struct {
	Row int    `json:"row"`
	Why string `json:"why"` // preview, test, incomplete, header_repeat
}

// TruthQuestion is one question as the file holds it. A test matches it to
// the imported question that holds its first column (Columns[0], by letter,
// or by Header when letters shift); every one of Columns must belong to
// that question and no other column may. OtherColumn (typed "other"
// texts) belongs to it as comments, not as an item.
type TruthQuestion struct {
	Columns []string `json:"columns"` // letters, in order: one per item, option or rank
	Header  string   `json:"header"`  // exact header text of Columns[0]
	Text    string   `json:"text"`    // the question text without item
	Type    Kind     `json:"type"`
	// Template is the built-in question id this must map to (conference
	// fixtures only); Codes maps file labels to template codes.
	Template string            `json:"template,omitempty"`
	Codes    map[string]string `json:"codes,omitempty"`
	// Items are the matrix rows, multi options or ranked things as the
	// header writes them, parallel to Columns when one column each.
	Items []string `json:"items,omitempty"`
	// Labels are the answers as the file writes them: options of a single
	// choice, levels of a scale low → high; Values their numbers
	// (ordered questions only).
	Labels  []string `json:"labels,omitempty"`
	Values  []int    `json:"values,omitempty"`
	Ordered bool     `json:"ordered"`
	// Missing are raw values meaning "no answer" (never a level).
	Missing []string `json:"missing,omitempty"`
	// Counts: item ("" for a one-column question) → label → respondents.
	// Multi: option → {"chosen": n}; numeric, nps: value → n; ranking:
	// item → rank ("1"…) → n; text: {"": {"answered": n}}.
	Counts map[string]map[string]int `json:"counts"`
	// Other counts respondents who chose "Other"/"Sonstiges" (once each);
	// OtherTexts those whose typed text is in the file.
	Other       int    `json:"other,omitempty"`
	OtherTexts  int    `json:"other_texts,omitempty"`
	OtherColumn string `json:"other_column,omitempty"`
	// Encoding says how the file writes the answers, for the
	// self-consistency test and for readers: cell (one value per cell),
	// joined (Separator between options in one cell), option_columns (one
	// column per option; Chosen are the values meaning "chosen"),
	// rank_positions (one column per rank holding an item),
	// rank_per_item (one column per item holding its rank).
	Encoding  string   `json:"encoding"`
	Separator string   `json:"separator,omitempty"`
	Chosen    []string `json:"chosen,omitempty"`
	Answered  int      `json:"answered"` // respondents with any answer
}

// TruthRespondent is a Respondent as the truth file writes it: null for
// "not answered", only answered need items.
type TruthRespondent struct {
	ID           string         `json:"id"`
	State        *string        `json:"state"`
	Sector       *string        `json:"sector"`
	Need         map[string]int `json:"need"`
	Topics       []string       `json:"topics"`
	OtherTopics  []string       `json:"other_topics"`
	Satisfaction *int           `json:"satisfaction"`
	NPS          *int           `json:"nps"`
	Improve      *string        `json:"improve"`
	SubmittedAt  *string        `json:"submitted_at"`
	// Heard is the code of the answer to a question only mdk17 asked.
	Heard *string `json:"heard,omitempty"`
}

// Reject is a deliberately bad cell the importer must report and treat as
// missing.
type Reject struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Raw    string `json:"raw"`
	Reason string `json:"reason"` // out_of_range, unknown_label, not_a_number
	ID     string `json:"id"`
}

// Cell points at one cell of a fixture.
type Cell struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Raw    string `json:"raw"`
	Kind   string `json:"kind"` // formula_no_cache, no_answer_code, decimal_comma, line_break, …
}

// PersonalText is personal data found in a free-text answer.
type PersonalText struct {
	ID   string `json:"id"`
	Kind string `json:"kind"` // email, phone
	Text string `json:"text"`
}

// CodeColumn documents one column of a code-header export.
type CodeColumn struct {
	Question string            `json:"question"`
	Sub      string            `json:"subquestion,omitempty"`
	Variable string            `json:"variable"`            // state, sector, need.<item>, topic.<item>, satisfaction, nps, improve
	Answers  map[string]string `json:"answers,omitempty"`   // code → label
	Values   map[string]string `json:"values,omitempty"`    // code → normalised value
	Missing  []string          `json:"no_answer,omitempty"` // codes meaning "no answer"
}

// truthOf converts a respondent; id is the id as the file shows it and
// timed says whether the file records submission times.
func truthOf(p Respondent, id string, timed bool) TruthRespondent {
	t := TruthRespondent{
		ID:          id,
		Need:        map[string]int{},
		Topics:      append([]string{}, p.Topics...),
		OtherTopics: append([]string{}, p.OtherTopics...),
	}
	for k, v := range p.Need {
		t.Need[k] = v
	}
	if p.StateCode != "" {
		t.State = ptr(p.StateCode)
	}
	if p.Sector != "" {
		t.Sector = ptr(p.Sector)
	}
	if p.Satisfaction > 0 {
		t.Satisfaction = ptr(p.Satisfaction)
	}
	if p.NPS >= 0 {
		t.NPS = ptr(p.NPS)
	}
	if p.Improve != "" {
		t.Improve = ptr(p.Improve)
	}
	if p.Heard != "" {
		t.Heard = ptr(p.Heard)
	}
	if timed {
		t.SubmittedAt = ptr(p.Submitted.Format(time.RFC3339))
	}
	return t
}

func ptr[T any](v T) *T { return &v }

var (
	emailRE = regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`)
	phoneRE = regexp.MustCompile(`(\+49|0)[ \d]{6,}\d`)
)

// personalIn lists e-mail addresses and phone numbers in free texts.
func personalIn(rs []TruthRespondent) []PersonalText {
	out := []PersonalText{}
	for _, r := range rs {
		if r.Improve == nil {
			continue
		}
		for _, m := range emailRE.FindAllString(*r.Improve, -1) {
			out = append(out, PersonalText{r.ID, "email", m})
		}
		for _, m := range phoneRE.FindAllString(*r.Improve, -1) {
			out = append(out, PersonalText{r.ID, "phone", m})
		}
	}
	return out
}

func (t *Truth) fill() {
	if t.ExpectedRejects == nil {
		t.ExpectedRejects = []Reject{}
	}
	if t.ExpectedDuplicates == nil {
		t.ExpectedDuplicates = []string{}
	}
	if t.PersonalColumns == nil {
		t.PersonalColumns = []string{}
	}
	if t.SpecialCells == nil {
		t.SpecialCells = []Cell{}
	}
	t.PersonalInText = personalIn(t.Respondents)
	if t.Respondents == nil {
		t.Respondents = []TruthRespondent{}
	}
}

// Generic says whether the truth describes a generic survey (Questions
// only, no conference respondents).
func (t *Truth) Generic() bool { return len(t.Questions) > 0 && len(t.Respondents) == 0 }

// Marshal renders the truth file: indented, keys of maps sorted, so it
// diffs well and is byte-stable.
func (t *Truth) Marshal() ([]byte, error) {
	t.fill()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ReadTruth loads a truth file, for importer tests that compare against it.
func ReadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t Truth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, err
	}
	return &t, nil
}
