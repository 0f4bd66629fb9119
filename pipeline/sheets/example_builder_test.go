package sheets

import (
	"testing"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
)

// A new kind of report sheet is one file: its build func and the register
// call beside it, as cover.go, nps.go … do. This one is registered only in
// the test binary; TestExampleSheet (example_sheet_test.go) finds its sheet
// in the book and in report.xlsx, though no other file names it.
//
// It lists the survey's questions with their type, and only for the event
// ExampleEvent, so the other tests' books stay as they are.
var _ = register(builder{name: "example: question list", order: 135, build: buildExample})

// ExampleEvent is the event the example sheet is made for.
const ExampleEvent = "example25"

// ExampleTitle is the example sheet's title.
const ExampleTitle = "Fragen und ihre Typen"

func buildExample(env *Env) ([]placed, error) {
	if env.opt.Event.ID != ExampleEvent {
		return nil, nil
	}
	t := &book.Table{Columns: []book.Column{
		col("question", i18n.Column(env.L, "question"), format.Text), col("type", i18n.Column(env.L, "type"), format.Text),
	}}
	for _, q := range env.Survey.Questions {
		t.Rows = append(t.Rows, []any{q.ID, i18n.Type(env.L, string(q.Type))})
	}
	s := env.newSheet("example_questions", "Fragen", ExampleTitle)
	s.Role = book.Appendix
	s.Blocks = []book.Block{{Table: t}}
	return []placed{{group: groupAppendix, order: 9, sheet: s}}, nil
}

// TestBuilders: every builder file registered once, in order; a name
// twice panics.
func TestBuilders(t *testing.T) {
	if len(builders) < 14 {
		t.Fatalf("%d builders, want the report's 14 and the example", len(builders))
	}
	seen := map[string]bool{}
	for i, b := range builders {
		if seen[b.name] || i > 0 && builders[i-1].order > b.order {
			t.Errorf("builder %d %q: twice or out of order", i, b.name)
		}
		seen[b.name] = true
	}
	defer func() {
		if recover() == nil {
			t.Error("registering cover twice did not panic")
		}
	}()
	register(builder{name: "cover", build: buildExample})
}
