-- title: Handlungsbedarf im Zeitverlauf
-- title_en: Need for action over time
-- sheet: Bedarf im Zeitverlauf
-- sheet_en: Need over time
-- description: Mittlerer Handlungsbedarf je Thema in jeder Befragung bis zu dieser (mit --compare: in den beiden gewählten), mit 95-%-Konfidenzintervall und Anteil „hoch“/„sehr hoch“; eine Linie je Thema (ab dem neunten gestrichelt). ▲/▼: signifikante Änderung gegenüber der vorigen Befragung (Welch-t-Test, Holm-korrigiert über die Themen, 5 %). Leer heißt: in dieser Befragung nicht gefragt – nie 0.
-- description_en: Mean need for action per topic in every survey up to this one (with --compare: in the two chosen), with 95 % confidence interval and share "high"/"very high"; one line per topic (dashed from the ninth). ▲/▼: significant change from the previous survey (Welch t test, Holm-corrected across topics, 5 %). Empty means: not asked in that survey — never 0.
-- chart: line
-- x: event_title
-- y: mean
-- series: item_text
-- error: ci_low, ci_high
-- ymin: 1
-- ymax: 5
-- optional: true
-- order: 70
with items as (
  select distinct question, item from all_events.questions where question = 'need' and item is not null and event in (select event from waves)
),
asked as (
  select distinct event, item from all_events.questions where question = 'need' and item is not null and event in (select event from waves)
),
per as (
  select a.event, a.item, count(*) as n, avg(a.value) as mean, stddev_samp(a.value) as sd,
         count(*) filter (where a.value >= 4) as top2
  from all_events.answers a where a.question = 'need' and a.event in (select event from waves)
  group by all
),
grid as (
  select w.wave, w.event, w.event_title, i.item, (s.event is not null) as asked,
         p.n, p.mean, p.sd, p.top2
  from waves w cross join items i
  left join asked s on s.event = w.event and s.item = i.item
  left join per p on p.event = w.event and p.item = i.item
),
change as (
  select *,
         lag(mean) over (partition by item order by wave) as prev_mean,
         lag(sd) over (partition by item order by wave) as prev_sd,
         lag(n) over (partition by item order by wave) as prev_n
  from grid
),
tested as (
  select *, case when n >= 5 and prev_n >= 5 then welch_p(mean, sd, n, prev_mean, prev_sd, prev_n) end as p
  from change
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
       h.top2 / h.n as top2_share,
       wilson_low(h.top2, h.n) as top2_ci_low,
       wilson_high(h.top2, h.n) as top2_ci_high,
       h.mean - h.prev_mean as change,
       h.p_adj,
       case when h.p_adj < 0.05 then case when h.mean > h.prev_mean then '▲' else '▼' end end as sig
from holm h
join item_names i on i.question = 'need' and i.item = h.item
where (select count(*) from waves) > 1
order by h.wave, i.position
