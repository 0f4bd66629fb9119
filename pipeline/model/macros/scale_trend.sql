-- usage: scale_trend(question, dimension)
-- description: table: a scale question's items in every wave of the waves view, for all respondents (dimension NULL) or by the groups of a breakdown dimension ('*': every dimension): n, mean, ci, top2_share with its interval, change from the previous wave, p_adj and sig (Welch, Holm within each wave and dimension); asked = false where a wave did not ask the item
-- order: 10
-- The change from the group's previous wave is marked ▲/▼ where it is
-- significant (Welch t test, Holm within each wave and dimension; cells
-- under min_n answers are not tested). An item a wave did not ask has asked =
-- false and no figures — never 0. All respondents are one group with
-- dimension and grp NULL.
create macro scale_trend(q, dim) as table
with members as (
    -- Every respondent once as a member of the whole (dimension NULL), or
    -- of their group in each dimension asked for.
    select event, respondent, null::varchar as dimension, null::varchar as grp
    from all_events.responses
    where dim is null and event in (select event from waves)
    union all
    select event, respondent, dimension, grp
    from all_events.groups
    where dim is not null and (dim = '*' or dimension = dim) and event in (select event from waves)
),
groups as (select distinct dimension, grp from members),
items as (
    select distinct item from all_events.questions
    where question = q and item is not null and event in (select event from waves)
),
asked as (
    select distinct event, item from all_events.questions
    where question = q and item is not null and event in (select event from waves)
),
per as (
    select a.event, m.dimension, m.grp, a.item, count(*) as n, avg(a.value) as mean, stddev_samp(a.value) as sd,
           count(*) filter (where a.value >= (select max(scale_max) from all_events.questions where question = q) - 1) as top2
    from all_events.answers a join members m using (event, respondent)
    where a.question = q
    group by all
),
grid as (
    select w.wave, w.event, w.event_title, gr.dimension, gr.grp, i.item, (s.event is not null) as asked, p.n, p.mean, p.sd, p.top2
    from waves w cross join groups gr cross join items i
    left join asked s on s.event = w.event and s.item = i.item
    left join per p on p.event = w.event and p.dimension is not distinct from gr.dimension
                   and p.grp is not distinct from gr.grp and p.item = i.item
),
tested as (
    select *, lag(mean) over h as prev_mean,
           case when n >= getvariable('min_n') and lag(n) over h >= getvariable('min_n') then
             welch_p(mean, sd, n, lag(mean) over h, lag(sd) over h, lag(n) over h)
           end as p
    from grid window h as (partition by dimension, grp, item order by wave)
),
ranked as (
    select *, count(p) over (partition by event, dimension) as m,
           row_number() over (partition by event, dimension order by p nulls last) as k
    from tested
),
holm as (
    select *, case when p is not null then
             max(least(1, (m - k + 1) * p)) over (partition by event, dimension order by p nulls last, k rows between unbounded preceding and current row)
           end as p_adj
    from ranked
)
select wave, event, event_title, dimension, grp, item, asked, n, mean, sd,
       mean_ci_low(mean, sd, n) as ci_low, mean_ci_high(mean, sd, n) as ci_high,
       top2 / n as top2_share, wilson_low(top2, n) as top2_ci_low, wilson_high(top2, n) as top2_ci_high,
       mean - prev_mean as change, p_adj,
       case when p_adj < getvariable('alpha') then case when mean > prev_mean then '▲' else '▼' end end as sig
from holm;
