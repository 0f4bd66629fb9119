package store

import (
	"errors"
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2025-11-13", "2025-11-13"},
		{"13.11.2025", "2025-11-13"},
		{"1.2.2025", "2025-02-01"},
		{" 01.02.2025 ", "2025-02-01"},
		{"29.02.2024", "2024-02-29"},
		{"29.02.2025", ""}, // not a leap year
		{"31.04.2025", ""},
		{"2025-13-01", ""},
		{"2025-1-13", ""},
		{"13.11.25", ""}, // two-digit year: which century?
		{"13/11/2025", ""},
		{"11/13/2025", ""},
		{"2025-11-13T10:00", ""},
		{"+2025-11-13", ""},
		{"13.11.+025", ""},
		{"", ""},
		{"morgen", ""},
		{"0.0.2025", ""},
	} {
		got, err := ParseDate(c.in)
		if c.want == "" {
			if !errors.Is(err, ErrBadDate) {
				t.Errorf("ParseDate(%q) = %q, %v; want ErrBadDate", c.in, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}
