package query

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// Wide is the respondent-by-question table for Excel pivot tables, SPSS
// and R, and its codebook.
type Wide struct {
	// Columns are the data columns in order; the codebook has one row each.
	Columns  []WideColumn
	sql      string
	chunkSQL string // sql for the respondents of one chunk (build)
	args     []any
}

// WideColumn is one column of the wide table.
type WideColumn struct {
	Name     string // safe id: lower-case letters, digits, _ (need_datenschutz)
	Question string // "" for event, respondent, submitted_at
	Item     string
	Kind     string // id, time, value, code, label, choice, text, other
	Type     string // question type: scale, single, multi, …
	Text     string // question text in the engine's language
	ItemText string
	Values   string // "1 = sehr gering; 2 = gering; …", "1 = gewählt; 0 = nicht gewählt"
}

// CodebookColumns are the codebook's columns.
var CodebookColumns = []string{"column", "question", "item", "type", "text", "item_text", "values", "note"}

// wideQuestion is a question or item of the questions view, with its
// labels ("1 = sehr gering") or range ("0–10").
type wideQuestion struct {
	question, item, typ, role, text, itemText, values string
}

// Wide plans the wide table of the events the views hold: one row per
// respondent; one column per item of a scale, number or NPS question (its
// value); a single question as its code and a _label column; one 0/1
// column per option of a multiple choice (0 also when the respondent chose
// none, as the report's shares count; empty when the respondent's event did
// not ask it); a free-text question as text; and an _other column of typed
// "other" text where there is any. Question and item ids come from survey
// definitions, which are input: they are turned into safe column names
// (lower-case letters, digits, _; made unique) and quoted, and the values
// the SQL compares with are bound as parameters.
func (e *Engine) Wide(ctx context.Context) (*Wide, error) {
	en := i18n.English(e.opt.Lang)
	pick := func(de, en2 string) string {
		if en {
			return "coalesce(" + en2 + ", " + de + ")"
		}
		return de
	}
	qs, err := e.internal(ctx, `select question, coalesce(item, ''), arg_max(type, event), coalesce(arg_max(role, event), ''),
		coalesce(arg_max(`+pick("text", "text_en")+`, event), ''), coalesce(arg_max(`+pick("item_text", "item_text_en")+`, event), ''),
		min(scale_min), max(scale_max)
		from questions group by question, item order by min(position), question, item nulls first`)
	if err != nil {
		return nil, err
	}
	ls, err := e.internal(ctx, `select question, coalesce(code, ''), value, arg_max(`+pick("label", "label_en")+`, event)
		from labels group by question, code, value order by question, min(position), value`)
	if err != nil {
		return nil, err
	}
	values := map[string][]string{}
	for _, r := range ls.Rows {
		k := Text(r[1])
		if k == "" {
			k = Text(r[2])
		}
		values[Text(r[0])] = append(values[Text(r[0])], k+" = "+Text(r[3]))
	}
	cs, err := e.internal(ctx, `select distinct question from comments`)
	if err != nil {
		return nil, err
	}
	commented := map[string]bool{}
	for _, r := range cs.Rows {
		commented[Text(r[0])] = true
	}
	var list []wideQuestion
	for _, r := range qs.Rows {
		q := wideQuestion{Text(r[0]), Text(r[1]), Text(r[2]), Text(r[3]), Text(r[4]), Text(r[5]), strings.Join(values[Text(r[0])], "; ")}
		if q.values == "" && r[6] != nil && r[7] != nil {
			q.values = Text(r[6]) + "–" + Text(r[7])
		}
		list = append(list, q)
	}
	return planWide(list, commented, e.opt.Lang), nil
}

