package survey

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// YAML renders a definition in the form Parse reads: one line per label,
// item and column rule, notes as comments above their questions.
func (d *Definition) YAML(comment string, notes map[string]string) ([]byte, error) {
	var doc yaml.Node
	if err := doc.Encode(d); err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	doc.HeadComment = commentText(comment)
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "questions":
			for _, q := range v.Content {
				compact(q)
				if n := notes[field(q, "id")]; n != "" {
					q.HeadComment = "TODO: " + commentText(n)
				}
			}
		case "columns":
			for _, c := range v.Content {
				c.Style = yaml.FlowStyle
			}
		}
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	return b.Bytes(), nil
}

// compact writes a question's labels and items one per line.
func compact(q *yaml.Node) {
	for i := 0; i+1 < len(q.Content); i += 2 {
		switch q.Content[i].Value {
		case "labels", "items":
			for _, e := range q.Content[i+1].Content {
				e.Style = yaml.FlowStyle
			}
		case "match", "missing":
			q.Content[i+1].Style = yaml.FlowStyle
		}
	}
}

func field(m *yaml.Node, name string) string {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i+1].Value
		}
	}
	return ""
}

// commentText keeps a comment to one printable line per line: YAML allows
// no control characters, and answers quoted in notes may hold any.
func commentText(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\uFEFF' {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
