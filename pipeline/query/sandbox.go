package query

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// functionsTSV classifies every function of the linked DuckDB: kind, name,
// allow or deny, and why (see the file's header).
//
//go:embed functions.tsv
var functionsTSV string

// Function is one line of functions.tsv.
type Function struct {
	Kind  string // scalar, aggregate, macro, table, table_macro, pragma
	Name  string
	Allow bool
	Why   string // why it is denied
}

// Functions returns the classification of DuckDB's built-in functions.
func Functions() []Function {
	var out []Function
	for _, line := range strings.Split(functionsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			panic("query: functions.tsv: bad line " + line)
		}
		fn := Function{Kind: f[0], Name: f[1], Allow: f[2] == "allow"}
		if len(f) > 3 {
			fn.Why = f[3]
		}
		out = append(out, fn)
	}
	return out
}

// ErrNotAllowed means analyst SQL names a function, table function or
// table that the sandbox does not allow.
var ErrNotAllowed = errors.New("not allowed in resonanz SQL")

// sandbox is the allow-list analyst SQL is vetted against before DuckDB
// binds it: the functions it may call in expressions and in FROM, and the
// tables (views) it may read. Everything else is refused, so a function a
// new DuckDB adds stays out until functions.tsv allows it.
type sandbox struct {
	scalar map[string]bool // callable in expressions: scalar, aggregate, window, macro
	table  map[string]bool // callable in FROM: generating table functions, the project's table macros
	denied map[string]string
	// views are the project's views and tables: "responses",
	// "all_events.responses", query names.
	views map[string]bool
}

func newSandbox() *sandbox {
	s := &sandbox{scalar: map[string]bool{}, table: map[string]bool{}, denied: map[string]string{}, views: map[string]bool{}}
	for _, f := range Functions() {
		if !f.Allow {
			k := deniedKey(f.Kind == "table" || f.Kind == "table_macro", f.Name)
			if _, ok := s.denied[k]; !ok || f.Kind != "pragma" {
				s.denied[k] = f.Why
			}
			continue
		}
		switch f.Kind {
		case "scalar", "aggregate", "macro":
			s.scalar[f.Name] = true
		case "table":
			s.table[f.Name] = true
		}
	}
	// unnest (and its alias unlist) is a table function DuckDB also takes
	// in a select list.
	for _, name := range []string{"unnest", "unlist"} {
		if s.table["unnest"] {
			s.scalar[name] = true
		}
	}
	return s
}

// Node kinds of DuckDB's serialised syntax tree (json_serialize_sql) that
// the vetting knows. Any other kind is refused: a new DuckDB's new syntax
// stays out until it is looked at here.
var (
	exprClasses = setOf("CONSTANT", "COLUMN_REF", "FUNCTION", "WINDOW", "CAST", "OPERATOR", "COMPARISON",
		"CONJUNCTION", "CASE", "SUBQUERY", "STAR", "LAMBDA", "LAMBDA_REF", "COLLATE", "BETWEEN",
		"POSITIONAL_REFERENCE", "PARAMETER")
	nodeTypes = setOf(
		// query nodes
		"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE",
		// result modifiers and orders
		"ORDER_MODIFIER", "LIMIT_MODIFIER", "LIMIT_PERCENT_MODIFIER", "DISTINCT_MODIFIER",
		"ORDER_DEFAULT", "ASCENDING", "DESCENDING",
		// table references
		"BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EXPRESSION_LIST", "EMPTY", "PIVOT", "SHOW_REF")
)

func setOf(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, x := range s {
		m[x] = true
	}
	return m
}

// plainName is a CTE name that cannot be mistaken for a file: DuckDB reads a
// table name it does not know as a file when it looks like one.
var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// vet walks one statement of json_serialize_sql's output.
func (s *sandbox) vet(stmt any) error {
	return s.walk(stmt, nil)
}

// scope is the CTE names visible at a node.
type scope struct {
	names map[string]bool
	up    *scope
}

func (sc *scope) has(name string) bool {
	for ; sc != nil; sc = sc.up {
		if sc.names[name] {
			return true
		}
	}
	return false
}

func (s *sandbox) walk(v any, sc *scope) error {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if err := s.walk(x, sc); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		return s.node(v, sc)
	}
	return nil
}

