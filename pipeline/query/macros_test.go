package query_test

import (
	"context"
	"math"
	"testing"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
)

// TestMacroEdges: Wilson's bounds are exactly 0 and 1 at the ends (not
// -6e-18 or 0.9999999999999999), a group without spread or with one
// answer has no interval, and the macros read the rule the engine was
// opened with, not constants of their own.
func TestMacroEdges(t *testing.T) {
	e := open(t, query.Options{})
	tab := table(t, e, `select wilson_low(0, 7) as lo0, wilson_high(7, 7) as hi1,
		wilson_low(7, 7) < 1 as lo1, wilson_high(0, 7) > 0 as hi0,
		mean_ci_low(5.0, 0.0, 5) as zero_var, mean_ci_high(4.0, 1.0, 1) as one, z_crit() as z`, nil)
	r := tab.Rows[0]
	if r[0] != 0.0 || r[1] != 1.0 || r[2] != true || r[3] != true {
		t.Errorf("Wilson ends: low(0/7) = %v, high(7/7) = %v, low(7/7) < 1 %v, high(0/7) > 0 %v", r[0], r[1], r[2], r[3])
	}
	if r[4] != nil || r[5] != nil {
		t.Errorf("interval without spread %v, of one answer %v: want none", r[4], r[5])
	}
	if z := num(r[6]); math.Abs(z-disclosure.Default.Z()) > 1e-12 {
		t.Errorf("z_crit() = %v, want the default rule's %v", z, disclosure.Default.Z())
	}

	// Another rule: a 90 % level narrows every interval by z(0.95)/z(0.975).
	e90 := open(t, query.Options{Rule: disclosure.Rule{MinN: 10, Level: 0.9}})
	w95 := table(t, e, `select wilson_high(5, 20) - wilson_low(5, 20), z_crit() from (select 1)`, nil).Rows[0]
	w90 := table(t, e90, `select wilson_high(5, 20) - wilson_low(5, 20), z_crit() from (select 1)`, nil).Rows[0]
	if z := num(w90[1]); math.Abs(z-(disclosure.Rule{Level: 0.9}.Or()).Z()) > 1e-12 {
		t.Errorf("at 90 %%: z_crit() = %v", w90[1])
	}
	// min_n: with a minimum above every group, no group is tested.
	big := open(t, query.Options{Rule: disclosure.Rule{MinN: 100000}})
	if n := num(table(t, big, `select count(p_adj) from scale_by_group('need', 'state')`, nil).Rows[0][0]); n != 0 {
		t.Errorf("min_n 100000: %v groups tested", n)
	}
	if n := num(table(t, e, `select count(p_adj) from scale_by_group('need', 'state')`, nil).Rows[0][0]); n == 0 {
		t.Error("min_n 5: no group tested")
	}
	if !(num(w90[0]) < num(w95[0])) {
		t.Errorf("Wilson width at 90 %% %v, at 95 %% %v", w90[0], w95[0])
	}
}

// TestHolmTwoGroups: with two groups each is the other's rest, so an item
// is one comparison: the Holm family of a table of k items has k members,
// both groups get the same adjusted p, and the smallest p is multiplied
// by k, not 2k.
func TestHolmTwoGroups(t *testing.T) {
	e := open(t, query.Options{})
	// A breakdown of two groups: Sachsen and the rest, shadowing the
	// groups view in this connection only.
	if err := query.ExecUnchecked(context.Background(), e, `create temp view groups as
		select event, respondent, 'two' as dimension, case when state = 'DE-SN' then 'a' else 'b' end as grp
		from responses`); err != nil {
		t.Fatal(err)
	}
	tab := table(t, e, `with h as (select * from scale_by_group('need', 'two')),
		p as (
		  select a.item, a.p_adj as pa, b.p_adj as pb,
		         welch_p(a.mean, a.sd, a.n, b.mean, b.sd, b.n) as p
		  from h a join h b on a.item = b.item and a.grp = 'a' and b.grp = 'b'
		)
		select item, pa, pb, p, (select count(*) from p) as k from p order by p`, nil)
	if len(tab.Rows) < 2 {
		t.Fatalf("%d items", len(tab.Rows))
	}
	k := num(tab.Rows[0][4])
	for i, r := range tab.Rows {
		if num(r[1]) != num(r[2]) {
			t.Errorf("%v: p_adj %v and %v differ for the two sides of one comparison", r[0], r[1], r[2])
		}
		if i == 0 && math.Abs(num(r[1])-math.Min(1, k*num(r[3]))) > 1e-12 {
			t.Errorf("smallest p %v: p_adj %v, want min(1, %v·p) = %v", r[3], r[1], k, math.Min(1, k*num(r[3])))
		}
	}
}
