package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/survey"
	"github.com/resonanz/resonanz/pipeline/survey/layout"
)

// printColumns shows which column feeds which question, read as which
// type, and (for detect) what its answers are read as; all shows the tool's
// metadata columns too.
func printColumns(w io.Writer, lang string, det *survey.Detection, def *survey.Definition, all bool) {
	if det == nil {
		return
	}
	m := &det.Mapping
	for _, c := range m.Columns {
		target := ""
		switch c.Kind {
		case survey.KindQuestion:
			target = c.Question
			if c.Item != "" {
				target += "." + c.Item
			}
			if c.Other {
				target += i18n.T(lang, "import.col.other_text")
			}
			if q := def.Question(c.Question); q != nil && !c.Other {
				target += "  " + typeOf(lang, q, det.Profiles[c.Index])
			}
		case survey.KindID:
			target = i18n.T(lang, "import.col.id")
		case survey.KindSubmitted:
			target = i18n.T(lang, "import.col.submitted")
		case survey.KindPersonal:
			target = i18n.T(lang, "import.col.personal")
			if c.By == "content" {
				target = i18n.T(lang, "import.col.personal_content")
			}
		case survey.KindSystem:
			if !all && c.Note.Key == "" {
				continue
			}
			target = i18n.T(lang, "import.col.meta")
			if c.Note.Key != "" {
				target = i18n.T(lang, "import.col.not_stored", c.Note.In(lang))
			}
		default:
			target = i18n.T(lang, "import.col.unknown")
			if c.Note.Key != "" {
				target = i18n.T(lang, "import.col.not_stored", c.Note.In(lang))
			}
		}
		header := c.Header
		if c.Text != "" {
			header += " · " + c.Text
		}
		fmt.Fprintf(w, "  %-4s %-50s → %s\n", ingest.ColName(c.Index), format.Middle(header, 50), target)
		if all && c.Kind == survey.KindQuestion {
			if line := answersLine(lang, det.Answers[c.Index]); line != "" {
				fmt.Fprintf(w, "         %s\n", line)
			}
		}
	}
}

// typeOf says how a question's answers are read: its type and range or
// number of labels, and how many answers the column has.
func typeOf(lang string, q *survey.Question, p *survey.Profile) string {
	s := i18n.Type(lang, q.Type)
	switch q.Type {
	case survey.Scale, survey.Numeric, survey.NPS:
		if lo, hi, ok := q.Bounds(); ok && q.Type != survey.NPS {
			s += fmt.Sprintf(" %s–%s", num(lo), num(hi))
		}
		if len(q.Labels) > 0 && q.Type == survey.Scale {
			s += i18n.T(lang, "import.col.ordered", len(q.Labels))
		}
	case survey.Single:
		if q.Role == survey.RoleState {
			s += i18n.T(lang, "import.col.states")
		} else {
			s += i18n.T(lang, "import.col.labels", len(q.Labels))
		}
	case survey.Multi:
		s += i18n.T(lang, "import.col.options", len(q.Items))
	}
	if q.Role != "" {
		s += i18n.T(lang, "import.col.role", q.Role)
	}
	if p != nil {
		s += i18n.N(lang, "import.col.answers", p.Answered())
	}
	return "(" + s + ")"
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.4f", f), "0"), ".")
}

// maxShown is how many distinct answers a column's line shows.
const maxShown = 10

// answersLine lists a column's distinct answers with their counts and what
// each is read as: "Wissenschaft und Forschung ×20 → wissenschaft (nach
// Wortlaut)", "N/A ×16 → keine Angabe", "Verband ×3 → ? (keine
// Antwortmöglichkeit)".
func answersLine(lang string, as []survey.Answer) string {
	var parts []string
	for i, a := range as {
		if i == maxShown {
			parts = append(parts, i18n.T(lang, "import.ans.more", len(as)-maxShown))
			break
		}
		v := a.Value
		switch {
		case a.How == "typed":
			v = i18n.T(lang, "import.ans.typed_other")
		case a.How == "missing" && v == "":
			v = i18n.T(lang, "import.ans.missing")
		}
		p := fmt.Sprintf("%s ×%d", format.Middle(v, 40), a.Count)
		switch a.How {
		case "missing":
			if a.Value != "" {
				p += " → " + i18n.T(lang, "import.ans.missing")
			}
		case "words":
			p += " → " + i18n.T(lang, "import.ans.words", a.As)
		case "other":
			if a.As != "" {
				p += " → " + i18n.T(lang, "import.ans.other", a.As)
			}
		case "unknown":
			p += " → " + i18n.T(lang, "import.ans.unknown")
		case "chosen":
			p += " → " + i18n.T(lang, "import.ans.chosen")
		case "not chosen":
			p += " → " + i18n.T(lang, "import.ans.not_chosen")
		case "in order":
			p += " → " + i18n.T(lang, "import.ans.in_order")
		case "number":
			p += " → " + a.As
		case "typed":
		default:
			if a.As != "" && layout.Key(a.As) != layout.Key(a.Value) {
				p += " → " + a.As
			}
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " · ")
}

// printWarnings says what detection decided that a person should know:
// rows above the header that look like responses, repeated headers, two
// columns that look like one question.
func printWarnings(w io.Writer, lang string, m *survey.Mapping) {
	if len(m.Above) > 0 {
		rows := make([]string, len(m.Above))
		for i, r := range m.Above {
			rows[i] = fmt.Sprint(r)
		}
		fmt.Fprintln(w, i18n.T(lang, "import.warn", i18n.T(lang, "import.warn.above", strings.Join(rows, ", "), m.HeaderRow)))
	}
	for _, x := range m.Warnings {
		fmt.Fprintln(w, i18n.T(lang, "import.warn", x.In(lang)))
	}
}

// printDrafted says which questions were drafted from the file, when no
// definition was given.
func printDrafted(w io.Writer, lang string, det *survey.Detection, def *survey.Definition) {
	if det == nil || def != det.Draft {
		return
	}
	n, from := 0, 0
	for _, c := range det.Mapping.Columns {
		if c.Kind == survey.KindQuestion {
			n++
			if c.By == "draft" {
				from++
			}
		}
	}
	if from > 0 {
		fmt.Fprintln(w, i18n.T(lang, "import.drafted", from, n))
	}
	if det.Mapping.Layout == survey.LayoutLimeCodes {
		fmt.Fprintln(w, i18n.T(lang, "import.codes"))
	}
}

// printMatched names each answer the file words otherwise than the
// definition, and the label it was read as.
func printMatched(w io.Writer, lang string, ms []survey.LabelMatch) {
	for _, x := range ms {
		to := x.Label
		if x.Text != "" && x.Text != x.Label {
			to += " (" + x.Text + ")"
		}
		if x.Value == "" {
			fmt.Fprintln(w, i18n.T(lang, "import.typed_other", x.Question, x.Count, to))
			continue
		}
		fmt.Fprintln(w, i18n.T(lang, "import.reworded", x.Question, format.Middle(x.Value, 50), x.Count, to))
	}
}

// printUnknown lists the answers that match no label, with the line that
// adds each to the definition.
func printUnknown(w io.Writer, lang string, us []survey.UnknownLabel) {
	for _, u := range us {
		fmt.Fprintln(w, i18n.T(lang, "import.unknown", u.Question, ingest.ColName(u.Column), format.Middle(u.Value, 50), u.Count, u.Question, u.Line))
	}
}
