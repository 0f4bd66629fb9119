package store

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrBadDate is a date in neither of the forms users type.
var ErrBadDate = errors.New("not a date: give it as 13.11.2025 or 2025-11-13")

// ParseDate reads a date as users type it — German 13.11.2025 (also
// 1.2.2025) or ISO 2025-11-13 — and returns it as ISO, the form events
// store. Anything else, also a day the calendar has not (31.02.2025), is
// an error wrapping ErrBadDate.
func ParseDate(s string) (string, error) {
	t := strings.TrimSpace(s)
	var y, m, d string
	switch {
	case strings.Count(t, ".") == 2:
		parts := strings.Split(t, ".")
		d, m, y = parts[0], parts[1], parts[2]
		if len(d) > 2 || len(m) > 2 || len(y) != 4 {
			return "", fmt.Errorf("%q: %w", s, ErrBadDate)
		}
	case strings.Count(t, "-") == 2:
		parts := strings.Split(t, "-")
		y, m, d = parts[0], parts[1], parts[2]
		if len(y) != 4 || len(m) != 2 || len(d) != 2 {
			return "", fmt.Errorf("%q: %w", s, ErrBadDate)
		}
	default:
		return "", fmt.Errorf("%q: %w", s, ErrBadDate)
	}
	yi, err1 := digits(y)
	mi, err2 := digits(m)
	di, err3 := digits(d)
	if err1 != nil || err2 != nil || err3 != nil || yi < 1900 || yi > 2999 {
		return "", fmt.Errorf("%q: %w", s, ErrBadDate)
	}
	date := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if date.Year() != yi || int(date.Month()) != mi || date.Day() != di {
		return "", fmt.Errorf("%q: %w", s, ErrBadDate)
	}
	return date.Format(time.DateOnly), nil
}

// digits is strconv.Atoi for ASCII digits only (no sign, no spaces).
func digits(s string) (int, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, strconv.ErrSyntax
	}
	return strconv.Atoi(s)
}
