package sample

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSurveyTruthMatchesFile reads every generic-survey fixture back as
// text and recounts each question from its cells, using only what the
// truth says about the file (columns, encoding, labels, missing values):
// the counts must equal the truth's, every column must be a question's or
// listed as no question, and every planted personal value must be in the
// file.
func TestSurveyTruthMatchesFile(t *testing.T) {
	n := 0
	for _, fx := range Fixtures() {
		tr, p := loadTruth(t, fx)
		if !tr.Generic() {
			continue
		}
		n++
		t.Run(fx.Path, func(t *testing.T) {
			rows := sheetRows(t, p, tr)
			head := rows[tr.HeaderRow-1]
			skipped := map[int]bool{}
			for _, s := range tr.SkippedRows {
				skipped[s.Row] = true
			}
			var data [][]string
			blank := 0
			for i := tr.DataRow - 1; i < len(rows); i++ {
				if strings.TrimSpace(strings.Join(rows[i], "")) == "" {
					blank++
					continue
				}
				if !skipped[i+1] {
					data = append(data, rows[i])
				}
			}
			if len(data) != tr.Responses || blank != tr.BlankRows {
				t.Errorf("%d responses and %d blank rows in the file, truth says %d and %d", len(data), blank, tr.Responses, tr.BlankRows)
			}
			if tr.Responses < 40 || tr.Responses > 150 {
				t.Errorf("%d responses: keep fixtures between 40 and 150", tr.Responses)
			}
			owner := map[string]string{}
			claim := func(col, who string) {
				if prev, ok := owner[col]; ok {
					t.Errorf("column %s claimed by %s and %s", col, prev, who)
				}
				owner[col] = who
			}
			for _, c := range tr.NotQuestions {
				claim(c, "not_questions")
			}
			for _, q := range tr.Questions {
				for _, c := range q.Columns {
					claim(c, q.Header)
				}
				if q.OtherColumn != "" {
					claim(q.OtherColumn, q.Header+" (other)")
				}
				if got := cellAt([][]string{head}, 1, q.Columns[0]); got != q.Header {
					t.Errorf("%s: header %q, truth says %q", q.Columns[0], got, q.Header)
				}
				checkCounts(t, q, data)
			}
			for c := 1; c <= len(head); c++ {
				if _, ok := owner[colName(c)]; !ok {
					t.Errorf("column %s (%q) is neither a question nor listed in not_questions", colName(c), head[c-1])
				}
			}
			file := ""
			for _, r := range rows {
				file += strings.Join(r, "\x00") + "\x00"
			}
			for _, v := range tr.PersonalValues {
				if !strings.Contains(file, v) {
					t.Errorf("personal value %q is not in the file", v)
				}
			}
		})
	}
	if n < 15 {
		t.Errorf("%d generic-survey fixtures, want at least 15", n)
	}
}

// checkCounts recounts one question from the data rows.
func checkCounts(t *testing.T, q TruthQuestion, data [][]string) {
	t.Helper()
	got := map[string]map[string]int{}
	inc := func(item, label string) {
		if got[item] == nil {
			got[item] = map[string]int{}
		}
		got[item][label]++
	}
	cells := func(row []string, col string) string {
		return strings.TrimSpace(cellAt([][]string{row}, 1, col))
	}
	missing := func(v string) bool { return v == "" || slices.Contains(q.Missing, v) }
	other, otherTexts, answered := 0, 0, 0
	for _, row := range data {
		any, isOther := false, false
		switch q.Encoding {
		case "cell":
			for i, col := range q.Columns {
				v := cells(row, col)
				if missing(v) {
					continue
				}
				any = true
				item := ""
				if len(q.Items) > 0 {
					item = q.Items[i]
				}
				switch q.Type {
				case Text:
					inc("", "answered")
				case NPS, Numeric:
					if k := slices.Index(q.Labels, v); k >= 0 {
						v = strconv.Itoa(q.Values[k])
					}
					if _, err := strconv.Atoi(v); err != nil {
						t.Errorf("%s: %q is not a number", col, v)
					}
					inc(item, v)
				default:
					if !slices.Contains(q.Labels, v) {
						isOther = true // the Other label or a typed other text
						continue
					}
					inc(item, v)
				}
			}
		case "joined":
			v := cells(row, q.Columns[0])
			if v == "" {
				break
			}
			any = true
			parts := splitKnown(strings.TrimSuffix(v, q.Separator), q.Separator, q.Items)
			for k, part := range parts {
				switch {
				case q.Type == Ranking:
					inc(part, strconv.Itoa(k+1))
				case slices.Contains(q.Items, part):
					inc(part, "chosen")
				default:
					isOther = true
				}
			}
		case "option_columns":
			for i, col := range q.Columns {
				v := cells(row, col)
				if missing(v) {
					continue
				}
				if slices.Contains(q.Chosen, v) {
					inc(q.Items[i], "chosen")
					any = true
				}
			}
		case "rank_positions":
			for k, col := range q.Columns {
				if v := cells(row, col); v != "" {
					inc(v, strconv.Itoa(k+1))
					any = true
				}
			}
		case "rank_per_item":
			for i, col := range q.Columns {
				if v := cells(row, col); v != "" {
					inc(q.Items[i], v)
					any = true
				}
			}
		default:
			t.Fatalf("%s: unknown encoding %q", q.Header, q.Encoding)
		}
		if q.OtherColumn != "" && cells(row, q.OtherColumn) != "" {
			otherTexts++
			isOther = true
		}
		if isOther {
			other++
			any = true
		}
		if any {
			answered++
		}
	}
	if q.OtherColumn == "" {
		otherTexts = other
	}
	if q.Type == Text {
		got = map[string]map[string]int{"": {"answered": answered}}
	}
	if !maps.EqualFunc(got, q.Counts, maps.Equal) {
		t.Errorf("%s: counts from the file %v, truth %v", q.Header, got, q.Counts)
	}
	if other != q.Other || otherTexts != q.OtherTexts || answered != q.Answered {
		t.Errorf("%s: other %d, other texts %d, answered %d from the file; truth %d, %d, %d", q.Header, other, otherTexts, answered, q.Other, q.OtherTexts, q.Answered)
	}
	if q.Ordered && len(q.Values) != len(q.Labels) {
		t.Errorf("%s: %d values for %d labels", q.Header, len(q.Values), len(q.Labels))
	}
}

