package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// printColumns shows which column feeds which question, read as which
// type, and (for detect) what its answers are read as; all shows the tool's
// metadata columns too.
func printColumns(w io.Writer, det *survey.Detection, def *survey.Definition, all bool) {
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
				target += " (its \"other\" text)"
			}
			if q := def.Question(c.Question); q != nil && !c.Other {
				target += "  " + typeOf(q, det.Profiles[c.Index])
			}
		case survey.KindID:
			target = "(response id)"
		case survey.KindSubmitted:
			target = "(submitted at)"
		case survey.KindPersonal:
			target = "(personal data: not stored)"
			if c.By == "content" {
				target = "(personal data, by its values: not stored)"
			}
		case survey.KindSystem:
			if !all && c.Note == "" {
				continue
			}
			target = "(tool metadata: not stored)"
			if c.Note != "" {
				target = "(not stored: " + c.Note + ")"
			}
		default:
			target = "(not recognised: not stored)"
			if c.Note != "" {
				target = "(not stored: " + c.Note + ")"
			}
		}
		header := c.Header
		if c.Text != "" {
			header += " · " + c.Text
		}
		fmt.Fprintf(w, "  %-4s %-50s → %s\n", ingest.ColName(c.Index), clip(header, 50), target)
		if all && c.Kind == survey.KindQuestion {
			if line := answersLine(det.Answers[c.Index]); line != "" {
				fmt.Fprintf(w, "         %s\n", line)
			}
		}
	}
}

// typeOf says how a question's answers are read: its type and range or
// number of labels, and how many answers the column has.
func typeOf(q *survey.Question, p *survey.Profile) string {
	s := q.Type
	switch q.Type {
	case survey.Scale, survey.Numeric, survey.NPS:
		if lo, hi, ok := q.Bounds(); ok {
			s += fmt.Sprintf(" %s–%s", num(lo), num(hi))
		}
		if len(q.Labels) > 0 && q.Type == survey.Scale {
			s += fmt.Sprintf(", %d labels in order", len(q.Labels))
		}
	case survey.Single:
		if q.Role == survey.RoleState {
			s += ", German states"
		} else {
			s += fmt.Sprintf(", %d labels", len(q.Labels))
		}
	case survey.Multi:
		s += fmt.Sprintf(", %d options", len(q.Items))
	}
	if q.Role != "" {
		s += ", role " + q.Role
	}
	if p != nil {
		s += "; " + plural(p.N, "answer", "answers")
	}
	return "(" + s + ")"
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.4f", f), "0"), ".")
}

// maxShown is how many distinct answers a column's line shows.
const maxShown = 10

// answersLine lists a column's distinct answers with their counts and what
// each is read as: "Wissenschaft und Forschung ×20 → wissenschaft (by its
// words)", "N/A ×16 → no answer", "Verband ×3 → ? (no label)".
func answersLine(as []survey.Answer) string {
	var parts []string
	for i, a := range as {
		if i == maxShown {
			parts = append(parts, fmt.Sprintf("… %d more", len(as)-maxShown))
			break
		}
		p := fmt.Sprintf("%s ×%d", clip(a.Value, 40), a.Count)
		switch a.How {
		case "missing":
			p += " → no answer"
		case "words":
			p += " → " + a.As + " (by its words)"
		case "other":
			if a.As != "" {
				p += " → " + a.As + " (other)"
			}
		case "unknown":
			p += " → ? (no label)"
		case "number":
			p += " → " + a.As
		default:
			if a.As != "" && survey.Key(a.As) != survey.Key(a.Value) {
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
func printWarnings(w io.Writer, m *survey.Mapping) {
	if len(m.Above) > 0 {
		rows := make([]string, len(m.Above))
		for i, r := range m.Above {
			rows[i] = fmt.Sprint(r)
		}
		fmt.Fprintf(w, "  warning: row(s) %s above the header (row %d) look like responses and are not imported; --header-row N reads the header from row N\n",
			strings.Join(rows, ", "), m.HeaderRow)
	}
	for _, x := range m.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", x)
	}
}

// printDrafted says which questions were drafted from the file, when no
// definition was given.
func printDrafted(w io.Writer, det *survey.Detection, def *survey.Definition) {
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
		fmt.Fprintf(w, "  %d of %d question columns drafted from the file's answers (no survey definition given); `resonanz detect FILE --write-survey survey.yaml` writes them down to check and name\n", from, n)
	}
	if det.Mapping.Layout == survey.LayoutLimeCodes {
		fmt.Fprintf(w, "  the headers are question codes: the questions are named by them, answer codes (A1) are their labels until a survey definition names them\n")
	}
}

// printMatched names each answer the file words otherwise than the
// definition, and the label it was read as.
func printMatched(w io.Writer, ms []survey.LabelMatch) {
	for _, x := range ms {
		to := x.Label
		if x.Text != "" && x.Text != x.Label {
			to += " (" + x.Text + ")"
		}
		fmt.Fprintf(w, "  reworded answer of %s: %q ×%d → %s\n", x.Question, clip(x.Value, 50), x.Count, to)
	}
}

// printUnknown lists the answers that match no label, with the line that
// adds each to the definition.
func printUnknown(w io.Writer, us []survey.UnknownLabel) {
	for _, u := range us {
		fmt.Fprintf(w, "  unknown answer of %s (column %s): %q ×%d; to count it, add to the labels of %s: - %s\n",
			u.Question, ingest.ColName(u.Column), clip(u.Value, 50), u.Count, u.Question, u.Line)
	}
}
