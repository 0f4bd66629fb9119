package query

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrForbidden means SQL that is not a single read-only query.
var ErrForbidden = errors.New("only a single SELECT query is allowed")

// check lets through exactly one SELECT statement that calls only what the
// sandbox allows. DuckDB's own parser decides what the text is
// (json_serialize_sql parses without binding or running and refuses
// anything but SELECT), so COPY, ATTACH, INSTALL, SET, PRAGMA and a second
// statement hidden after a semicolon never reach execution; the syntax tree
// it returns is then vetted against the allow-list (sandbox.go) before
// DuckDB binds anything. Statements only says, for the message, what was
// refused.
func (e *Engine) check(ctx context.Context, text string) error {
	var js string
	if err := e.conn.QueryRowContext(ctx, "select json_serialize_sql($1::varchar)::varchar", text).Scan(&js); err != nil {
		return err
	}
	var res struct {
		Error      bool   `json:"error"`
		Type       string `json:"error_type"`
		Message    string `json:"error_message"`
		Position   string `json:"position"`
		Statements []any  `json:"statements"`
	}
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	if err := d.Decode(&res); err != nil {
		return err
	}
	switch {
	case res.Error && res.Type == "not implemented":
		return refused(text)
	case res.Error:
		// In DuckDB's own form, so wrap finds the line.
		msg := "Parser Error: " + res.Message
		if pos, err := strconv.Atoi(res.Position); err == nil && pos >= 0 && pos <= len(text) {
			msg += fmt.Sprintf("\n\nLINE %d:", strings.Count(text[:pos], "\n")+1)
		}
		return errors.New(msg)
	case len(res.Statements) != 1:
		return refused(text)
	}
	return e.sandbox.vet(res.Statements[0])
}

// refused names what a refused text holds: "(found COPY)", "(found 2
// statements: SELECT, DROP)".
func refused(text string) error {
	kws := Statements(text)
	switch {
	case len(kws) == 1:
		return fmt.Errorf("%w (found %s)", ErrForbidden, kws[0])
	case len(kws) > 1:
		return fmt.Errorf("%w (found %d statements: %s)", ErrForbidden, len(kws), strings.Join(kws, ", "))
	}
	return ErrForbidden
}

// Statements returns the first keyword of each statement in SQL text, upper
// case, skipping comments, string literals, quoted names and opening
// parentheses. It is for messages only: whether SQL may run is DuckDB's
// parser's decision (see check).
func Statements(text string) []string {
	var kws []string
	want := true // looking for the next statement's first word
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '-' && strings.HasPrefix(text[i:], "--"):
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return kws
			}
			i += j + 1
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			j := strings.Index(text[i+2:], "*/")
			if j < 0 {
				return kws
			}
			i += j + 4
		case c == '\'' || c == '"':
			j := closing(text, i+1, c)
			if want {
				kws, want = append(kws, "?"), false
			}
			i = j
		case c == '$':
			// $tag$ … $tag$ dollar quoting; a plain $name is a parameter.
			j := strings.IndexByte(text[i+1:], '$')
			tag := ""
			if j >= 0 {
				tag = text[i : i+j+2]
			}
			if tag != "" && isWord(tag[1:len(tag)-1]) || tag == "$$" {
				k := strings.Index(text[i+len(tag):], tag)
				if k < 0 {
					return kws
				}
				i += len(tag) + k + len(tag)
			} else {
				i++
			}
			if want {
				kws, want = append(kws, "?"), false
			}
		case c == ';':
			want = true
			i++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(':
			i++
		case isWordByte(c):
			j := i
			for j < len(text) && isWordByte(text[j]) {
				j++
			}
			if want {
				kws, want = append(kws, strings.ToUpper(text[i:j])), false
			}
			i = j
		default:
			if want {
				kws, want = append(kws, "?"), false
			}
			i++
		}
	}
	return kws
}

// closing returns the index after the quote that ends a literal opened
// before start; a doubled quote is an escaped one.
func closing(text string, start int, q byte) int {
	for i := start; i < len(text); i++ {
		if text[i] == q {
			if i+1 < len(text) && text[i+1] == q {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(text)
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return s != ""
}
