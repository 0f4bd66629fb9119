package sample

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// table is an export being built: header rows, then one row per response,
// with the truth's questions derived column by column.
type table struct {
	head  [][]string // header rows; all have one entry per column
	data  [][]cell   // one row per response
	qs    []TruthQuestion
	not   []string // letters of meta/timing/personal columns
	pers  []string // headers of personal columns
	perso []string // planted personal values
}

func newTable(headRows, n int) *table {
	return &table{head: make([][]string, headRows), data: make([][]cell, n)}
}

func (t *table) ncols() int { return len(t.head[0]) }

// add appends one column; heads gives the header rows from the top (short
// lists are padded with "").
func (t *table) add(vals []cell, heads ...string) string {
	for i := range t.head {
		h := ""
		if i < len(heads) {
			h = heads[i]
		}
		t.head[i] = append(t.head[i], h)
	}
	for i := range t.data {
		t.data[i] = append(t.data[i], vals[i])
	}
	return colName(t.ncols())
}

// meta appends a column that must not become a question.
func (t *table) meta(vals []cell, heads ...string) {
	t.not = append(t.not, t.add(vals, heads...))
}

// personal appends a personal-data column and plants its values.
func (t *table) personal(vals []cell, heads ...string) {
	t.meta(vals, heads...)
	t.pers = append(t.pers, heads[0])
	for _, v := range vals {
		if v.kind == text && v.s != "anonymous" {
			t.perso = append(t.perso, v.s)
		}
	}
}

// style is how a tool writes answers.
type style struct {
	sub       func(q, item string) string // header of a matrix/option column
	otherHead func(q string) string       // header of the typed-other column; nil: other text in the cell
	// multi: "option_columns" (yes/no/notShown per option) or "joined"
	// (sep between labels, trailing sep after the last when end).
	multi           string
	yes, no, hidden string
	sep             string
	end             bool
	scaleNum        bool   // scale levels as numbers
	noAnswer        string // how an explicit no-answer is written ("" = its label)
	npsLabel        func(v int, lang string) string
	rank            string // rank_positions or rank_per_item
	rankHead        func(q string, k int, item string) string
	otherInList     string // joined multi: the word written for Other when the text goes to otherHead's column
	lang            string
	singleOtherWord bool // single choice Other: the cell holds the Other label, the text its own column
}

