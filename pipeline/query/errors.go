package query

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ErrNoEvent means an event asked for (--event, --compare) is not in the
// dataset: the error lists the ones that are.
var ErrNoEvent = errors.New("no event")

// missingRE finds the relation DuckDB could not find, in the message of
// "Catalog Error: Table with name foo does not exist!".
var missingRE = regexp.MustCompile(`Table with name ([^\s!]+) does not exist`)

// blame returns, for a failure of q that is only that it selects from a
// query whose view could not be made, an error that shows that query's
// own error (its file, line and binder error) instead of DuckDB's "Table
// with name … does not exist"; else nil.
func (e *Engine) blame(q *Query, msg string) error {
	m := missingRE.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	name := strings.Trim(m[1], `"`)
	for n, err := range e.broken {
		if strings.EqualFold(n, name) && n != q.Name {
			loc := q.Source
			if q.Source == BuiltIn {
				loc = "queries/" + q.Name + ".sql"
			}
			return &QueryError{Query: q.Name, Loc: loc, Msg: fmt.Sprintf("uses %s, which fails: %v", n, err), Err: err}
		}
	}
	return nil
}
