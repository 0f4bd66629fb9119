package query_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/testfiles"
	"github.com/resonanz/resonanz/pipeline/query"
)

// mixed is a result with every kind of value: text (also text a
// spreadsheet would run), NULL, whole and decimal numbers, booleans,
// timestamps and dates.
const mixed = `select r.respondent, r.state, r.submitted_at, (row_number() over (order by r.respondent))::integer as n, c.text,
	(select avg(value) from answers a where a.event = r.event and a.respondent = r.respondent and a.question = 'need') as need_mean,
	r.state is null as no_state, date '2025-11-13' as day
from responses r left join comments c on c.event = r.event and c.respondent = r.respondent and c.question = 'improve'
union all select 'zz1', '=1+1', timestamptz '2025-11-13 10:00:00.25+00', -3, '-mehr Pausen', 1.0 / 3, true, date '2024-02-29'
union all select 'zz2', '@SUM(A1)', null, null, '  +49 341 123', null, null, null
order by 1`

func mixedTable(t *testing.T) *query.Table {
	t.Helper()
	e := open(t, query.Options{})
	tab := table(t, e, mixed, nil)
	if len(tab.Rows) != 152 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	return tab
}

// risky is the rule spreadsheets apply, written out here on its own.
func risky(s string) bool {
	s = strings.TrimLeft(s, " ")
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

func TestCSVRoundTrip(t *testing.T) {
	tab := mixedTable(t)
	var b bytes.Buffer
	if err := query.WriteCSV(&b, tab.Scan()); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], tab.Columns) || len(recs) != len(tab.Rows)+1 {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	defused := 0
	for i, row := range tab.Rows {
		for j, v := range row {
			got := recs[i+1][j]
			switch x := v.(type) {
			case nil:
				if got != "" {
					t.Errorf("row %d %s: %q for NULL", i, tab.Columns[j], got)
				}
			case string:
				want := x
				if risky(x) {
					want = "'" + x
					defused++
				}
				if got != want {
					t.Errorf("row %d %s: %q, want %q", i, tab.Columns[j], got, want)
				}
			case float64:
				if f, err := strconv.ParseFloat(got, 64); err != nil || f != x {
					t.Errorf("row %d %s: %q, want %v", i, tab.Columns[j], got, x)
				}
			case int64:
				if got != strconv.FormatInt(x, 10) {
					t.Errorf("row %d %s: %q, want %d", i, tab.Columns[j], got, x)
				}
			case bool:
				if got != strconv.FormatBool(x) {
					t.Errorf("row %d %s: %q, want %v", i, tab.Columns[j], got, x)
				}
			case time.Time:
				layout := "2006-01-02 15:04:05.999999"
				if tab.Columns[j] == "day" {
					layout = "2006-01-02"
				}
				if p, err := time.Parse(layout, got); err != nil || !p.Equal(x) {
					t.Errorf("row %d %s: %q, want %v", i, tab.Columns[j], got, x)
				}
			default:
				t.Errorf("row %d %s: unexpected %T", i, tab.Columns[j], v)
			}
		}
	}
	// =HYPERLINK from the sample, and the crafted =, @, - and +.
	if defused < 5 {
		t.Errorf("only %d risky values met; the test lost its point", defused)
	}
	// A column name is text too.
	b.Reset()
	query.WriteCSV(&b, (&query.Table{Columns: []string{"=cmd()"}}).Scan())
	if b.String() != "'=cmd()\n" {
		t.Errorf("header %q", b.String())
	}
}