// render appends the columns of question q and returns its truth.
func (t *table) render(q Question, qi int, rs []Response, st style) {
	n := len(rs)
	col := func(f func(a Answer) cell) []cell {
		out := make([]cell, n)
		for i, r := range rs {
			out[i] = f(r.Answers[qi])
		}
		return out
	}
	tq := TruthQuestion{Text: q.Text, Type: q.Kind, Counts: map[string]map[string]int{}, Encoding: "cell"}
	inc := func(item, label string) {
		if tq.Counts[item] == nil {
			tq.Counts[item] = map[string]int{}
		}
		tq.Counts[item][label]++
	}
	first := func(c string) {
		tq.Columns = append(tq.Columns, c)
		if len(tq.Columns) == 1 {
			tq.Header = t.head[0][t.ncols()-1]
			if tq.Header == "" && len(t.head) > 1 {
				tq.Header = t.head[len(t.head)-1][t.ncols()-1]
			}
		}
	}
	answered := func(a Answer) bool {
		switch q.Kind {
		case Single:
			return a.Choice != -1
		case Multi:
			return len(a.Chosen) > 0 || a.Text != ""
		case Scale:
			return slices.ContainsFunc(a.Levels, func(l int) bool { return l != -1 })
		case NPS, Numeric:
			return a.Has
		case Text:
			return a.Text != ""
		case Ranking:
			return len(a.Order) > 0
		}
		return false
	}
	for _, r := range rs {
		if r.Complete && answered(r.Answers[qi]) {
			tq.Answered++
		}
	}
	switch q.Kind {
	case Single:
		tq.Labels, tq.Ordered = slices.Clone(q.Labels), q.Ordered
		if q.Ordered {
			tq.Values = q.values()
		}
		if q.NoAnswer != "" {
			tq.Missing = []string{q.NoAnswer}
		}
		first(t.add(col(func(a Answer) cell {
			switch a.Choice {
			case -1:
				return cell{}
			case -2:
				return txt(q.NoAnswer)
			case -3:
				if st.singleOtherWord || st.otherHead != nil {
					return txt(q.Other)
				}
				return txt(a.Text)
			}
			return txt(q.Labels[a.Choice])
		}), q.Text))
		if q.Other != "" && st.otherHead != nil {
			tq.OtherColumn = t.add(col(func(a Answer) cell {
				if a.Choice == -3 {
					return txt(a.Text)
				}
				return cell{}
			}), st.otherHead(q.Text))
		}
		for _, r := range rs {
			if a := r.Answers[qi]; r.Complete && a.Choice >= 0 {
				inc("", q.Labels[a.Choice])
			} else if r.Complete && a.Choice == -3 {
				tq.Other++
				tq.OtherTexts++
			}
		}
	case Scale:
		tq.Ordered, tq.Values = true, q.values()
		na := q.NoAnswer
		if st.noAnswer != "" && q.NoAnswer != "" {
			na = st.noAnswer
		}
		if na != "" {
			tq.Missing = []string{na}
		}
		lab := func(l int) string {
			if st.scaleNum {
				return strconv.Itoa(q.values()[l])
			}
			return q.Labels[l]
		}
		for l := range q.Labels {
			tq.Labels = append(tq.Labels, lab(l))
		}
		for i := range q.items() {
			h, item := q.Text, ""
			if len(q.Items) > 0 {
				item = q.Items[i]
				h = st.sub(q.Text, item)
				tq.Items = append(tq.Items, item)
			}
			first(t.add(col(func(a Answer) cell {
				switch l := a.Levels[i]; l {
				case -1:
					return cell{}
				case -2:
					return txt(na)
				default:
					if st.scaleNum {
						return num(q.values()[l])
					}
					return txt(q.Labels[l])
				}
			}), h, item))
			for _, r := range rs {
				if l := r.Answers[qi].Levels[i]; r.Complete && l >= 0 {
					inc(item, lab(l))
				}
			}
		}
	case NPS:
		tq.Ordered = true
		for v := 0; v <= 10; v++ {
			tq.Values = append(tq.Values, v)
			l := strconv.Itoa(v)
			if st.npsLabel != nil {
				l = st.npsLabel(v, st.lang)
			}
			tq.Labels = append(tq.Labels, l)
		}
		first(t.add(col(func(a Answer) cell {
			if !a.Has {
				return cell{}
			}
			if st.npsLabel != nil {
				return txt(st.npsLabel(a.Num, st.lang))
			}
			return num(a.Num)
		}), q.Text))
		for _, r := range rs {
			if a := r.Answers[qi]; r.Complete && a.Has {
				inc("", strconv.Itoa(a.Num))
			}
		}
	case Numeric:
		first(t.add(col(func(a Answer) cell {
			if !a.Has {
				return cell{}
			}
			return num(a.Num)
		}), q.Text))
		for _, r := range rs {
			if a := r.Answers[qi]; r.Complete && a.Has {
				inc("", strconv.Itoa(a.Num))
			}
		}
	case Text:
		first(t.add(col(func(a Answer) cell { return txt(a.Text) }), q.Text))
		tq.Counts[""] = map[string]int{"answered": tq.Answered}
		if q.Personal != "" {
			// A personal question is no question: its column is personal.
			t.not = append(t.not, tq.Columns[0])
			t.pers = append(t.pers, q.Text)
			for _, r := range rs {
				if a := r.Answers[qi]; a.Text != "" {
					t.perso = append(t.perso, a.Text)
				}
			}
			return
		}
	case Multi:
		tq.Items = slices.Clone(q.Items)
		for _, r := range rs {
			a := r.Answers[qi]
			if !r.Complete {
				continue
			}
			for _, c := range a.Chosen {
				inc(q.Items[c], "chosen")
			}
			if a.Text != "" {
				tq.Other++
				tq.OtherTexts++
			}
		}
		switch st.multi {
		case "option_columns":
			tq.Encoding, tq.Chosen = "option_columns", []string{st.yes}
			if st.hidden != "" {
				tq.Missing = []string{st.hidden}
			}
			for i, item := range q.Items {
				first(t.add(col(func(a Answer) cell {
					switch {
					case !a.Shown:
						return txt(st.hidden)
					case slices.Contains(a.Chosen, i):
						return txt(st.yes)
					case len(a.Chosen) == 0 && a.Text == "":
						return txt(st.hidden) // not answered at all: like not shown
					}
					return txt(st.no)
				}), st.sub(q.Text, item), item))
			}
		default:
			tq.Encoding, tq.Separator = "joined", st.sep
			first(t.add(col(func(a Answer) cell {
				var parts []string
				for _, c := range a.Chosen {
					parts = append(parts, q.Items[c])
				}
				if a.Text != "" {
					if st.otherHead != nil {
						parts = append(parts, st.otherInList)
					} else {
						parts = append(parts, a.Text)
					}
				}
				if len(parts) == 0 {
					return cell{}
				}
				s := strings.Join(parts, st.sep)
				if st.end {
					s += st.sep
				}
				return txt(s)
			}), q.Text))
		}
		if q.Other != "" && st.otherHead != nil {
			tq.OtherColumn = t.add(col(func(a Answer) cell { return txt(a.Text) }), st.otherHead(q.Text), q.Other)
		}
	case Ranking:
		tq.Items = slices.Clone(q.Items)
		for _, r := range rs {
			if !r.Complete {
				continue
			}
			for k, it := range r.Answers[qi].Order {
				inc(q.Items[it], strconv.Itoa(k+1))
			}
		}
		tq.Encoding = st.rank
		for k := range q.Items {
			if st.rank == "rank_positions" {
				first(t.add(col(func(a Answer) cell {
					if k < len(a.Order) {
						return txt(q.Items[a.Order[k]])
					}
					return cell{}
				}), st.rankHead(q.Text, k+1, "")))
				continue
			}
			first(t.add(col(func(a Answer) cell {
				if p := slices.Index(a.Order, k); p >= 0 {
					return num(p + 1)
				}
				return cell{}
			}), st.rankHead(q.Text, k+1, q.Items[k]), q.Items[k]))
		}
	}
	t.qs = append(t.qs, tq)
}

// rendered is a finished table as the writers store it.
func (t *table) truth(layout string, responses int) *Truth {
	return &Truth{
		Layout: layout, HeaderRow: 1, DataRow: len(t.head) + 1,
		Responses: responses, Questions: t.qs, NotQuestions: t.not,
		PersonalColumns: t.pers, PersonalValues: dedup(t.perso),
	}
}

