package sheets

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/progress"
	"github.com/resonanz/resonanz/pipeline/query"
)

// Placement groups sheets: the cover, the questions in survey order, the
// breakdowns and queries by their order, then the appendix.
const (
	groupCover = iota
	groupQuestions
	groupTables
	groupAppendix
)

// placed is a sheet with its place in the book.
type placed struct {
	group, order int
	sheet        book.Sheet
}

// A builder makes the sheets of one kind. It may make none: a survey
// without breakdowns has no breakdown sheets, never an empty one.
type builder struct {
	name  string
	order int // place among the builders: they run, and sheets of equal place sort, in this order
	build func(env *Env) ([]placed, error)
	// summary builders read what the others found (the cover's findings):
	// they run after disclosure has hidden what must be hidden.
	summary bool
}

// builders is the report: one entry per kind of sheet, in order. Each
// kind registers itself from its own file (`var _ = register(builder{…})`
// beside its build func), so a new sheet is one new file; the writers know
// no sheet by name. builders has no initializer: it is ready before any
// package variable calls register, whatever the order of the files.
var builders []builder

// register adds b to builders at its place by order and returns it. A name
// registered twice is a programming error and panics at start-up.
func register(b builder) builder {
	if b.name == "" || b.build == nil {
		panic("sheets: register: a builder needs a name and a build func")
	}
	for _, o := range builders {
		if o.name == b.name {
			panic("sheets: register: " + b.name + " registered twice")
		}
	}
	i := 0
	for i < len(builders) && builders[i].order <= b.order {
		i++
	}
	builders = slices.Insert(builders, i, b)
	return b
}

// Build makes the report of the engine's event: every builder's sheets,
// protected by the small-number rule, in order.
func Build(ctx context.Context, e *query.Engine, opt Options) (book.Book, error) {
	r, err := start(ctx, e, opt)
	if err != nil {
		return book.Book{}, err
	}
	defer r.bar.Finish()
	env, made := r.env, r.made
	if _, err := env.protect(made, nil); err != nil {
		return book.Book{}, err
	}
	// The summary builders run after the others and after disclosure.
	if err := r.run(true); err != nil {
		return book.Book{}, err
	}
	var all []placed
	for _, ps := range made {
		all = append(all, ps...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].group != all[j].group {
			return all[i].group < all[j].group
		}
		return all[i].order < all[j].order
	})
	opt = env.opt
	out := book.Book{Lang: opt.Lang, Title: env.title(), Subtitle: env.subtitle(), Now: opt.Now, MinN: opt.Rule.MinN, Event: opt.Event.ID,
		ChartLine: fmt.Sprintf("%s, n = %d", opt.Event.Label(), env.facts.responses)}
	for _, p := range all {
		out.Sheets = append(out.Sheets, p.sheet)
	}
	return out, nil
}

// Protected hides in each extra table what the report hides: it builds
// the report's tables (not its summaries) and runs the disclosure stage
// over them and the extra tables together, so a table of the report's
// cells (query of a built-in table) gets the report's pattern. It returns
// each extra table's hidden cells, [table][row][col].
func Protected(ctx context.Context, e *query.Engine, opt Options, extra []disclosure.Table) ([][][]bool, error) {
	r, err := start(ctx, e, opt)
	if err != nil {
		return nil, err
	}
	r.bar.Finish()
	return r.env.protect(r.made, extra)
}

// building is a report under way: its builders' sheets so far.
type building struct {
	env  *Env
	made [][]placed
	bar  progress.Bar
}

// run runs the builders that are summaries, or those that are not.
func (r *building) run(summary bool) error {
	for i, b := range builders {
		if b.summary != summary {
			continue
		}
		r.bar.Add(1)
		ps, err := b.build(r.env)
		if err != nil {
			return err // each says its stage: weights: …, a query file's name
		}
		r.made[i] = ps
	}
	return nil
}

// start loads the survey and its facts and runs every builder that is
// not a summary.
func start(ctx context.Context, e *query.Engine, opt Options) (*building, error) {
	opt.Rule = opt.Rule.Or()
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	env := &Env{
		ctx: ctx, e: e, opt: opt, L: opt.Lang,
		params:  map[string]string{"event": opt.Event.ID},
		results: map[string]*queryResult{}, names: map[string]bool{}, ids: map[string]bool{},
		sections: map[string]string{}, splitSheets: map[string]string{}, built: map[string]*book.Sheet{},
	}
	for k, v := range opt.Params {
		env.params[k] = v
	}
	if err := env.loadSurvey(); err != nil {
		return nil, fmt.Errorf("sheets: %w", err)
	}
	if err := env.loadFacts(); err != nil {
		return nil, fmt.Errorf("sheets: %w", err)
	}
	r := &building{env: env, made: make([][]placed, len(builders)),
		bar: progress.Or(opt.Progress).Start(i18n.T(opt.Lang, "progress_queries"), len(builders))}
	if err := r.run(false); err != nil {
		r.bar.Finish()
		return nil, err
	}
	return r, nil
}
