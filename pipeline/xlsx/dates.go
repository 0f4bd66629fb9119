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
	case id >= 71 && id <= 74, id == 81:
		return Date // Thai date formats
	case id == 77:
		return DateTime
	case id == 75, id == 76, id >= 78 && id <= 80:
		return Time
	}
	return NotDate
}

// FormatDateKind classifies a custom number format code: it shows a date when
// it has y, m, d, h or s outside quotes, brackets and escapes. Only the first
// section (positive numbers) counts, as in Excel.
func FormatDateKind(code string) DateKind {
	var day, month, tim bool
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
				day = true
			case 'm':
				month = true // or minutes, next to h or s (decided below)
			case 'h', 's':
				tim = true
			case 'g':
				if strings.HasPrefix(strings.ToLower(code[i:]), "general") {
					i += len("general") - 1
				}
			}
		}
	}
	switch {
	case tim && day:
		return DateTime
	case tim:
		// "h:mm" alone has m as minutes: a date needs y or d as well (E is
		// scientific notation, not an era). Only y and d counted in the
		// section itself: [Red] or [$-de-DE] say nothing about dates.
		return Time
	case day || month:
		return Date
	}
	return NotDate
}

// Unix seconds of the day before serial 1 in each date system.
const (
	epoch1900 = -2209161600 // 1899-12-30
	epoch1904 = -2082844800 // 1904-01-01
	maxYear   = 9999
)

// SerialToISO turns an Excel serial number into ISO 8601 text: 2006-01-02 for
// a Date, 2006-01-02T15:04:05 for a DateTime, 15:04:05 for a Time. The time is
// rounded to the nearest second, as Excel shows it. ok is false for serials
// Excel cannot show as dates (negative, or beyond 9999-12-31).
func SerialToISO(serial float64, kind DateKind, date1904 bool) (string, bool) {
	b, ok := appendSerialISO(nil, serial, kind, date1904)
	return string(b), ok
}

// appendSerialISO is SerialToISO appending to dst, so the cell reader formats
// dates without an allocation each.
func appendSerialISO(dst []byte, serial float64, kind DateKind, date1904 bool) ([]byte, bool) {
	// 2958466 days is past year 9999 in both systems; checked exactly below.
	if math.IsNaN(serial) || serial < 0 || serial > 2958466 {
		return dst, false
	}
	t := serialTime(serial, date1904)
	if t.Year() > maxYear {
		return dst, false
	}
	// Digits by hand: time.Format's general layouts took a tenth of an
	// import's reading time on a sheet with two date columns.
	switch {
	case kind == Date:
		return appendDate(dst, t), true
	case kind == Time && serial < 1:
		return appendClock(dst, t), true
	default:
		return appendClock(append(appendDate(dst, t), 'T'), t), true
	}
}

// appendDate appends t as 2006-01-02 (years 0–9999).
func appendDate(dst []byte, t time.Time) []byte {
	y, m, d := t.Date()
	return append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		'-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// appendClock appends t as 15:04:05.
func appendClock(dst []byte, t time.Time) []byte {
	h, m, s := t.Clock()
	return append(dst, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
}

// serialTime is the moment of an Excel serial date, rounded to the second.
func serialTime(serial float64, date1904 bool) time.Time {
	epoch := int64(epoch1900)
	if date1904 {
		epoch = epoch1904
	} else if serial < 61 {
		// Excel counts a 29 February 1900 that never was: before it the
		// epoch is one day later.
		epoch += 86400
	}
	days := math.Floor(serial)
	secs := int64(days)*86400 + int64(math.Round((serial-days)*86400))
	return time.Unix(epoch+secs, 0).UTC()
}
