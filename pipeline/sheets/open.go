package sheets

import (
	"sort"
	"strings"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey"
)

type commentRow struct {
	Question string `sql:"question"`
	Text     string `sql:"text"`
	Key      string `sql:"key"`
	KeyN     int    `sql:"key_n"`
}

// comments are the free-text answers by question, in the order of their text.
func (env *Env) comments() (map[string][]commentRow, error) {
	if env.commentCache != nil {
		return env.commentCache, nil
	}
	rows, err := scan[commentRow](env, "comments", nil)
	if err != nil {
		return nil, err
	}
	env.commentCache = map[string][]commentRow{}
	for _, r := range rows {
		env.commentCache[r.Question] = append(env.commentCache[r.Question], r)
	}
	return env.commentCache, nil
}

// examples is how many quotes a theme shows; quoteLen how long one may be;
// answersOnPage how many answers of a question the web page lists (the
// workbook has all): past a few hundred a page is no longer read, only
// scrolled, and 80,000 answers made it 18 MB.
const (
	examples      = 3
	quoteLen      = 160
	answersOnPage = 500
)

var _ = register(builder{name: "open answers", order: 80, build: buildOpen})

// buildOpen makes a section per free-text question: the number of
// answers, the themes of the codebook with counts and a few quotes, and
// every answer with the groups of its respondent where they are large
// enough to show.
func buildOpen(env *Env) ([]placed, error) {
	comments, err := env.comments()
	if err != nil {
		return nil, err
	}
	counts, err := env.choiceCounts()
	if err != nil {
		return nil, err
	}
	L := env.L
	th := newThemer(env.opt.Themes)
	dims := env.Survey.Breakdowns()
	return env.questionSheets(survey.Text, func(q *Question, s *book.Sheet) {
		answers := comments[q.ID]
		matched := make([][]int, len(answers))
		byTheme := make([][]int, len(th.themes)+1) // the last: no theme
		for i, a := range answers {
			matched[i] = th.match(a.Text)
			for _, k := range matched[i] {
				byTheme[k] = append(byTheme[k], i)
			}
			if len(matched[i]) == 0 {
				byTheme[len(th.themes)] = append(byTheme[len(th.themes)], i)
			}
		}
		name := func(k int) string {
			if k == len(th.themes) {
				return i18n.T(L, "sheets.no_theme")
			}
			return i18n.Pick(L, th.themes[k].Text, th.themes[k].TextEn)
		}
		tt := &book.Table{Columns: []book.Column{
			internal("theme"), col("theme_text", i18n.T(L, "sheets.theme"), format.Text),
			col("n", i18n.T(L, "sheets.answers_n"), format.Int), col("share", i18n.T(L, "sheets.share_answers"), format.Pct),
			col("examples", i18n.T(L, "sheets.examples"), format.Text),
		}}
		order := make([]int, 0, len(byTheme))
		for k := range byTheme {
			if len(byTheme[k]) > 0 {
				order = append(order, k)
			}
		}
		sort.SliceStable(order, func(i, j int) bool {
			a, b := order[i], order[j]
			if (a == len(th.themes)) != (b == len(th.themes)) {
				return b == len(th.themes) // "no theme" last
			}
			return len(byTheme[a]) > len(byTheme[b])
		})
		for _, k := range order {
			code := "none"
			if k < len(th.themes) {
				code = th.themes[k].Code
			}
			var share any
			if len(answers) > 0 {
				share = float64(len(byTheme[k])) / float64(len(answers))
			}
			tt.Rows = append(tt.Rows, []any{code, name(k), int64(len(byTheme[k])), share, quotes(answers, byTheme[k], matched)})
		}
		at := &book.Table{Limit: answersOnPage}
		for _, d := range dims {
			at.Columns = append(at.Columns, col("grp_"+d.ID, d.Name(), format.Text))
		}
		at.Columns = append(at.Columns, col("text", i18n.T(L, "sheets.answer"), format.Text), col("themes", i18n.T(L, "sheets.themes"), format.Text))
		for i, a := range answers {
			row := env.answerGroups(a, dims, counts)
			var names []string
			for _, k := range matched[i] {
				names = append(names, name(k))
			}
			at.Rows = append(at.Rows, append(row, a.Text, strings.Join(names, ", ")))
		}
		s.Description = i18n.T(L, "sheets.open_desc", len(answers), env.opt.Rule.MinN)
		s.Blocks = []book.Block{
			{Heading: i18n.T(L, "sheets.themes"), Table: tt, Chart: &book.Chart{Kind: chart.Bar, X: "theme_text", Y: "n"}},
			{Heading: i18n.T(L, "sheets.answers"), Table: at},
		}
	}), nil
}

// quotes picks a theme's examples: answers about this theme alone first,
// then the shorter, each cut to quoteLen characters.
func quotes(answers []commentRow, idx []int, matched [][]int) string {
	pick := append([]int(nil), idx...)
	sort.SliceStable(pick, func(i, j int) bool {
		a, b := pick[i], pick[j]
		if len(matched[a]) != len(matched[b]) {
			return len(matched[a]) < len(matched[b])
		}
		return len(answers[a].Text) < len(answers[b].Text)
	})
	var qs []string
	seen := map[string]bool{}
	for _, i := range pick {
		if len(qs) == examples {
			break
		}
		q := "„" + format.Shorten(strings.Join(strings.Fields(answers[i].Text), " "), quoteLen) + "“"
		if !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	return strings.Join(qs, " ")
}

// answerGroups are the group names an answer is shown with: every
// dimension when at least MinN respondents share all of the answer's
// groups, else the first dimension whose group is that large, else none.
func (env *Env) answerGroups(a commentRow, dims []*Question, counts map[string]map[string]int) []any {
	row := make([]any, len(dims))
	if len(dims) == 0 || a.Key == "" {
		return row
	}
	codes := map[string]string{}
	for _, part := range strings.Split(a.Key, "|") {
		d, c, _ := strings.Cut(part, "=")
		codes[d] = c
	}
	name := func(d *Question) any {
		c := codes[d.ID]
		if c == "" {
			return i18n.T(env.L, "sheets.not_answered")
		}
		return d.label(c, 0)
	}
	if a.KeyN >= env.opt.Rule.MinN {
		for i, d := range dims {
			row[i] = name(d)
		}
		return row
	}
	for i, d := range dims {
		if c := codes[d.ID]; c != "" && counts[d.ID][c] >= env.opt.Rule.MinN {
			row[i] = name(d)
			return row
		}
	}
	return row
}