// planWide writes the wide table's SQL for questions in column order.
func planWide(qs []wideQuestion, commented map[string]bool, lang string) *Wide {
	b := &wideBuilder{names: map[string]bool{}, params: map[string]int{}}
	b.fixed("event", "r.event", "event")
	b.fixed("respondent", "r.respondent", "id")
	b.fixed("submitted_at", "r.submitted_at", "time")
	chosen, notChosen := i18n.T(lang, "wide.chosen"), i18n.T(lang, "wide.not_chosen")
	done := map[string]bool{} // questions whose code/text/other columns are made
	for _, q := range qs {
		col := WideColumn{Question: q.question, Item: q.item, Type: q.typ, Text: q.text, ItemText: q.itemText, Values: q.values}
		base := q.question
		if q.item != "" && q.item != q.question {
			base += "_" + q.item
		}
		switch {
		case q.typ == survey.Single && (q.role == survey.RoleState || q.role == survey.RoleSector):
			if done[q.question] {
				continue
			}
			col.Kind = "code"
			b.add(col, base, "r."+q.role, "")
			col.Kind, col.Values = "label", ""
			b.add(col, base+"_label", "r."+q.role+"_name", "")
		case q.typ == "single":
			if done[q.question] {
				continue
			}
			p := b.param(q.question)
			col.Kind = "code"
			b.add(col, base, "", fmt.Sprintf("max(value) filter (where question = %s and item is null)", p))
			col.Kind, col.Values = "label", ""
			b.add(col, base+"_label", "", fmt.Sprintf("max(label) filter (where question = %s and item is null)", p))
		case q.typ == "multi" && q.item != "":
			pq, pi := b.param(q.question), b.param(q.item)
			col.Kind, col.Values = "choice", "1 = "+chosen+"; 0 = "+notChosen
			name := b.name(base)
			b.answers = append(b.answers, fmt.Sprintf("(count(*) filter (where question = %s and item = %s) > 0)::integer as %s", pq, pi, ident(name)))
			// 0 only for respondents whose event asked the option.
			b.outer = append(b.outer, fmt.Sprintf("case when r.event in (select event from questions where question = %s and item = %s) then coalesce(w.%s, 0) end as %s",
				pq, pi, ident(name), ident(name)))
			col.Name = name
			b.cols = append(b.cols, col)
		case q.typ == "text":
			if done[q.question] {
				continue
			}
			col.Kind, col.Values = "text", ""
			b.addText(col, base, q.question)
		default: // scale, numeric, nps, and any other numeric type
			cond := "item is null"
			if q.item != "" {
				cond = "item = " + b.param(q.item)
			}
			col.Kind = "value"
			b.add(col, base, "", fmt.Sprintf("max(value) filter (where question = %s and %s)", b.param(q.question), cond))
		}
		done[q.question] = true
	}
	// Typed "other" answers go after their question's last column.
	for i := 0; i < len(b.cols); i++ {
		c := b.cols[i]
		last := i+1 == len(b.cols) || b.cols[i+1].Question != c.Question
		if !last || c.Question == "" || c.Type == "text" || !commented[c.Question] || done["other:"+c.Question] {
			continue
		}
		done["other:"+c.Question] = true
		other := WideColumn{Question: c.Question, Kind: "other", Type: c.Type, Text: c.Text}
		b.insertText(i+1, other, c.Question+"_other", c.Question)
		i++
	}
	return b.build()
}

// WideReader runs the wide table's SQL; the caller releases the reader and
// then calls the returned func. A table of more than wideChunk respondents
// comes from one query per chunk, in order.
func (e *Engine) WideReader(ctx context.Context, w *Wide) (array.RecordReader, func(), error) {
	n, err := e.internal(ctx, "select count(*) from responses")
	if err != nil {
		return nil, nil, err
	}
	total := n.Rows[0][0].(int64)
	if total <= wideChunk || w.chunkSQL == "" {
		return e.run(ctx, &Query{}, w.sql, w.args)
	}
	if err := e.exec(ctx, `create or replace temp table wide_order as
		select event, respondent, row_number() over (order by event, submitted_at, respondent) as k from responses`); err != nil {
		return nil, nil, fmt.Errorf("query: wide: %w", err)
	}
	c := &chunked{next: func(i int) (array.RecordReader, func(), error) {
		lo := int64(i) * wideChunk
		if lo >= total {
			return nil, nil, nil
		}
		return e.run(ctx, &Query{}, w.chunkSQL, append(append([]any{}, w.args...), lo, lo+wideChunk))
	}}
	if err := c.start(); err != nil {
		return nil, nil, err
	}
	return c, c.end, nil
}

