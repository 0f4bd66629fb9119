package query

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz/pipeline/sanitize"
)

// Text formats a value for text outputs; numbers in full precision with a
// decimal point, so that CSV and terminal output read back exactly.
func Text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		if math.IsNaN(v) {
			return "NaN"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format("2006-01-02")
		}
		return v.Format("2006-01-02 15:04:05.999999")
	}
	return fmt.Sprint(v)
}

// WriteCSV writes a header and rows as they come; text that a
// spreadsheet would run as a formula (also a column name) is defused with a
// leading '.
func WriteCSV(w io.Writer, r Cursor) error {
	cw := csv.NewWriter(w)
	cols := r.Columns()
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = sanitize.CSV(c)
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for row := r.Next(); row != nil; row = r.Next() {
		for i, v := range row {
			if s, ok := v.(string); ok {
				rec[i] = sanitize.CSV(s)
			} else {
				rec[i] = Text(v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes an array of objects, keys in column order, as the rows
// come.
func WriteJSON(w io.Writer, r Cursor) error {
	b := bufio.NewWriterSize(w, 64<<10)
	cols := r.Columns()
	keys := make([][]byte, len(cols))
	for i, c := range cols {
		keys[i], _ = json.Marshal(c)
	}
	b.WriteString("[")
	n := 0
	for row := r.Next(); row != nil; row = r.Next() {
		if n > 0 {
			b.WriteString(",")
		}
		n++
		b.WriteString("\n  {")
		for i, v := range row {
			if i > 0 {
				b.WriteString(", ")
			}
			b.Write(keys[i])
			b.WriteString(": ")
			switch x := v.(type) {
			case float64:
				if math.IsNaN(x) || math.IsInf(x, 0) {
					b.WriteString("null")
					continue
				}
			case time.Time:
				v = x.Format(time.RFC3339Nano)
			}
			js, err := json.Marshal(v)
			if err != nil {
				return err
			}
			b.Write(js)
		}
		b.WriteString("}")
	}
	if err := r.Err(); err != nil {
		return err
	}
	if n > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Flush()
}

// WriteAligned writes a table for a terminal: columns padded, numbers right
// aligned and rounded to 3 decimals for reading.
func WriteAligned(w io.Writer, t *Table) error {
	cells := make([][]string, len(t.Rows)+1)
	cells[0] = make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cells[0][i] = sanitize.Terminal(strings.Join(strings.Fields(c), " "))
	}
	num := make([]bool, len(t.Columns))
	for r, row := range t.Rows {
		line := make([]string, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case float64:
				num[i] = true
				line[i] = strconv.FormatFloat(x, 'f', 3, 64)
			case int64:
				num[i] = true
				line[i] = Text(v)
			case string:
				line[i] = sanitize.Terminal(strings.Join(strings.Fields(x), " "))
			default:
				line[i] = sanitize.Terminal(Text(v))
			}
		}
		cells[r+1] = line
	}
	width := make([]int, len(t.Columns))
	for _, line := range cells {
		for i, c := range line {
			if n := utf8.RuneCountInString(c); n > width[i] {
				width[i] = min(n, 60)
			}
		}
	}
	var b strings.Builder
	for r, line := range cells {
		for i, c := range line {
			if rc := []rune(c); len(rc) > 60 {
				c = string(rc[:59]) + "…"
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if num[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		b.WriteString("\n")
		if r == 0 {
			for i := range line {
				if i > 0 {
					b.WriteString("  ")
				}
				b.WriteString(strings.Repeat("-", width[i]))
			}
			b.WriteString("\n")
		}
	}
	if len(t.Rows) == 1 {
		b.WriteString("(1 row)\n")
	} else {
		fmt.Fprintf(&b, "(%d rows)\n", len(t.Rows))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
