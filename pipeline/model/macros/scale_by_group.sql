-- usage: scale_by_group(question, dimension)
-- description: table: a scale question's items by the groups of a breakdown dimension (a question id; NULL: every dimension): n, mean, sd, ci_low, ci_high, top2_share with its Wilson interval, p_adj and sig (▲/▼ vs the other respondents, Welch t test, Holm per dimension)
-- order: 20
-- n, mean, interval, top-2-box share (the two highest points) with
-- its Wilson interval, and ▲/▼ where a group differs from the other
-- respondents of the item (Welch t test, Holm over each dimension's
-- table; groups or rests under min_n answers are not tested).
create macro scale_by_group(q, dim) as table
with cells as (
    select g.dimension, g.grp, a.item,
           count(*) as n, avg(a.value) as mean, stddev_samp(a.value) as sd,
           sum(a.value) as s, sum(a.value * a.value) as ss,
           count(*) filter (where a.value >= (select max(scale_max) from questions where question = q) - 1) as top2
    from answers a join groups g using (event, respondent)
    where a.question = q and (dim is null or g.dimension = dim)
    group by all
),
vs_rest as (
    -- The rest's n, mean and sd follow from the item's totals.
    select *,
           sum(n) over w - n as rn,
           (sum(s) over w - s) / nullif(sum(n) over w - n, 0) as rmean,
           sqrt(greatest(0, ((sum(ss) over w - ss) - (sum(s) over w - s) ^ 2 / nullif(sum(n) over w - n, 0))
                / nullif(sum(n) over w - n - 1, 0))) as rsd
    from cells window w as (partition by dimension, item)
),
tested as (
    select *, case when n >= getvariable('min_n') and rn >= getvariable('min_n') then welch_p(mean, sd, n, rmean, rsd, rn) end as p,
           -- With two groups each is the other's rest: one comparison,
           -- counted once in the Holm family (the second group's twin).
           count(*) over (partition by dimension, item) = 2
               and grp > min(grp) over (partition by dimension, item) as twin
    from vs_rest
),
ranked as (
    select *, count(p) filter (where not twin) over (partition by dimension) as m,
           row_number() over (partition by dimension order by twin, p nulls last) as k
    from tested
),
stepped as (
    select *, case when p is not null and not twin then
             max(least(1, (m - k + 1) * p)) over (partition by dimension order by twin, p nulls last, k rows between unbounded preceding and current row)
           end as p_step
    from ranked
),
holm as (select *, case when twin then max(p_step) over (partition by dimension, item) else p_step end as p_adj from stepped)
select dimension, grp, item, n, mean, sd,
       mean_ci_low(mean, sd, n) as ci_low, mean_ci_high(mean, sd, n) as ci_high,
       top2 / n as top2_share, wilson_low(top2, n) as top2_ci_low, wilson_high(top2, n) as top2_ci_high,
       p_adj, case when p_adj < getvariable('alpha') then case when mean > rmean then '▲' else '▼' end end as sig
from holm;
