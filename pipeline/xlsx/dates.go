package xlsx

import (
	"math"
	"strings"
	"time"
)

// DateKind says what a number format shows of a serial number.
type DateKind uint8

const (
	NotDate  DateKind = iota
	Date              // a calendar day
	DateTime          // day and time
	Time              // a time of day or a duration
)

// BuiltinDateKind classifies Excel's built-in number formats (ECMA-376 §18.8.30).
func BuiltinDateKind(id int) DateKind {
	switch {
	case id >= 14 && id <= 17:
		return Date
	case id == 22:
		return DateTime
	case id >= 18 && id <= 21, id >= 45 && id <= 47:
		return Time
	case id >= 27 && id <= 36, id >= 50 && id <= 58:
		return Date // East Asian date formats
	}
	return NotDate
}

// FormatDateKind classifies a custom number format code: it shows a date when
// it has y, m, d, h or s outside quotes, brackets and escapes. Only the first
// section (positive numbers) counts, as in Excel.
func FormatDateKind(code string) DateKind {
	var date, tim bool
	inQuote := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			if c == '"' {
				inQuote = false
			}
		case c == '"':
			inQuote = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			end := strings.IndexByte(code[i:], ']')
			if end < 0 {
				return NotDate
			}
			inner := strings.ToLower(code[i+1 : i+end])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				tim = true
			}
			i += end
		case c == ';':
			i = len(code)
		default:
			switch c | 0x20 {
			case 'y', 'd':
				date = true
			case 'm':
				date = true // month, unless next to h or s (fixed below)
			case 'h', 's':
				tim = true
			case 'g':
				if strings.HasPrefix(strings.ToLower(code[i:]), "general") {
					i += len("general") - 1
				}
			}
		}
	}
	if tim && !date {
		return Time
	}
	if tim && date {
		// "h:mm" alone has m as minutes: a date needs y or d as well (E is scientific notation, not an era).
		if !containsAnyFold(code, "yd") {
			return Time
		}
		return DateTime
	}
	if date {
		return Date
	}
	return NotDate
}

func containsAnyFold(code, letters string) bool {
	inQuote := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		if c == '"' {
			inQuote = !inQuote
			continue
		}
		if !inQuote && strings.IndexByte(letters, c|0x20) >= 0 {
			return true
		}
	}
	return false
}

var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// SerialToISO turns an Excel serial number into ISO 8601 text: 2006-01-02 for
// a Date, 2006-01-02T15:04:05 for a DateTime, 15:04:05 for a Time. The time is
// rounded to the nearest second, as Excel shows it. ok is false for serials
// Excel cannot show as dates (negative, or beyond 9999-12-31).
func SerialToISO(serial float64, kind DateKind, date1904 bool) (string, bool) {
	if math.IsNaN(serial) || serial < 0 || serial > 2958466 {
		return "", false
	}
	epoch := epoch1900
	if date1904 {
		epoch = epoch1904
	} else if serial < 61 {
		// Excel counts a 29 February 1900 that never was: before it the
		// epoch is one day later.
		epoch = epoch.AddDate(0, 0, 1)
	}
	days := math.Floor(serial)
	secs := math.Round((serial - days) * 86400)
	t := epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	switch kind {
	case Date:
		return t.Format("2006-01-02"), true
	case Time:
		if serial < 1 {
			return t.Format("15:04:05"), true
		}
		return t.Format("2006-01-02T15:04:05"), true
	default:
		return t.Format("2006-01-02T15:04:05"), true
	}
}