// TestConferenceRewordedSameNumbers checks that the reworded conference
// fixtures map every label onto the template's codes, so an import gives
// the same numbers as with the template's wording.
func TestConferenceRewordedSameNumbers(t *testing.T) {
	for _, path := range []string{"surveys/limesurvey-mdk-reworded.xlsx", "surveys/msforms-mdk-reworded.xlsx"} {
		tr, _ := loadTruth(t, fixture(t, path))
		byTemplate := map[string]TruthQuestion{}
		for _, q := range tr.Questions {
			byTemplate[q.Template] = q
		}
		sector := byTemplate["sector"]
		for _, l := range []string{"Wissenschaft und Forschung", "Zivilgesellschaft / Verband"} {
			if !slices.Contains(sector.Labels, l) {
				t.Errorf("%s: sector labels %q lack %q", path, sector.Labels, l)
			}
		}
		if sector.Codes["Wissenschaft und Forschung"] != "wissenschaft" || sector.Codes["Zivilgesellschaft / Verband"] != "zivilgesellschaft" {
			t.Errorf("%s: sector codes %v", path, sector.Codes)
		}
		for _, l := range sector.Labels {
			if find(Sectors, sector.Codes[l]).Code == "" {
				t.Errorf("%s: sector label %q maps to no template code", path, l)
			}
		}
		topics := byTemplate["topics"]
		if topics.Other == 0 || topics.Codes["Sonstiges"] != "other" {
			t.Errorf("%s: topics other %d, codes %v", path, topics.Other, topics.Codes)
		}
		need := byTemplate["need"]
		for _, it := range need.Items {
			if find(Items, need.Codes[it]).Code == "" {
				t.Errorf("%s: need item %q maps to no template item", path, it)
			}
		}
		if path == "surveys/limesurvey-mdk-reworded.xlsx" {
			nps := byTemplate["nps"]
			if nps.Labels[10] != "10 (äußerst wahrscheinlich)" || nps.Labels[0] != "0 (überhaupt nicht wahrscheinlich)" {
				t.Errorf("nps labels %q", nps.Labels)
			}
		}
		if len(byTemplate) != 7 {
			t.Errorf("%s: templates %v", path, slices.Collect(maps.Keys(byTemplate)))
		}
	}
}

// splitKnown splits a joined cell against the known options: an option
// whose label holds the separator ("Beratung durch Fachleute, Aussteller
// oder Verbände") is one part.
func splitKnown(v, sep string, items []string) []string {
	fs := strings.Split(v, sep)
	var out []string
	for i := 0; i < len(fs); i++ {
		part := fs[i]
		for j := i + 1; j < len(fs) && !slices.Contains(items, part); j++ {
			if joined := strings.Join(fs[i:j+1], sep); slices.Contains(items, joined) {
				part, i = joined, j
				break
			}
		}
		out = append(out, part)
	}
	return out
}
