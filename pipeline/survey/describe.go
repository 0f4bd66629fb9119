package survey

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/resonanz/resonanz/pipeline/disclosure"
)

func (d *Definition) ruleMatches(rule, header string) bool {
	if isRegexp(rule) {
		re := d.headerRE[rule]
		if re == nil { // a definition Parse has not checked
			var err error
			if re, err = regexp.Compile(rule[1 : len(rule)-1]); err != nil {
				return false
			}
		}
		return re.MatchString(header)
	}
	return strings.EqualFold(strings.Join(strings.Fields(rule), " "), strings.Join(strings.Fields(header), " "))
}

// maxAnswers is how many distinct answers detect shows per column.
const maxAnswers = 12

// describe says, per mapped column, what its distinct answers are read as,
// and lists the answers no label matches, with the line that would add
// them to the definition.
func (det *Detection) describe() {
	m := &det.Mapping
	d := det.Survey
	codecs := map[string]*codec{}
	unknown := map[string]*UnknownLabel{}
	var order []string
	byID := d.byID()
	for _, c := range m.Columns {
		if c.Kind != KindQuestion {
			continue
		}
		q := byID[c.Question]
		p := det.Profiles[c.Index]
		if q == nil || p == nil || q.Type == Text || c.Other {
			continue
		}
		cd := codecs[q.ID]
		if cd == nil {
			cd = newCodec(q)
			codecs[q.ID] = cd
		}
		var as []Answer
		// "N/A", "keine Angabe", 99 …: shown as no answer, never a level.
		vals := append(p.values(), p.missingValues()...)
		for _, v := range vals {
			// Shown to the user: an address or number typed as an answer
			// appears scrubbed, as it would in the rejects.
			shown, _ := disclosure.ScrubPII(v)
			a := Answer{Value: shown, Count: p.Distinct[v]}
			switch {
			case cd.isMissing(v):
				a.How = "missing"
			case q.Type == Single:
				l, how, err := cd.label(v)
				switch {
				case err != nil:
					a.How = "unknown"
				case how == byWordsMatch:
					a.As, a.How = l.Code, "words"
				case how == byOther:
					a.As, a.How = l.Code, "other"
				default:
					a.As = l.Code
				}
			case q.Type == Ranking && (c.Rank > 0 || c.Item == ""):
				if it := q.findItem(v); it != nil {
					a.As = it.Code
				} else if c.Item == "" && strings.ContainsAny(v, ";\n") {
					a.How = "in order"
				} else {
					a.How = "unknown"
				}
			case q.Type == Multi && c.Item != "":
				ok, err := chosen(v, c.Value, q.Item(c.Item))
				switch {
				case err != nil:
					a.How = "unknown"
				case ok:
					a.How = "chosen"
				default:
					a.How = "not chosen"
				}
			case q.Type == Multi:
				// shown per option below
			default:
				f, text, err := cd.number(v)
				switch {
				case err != nil:
					a.How = "unknown"
				case text != "" && key(text) != key(v):
					a.As, a.How = fmtValue(f), "number"
				default:
					a.As = fmtValue(f)
				}
			}
			if a.How == "unknown" && !personalValue(v) && len([]rune(v)) <= 80 && q.Type != Multi {
				k := q.ID + "\x00" + key(v)
				u := unknown[k]
				if u == nil {
					u = &UnknownLabel{Question: q.ID, Column: c.Index, Value: v, Line: labelLine(q, v)}
					unknown[k] = u
					order = append(order, k)
				}
				u.Count += a.Count
			}
			as = append(as, a)
		}
		if q.Type == Multi && c.Item == "" {
			as = optionCounts(q, p)
		}
		det.Answers[c.Index] = as
	}
	for _, k := range order {
		det.Unknown = append(det.Unknown, *unknown[k])
	}
	for _, u := range det.Unknown {
		det.Notes[u.Question] = appendNote(det.Notes[u.Question], fmt.Sprintf("%d× %q matches no label: add %s, or the text as an alias of a label", u.Count, u.Value, u.Line))
	}
}

// labelLine is the YAML line that adds an answer as a label of q.
func labelLine(q *Question, v string) string {
	if q.Type == Single {
		return fmt.Sprintf("{code: %s, text: %q}", idFor(v), v)
	}
	n := 1.0
	for _, l := range q.Labels {
		n = max(n, l.Value+1)
	}
	return fmt.Sprintf("{value: %s, text: %q}", fmtValue(n), v)
}

// optionCounts says, for a multiple choice in one cell, how often each
// option was chosen, under the name the file gives it (typed "other"
// texts are counted, not shown: they are free text).
func optionCounts(q *Question, p *Profile) []Answer {
	n := map[string]int{}
	name := map[string]string{}
	missing := 0
	for v, c := range p.Distinct {
		if isMissingWord(v) {
			missing += c
			continue
		}
		items, other := splitMulti(v, q)
		for _, code := range items {
			n[code] += c
		}
		for _, part := range splitParts(v, ";") {
			for _, f := range fragments(part, q) {
				if it := q.findItem(f); it != nil && name[it.Code] == "" {
					name[it.Code] = f
				} else if it == nil && isOtherWord(f) {
					for _, x := range q.Items {
						if x.Other && name[x.Code] == "" {
							name[x.Code] = f
						}
					}
				}
			}
		}
		if len(other) > 0 {
			n["\x00typed"] += c
		}
	}
	var out []Answer
	for _, it := range q.Items {
		if n[it.Code] == 0 {
			continue
		}
		shown := name[it.Code]
		how := ""
		if it.Other && shown == "" {
			shown, how = it.Text, "other"
		} else if shown == "" {
			shown = it.Text
		}
		out = append(out, Answer{Value: shown, Count: n[it.Code], As: it.Code, How: how})
	}
	slices.SortStableFunc(out, func(a, b Answer) int { return b.Count - a.Count })
	if t := n["\x00typed"]; t > 0 {
		out = append(out, Answer{Count: t, How: "typed"})
	}
	if missing > 0 {
		out = append(out, Answer{Count: missing, How: "missing"})
	}
	return out
}
