package query

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/queries"
)

// BuiltIn is the Source of the queries embedded from queries/.
const BuiltIn = "built-in"

// Query is one query file: its SQL and the settings of its comment header.
type Query struct {
	Name   string // file name without .sql: the view's and the sheet's name
	Source string // BuiltIn or the file's path
	// Overrides is the source of the query this one replaced (a user file
	// with a built-in's or an earlier folder's name), or "".
	Overrides string
	SQL       string
	// Header line count, so DuckDB's line numbers can be mapped to the file.
	HeaderLines int
	Meta        Meta
}

// Meta is a query file's comment header:
//
//	-- title: Handlungsbedarf nach Bundesland
//	-- title_en: Need for action by state
//	-- chart: grouped_bar
//	-- x: item_text
//	-- y: mean
//	-- series: state_name
//	-- error: ci_low, ci_high
//	-- report: true
type Meta struct {
	Title, TitleEn string
	// Sheet names the report sheet (at most 31 characters, Excel\'s limit);
	// the title when empty.
	Sheet, SheetEn             string
	Description, DescriptionEn string
	Chart                      string // bar, grouped_bar, stacked_bar, heatmap, line, diverging, none
	X, Y, Series               string
	ErrLow, ErrHigh            string // interval columns drawn as error bars
	Sort                       string // "", asc, desc
	YMin, YMax                 *float64
	Report                     bool // include in the report (default true)
	// Optional queries are left out of the report when they return no
	// rows (e.g. comparisons while there is only one event).
	Optional bool
	Order    int // position in the report; then by name
	// Split makes one sheet per distinct value (combination) of these
	// columns, in row order: one query serves every breakdown dimension.
	Split []string
	// Scale names a role (headline, satisfaction): its question's scale
	// range is the value axis (unless ymin/ymax say otherwise) and {scale}
	// in a title or description its end labels.
	Scale string
	// Protect declares what the rows count (`-- protect:` lines), so the
	// disclosure stage protects the table by what it shows, whatever
	// its name. A file replacing another without protect lines keeps
	// the replaced one's.
	Protect *disclosure.Spec
}

var nameRE = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Load reads the built-in queries and then each user folder in turn; a user
// file with a built-in's name replaces it. Dotfiles and non-.sql files are
// skipped. The result is in report order.
func Load(dirs ...string) ([]*Query, error) {
	byName := map[string]*Query{}
	if err := loadFS(queries.FS, ".", BuiltIn, byName); err != nil {
		return nil, err
	}
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("query: queries folder %s: %w", d, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("query: queries folder %s: not a directory", d)
		}
		if err := loadFS(os.DirFS(d), ".", d, byName); err != nil {
			return nil, err
		}
	}
	qs := make([]*Query, 0, len(byName))
	for _, q := range byName {
		qs = append(qs, q)
	}
	sort.Slice(qs, func(i, j int) bool {
		if qs[i].Meta.Order != qs[j].Meta.Order {
			return qs[i].Meta.Order < qs[j].Meta.Order
		}
		return qs[i].Name < qs[j].Name
	})
	return qs, nil
}

func loadFS(fsys fs.FS, dir, source string, into map[string]*Query) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return fmt.Errorf("query: %s: %w", source, err)
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, n))
		if err != nil {
			return fmt.Errorf("query: %s: %w", n, err)
		}
		src := BuiltIn
		if source != BuiltIn {
			src = strings.TrimSuffix(source, "/") + "/" + n
		}
		q, err := Parse(strings.TrimSuffix(n, ".sql"), src, string(b))
		if err != nil {
			return err
		}
		if old := into[q.Name]; old != nil {
			if old.SQL == q.SQL {
				// The same text again (running from the repository, whose
				// queries/ folder sits beside ./resonanz-data): no override.
				continue
			}
			q.Overrides = old.Source
			if q.Meta.Protect == nil {
				q.Meta.Protect = old.Meta.Protect
			}
		}
		into[q.Name] = q
	}
	return nil
}

