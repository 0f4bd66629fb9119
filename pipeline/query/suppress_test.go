package query_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
)

func TestSmallRows(t *testing.T) {
	str, i64, f64 := arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Float64
	for _, c := range []struct {
		name    string
		table   query.Table
		hide    []bool
		dims    [][]string
		unknown []string
		why     string // part of Why
	}{
		{
			// 15 alone would be 150 − 135: the smallest other row goes too.
			name:  "one dimension",
			table: query.Table{Columns: []string{"state", "n"}, Rows: [][]any{{"DE-SN", int64(68)}, {"DE-ST", int64(37)}, {"DE-TH", int64(30)}, {"OTHER", int64(3)}}},
			hide:  []bool{false, false, true, true},
			dims:  [][]string{{"state"}},
		},
		{
			// state and state_name are one dimension, the constant event
			// none; the mean goes with its n.
			name: "code and name, a constant, a figure",
			table: query.Table{Columns: []string{"event", "state", "state_name", "n", "mean"}, Types: []arrow.DataType{str, str, str, i64, f64},
				Rows: [][]any{{"e", "SN", "Sachsen", int64(20), 3.1}, {"e", "TH", "Thüringen", int64(2), 4.0}, {"e", "ST", "Sachsen-Anhalt", int64(9), 2.0}}},
			hide: []bool{false, true, true},
			dims: [][]string{{"state", "state_name"}},
		},
		{
			// Politics/Saxony has no row: a printed 0.
			//
			//	      verw wirt pol
			//	SN      20   12   -
			//	TH       9    6   2
			name: "two dimensions",
			table: query.Table{Columns: []string{"state", "sector", "n"}, Rows: [][]any{
				{"SN", "verw", int64(20)}, {"SN", "wirt", int64(12)}, {"TH", "verw", int64(9)}, {"TH", "wirt", int64(6)}, {"TH", "pol", int64(2)},
			}},
			// TH/pol 2 is alone in its column, whose total 2 is hidden
			// too; the cheapest cycle back runs through TH/wirt 6 and the
			// total of wirt (18), assumed unknown from then on.
			hide:    []bool{false, false, false, true, true},
			unknown: []string{"sector=wirt", "sector=pol"},
			dims:    [][]string{{"state"}, {"sector"}},
		},
		{
			name:  "numeric category: not a label",
			table: query.Table{Columns: []string{"value", "n"}, Types: []arrow.DataType{f64, i64}, Rows: [][]any{{1.0, int64(3)}, {2.0, int64(30)}}},
			hide:  []bool{true, false},
			why:   "no label column",
		},
		{
			name: "three dimensions",
			table: query.Table{Columns: []string{"a", "b", "c", "n"}, Rows: [][]any{
				{"x", "p", "u", int64(3)}, {"y", "p", "v", int64(30)}, {"x", "q", "v", int64(30)}, {"y", "q", "u", int64(30)},
			}},
			hide: []bool{true, false, false, false},
			why:  "3 label dimensions",
		},
		{
			name:  "a group twice",
			table: query.Table{Columns: []string{"state", "n"}, Rows: [][]any{{"SN", int64(3)}, {"SN", int64(30)}, {"TH", int64(30)}}},
			hide:  []bool{true, false, false},
			why:   "rows 1 and 2 are the same group",
		},
		{
			name:  "n not a count",
			table: query.Table{Columns: []string{"state", "n"}, Rows: [][]any{{"SN", int64(3)}, {"TH", 2.5}, {"ST", int64(30)}}},
			hide:  []bool{true, false, false},
			why:   "row 2: n is not a count",
		},
		{
			name:  "no n",
			table: query.Table{Columns: []string{"state", "count"}, Rows: [][]any{{"SN", int64(3)}}},
		},
		{
			name:  "NULL is a category",
			table: query.Table{Columns: []string{"state", "n"}, Rows: [][]any{{nil, int64(4)}, {"SN", int64(60)}, {"TH", int64(30)}}},
			hide:  []bool{true, false, true},
			dims:  [][]string{{"state"}},
		},
	} {
		got := query.SmallRows(&c.table, 5)
		if !reflect.DeepEqual(got.Hide, c.hide) || !reflect.DeepEqual(got.Dims, c.dims) || !reflect.DeepEqual(got.Unknown, c.unknown) {
			t.Errorf("%s: hide %v dims %v unknown %v, want %v %v %v", c.name, got.Hide, got.Dims, got.Unknown, c.hide, c.dims, c.unknown)
		}
		if c.why == "" && got.Why != "" || !strings.Contains(got.Why, c.why) {
			t.Errorf("%s: why %q, want %q", c.name, got.Why, c.why)
		}
	}
}

