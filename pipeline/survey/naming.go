package survey

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// slug makes an id of lower-case letters, digits and _ from a header.
func slug(s string) string {
	k := strings.ReplaceAll(key(s), " ", "_")
	var b strings.Builder
	for _, r := range k {
		if r < 128 {
			b.WriteRune(r)
		}
	}
	k = strings.Trim(b.String(), "_")
	if k == "" || k[0] < 'a' || k[0] > 'z' {
		k = "q_" + k
	}
	if len(k) > 40 {
		k = strings.TrimRight(k[:40], "_")
	}
	return strings.TrimRight(k, "_")
}

// idFor makes a short id of a question text or item: its first words that
// say something ("Wie wichtig sind dir die folgenden Kriterien …" →
// wichtig_dir_folgenden_kriterien).
func idFor(s string) string {
	// KoboToolbox's "hierarchy in labels" puts the group's name before the
	// question ("External Characteristics/How many segments does your
	// body have?"): the question names it. Not "Bus/Bahn oder Rad?".
	if i := strings.LastIndexByte(s, '/'); i >= 0 && strings.HasSuffix(strings.TrimSpace(s), "?") {
		if q := strings.TrimSpace(s[i+1:]); len(strings.Fields(q)) >= 4 && unicode.IsUpper([]rune(q)[0]) {
			s = q
		}
	}
	ws := tokens(s)
	if rest := slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return idStop[w] }); len(rest) > 0 {
		ws = rest
	}
	var keep []string
	n := 0
	for _, w := range ws {
		if n+len(w) > 32 && len(keep) > 0 {
			break
		}
		keep = append(keep, w)
		n += len(w) + 1
		if len(keep) == 4 {
			break
		}
	}
	return slug(strings.Join(keep, " "))
}

// idStop are words of question texts that say little of what they ask,
// left out of drafted ids ("Wie hoch schätzen Sie …").
var idStop = keySet("hoch", "schaetzen", "bewerten", "beurteilen", "geben", "gib", "gibt", "folgenden", "following", "please",
	"rate", "how", "do", "would", "much", "many", "dir", "du", "dein", "deine", "deinen", "deiner", "ihnen", "ihrer",
	"meinung", "ein", "an", "sind", "haben", "hast", "habt", "kannst", "koennen", "can", "could", "am", "are", "think",
	"finden", "findest", "sagen", "angeben", "list", "name", "nennen", "welcher", "wer", "wann", "why", "warum", "who",
	"whom", "when", "where", "wie", "oft", "often")

func uniqueID(id string, taken func(string) bool) string {
	if !taken(id) {
		return id
	}
	for i := 2; ; i++ {
		if c := fmt.Sprintf("%s_%d", id, i); !taken(c) {
			return c
		}
	}
}

// maxDraftID is the longest drafted id before uniqueID's "_NNN": an id
// has at most 63 characters (idRE), and a split matrix row's id is its
// stem's and its row's together.
const maxDraftID = 59

// capID cuts a drafted id to maxDraftID characters, at a word where one
// is in its second half.
func capID(id string) string {
	if len(id) <= maxDraftID {
		return id
	}
	cut := id[:maxDraftID]
	if i := strings.LastIndexByte(cut, '_'); i >= maxDraftID/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "_")
}

// naturalCompare orders texts ending in numbers by the number (A2 before
// A10), others as strings; a comparison function for slices.SortFunc.
func naturalCompare(a, b string) int {
	pa, na := splitNum(a)
	pb, nb := splitNum(b)
	if pa != pb || na < 0 || nb < 0 {
		return strings.Compare(a, b)
	}
	return cmp.Compare(na, nb)
}

func splitNum(s string) (string, int) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(s[i:])
	if err != nil {
		return s, -1
	}
	return s[:i], n
}

func appendNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func isNumber(v string) bool { _, ok := parseNumber(v); return ok }