func TestJSONRoundTrip(t *testing.T) {
	tab := mixedTable(t)
	var b bytes.Buffer
	if err := query.WriteJSON(&b, tab.Scan()); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(tab.Rows) {
		t.Fatalf("%d objects", len(got))
	}
	for i, row := range tab.Rows {
		for j, v := range row {
			g, ok := got[i][tab.Columns[j]]
			if !ok {
				t.Fatalf("row %d: no key %s", i, tab.Columns[j])
			}
			switch x := v.(type) {
			case int64:
				v = float64(x)
			case time.Time:
				p, err := time.Parse(time.RFC3339Nano, g.(string))
				if err != nil || !p.Equal(x) {
					t.Errorf("row %d %s: %v, want %v", i, tab.Columns[j], g, x)
				}
				continue
			}
			if g != v {
				t.Errorf("row %d %s: %#v, want %#v", i, tab.Columns[j], g, v)
			}
		}
	}
	// Keys in column order.
	dec := json.NewDecoder(bytes.NewReader(b.Bytes()))
	dec.Token() // [
	dec.Token() // {
	var keys []string
	for dec.More() && len(keys) < len(tab.Columns) {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip any
		dec.Decode(&skip)
	}
	if !reflect.DeepEqual(keys, tab.Columns) {
		t.Errorf("keys %v, want %v", keys, tab.Columns)
	}
	b.Reset()
	query.WriteJSON(&b, (&query.Table{Columns: []string{"a"}}).Scan())
	if strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("no rows: %q", b.String())
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	tab := mixedTable(t)
	second := &query.Table{Columns: []string{"k", "=v"}, Rows: [][]any{{"a", "=2*3"}, {"b", math.NaN()}}}
	var b bytes.Buffer
	if err := query.WriteXLSX(&b, query.Sheet{Name: "Ergebnis", Rows: tab.Scan()}, query.Sheet{Name: "Zwei", Rows: second.Scan()}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Ergebnis", "Zwei"}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Ergebnis", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], tab.Columns) || len(rows) != len(tab.Rows)+1 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	for i, row := range tab.Rows {
		for j, v := range row {
			got := ""
			if j < len(rows[i+1]) {
				got = rows[i+1][j]
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, i+2)
			switch x := v.(type) {
			case nil:
				if got != "" {
					t.Errorf("%s: %q for NULL", ref, got)
				}
			case string:
				if got != x {
					t.Errorf("%s: %q, want %q", ref, got, x)
				}
				if risky(x) {
					style, _ := f.GetCellStyle("Ergebnis", ref)
					if s, _ := f.GetStyle(style); s == nil || s.NumFmt != 49 {
						t.Errorf("%s: risky text %q without the Text format", ref, x)
					}
				}
			case float64, int64:
				want := num(v)
				if f, err := strconv.ParseFloat(got, 64); err != nil || math.Abs(f-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Errorf("%s: %q, want %v", ref, got, want)
				}
			case bool:
				if want := map[bool]string{true: "1", false: "0"}[x]; got != want {
					t.Errorf("%s: %q, want %q", ref, got, want)
				}
			case time.Time:
				// Excel's serial: days since 1899-12-30.
				serial, err := strconv.ParseFloat(got, 64)
				want := x.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
				if err != nil || math.Abs(serial-want) > 1e-9 {
					t.Errorf("%s: %q, want %v (%v)", ref, got, want, x)
				}
			}
		}
	}
	two, _ := f.GetRows("Zwei", excelize.Options{RawCellValue: true})
	if !reflect.DeepEqual(two, [][]string{{"k", "=v"}, {"a", "=2*3"}, {"b"}}) {
		t.Errorf("second sheet %q", two)
	}
	// No cell is a formula: the sheets' XML has no <f> element.
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	sheets := 0
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		r, _ := zf.Open()
		x, _ := io.ReadAll(r)
		r.Close()
		if bytes.Contains(x, []byte("<f>")) || bytes.Contains(x, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
	if sheets != 2 {
		t.Errorf("%d worksheets in the package", sheets)
	}
}

func TestParquetRoundTrip(t *testing.T) {
	e := open(t, query.Options{})
	want := table(t, e, mixed, nil)
	rr, done, err := e.Query(context.Background(), mixed, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	err = query.WriteParquet(&b, rr, 0)
	done()
	if err != nil {
		t.Fatal(err)
	}
	tbl := testfiles.ReadParquet(t, b.Bytes())
	defer tbl.Release()
	got, err := query.Collect(array.NewTableReader(tbl, 64))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Columns, want.Columns) || len(got.Rows) != len(want.Rows) {
		t.Fatalf("columns %v, %d rows", got.Columns, len(got.Rows))
	}
	for i := range want.Rows {
		if !reflect.DeepEqual(got.Rows[i], want.Rows[i]) {
			t.Errorf("row %d\n got %v\nwant %v", i, got.Rows[i], want.Rows[i])
		}
	}
}

func TestAligned(t *testing.T) {
	tab := &query.Table{Columns: []string{"state_name", "n", "mean"}, Rows: [][]any{
		{"Thüringen", int64(28), 4.39285},
		{"Sachsen-Anhalt", int64(7), nil},
		{"Zeile\nmit Umbruch", int64(100), 3.0},
	}}
	var b bytes.Buffer
	if err := query.WriteAligned(&b, tab); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"state_name           n   mean\n" +
		"-----------------  ---  -----\n" +
		"Thüringen           28  4.393\n" +
		"Sachsen-Anhalt       7       \n" +
		"Zeile mit Umbruch  100  3.000\n" +
		"(3 rows)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 6 || lines[5] != "(3 rows)" {
		t.Fatalf("%q", b.String())
	}
	// Every line is padded to the same width; numbers end at the column's
	// right edge.
	w := utf8.RuneCountInString(lines[0])
	for _, l := range lines[:5] {
		if utf8.RuneCountInString(l) != w {
			t.Errorf("line %q is %d wide, header %d", l, utf8.RuneCountInString(l), w)
		}
	}
	if !strings.HasSuffix(lines[2], "  28  4.393") || !strings.HasSuffix(lines[4], " 100  3.000") {
		t.Errorf("numbers not right-aligned:\n%s", b.String())
	}
	if !strings.HasPrefix(lines[4], "Zeile mit Umbruch ") {
		t.Errorf("line break kept: %q", lines[4])
	}
}