// chunked reads the results of a series of queries as one: next(i) runs
// the i-th, a nil reader when there are no more. Each result is released
// before the next query runs.
type chunked struct {
	next   func(i int) (array.RecordReader, func(), error)
	i      int
	schema *arrow.Schema
	rr     array.RecordReader // nil between two
	done   func()
	err    error
}

func (c *chunked) start() error {
	rr, done, err := c.next(0)
	if err != nil {
		return err
	}
	c.rr, c.done, c.schema = rr, done, rr.Schema()
	return nil
}

func (c *chunked) Schema() *arrow.Schema { return c.schema }

func (c *chunked) Next() bool {
	for c.err == nil && c.rr != nil {
		if c.rr.Next() {
			return true
		}
		c.err = c.rr.Err()
		c.drop()
		if c.err != nil {
			return false
		}
		c.i++
		c.rr, c.done, c.err = c.next(c.i)
	}
	return false
}

// drop releases the current result.
func (c *chunked) drop() {
	if c.rr != nil {
		c.rr.Release()
		c.done()
		c.rr = nil
	}
}

func (c *chunked) RecordBatch() arrow.RecordBatch { return c.rr.RecordBatch() }

// Record is RecordBatch under its older name.
func (c *chunked) Record() arrow.RecordBatch { return c.rr.RecordBatch() }

func (c *chunked) Err() error { return c.err }

func (c *chunked) Retain() {}

func (c *chunked) Release() { c.drop() }

func (c *chunked) end() { c.drop() }

// Codebook is the wide table's codebook: one row per column, in the
// language of the engine.
func (w *Wide) Codebook(lang string) *Table {
	t := &Table{Columns: CodebookColumns}
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	for _, c := range w.Columns {
		t.Rows = append(t.Rows, []any{c.Name, str(c.Question), str(c.Item), str(c.Type), str(c.Text), str(c.ItemText), str(c.Values), i18n.T(lang, "wide.note."+c.Kind)})
	}
	return t
}

type wideBuilder struct {
	cols     []WideColumn
	outer    []string // select list over r (responses), w (answers), t (comments)
	answers  []string // aggregates of answers per respondent
	comments []string // aggregates of comments per respondent
	names    map[string]bool
	params   map[string]int
	args     []any
}

// param returns a numbered parameter holding a value, reused for equal values.
func (b *wideBuilder) param(v string) string {
	if i, ok := b.params[v]; ok {
		return "$" + strconv.Itoa(i)
	}
	b.args = append(b.args, v)
	b.params[v] = len(b.args)
	return "$" + strconv.Itoa(len(b.args))
}

// name makes a safe, unique column name.
func (b *wideBuilder) name(want string) string {
	n := SafeName(want)
	for i := 2; b.names[n]; i++ {
		suffix := "_" + strconv.Itoa(i)
		n = SafeName(want)
		if len(n)+len(suffix) > maxName {
			n = n[:maxName-len(suffix)]
		}
		n += suffix
	}
	b.names[n] = true
	return n
}

func (b *wideBuilder) fixed(name, expr, kind string) {
	b.add(WideColumn{Kind: kind}, name, expr, "")
}

// add adds a column computed from responses (expr) or from an aggregate
// of the respondent's answers (agg).
func (b *wideBuilder) add(c WideColumn, want, expr, agg string) {
	c.Name = b.name(want)
	if agg != "" {
		b.answers = append(b.answers, agg+" as "+ident(c.Name))
		expr = "w." + ident(c.Name)
	}
	b.outer = append(b.outer, expr+" as "+ident(c.Name))
	b.cols = append(b.cols, c)
}

