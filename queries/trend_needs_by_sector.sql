-- title: Handlungsbedarf im Zeitverlauf nach Bereich
-- title_en: Need for action over time by sector
-- sheet: Zeitverlauf nach Bereich
-- sheet_en: Over time by sector
-- description: Mittlerer Handlungsbedarf je Thema und Bereich in jeder Befragung bis zu dieser (mit --compare: in den beiden gewählten), mit 95-%-Konfidenzintervall und Anteil „hoch“/„sehr hoch“. ▲/▼: signifikante Änderung gegenüber der vorigen Befragung (Welch-t-Test, Holm-korrigiert je Befragung, 5 %); Gruppen unter 5 Antworten werden nicht getestet. Leer heißt: nicht gefragt.
-- description_en: Mean need for action per topic and sector in every survey up to this one (with --compare: in the two chosen), with 95 % confidence interval and share "high"/"very high". ▲/▼: significant change from the previous survey (Welch t test, Holm-corrected per survey, 5 %); groups under 5 answers are not tested. Empty means: not asked.
-- chart: none
-- optional: true
-- order: 72
with groups as (select distinct r.sector as sector from all_events.responses r where r.sector is not null and r.event in (select event from waves)),
items as (select distinct item from all_events.questions where question = 'need' and item is not null and event in (select event from waves)),
asked as (select distinct event, item from all_events.questions where question = 'need' and item is not null and event in (select event from waves)),
per as (
  select a.event, r.sector as sector, a.item, count(*) as n, avg(a.value) as mean, stddev_samp(a.value) as sd,
         count(*) filter (where a.value >= 4) as top2
  from all_events.answers a join all_events.responses r using (event, respondent)
  where a.question = 'need' and r.sector is not null and a.event in (select event from waves)
  group by all
),
grid as (
  select w.wave, w.event, w.event_title, g.sector, i.item, (s.event is not null) as asked, p.n, p.mean, p.sd, p.top2
  from waves w cross join groups g cross join items i
  left join asked s on s.event = w.event and s.item = i.item
  left join per p on p.event = w.event and p.sector = g.sector and p.item = i.item
),
tested as (
  select *,
         lag(mean) over (partition by sector, item order by wave) as prev_mean,
         case when n >= 5 and lag(n) over (partition by sector, item order by wave) >= 5 then
           welch_p(mean, sd, n, lag(mean) over (partition by sector, item order by wave),
                   lag(sd) over (partition by sector, item order by wave), lag(n) over (partition by sector, item order by wave))
         end as p
  from grid
),
ranked as (
  select *, count(p) over (partition by event) as m,
         row_number() over (partition by event order by p nulls last) as k
  from tested
),
holm as (
  select *,
         case when p is not null then
           max(least(1, (m - k + 1) * p)) over (partition by event order by p nulls last, k rows between unbounded preceding and current row)
         end as p_adj
  from ranked
)
select h.event, h.event_title, h.sector, g.sector_name, h.item, i.item_text,
       case when h.asked then 'ja' else 'nicht erhoben' end as asked,
       h.n, h.mean,
       mean_ci_low(h.mean, h.sd, h.n) as ci_low,
       mean_ci_high(h.mean, h.sd, h.n) as ci_high,
       h.top2 / h.n as top2_share,
       h.mean - h.prev_mean as change,
       h.p_adj,
       case when h.p_adj < 0.05 then case when h.mean > h.prev_mean then '▲' else '▼' end end as sig
from holm h
join item_names i on i.question = 'need' and i.item = h.item
left join sector_names g on g.sector = h.sector
where (select count(*) from waves) > 1
order by i.position, g.position, h.wave
