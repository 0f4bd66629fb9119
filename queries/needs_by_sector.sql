-- title: Handlungsbedarf nach Bereich
-- title_en: Need for action by sector
-- description: Mittlerer Handlungsbedarf je Thema (1 = sehr gering … 5 = sehr hoch) nach Tätigkeitsbereich, mit 95-%-Konfidenzintervall, sowie der Anteil „hoch“/„sehr hoch“ (Top-2) mit 95-%-Wilson-Intervall.
-- description_en: Mean need for action per topic (1 = very low … 5 = very high) by sector, with 95 % confidence interval, and the share answering "high" or "very high" (top-2 box) with its 95 % Wilson interval.
-- chart: grouped_bar
-- x: item_text
-- y: mean
-- series: sector_name
-- error: ci_low, ci_high
-- ymin: 1
-- ymax: 5
-- order: 30
select r.sector, s.sector_name, a.item, i.item_text,
       count(*) as n,
       avg(a.value) as mean,
       stddev_samp(a.value) as sd,
       mean_ci_low(avg(a.value), stddev_samp(a.value), count(*)) as ci_low,
       mean_ci_high(avg(a.value), stddev_samp(a.value), count(*)) as ci_high,
       count(*) filter (where a.value >= 4) / count(*) as top2_share,
       wilson_low(count(*) filter (where a.value >= 4), count(*)) as top2_ci_low,
       wilson_high(count(*) filter (where a.value >= 4), count(*)) as top2_ci_high
from answers a
join responses r using (event, respondent)
join item_names i on i.question = a.question and i.item = a.item
left join sector_names s on s.sector = r.sector
where a.question = 'need' and r.sector is not null
group by all
order by min(i.position), min(s.position)