func (s *sandbox) node(n map[string]any, sc *scope) error {
	// A value or a type: data, not syntax.
	if _, ok := n["is_null"]; ok {
		return nil
	}
	if _, ok := n["type_info"]; ok {
		return nil
	}
	skip := map[string]bool{}
	if class, ok := n["class"].(string); ok {
		if !exprClasses[class] {
			return fmt.Errorf("%w: expression kind %s", ErrNotAllowed, class)
		}
		switch class {
		case "FUNCTION", "WINDOW":
			if err := s.function(n, false); err != nil {
				return err
			}
		case "CONSTANT":
			return nil
		case "CAST":
			skip["cast_type"] = true
		}
	} else if typ, ok := n["type"].(string); ok {
		if !nodeTypes[typ] {
			return fmt.Errorf("%w: %s", ErrNotAllowed, strings.ToLower(strings.ReplaceAll(typ, "_", " ")))
		}
		switch typ {
		case "SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE":
			inner, err := ctes(n)
			if err != nil {
				return err
			}
			if inner != nil {
				sc = &scope{names: inner, up: sc}
			}
		case "BASE_TABLE":
			if err := s.tableRef(n, sc); err != nil {
				return err
			}
		case "TABLE_FUNCTION":
			f, _ := n["function"].(map[string]any)
			if err := s.function(f, true); err != nil {
				return err
			}
			// The call itself is vetted as a table function; its
			// arguments as expressions.
			for k, x := range f {
				if k == "class" || k == "type" {
					continue
				}
				if err := s.walk(x, sc); err != nil {
					return err
				}
			}
			skip["function"] = true
		case "SHOW_REF":
			st, _ := n["show_type"].(string)
			if (st != "SUMMARY" && st != "DESCRIBE") || n["query"] == nil {
				return fmt.Errorf("%w: SHOW (DESCRIBE or SUMMARIZE a query instead)", ErrNotAllowed)
			}
		}
	}
	skip["expected_types"] = true
	for k, x := range n {
		if skip[k] {
			continue
		}
		if err := s.walk(x, sc); err != nil {
			return err
		}
	}
	return nil
}

// deniedKey keys why a function is denied by where it is called: pragma
// enable_profiling and table function enable_profiling are two.
func deniedKey(inFrom bool, name string) string {
	if inFrom {
		return "from " + name
	}
	return name
}

// ctes returns the CTE names a query node defines.
func ctes(n map[string]any) (map[string]bool, error) {
	var names map[string]bool
	add := func(name string) error {
		if !plainName.MatchString(name) {
			return fmt.Errorf("%w: CTE name %q (letters, digits and _ only)", ErrNotAllowed, name)
		}
		if names == nil {
			names = map[string]bool{}
		}
		names[strings.ToLower(name)] = true
		return nil
	}
	if name, ok := n["cte_name"].(string); ok && name != "" {
		if err := add(name); err != nil {
			return nil, err
		}
	}
	if cm, ok := n["cte_map"].(map[string]any); ok {
		entries, _ := cm["map"].([]any)
		for _, e := range entries {
			em, _ := e.(map[string]any)
			key, _ := em["key"].(string)
			if err := add(key); err != nil {
				return nil, err
			}
		}
	}
	return names, nil
}

// function vets a call: a scalar, aggregate, window function or macro in an
// expression, or a table function in FROM.
func (s *sandbox) function(n map[string]any, inFrom bool) error {
	if n == nil {
		return fmt.Errorf("%w: a table function without a call", ErrNotAllowed)
	}
	name, _ := n["function_name"].(string)
	name = strings.ToLower(name)
	schema, _ := n["schema"].(string)
	catalog, _ := n["catalog"].(string)
	kind := "function"
	allowed := s.scalar
	if inFrom {
		kind, allowed = "table function", s.table
	}
	if catalog != "" || (schema != "" && schema != "main" && schema != "pg_catalog") {
		return fmt.Errorf("%w: %s %s.%s", ErrNotAllowed, kind, schema, name)
	}
	if allowed[name] {
		return nil
	}
	why := s.denied[deniedKey(inFrom, name)]
	if why == "" {
		why = s.denied[deniedKey(!inFrom, name)]
	}
	if why != "" {
		return fmt.Errorf("%w: %s %s (%s)", ErrNotAllowed, kind, name, why)
	}
	return fmt.Errorf("%w: %s %s", ErrNotAllowed, kind, name)
}

// tableRef vets a table name: a CTE in scope or one of the project's views.
// DuckDB would read any other name that looks like a file as one.
func (s *sandbox) tableRef(n map[string]any, sc *scope) error {
	name, _ := n["table_name"].(string)
	schema, _ := n["schema_name"].(string)
	catalog, _ := n["catalog_name"].(string)
	if n["at_clause"] != nil {
		return fmt.Errorf("%w: AT (time travel)", ErrNotAllowed)
	}
	name, schema = strings.ToLower(name), strings.ToLower(schema)
	full := name
	if schema != "" && schema != "main" {
		full = schema + "." + name
	}
	switch {
	case catalog != "":
	case schema == "" && sc.has(name):
		return nil
	case s.views[full]:
		return nil
	}
	if catalog != "" {
		full = catalog + "." + full
	}
	return fmt.Errorf("%w: table %q (only the views resonanz schema lists)", ErrNotAllowed, full)
}
