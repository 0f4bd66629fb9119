-- title: Handlungsbedarf nach Bereich
-- title_en: Need for action by sector
-- sheet: Bedarf nach Bereich
-- sheet_en: Need by sector
-- description: Mittlerer Handlungsbedarf je Thema (1 = sehr gering … 5 = sehr hoch) nach Tätigkeitsbereich, mit 95-%-Konfidenzintervall, sowie der Anteil „hoch“/„sehr hoch“ (Top-2) mit 95-%-Wilson-Intervall. ▲/▼: signifikant höher/niedriger als die übrigen Befragten (Welch-t-Test, Holm-korrigiert über die Tabelle, 5 %); Gruppen unter 5 Antworten werden nicht getestet.
-- description_en: Mean need for action per topic (1 = very low … 5 = very high) by sector, with 95 % confidence interval, and the share answering "high" or "very high" (top-2 box) with its 95 % Wilson interval. ▲/▼: significantly higher/lower than the other respondents (Welch t test, Holm-corrected across the table, 5 %); groups under 5 answers are not tested.
-- chart: grouped_bar
-- x: item_text
-- y: mean
-- series: sector_name
-- error: ci_low, ci_high
-- ymin: 1
-- ymax: 5
-- order: 30
with g as (
  select r.sector, a.item,
         count(*) as n, avg(a.value) as mean, stddev_samp(a.value) as sd,
         sum(a.value) as s, sum(a.value * a.value) as ss,
         count(*) filter (where a.value >= 4) as top2
  from answers a
  join responses r using (event, respondent)
  where a.question = 'need' and r.sector is not null
  group by all
),
vs_rest as (
  -- Each group against all other respondents of the item: the rest's
  -- n, mean and sd follow from the item's totals.
  select *,
         sum(n) over w - n as rn,
         (sum(s) over w - s) / nullif(sum(n) over w - n, 0) as rmean,
         sqrt(greatest(0, ((sum(ss) over w - ss) - (sum(s) over w - s) ^ 2 / nullif(sum(n) over w - n, 0))
              / nullif(sum(n) over w - n - 1, 0))) as rsd
  from g
  window w as (partition by item)
),
tested as (
  select *, case when n >= 5 and rn >= 5 then welch_p(mean, sd, n, rmean, rsd, rn) end as p from vs_rest
),
ranked as (
  select *, count(p) over () as m, row_number() over (order by p nulls last) as k from tested
),
holm as (
  select *, case when p is not null then
           max(least(1, (m - k + 1) * p)) over (order by p nulls last, k rows between unbounded preceding and current row)
         end as p_adj
  from ranked
)
select h.sector, x.sector_name, h.item, i.item_text,
       h.n, h.mean, h.sd,
       mean_ci_low(h.mean, h.sd, h.n) as ci_low,
       mean_ci_high(h.mean, h.sd, h.n) as ci_high,
       h.top2 / h.n as top2_share,
       wilson_low(h.top2, h.n) as top2_ci_low,
       wilson_high(h.top2, h.n) as top2_ci_high,
       h.p_adj,
       case when h.p_adj < 0.05 then case when h.mean > h.rmean then '▲' else '▼' end end as sig
from holm h
join item_names i on i.question = 'need' and i.item = h.item
left join sector_names x on x.sector = h.sector
order by i.position, x.position
