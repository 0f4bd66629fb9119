package sheets

import (
	"fmt"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// protectSpec is what a table counts, as its builder declares it: the
// disclosure stage (pipeline/disclosure) decides from it what is hidden.
// Until that stage takes the report's tables, protect applies the rule
// table by table: the primary rule, secondary suppression within a table
// whose rows partition a printed total, and the base of a distribution.
type protectSpec struct {
	counts string   // the count column ("n")
	of     string   // what is counted: ofRespondents or ofAnswers(question)
	item   string   // column of the item, option, level or theme code
	dims   []string // dimensions of the rows (question ids)
	code   string   // column of the dimension's group code
	total  int      // the printed total the rows partition (all respondents)
	// levels: the rows are the levels of one answer (a distribution): they
	// rest on their sum, hidden all together when it is small.
	levels bool
	// wide: columns holding a mean of another group than the row's
	// (heatmap): column → dimension and group; its base is "n_<group>"
	// (n_all for all respondents).
	wide map[string][2]string
	// auto: a query's table: the primary rule on n, and secondary
	// suppression when it is a table of counts (as query --min-n does).
	auto bool
}

const ofRespondents = "respondents"

func ofAnswers(question string) string { return "answers:" + question }

// protect hides what the small-number rule hides in every table built.
func (env *Env) protect(made [][]placed) error {
	rule := env.opt.Rule
	if rule.MinN <= 1 {
		return nil
	}
	for _, ps := range made {
		for i := range ps {
			s := &ps[i].sheet
			for _, b := range s.Blocks {
				if b.Table == nil {
					continue
				}
				if err := protectTable(b.Table, rule); err != nil {
					return fmt.Errorf("sheets: disclosure: %s: %w", s.Name, err)
				}
			}
			env.built[s.ID] = s
		}
	}
	return nil
}

func protectTable(t *book.Table, rule disclosure.Rule) (err error) {
	minN := rule.MinN
	if minN <= 1 {
		return nil
	}
	spec, ok := t.Protect.(protectSpec)
	if !ok {
		return nil
	}
	switch {
	case spec.auto:
		defer func() {
			// stats.Suppress panics on a leak it should have prevented.
			if r := recover(); r != nil {
				err = fmt.Errorf("suppression: %v", r)
			}
		}()
		qt := &query.Table{}
		for _, c := range t.Columns {
			qt.Columns = append(qt.Columns, c.Key)
		}
		qt.Rows = t.Rows
		hideSmall(t, spec.counts, rule)
		for r, h := range query.SmallRows(qt, minN).Hide {
			if h {
				hideRow(t, r)
			}
		}
	case spec.levels:
		c := t.Col(spec.counts)
		base := 0
		for _, row := range t.Rows {
			if k, ok := row[c].(int64); ok {
				base += int(k)
			}
		}
		if rule.Hide(base) {
			for r := range t.Rows {
				hideRow(t, r)
			}
		}
	case spec.wide != nil:
		for key := range spec.wide {
			c := t.Col(key)
			nc := t.Col("n" + key[len("mean"):])
			if c < 0 || nc < 0 {
				continue
			}
			for r, row := range t.Rows {
				if k, ok := row[nc].(int64); ok && rule.Hide(int(k)) {
					t.Hide(r, c)
				}
			}
		}
	case spec.total > 0 && len(spec.dims) == 1:
		// The rows partition all respondents, whose number is printed: a
		// hidden count must not be the total minus the shown ones.
		c := t.Col(spec.counts)
		n := make([][]int, len(t.Rows))
		for r, row := range t.Rows {
			k, _ := row[c].(int64)
			n[r] = []int{int(k)}
		}
		m := stats.Suppress(stats.Table{N: n, NoRowTotals: true, NoColTotals: true, KeepGrand: true}, minN)
		for r := range t.Rows {
			if m.Cells[r][0] {
				hideRow(t, r)
			}
		}
	default:
		hideSmall(t, spec.counts, rule)
	}
	return nil
}
