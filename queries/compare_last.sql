-- title: Vergleich mit der letzten Befragung
-- title_en: Compared with last time
-- sheet: Vergleich mit letztem Mal
-- sheet_en: Compared with last time
-- description: Mittlerer Handlungsbedarf je Thema in dieser und der vorigen Befragung (mit --compare: in den beiden gewählten), mit 95-%-Konfidenzintervall. ▲/▼: signifikante Änderung (Welch-t-Test, Holm-korrigiert über die Themen, 5 %). „nicht erhoben“: das Thema wurde in einer der beiden Befragungen nicht gefragt.
-- description_en: Mean need for action per topic in this and the previous survey (with --compare: in the two chosen), with 95 % confidence interval. ▲/▼: significant change (Welch t test, Holm-corrected across topics, 5 %). "not asked": the topic was not asked in one of the two surveys.
-- chart: grouped_bar
-- x: item_text
-- y: mean
-- series: event_title
-- error: ci_low, ci_high
-- ymin: 1
-- ymax: 5
-- optional: true
-- order: 75
with pair as (select * from waves where wave >= (select max(wave) - 1 from waves)),
items as (
  select distinct item from all_events.questions where question = 'need' and item is not null and event in (select event from pair)
),
asked as (
  select distinct event, item from all_events.questions where question = 'need' and item is not null and event in (select event from pair)
),
per as (
  select a.event, a.item, count(*) as n, avg(a.value) as mean, stddev_samp(a.value) as sd
  from all_events.answers a where a.question = 'need' and a.event in (select event from waves) group by all
),
grid as (
  select p.wave, p.event, p.event_title, i.item, (q.event is not null) as asked, s.n, s.mean, s.sd
  from pair p cross join items i
  left join asked q on q.event = p.event and q.item = i.item
  left join per s on s.event = p.event and s.item = i.item
),
tested as (
  select *,
         lag(mean) over (partition by item order by wave) as prev_mean,
         case when n >= 5 and lag(n) over (partition by item order by wave) >= 5 then
           welch_p(mean, sd, n, lag(mean) over (partition by item order by wave),
                   lag(sd) over (partition by item order by wave), lag(n) over (partition by item order by wave))
         end as p
  from grid
),
ranked as (
  select *,
         count(p) over (partition by event) as m,
         row_number() over (partition by event order by p nulls last) as k
  from tested
),
holm as (
  -- Holm's step-down adjustment within each event, across the topics.
  select *,
         case when p is not null then
           max(least(1, (m - k + 1) * p)) over (partition by event order by p nulls last, k rows between unbounded preceding and current row)
         end as p_adj
  from ranked
)
select h.event, h.event_title, h.item, i.item_text,
       case when h.asked then 'ja' else 'nicht erhoben' end as asked,
       h.n, h.mean,
       mean_ci_low(h.mean, h.sd, h.n) as ci_low,
       mean_ci_high(h.mean, h.sd, h.n) as ci_high,
       h.mean - h.prev_mean as change,
       h.p_adj,
       case when h.p_adj < 0.05 then case when h.mean > h.prev_mean then '▲' else '▼' end end as sig
from holm h
join item_names i on i.question = 'need' and i.item = h.item
where (select count(*) from pair) = 2
order by i.position, h.wave