// Parse reads a query file's header and SQL.
func Parse(name, source, text string) (*Query, error) {
	if !nameRE.MatchString(name) {
		return nil, fmt.Errorf("query: %s: the file name must be lower-case letters, digits and _ (it becomes a view name)", source)
	}
	if model.Reserved(name) {
		return nil, fmt.Errorf("query: %s: %s is the name of a data view; rename the file", source, name)
	}
	q := &Query{Name: name, Source: source, SQL: text, Meta: Meta{Report: true, Order: 1000, Chart: "none"}}
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "--") {
			break
		}
		q.HeaderLines = line
		k, v, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(t, "--")), ":")
		if !ok {
			continue
		}
		if err := q.Meta.set(strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)); err != nil {
			return nil, fmt.Errorf("query: %s:%d: %w", source, line, err)
		}
	}
	if q.Meta.Title == "" {
		q.Meta.Title = name
	}
	if q.Meta.Chart != "none" && (q.Meta.X == "" || q.Meta.Y == "") {
		return nil, fmt.Errorf("query: %s: chart %s needs x: and y: columns in the header", source, q.Meta.Chart)
	}
	return q, nil
}

func (m *Meta) set(k, v string) error {
	switch k {
	case "title":
		m.Title = v
	case "sheet":
		m.Sheet = v
	case "sheet_en":
		m.SheetEn = v
	case "title_en":
		m.TitleEn = v
	case "description":
		m.Description = v
	case "description_en":
		m.DescriptionEn = v
	case "chart":
		v = strings.ToLower(strings.ReplaceAll(v, " ", "_"))
		kinds := chart.Kinds() // every registered kind: a new one needs no edit here
		if slices.Contains(kinds, v) {
			m.Chart = v
			return nil
		}
		return fmt.Errorf("unknown chart %q (one of %s)", v, strings.Join(kinds, ", "))
	case "x":
		m.X = v
	case "y":
		m.Y = v
	case "series":
		m.Series = v
	case "error":
		lo, hi, ok := strings.Cut(v, ",")
		if !ok {
			return fmt.Errorf("error: wants two columns, low and high (error: ci_low, ci_high)")
		}
		m.ErrLow, m.ErrHigh = strings.TrimSpace(lo), strings.TrimSpace(hi)
	case "sort":
		if v != "asc" && v != "desc" && v != "" {
			return fmt.Errorf("sort: %q is not asc or desc", v)
		}
		m.Sort = v
	case "ymin", "ymax":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", k, v)
		}
		if k == "ymin" {
			m.YMin = &f
		} else {
			m.YMax = &f
		}
	case "report":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("report: %q is not true or false", v)
		}
		m.Report = b
	case "optional":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("optional: %q is not true or false", v)
		}
		m.Optional = b
	case "split":
		m.Split = nil
		for _, c := range strings.Split(v, ",") {
			if c = strings.TrimSpace(c); c != "" {
				m.Split = append(m.Split, c)
			}
		}
	case "scale":
		m.Scale = v
	case "protect":
		s, err := disclosure.ParseProtect(m.Protect, v)
		if err != nil {
			return err
		}
		m.Protect = s
	case "order":
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("order: %q is not a whole number", v)
		}
		m.Order = n
	default:
		// Unknown keys are comments, so a header can carry notes.
	}
	return nil
}

// Title returns the title in a language ("de" or "en").
func (q *Query) Title(lang string) string { return inLang(lang, q.Meta.Title, q.Meta.TitleEn) }

// Description returns the description in a language.
func (q *Query) Description(lang string) string {
	return inLang(lang, q.Meta.Description, q.Meta.DescriptionEn)
}

// SheetName returns the report sheet's name in a language: the sheet
// header key of that language, else the title.
func (q *Query) SheetName(lang string) string {
	if i18n.English(lang) {
		if q.Meta.SheetEn != "" {
			return q.Meta.SheetEn
		}
	} else if q.Meta.Sheet != "" {
		return q.Meta.Sheet
	}
	return q.Title(lang)
}

// inLang picks the English text for "en" when there is one, else the German.
func inLang(lang, de, en string) string { return i18n.Pick(lang, de, en) }