func (b *wideBuilder) addText(c WideColumn, want, question string) {
	b.insertText(len(b.cols), c, want, question)
}

// insertText adds a column of the respondent's comments on a question at
// position i.
func (b *wideBuilder) insertText(i int, c WideColumn, want, question string) {
	c.Name = b.name(want)
	b.comments = append(b.comments, fmt.Sprintf("string_agg(text, ' | ' order by text) filter (where question = %s) as %s", b.param(question), ident(c.Name)))
	b.cols = append(b.cols[:i], append([]WideColumn{c}, b.cols[i:]...)...)
	b.outer = append(b.outer[:i], append([]string{"t." + ident(c.Name) + " as " + ident(c.Name)}, b.outer[i:]...)...)
}

func (b *wideBuilder) build() *Wide {
	agg := func(list []string) string {
		if len(list) == 0 {
			return ""
		}
		return ", " + strings.Join(list, ", ")
	}
	sql := "with w as (select event, respondent" + agg(b.answers) + " from answers group by event, respondent),\n" +
		"t as (select event, respondent" + agg(b.comments) + " from comments group by event, respondent)\n" +
		"select " + strings.Join(b.outer, ",\n  ") + "\nfrom responses r\n" +
		"left join w on w.event = r.event and w.respondent = r.respondent\n" +
		"left join t on t.event = r.event and t.respondent = r.respondent\n" +
		"order by r.event, r.submitted_at, r.respondent"
	// The same for the respondents numbered lo < k <= hi in wide_order.
	lo, hi := "$"+strconv.Itoa(len(b.args)+1), "$"+strconv.Itoa(len(b.args)+2)
	chunk := "with c as (select event, respondent, k from wide_order where k > " + lo + " and k <= " + hi + "),\n" +
		"w as (select event, respondent" + agg(b.answers) + " from answers semi join c using (event, respondent) group by event, respondent),\n" +
		"t as (select event, respondent" + agg(b.comments) + " from comments semi join c using (event, respondent) group by event, respondent)\n" +
		"select " + strings.Join(b.outer, ",\n  ") + "\nfrom responses r\n" +
		"join c on c.event = r.event and c.respondent = r.respondent\n" +
		"left join w on w.event = r.event and w.respondent = r.respondent\n" +
		"left join t on t.event = r.event and t.respondent = r.respondent\n" +
		"order by c.k"
	return &Wide{Columns: b.cols, sql: sql, chunkSQL: chunk, args: b.args}
}

// wideChunk is how many respondents one query of the wide table holds:
// DuckDB holds a result until it is complete, and the aggregates of a
// million respondents' answers with it, so a large table is made a chunk
// at a time (each reads the answers again; 4 reads of 20 million answers
// rows cost a few seconds, and spare half a gigabyte).
var wideChunk = int64(250_000)

const maxName = 64 // SPSS and most databases accept 64 bytes

// SafeName turns an id into a column name SPSS, R and SQL accept: ASCII
// lower-case letters, digits and _, starting with a letter, at most 64
// bytes. German umlauts are spelled out; anything else becomes _.
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		case r == 'ä':
			b.WriteString("ae")
		case r == 'ö':
			b.WriteString("oe")
		case r == 'ü':
			b.WriteString("ue")
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteByte('_')
		}
	}
	n := b.String()
	if n == "" || n[0] < 'a' || n[0] > 'z' {
		n = "v" + n
	}
	if len(n) > maxName {
		n = n[:maxName]
	}
	return n
}

// ident quotes a name for SQL.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// internal runs SQL the engine itself wrote, without parameters.
func (e *Engine) internal(ctx context.Context, text string) (*Table, error) {
	rr, done, err := e.run(ctx, &Query{}, text, nil)
	if err != nil {
		return nil, err
	}
	defer done()
	return Collect(rr)
}