func dedup(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// rows returns header rows and data rows as text (CSV).
func (t *table) textRows() [][]string {
	out := slices.Clone(t.head)
	for _, r := range t.data {
		out = append(out, cellTexts(r))
	}
	return out
}

func cellTexts(r []cell) []string {
	row := make([]string, len(r))
	for i, c := range r {
		switch c.kind {
		case text:
			row[i] = c.s
		case number:
			row[i] = strconv.FormatFloat(c.n, 'f', -1, 64)
		case date:
			row[i] = c.t.Format("2006-01-02 15:04:05")
		}
	}
	return row
}

func (t *table) grid() grid {
	var g grid
	for _, h := range t.head {
		g = append(g, textRow(h...))
	}
	return append(g, t.data...)
}

func column(rs []Response, f func(Response) cell) []cell {
	out := make([]cell, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

func complete(rs []Response) int {
	n := 0
	for _, r := range rs {
		if r.Complete {
			n++
		}
	}
	return n
}

// ---- LimeSurvey ------------------------------------------------------------

// limeOpts choose among LimeSurvey's export options.
type limeOpts struct {
	lang    string // de, en
	mode    string // full (question text), codetext ("code. text"), abbrev (cut, "..")
	meta    bool   // system columns (id, submitdate, …)
	ipRef   bool   // ipaddr and refurl (personal)
	timings bool   // Gesamtzeit, Gruppenzeit, Fragenzeit
	csv     bool
	sep     byte
	bom     bool
	numbers bool   // scale answers as numbers, no answer as 99
	oldSeed bool   // "Zufallsgeneratorstartwert" (older German) instead of "Zufallsstartwert"
	group   string // group name for timing headers
	npsText bool   // NPS ends labelled ("10 (äußerst wahrscheinlich)")
}

var limeMeta = map[string][]string{
	"de": {"Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache", "Zufallsstartwert", "Datum gestartet", "Datum letzte Aktivität", "IP-Adresse", "Weiterleitungs-URL"},
	"en": {"Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started", "Date last action", "IP address", "Referrer URL"},
}
var limeCodes = []string{"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl"}

func limeStyle(o limeOpts) style {
	yes, no, other := "Ja", "Nein", "Sonstiges"
	if o.lang == "en" {
		yes, no, other = "Yes", "No", "Other"
	}
	st := style{
		lang:  o.lang,
		sub:   func(q, item string) string { return q + " [" + item + "]" },
		multi: "option_columns", yes: yes, no: no, hidden: "N/A",
		otherHead:       func(q string) string { return q + " [" + other + "]" },
		singleOtherWord: true,
		scaleNum:        o.numbers,
		rank:            "rank_positions",
		rankHead:        func(q string, k int, _ string) string { return q + " [Rank " + strconv.Itoa(k) + "]" },
	}
	if o.numbers {
		st.noAnswer = "99"
	}
	if o.npsText {
		st.npsLabel = limeNPS
	}
	return st
}

// writeLimeSurvey writes a generic survey as LimeSurvey exports it.
func writeLimeSurvey(path string, s Survey, rs []Response, o limeOpts, sheet string) (*Truth, error) {
	t := newTable(1, len(rs))
	names := limeMeta[o.lang]
	h := func(i int) string {
		switch o.mode {
		case "codetext":
			return limeCodes[i] + ". " + names[i]
		}
		return names[i]
	}
	if o.oldSeed && o.lang == "de" {
		names = slices.Clone(names)
		names[4] = "Zufallsgeneratorstartwert"
	}
	r := newRNG(s.Seed + 7)
	if o.meta {
		t.meta(column(rs, func(p Response) cell { return txt(strconv.Itoa(p.ID)) }), h(0))
		t.meta(column(rs, func(p Response) cell {
			if !p.Complete {
				return cell{}
			}
			return txt(limeTime(p.Submitted))
		}), h(1))
		t.meta(column(rs, func(p Response) cell {
			if !p.Complete {
				return txt(strconv.Itoa(r.intn(2)))
			}
			return txt(strconv.Itoa(3))
		}), h(2))
		t.meta(column(rs, func(Response) cell { return txt(o.lang) }), h(3))
		t.meta(column(rs, func(Response) cell { return txt(strconv.Itoa(10000000 + r.intn(2000000000))) }), h(4))
		t.meta(column(rs, func(p Response) cell { return txt(limeTime(p.Started)) }), h(5))
		t.meta(column(rs, func(p Response) cell {
			if p.Complete {
				return txt(limeTime(p.Submitted))
			}
			return txt(limeTime(p.Started.Add(time.Minute)))
		}), h(6))
		if o.ipRef {
			t.personal(column(rs, func(p Response) cell { return txt(p.Person.IP) }), h(7))
			t.personal(column(rs, func(p Response) cell {
				if p.ID%3 == 0 {
					return txt(p.Person.URL)
				}
				return cell{}
			}), h(8))
		}
	}
	st := limeStyle(o)
	for qi, q := range s.Questions {
		qq := q
		if o.mode == "codetext" {
			// "G01Q03. Question" for the question, "G01Q03[SQ001]. Question [Item]" for items.
			code := fmt.Sprintf("G%02dQ%02d", qi/3+1, qi+1)
			sub := st.sub
			st2 := st
			st2.sub = func(q, item string) string {
				i := slices.Index(qq.Items, item)
				return fmt.Sprintf("%s[SQ%03d]. %s", code, i+1, sub(strings.TrimPrefix(q, code+". "), item))
			}
			st2.otherHead = func(q string) string {
				return code + "[other]. " + strings.TrimPrefix(q, code+". ") + " [" + map[string]string{"de": "Sonstiges", "en": "Other"}[o.lang] + "]"
			}
			st2.rankHead = func(q string, k int, _ string) string {
				return fmt.Sprintf("%s[%d]. %s [Rank %d]", code, k, strings.TrimPrefix(q, code+". "), k)
			}
			qq.Text = code + ". " + q.Text
			t.render(qq, qi, rs, st2)
			t.qs[len(t.qs)-1].Text = q.Text
			continue
		}
		if o.mode == "abbrev" && len([]rune(q.Text)) > 40 {
			qq.Text = string([]rune(q.Text)[:37]) + ".."
		}
		t.render(qq, qi, rs, st)
		t.qs[len(t.qs)-1].Text = q.Text
	}
	if o.timings {
		total, group := "Gesamtzeit", "Gruppenzeit: "
		question := "Fragenzeit: "
		if o.lang == "en" {
			total, group, question = "Total time", "Group time: ", "Question time: "
		}
		secs := func(lo, hi int) func(Response) cell {
			return func(p Response) cell {
				if !p.Complete {
					return cell{}
				}
				return txt(fmt.Sprintf("%d.%02d", lo+r.intn(hi-lo), r.intn(100)))
			}
		}
		t.meta(column(rs, secs(120, 1500)), total)
		t.meta(column(rs, secs(60, 900)), group+o.group)
		for qi := range s.Questions {
			if qi%2 == 0 {
				t.meta(column(rs, func(Response) cell { return cell{} }), fmt.Sprintf("%sG%02dQ%02d", question, qi/3+1, qi+1))
			}
		}
	}
	tr := t.truth("limesurvey", complete(rs))
	for i, p := range rs {
		if !p.Complete {
			tr.SkippedRows = append(tr.SkippedRows, SkippedRow{Row: i + 2, Why: "incomplete"})
		}
	}
	if o.meta {
		tr.IDColumn = h(0)
	}
	if o.csv {
		tr.Encoding, tr.Delimiter = "utf-8", string(o.sep)
		if o.bom {
			tr.Encoding = "utf-8-bom"
		}
		return tr, writeCSV(path, t.textRows(), csvOpts{sep: o.sep, quoteAll: true, bom: o.bom, crlf: true})
	}
	tr.Sheet = sheet
	b := newBook()
	b.sheet(sheet, t.grid())
	return tr, b.save(path, "LimeSurvey", s.Day)
}

// ---- Microsoft Forms -----------------------------------------------------

func msStyle(lang string) style {
	return style{
		lang:  lang,
		sub:   func(q, item string) string { return q + "." + item },
		multi: "joined", sep: ";", end: true,
		rank: "rank_positions",
		rankHead: func(q string, k int, _ string) string {
			if k == 1 {
				return q
			}
			return "" // not used: MS Forms writes a ranking in one cell; see writeMSFormsSurvey
		},
	}
}

// writeMSFormsSurvey writes a generic survey as a Microsoft Forms workbook.
// A ranking is one cell, the items in order joined by ";".
func writeMSFormsSurvey(path string, s Survey, rs []Response, lang string, anonymous bool) (*Truth, error) {
	t := newTable(1, len(rs))
	heads := []string{"ID", "Start time", "Completion time", "Email", "Name", "Last modified time"}
	dateFmt := "m/d/yy h:mm:ss"
	if lang == "de" {
		heads = []string{"ID", "Startzeit", "Fertigstellungszeit", "E-Mail", "Name", "Zeitpunkt der letzten Änderung"}
		dateFmt = "dd.mm.yyyy hh:mm:ss"
	}
	t.meta(column(rs, func(p Response) cell { return num(p.ID) }), heads[0])
	t.meta(column(rs, func(p Response) cell { return when(p.Started, dateFmt) }), heads[1])
	t.meta(column(rs, func(p Response) cell { return when(p.Submitted, dateFmt) }), heads[2])
	t.personal(column(rs, func(p Response) cell {
		if anonymous {
			return txt("anonymous")
		}
		return txt(p.Person.Email)
	}), heads[3])
	t.personal(column(rs, func(p Response) cell {
		if anonymous {
			return cell{}
		}
		return txt(p.Person.First + " " + p.Person.Last)
	}), heads[4])
	t.meta(column(rs, func(Response) cell { return cell{} }), heads[5])
	st := msStyle(lang)
	for qi, q := range s.Questions {
		if q.Kind == Ranking {
			t.renderJoinedRanking(q, qi, rs, ";")
			continue
		}
		t.render(q, qi, rs, st)
	}
	tr := t.truth("msforms", len(rs))
	tr.IDColumn, tr.Sheet = heads[0], "Sheet1"
	b := newBook()
	b.sheet("Sheet1", t.grid())
	return tr, b.save(path, "Microsoft Forms", s.Day)
}

// renderJoinedRanking writes a ranking as one cell, items in rank order.
func (t *table) renderJoinedRanking(q Question, qi int, rs []Response, sep string) {
	tq := TruthQuestion{Text: q.Text, Type: Ranking, Items: slices.Clone(q.Items), Encoding: "joined", Separator: sep, Counts: map[string]map[string]int{}}
	tq.Columns = []string{t.add(column(rs, func(p Response) cell {
		a := p.Answers[qi]
		if len(a.Order) == 0 {
			return cell{}
		}
		var parts []string
		for _, i := range a.Order {
			parts = append(parts, q.Items[i])
		}
		return txt(strings.Join(parts, sep) + sep)
	}), q.Text)}
	tq.Header = q.Text
	for _, p := range rs {
		for k, i := range p.Answers[qi].Order {
			if tq.Counts[q.Items[i]] == nil {
				tq.Counts[q.Items[i]] = map[string]int{}
			}
			tq.Counts[q.Items[i]][strconv.Itoa(k+1)]++
		}
		if len(p.Answers[qi].Order) > 0 {
			tq.Answered++
		}
	}
	t.qs = append(t.qs, tq)
}

// ---- Google Forms --------------------------------------------------------

func googleStyle(lang string) style {
	return style{
		lang:  lang,
		sub:   func(q, item string) string { return q + " [" + item + "]" },
		multi: "joined", sep: ", ",
		rank:     "rank_per_item",
		rankHead: func(q string, k int, item string) string { return q + " [" + item + "]" },
	}
}

// writeGoogleSurvey writes a generic survey as Google Sheets exports form
// responses (CSV or xlsx). A ranking is a grid: one column per item, the
// rank as the chosen column label ("1", "2", …). The sheet's locale sets
// how the timestamp reads: lang "en-GB" is English, day first.
func writeGoogleSurvey(path string, s Survey, rs []Response, lang string, email bool, asCSV bool) (*Truth, error) {
	t := newTable(1, len(rs))
	ts, em, sheet := "Timestamp", "Email Address", "Form Responses 1"
	format := googleEN
	switch lang {
	case "de":
		ts, em, sheet, format = "Zeitstempel", "E-Mail-Adresse", "Formularantworten 1", googleDE
	case "en-GB":
		lang, format = "en", googleGB
	}
	t.meta(column(rs, func(p Response) cell { return txt(format(p.Submitted)) }), ts)
	if email {
		t.personal(column(rs, func(p Response) cell { return txt(p.Person.Email) }), em)
	}
	st := googleStyle(lang)
	for qi, q := range s.Questions {
		t.render(q, qi, rs, st)
	}
	tr := t.truth("googleforms", len(rs))
	for _, p := range rs {
		tr.Submitted = append(tr.Submitted, p.Submitted.Format("2006-01-02 15:04:05"))
	}
	slices.Sort(tr.Submitted)
	if asCSV {
		tr.Encoding, tr.Delimiter = "utf-8", ","
		return tr, writeCSV(path, t.textRows(), csvOpts{sep: ','})
	}
	tr.Sheet = sheet
	b := newBook()
	b.sheet(sheet, t.grid())
	return tr, b.save(path, "Google Sheets", s.Day)
}

// ---- Qualtrics -----------------------------------------------------------

// qualtricsMeta are the columns every Qualtrics CSV starts with: export
// tag, text (English and German UI) and ImportId.
var qualtricsMeta = [][3]string{
	{"StartDate", "Start Date", "Anfangsdatum"}, {"EndDate", "End Date", "Enddatum"},
	{"Status", "Response Type", "Antworttyp"}, {"IPAddress", "IP Address", "IP-Adresse"},
	{"Progress", "Progress", "Aktueller Stand"}, {"Duration (in seconds)", "Duration (in seconds)", "Dauer (in Sekunden)"},
	{"Finished", "Finished", "Beendet"}, {"RecordedDate", "Recorded Date", "Erfassungsdatum"},
	{"ResponseId", "Response ID", "Antwort-ID"}, {"RecipientLastName", "Recipient Last Name", "Nachname des Empfängers"},
	{"RecipientFirstName", "Recipient First Name", "Vorname des Empfängers"}, {"RecipientEmail", "Recipient Email", "E-Mail des Empfängers"},
	{"ExternalReference", "External Data Reference", "Externe Datenreferenz"}, {"LocationLatitude", "Location Latitude", "Breitengrad des Standorts"},
	{"LocationLongitude", "Location Longitude", "Längengrad des Standorts"}, {"DistributionChannel", "Distribution Channel", "Verteilungskanal"},
	{"UserLanguage", "User Language", "Benutzersprache"},
}

var qualtricsImport = []string{"startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate", "_recordId", "recipientLastName", "recipientFirstName", "recipientEmail", "externalDataReference", "locationLatitude", "locationLongitude", "distributionChannel", "userLanguage"}

// writeQualtricsSurvey writes a generic survey as a Qualtrics CSV: three
// header rows, previews before the responses, "_TEXT" other columns, a
// ranking as one column per item holding its rank, and (dupTag) two
// questions sharing one export tag.
// v2016 writes the import ids as exports of 2016 did ({'ImportId':
// 'QID1'}) and Text iQ's empty "Q2 - Topics" column after each free text.
func writeQualtricsSurvey(path string, s Survey, rs []Response, lang string, previews int, dupTag, v2016 bool) (*Truth, error) {
	r := newRNG(s.Seed + 11)
	// Previews are extra rows at the top, answered like responses.
	pv := GenerateSurvey(Survey{Seed: s.Seed + 99, N: previews, Day: s.Day, Days: 1, Questions: s.Questions})
	all := append(slices.Clone(pv), rs...)
	t := newTable(3, len(all))
	tl := 1
	if lang == "de" {
		tl = 2
	}
	for i, m := range qualtricsMeta {
		imp := `{"ImportId":"` + qualtricsImport[i] + `"}`
		if strings.HasSuffix(m[0], "Date") {
			imp = `{"ImportId":"` + qualtricsImport[i] + `","timeZone":"Europe/Berlin"}`
		}
		vals := make([]cell, len(all))
		for j, p := range all {
			isPreview := j < previews
			switch m[0] {
			case "StartDate":
				vals[j] = txt(limeTime(p.Started))
			case "EndDate", "RecordedDate":
				vals[j] = txt(limeTime(p.Submitted))
			case "Status":
				vals[j] = txt("IP Address")
				if isPreview {
					vals[j] = txt("Survey Preview")
				}
			case "IPAddress":
				if !isPreview {
					vals[j] = txt(p.Person.IP)
				}
			case "Progress":
				vals[j] = txt("100")
			case "Duration (in seconds)":
				vals[j] = txt(strconv.Itoa(int(p.Submitted.Sub(p.Started).Seconds())))
			case "Finished":
				vals[j] = txt("True")
			case "ResponseId":
				vals[j] = txt(fmt.Sprintf("R_%s", qualtricsID(r)))
			case "RecipientLastName":
				if !isPreview && p.ID%4 == 0 {
					vals[j] = txt(p.Person.Last)
				}
			case "RecipientFirstName":
				if !isPreview && p.ID%4 == 0 {
					vals[j] = txt(p.Person.First)
				}
			case "RecipientEmail":
				if !isPreview && p.ID%4 == 0 {
					vals[j] = txt(p.Person.Email)
				}
			case "ExternalReference":
				if !isPreview && p.ID%4 == 0 {
					vals[j] = txt(p.Person.PanelID)
				}
			case "LocationLatitude":
				vals[j] = txt(fmt.Sprintf("51.%04d", 3000+r.intn(2000)))
			case "LocationLongitude":
				vals[j] = txt(fmt.Sprintf("12.%04d", 3000+r.intn(2000)))
			case "DistributionChannel":
				vals[j] = txt("anonymous")
				if isPreview {
					vals[j] = txt("preview")
				}
			case "UserLanguage":
				vals[j] = txt(strings.ToUpper(lang))
			}
		}
		switch m[0] {
		case "IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude":
			t.personal(vals, m[0], m[tl], imp)
		default:
			t.meta(vals, m[0], m[tl], imp)
		}
	}
	// Personal values only count for real responses; a latitude is not a
	// value to scan for (it may occur as a number elsewhere).
	t.perso = slices.DeleteFunc(t.perso, func(v string) bool { return strings.HasPrefix(v, "51.") || strings.HasPrefix(v, "12.") })
	tagOf := func(qi int) string {
		if dupTag && qi == 3 {
			return "Q1" // a copied question kept the first one's tag
		}
		return "Q" + strconv.Itoa(qi+1)
	}
	for qi, q := range s.Questions {
		tag, qid := tagOf(qi), "QID"+strconv.Itoa(qi+1)
		st := style{
			lang: lang,
			sub:  func(q, item string) string { return q + " - " + item },
			// Qualtrics joins the chosen labels with "," (no space).
			multi: "joined", sep: ",",
			otherHead:       func(q string) string { return q + " - " + otherWord(lang) + " - Text" },
			otherInList:     otherWord(lang),
			singleOtherWord: true,
			rank:            "rank_per_item",
			rankHead:        func(q string, k int, item string) string { return q + " - " + item },
		}
		before := t.ncols()
		t.render(q, qi, all, st)
		if q.Kind == Text && q.Personal != "" {
			t.head[0][before], t.head[2][before] = tag+"_TEXT", `{"ImportId":"`+qid+`_TEXT"}`
			t.head[1][before] = q.Text
			continue
		}
		// Rewrite the three header rows: tag row, text row, ImportId row.
		for c := before; c < t.ncols(); c++ {
			text := t.head[0][c]
			k := c - before
			code, imp := tag, qid
			switch {
			case len(q.Items) > 0 && (q.Kind == Scale || q.Kind == Ranking):
				code, imp = fmt.Sprintf("%s_%d", tag, k+1), fmt.Sprintf("%s_%d", qid, k+1)
			case k > 0: // the typed-other column
				code, imp = fmt.Sprintf("%s_%d_TEXT", tag, len(q.Items)+1), fmt.Sprintf("%s_%d_TEXT", qid, len(q.Items)+1)
			}
			if q.Kind == Text || q.Kind == Numeric {
				imp += "_TEXT"
			}
			if q.Other != "" && k == 0 && (q.Kind == Multi || q.Kind == Single) {
				text = q.Text + " - Selected Choice"
			}
			t.head[0][c], t.head[1][c], t.head[2][c] = code, text, `{"ImportId":"`+imp+`"}`
		}
		tq := &t.qs[len(t.qs)-1]
		tq.Header = t.head[0][before]
		if v2016 && q.Kind == Text {
			t.meta(make([]cell, len(all)), tag+" - Topics", tag+" - Topics", `{"ImportId":"`+qid+`_TOPICS"}`)
		}
	}
	// A timing block after the questions: never a question.
	for _, f := range []string{"First Click", "Last Click", "Page Submit", "Click Count"} {
		t.meta(column(all, func(p Response) cell { return txt(strconv.Itoa(1 + r.intn(40))) }), "Timing_"+f, "Timing - "+f, `{"ImportId":"QID99_`+strings.ToUpper(strings.ReplaceAll(f, " ", "_"))+`"}`)
	}
	// Recount without previews: render counted every row.
	tr := t.truth("qualtrics", len(rs))
	recount(s, rs, tr)
	for i := range previews {
		tr.SkippedRows = append(tr.SkippedRows, SkippedRow{Row: 4 + i, Why: "preview"})
	}
	tr.DataRow, tr.IDColumn = 4, "ResponseId"
	tr.Encoding, tr.Delimiter = "utf-8-bom", ","
	if v2016 {
		quoted := strings.NewReplacer(`{"ImportId":"`, `{'ImportId': '`, `","timeZone":"`, `', 'timeZone': '`, `"}`, `'}`)
		for c := range t.head[2] {
			t.head[2][c] = quoted.Replace(t.head[2][c])
		}
	}
	return tr, writeCSV(path, t.textRows(), csvOpts{sep: ',', bom: true, crlf: true})
}

func otherWord(lang string) string {
	if lang == "de" {
		return "Sonstiges"
	}
	return "Other"
}

// recount replaces the counts of t's questions by counts over rs only
// (render saw the previews too).
func recount(s Survey, rs []Response, tr *Truth) {
	i := -1
	for qi, q := range s.Questions {
		if q.Kind == Text && q.Personal != "" {
			continue
		}
		i++
		tmp := newTable(1, len(rs))
		tmp.render(q, qi, rs, style{
			sub: func(q, item string) string { return item }, multi: "joined", sep: ",",
			otherHead: func(string) string { return "o" }, otherInList: "x", singleOtherWord: true,
			rank: "rank_per_item", rankHead: func(string, int, string) string { return "" },
		})
		tr.Questions[i].Counts = tmp.qs[0].Counts
		tr.Questions[i].Answered = tmp.qs[0].Answered
		tr.Questions[i].Other, tr.Questions[i].OtherTexts = tmp.qs[0].Other, tmp.qs[0].OtherTexts
	}
}

func qualtricsID(r *rng) string {
	const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 15)
	for i := range b {
		b[i] = abc[r.intn(len(abc))]
	}
	return string(b)
}

// ---- SurveyMonkey --------------------------------------------------------

// writeSurveyMonkeySurvey writes "All Responses Data" (expanded): row 1 the
// question text above its first column only, row 2 Response / Open-Ended
// Response / the option or matrix row; options hold their label or nothing.
// smOpts are the variants of a SurveyMonkey export.
type smOpts struct {
	csv bool // "All Responses Data" as CSV (UTF-8, ","), not xlsx
}

func writeSurveyMonkeySurvey(path string, s Survey, rs []Response, o smOpts) (*Truth, error) {
	r := newRNG(s.Seed + 13)
	t := newTable(2, len(rs))
	smTime := func(x time.Time) string { return x.Format("01/02/2006 3:04:05 PM") }
	t.meta(column(rs, func(Response) cell { return txt(strconv.Itoa(114000000000 + r.intn(999999999))) }), "Respondent ID")
	t.meta(column(rs, func(Response) cell { return txt("431876512") }), "Collector ID")
	t.meta(column(rs, func(p Response) cell { return txt(smTime(p.Started)) }), "Start Date")
	t.meta(column(rs, func(p Response) cell { return txt(smTime(p.Submitted)) }), "End Date")
	t.personal(column(rs, func(p Response) cell { return txt(p.Person.IP) }), "IP Address")
	t.personal(column(rs, func(p Response) cell {
		if p.ID%5 == 0 {
			return txt(p.Person.Email)
		}
		return cell{}
	}), "Email Address")
	t.personal(column(rs, func(p Response) cell {
		if p.ID%5 == 0 {
			return txt(p.Person.First)
		}
		return cell{}
	}), "First Name")
	t.personal(column(rs, func(p Response) cell {
		if p.ID%5 == 0 {
			return txt(p.Person.Last)
		}
		return cell{}
	}), "Last Name")
	t.personal(column(rs, func(p Response) cell { return txt(p.Person.PanelID) }), "Custom Data 1")
	st := style{
		sub:   func(q, _ string) string { return q },
		multi: "option_columns", hidden: "", no: "",
		otherHead:       func(q string) string { return q },
		singleOtherWord: false,
		rank:            "rank_per_item",
		rankHead:        func(q string, _ int, _ string) string { return q },
	}
	for qi, q := range s.Questions {
		before := t.ncols()
		qst := st
		if q.Kind == Multi {
			// The chosen option's cell holds the option's label.
			qst.yes = "\x00label"
		}
		t.render(q, qi, rs, qst)
		for c := before; c < t.ncols(); c++ {
			if c > before {
				t.head[0][c] = ""
			}
			switch {
			case q.Other != "" && c == t.ncols()-1 && q.Kind != Scale:
				t.head[1][c] = "Other (please specify)"
			case t.head[1][c] != "":
			case q.Kind == Text || q.Kind == Numeric:
				t.head[1][c] = "Open-Ended Response"
			default:
				t.head[1][c] = "Response"
			}
		}
		if q.Kind == Multi {
			tq := &t.qs[len(t.qs)-1]
			tq.Chosen = slices.Clone(q.Items)
			for i := range q.Items {
				c := before + i
				for j := range t.data {
					if t.data[j][c].s == "\x00label" {
						t.data[j][c] = txt(q.Items[i])
					}
				}
			}
		}
		if q.Kind != Text || q.Personal == "" {
			t.qs[len(t.qs)-1].Header = t.head[0][before]
		}
		if q.Part != "" {
			// A field of a block: the block's title above its first column only.
			t.head[0][before] = q.Part
			if qi > 0 && (s.Questions[qi-1].Part == q.Part || s.Questions[qi-1].Text == q.Part) {
				t.head[0][before] = ""
			}
			t.head[1][before] = q.Text
			if q.Personal != "" {
				// as import names it: the block's title and the field's
				t.pers[len(t.pers)-1] = q.Part + " [" + q.Text + "]"
			} else {
				t.qs[len(t.qs)-1].Header = t.head[0][before]
			}
		}
	}
	tr := t.truth("surveymonkey", len(rs))
	tr.HeaderRow, tr.DataRow, tr.IDColumn, tr.Sheet = 1, 3, "Respondent ID", "Sheet"
	if o.csv {
		tr.Encoding, tr.Delimiter, tr.Sheet = "utf-8", ",", ""
		return tr, writeCSV(path, t.textRows(), csvOpts{sep: ','})
	}
	b := newBook()
	b.sheet("Sheet", t.grid())
	return tr, b.save(path, "SurveyMonkey", s.Day)
}

// ---- KoboToolbox ----------------------------------------------------------

// writeKoboSurvey writes a KoboToolbox "labels" CSV export: ";" and every
// field quoted; a multiple choice as one space-joined cell followed by one
// 1/0 column per option ("Q/Option"); system columns at the end. With hxl,
// a row of HXL hashtags under the header, as Kobo writes by default
// ("#symmetry", blank where a question has none; kobotoolbox/kpi's export
// tests).
func writeKoboSurvey(path string, s Survey, rs []Response, hxl bool) (*Truth, error) {
	r := newRNG(s.Seed + 17)
	heads := 1
	if hxl {
		heads = 2
	}
	t := newTable(heads, len(rs))
	kt := func(x time.Time) string { return x.Format("2006-01-02T15:04:05.000-07:00") }
	t.meta(column(rs, func(p Response) cell { return txt(kt(p.Started)) }), "start")
	t.meta(column(rs, func(p Response) cell { return txt(kt(p.Submitted)) }), "end")
	t.meta(column(rs, func(p Response) cell { return txt(p.Submitted.Format("2006-01-02")) }), "today")
	st := style{
		sub:   func(q, item string) string { return q + "/" + item },
		multi: "joined", sep: " ",
		otherHead:       func(string) string { return "Bitte nennen Sie das andere:" },
		otherInList:     "Andere",
		singleOtherWord: true,
		rank:            "rank_per_item",
		rankHead:        func(q string, _ int, item string) string { return q + "/" + item },
	}
	for qi, q := range s.Questions {
		t.render(q, qi, rs, st)
		if q.Kind != Multi {
			continue
		}
		tq := &t.qs[len(t.qs)-1]
		other := tq.OtherColumn
		opts := q.Items
		if q.Other != "" {
			opts = append(slices.Clone(opts), "Andere")
		}
		for i, o := range opts {
			c := t.add(column(rs, func(p Response) cell {
				a := p.Answers[qi]
				if len(a.Chosen) == 0 && a.Text == "" {
					return cell{}
				}
				if slices.Contains(a.Chosen, i) || (i == len(q.Items) && a.Text != "") {
					return txt("1")
				}
				return txt("0")
			}), q.Text+"/"+o)
			tq.Columns = append(tq.Columns, c)
		}
		_ = other
	}
	sys := []string{"_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"}
	for _, h := range sys {
		switch h {
		case "_submitted_by":
			t.personal(column(rs, func(p Response) cell {
				if p.ID%3 == 0 {
					return txt(strings.TrimPrefix(p.Person.Handle, "@"))
				}
				return cell{}
			}), h)
			continue
		}
		t.meta(column(rs, func(p Response) cell {
			switch h {
			case "_id":
				return txt(strconv.Itoa(254000000 + p.ID*37))
			case "_uuid":
				return txt(fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", r.src.Uint64()&0xffffffff, r.intn(1<<16), r.intn(1<<12), r.intn(1<<12), r.src.Uint64()&0xffffffffffff))
			case "_submission_time":
				return txt(p.Submitted.Add(-time.Hour).Format("2006-01-02T15:04:05"))
			case "_status":
				return txt("submitted_via_web")
			case "__version__":
				return txt("vAn4JY89YxfVohbgTaxmfQ")
			case "_index":
				return txt(strconv.Itoa(p.ID))
			}
			return cell{}
		}), h)
	}
	if hxl {
		// Every other question's first column gets a tag, one with an
		// attribute; the rest of the row is blank.
		clear(t.head[1])
		for i, tq := range t.qs {
			for c := 1; c <= t.ncols() && i%2 == 0; c++ {
				if colName(c) == tq.Columns[0] {
					tag := fmt.Sprintf("#q%d", i+1)
					if i == 2 {
						tag = fmt.Sprintf("#indicator+q%d", i+1)
					}
					t.head[1][c-1] = tag
				}
			}
		}
	}
	tr := t.truth("kobo", len(rs))
	tr.IDColumn = "_id"
	tr.Encoding, tr.Delimiter = "utf-8", ";"
	tr.Notes = "multi: the space-joined cell is Columns[0]; the Q/Option 1/0 columns after it belong to the same question"
	return tr, writeCSV(path, t.textRows(), csvOpts{sep: ';', quoteAll: true})
}

// ---- hand-typed ------------------------------------------------------------

// writeHandtypedSurvey writes a sheet typed in by staff: a title row, a
// note row, a blank row, the header, data with blank rows between blocks,
// scale answers typed as text, and a notes sheet.
func writeHandtypedSurvey(path string, s Survey, rs []Response, title, note string) (*Truth, error) {
	t := newTable(1, len(rs))
	t.meta(column(rs, func(p Response) cell { return txt(strconv.Itoa(p.ID)) }), "lfd. Nr.")
	st := style{
		sub:   func(q, item string) string { return q + " – " + item },
		multi: "option_columns", yes: "x", no: "", hidden: "",
		otherHead: func(q string) string { return q + " – Sonstiges" },
		rank:      "rank_per_item", rankHead: func(q string, _ int, item string) string { return q + " – " + item },
		scaleNum: true,
	}
	for qi, q := range s.Questions {
		t.render(q, qi, rs, st)
	}
	g := grid{textRow(title), textRow(note), nil}
	g = append(g, textRow(t.head[0]...))
	blank := 0
	for i, row := range t.data {
		if i > 0 && i%15 == 0 {
			g = append(g, nil)
			blank++
		}
		// Numbers typed as text, as staff do.
		out := slices.Clone(row)
		for c := range out {
			if out[c].kind == number {
				out[c] = txt(strconv.FormatFloat(out[c].n, 'f', -1, 64))
			}
		}
		g = append(g, out)
	}
	tr := t.truth("handtyped", len(rs))
	tr.HeaderRow, tr.DataRow, tr.BlankRows, tr.Sheet, tr.IDColumn = 4, 5, blank, "Eingabe", "lfd. Nr."
	b := newBook()
	b.sheet("Eingabe", g)
	b.sheet("Hinweise", grid{textRow("Erfasst von der Geschäftsstelle."), textRow("x = angekreuzt, leere Zelle = nicht angekreuzt.")})
	if b.err == nil {
		b.err = b.f.MergeCell("Eingabe", "A1", "F1")
	}
	return tr, b.save(path, "Geschäftsstelle", s.Day)
}