// Suppress writes "." into every number of a hidden row and keeps labels.
func TestSuppressDots(t *testing.T) {
	// A NULL figure of a hidden row is "." too: an interval is NULL
	// exactly when n = 1, so an empty one would give n away.
	f64 := arrow.PrimitiveTypes.Float64
	tab := &query.Table{Columns: []string{"state", "n", "mean", "ci_low"}, Types: []arrow.DataType{arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64, f64, f64},
		Rows: [][]any{{"SN", int64(40), 3.0, 2.5}, {"TH", int64(1), 4.0, nil}, {"ST", int64(12), 2.0, 1.5}}}
	s := query.Suppress(tab, 5)
	want := [][]any{{"SN", int64(40), 3.0, 2.5}, {"TH", ".", ".", "."}, {"ST", ".", ".", "."}}
	if !reflect.DeepEqual(tab.Rows, want) {
		t.Errorf("rows %v, want %v", tab.Rows, want)
	}
	if d := s.Describe(5); d != "--min-n 5: count table by state: 2 rows hidden, 1 of them below 5, 1 to protect those" {
		t.Errorf("Describe = %q", d)
	}
}

// TestSmallRowsProperty reads random count results back as a reader sees
// them (shown n, absent groups as 0, every total but those Unknown) and
// checks with disclosure.Recoverable that no hidden n follows.
func TestSmallRowsProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	complements, twoWay := 0, 0
	for k := range 1000 {
		r, c := 1+rng.IntN(5), 1+rng.IntN(5)
		tab := &query.Table{Columns: []string{"state", "state_name", "sector", "n", "mean"}}
		for i := range r {
			for j := range c {
				var n int
				switch rng.IntN(4) {
				case 0:
				case 1:
					n = 1 + rng.IntN(4)
				default:
					n = rng.IntN(30)
				}
				if n > 0 {
					tab.Rows = append(tab.Rows, []any{fmt.Sprint("R", i), fmt.Sprint("Name ", i), fmt.Sprint("S", j), int64(n), 3.5})
				}
			}
		}
		rng.Shuffle(len(tab.Rows), func(a, b int) { tab.Rows[a], tab.Rows[b] = tab.Rows[b], tab.Rows[a] })
		s := query.SmallRows(tab, 5)
		for x, row := range tab.Rows {
			n := int(row[3].(int64))
			if !s.Hide[x] && disclosure.Hide(n, 5) {
				t.Fatalf("result %d: a row with n = %d shown", k, n)
			}
			if s.Hide[x] && !disclosure.Hide(n, 5) {
				complements++
			}
		}
		if s.Dims == nil {
			continue // one group, or none: nothing to subtract
		}
		// The table the reader sees, built from the rows and the
		// dimensions SmallRows named.
		col := map[string]int{"state": 0, "state_name": 1, "sector": 2}
		var keys [][]string
		for _, d := range s.Dims {
			var ks []string
			for _, row := range tab.Rows {
				v := row[col[d[0]]].(string)
				if !slices.Contains(ks, v) {
					ks = append(ks, v)
				}
			}
			keys = append(keys, ks)
		}
		var st disclosure.Cross
		var mask disclosure.Mask
		if len(s.Dims) == 1 {
			st = disclosure.Cross{N: [][]int{make([]int, len(keys[0]))}, NoColTotals: true, NoGrand: true}
			mask = disclosure.Mask{Cells: [][]bool{make([]bool, len(keys[0]))}, RowTotals: []bool{slices.Contains(s.Unknown, "total")}, ColTotals: make([]bool, len(keys[0]))}
			for x, row := range tab.Rows {
				j := slices.Index(keys[0], row[col[s.Dims[0][0]]].(string))
				st.N[0][j], mask.Cells[0][j] = int(row[3].(int64)), s.Hide[x]
			}
		} else {
			twoWay++
			st = disclosure.Cross{N: make([][]int, len(keys[0]))}
			mask = disclosure.Mask{Cells: make([][]bool, len(keys[0])), RowTotals: make([]bool, len(keys[0])), ColTotals: make([]bool, len(keys[1])), Grand: slices.Contains(s.Unknown, "total")}
			for i := range st.N {
				st.N[i], mask.Cells[i] = make([]int, len(keys[1])), make([]bool, len(keys[1]))
				mask.RowTotals[i] = slices.Contains(s.Unknown, s.Dims[0][0]+"="+keys[0][i])
			}
			for j := range keys[1] {
				mask.ColTotals[j] = slices.Contains(s.Unknown, s.Dims[1][0]+"="+keys[1][j])
			}
			for x, row := range tab.Rows {
				i := slices.Index(keys[0], row[col[s.Dims[0][0]]].(string))
				j := slices.Index(keys[1], row[col[s.Dims[1][0]]].(string))
				st.N[i][j], mask.Cells[i][j] = int(row[3].(int64)), s.Hide[x]
			}
		}
		if leak := disclosure.Recoverable(st, mask); leak != nil {
			t.Fatalf("result %d %v (unknown totals %v): %v recoverable", k, st.N, s.Unknown, leak)
		}
	}
	if complements < 300 || twoWay < 500 {
		t.Errorf("only %d complements in %d two-way tables: the generator tests too little", complements, twoWay)
	}
}
