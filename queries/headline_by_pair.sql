-- title: {headline} nach {split}
-- title_en: {headline} by {split}
-- sheet: Mittel {split}
-- sheet_en: Means {split}
-- description: Mittelwert je Item ({scale}) für jede Kombination zweier Merkmale ({split}), mit 95-%-Konfidenzintervall.
-- description_en: Mean per item ({scale}) for each combination of two characteristics ({split}), with 95 % confidence interval.
-- split: dimension, dimension2
-- scale: headline
-- chart: heatmap
-- x: item_text
-- y: mean
-- series: group
-- optional: true
-- order: 40
-- protect: n of=answers:headline item=item by=grp@dimension,grp2@dimension2
-- Every pair of breakdown dimensions, the earlier asked first.
with dims as (select dimension, min(position) as position from dimensions group by dimension),
pairs as (
  select a.dimension as d1, b.dimension as d2, a.position as p1, b.position as p2
  from dims a join dims b on a.position < b.position
)
select g1.dimension, g1.grp, n1.grp_name, g2.dimension as dimension2, g2.grp as grp2, n2.grp_name as grp2_name,
       n1.grp_name || ' · ' || n2.grp_name as "group",
       a.item, i.item_text,
       count(*) as n,
       avg(a.value) as mean,
       stddev_samp(a.value) as sd,
       mean_ci_low(avg(a.value), stddev_samp(a.value), count(*)) as ci_low,
       mean_ci_high(avg(a.value), stddev_samp(a.value), count(*)) as ci_high
from answers a
join groups g1 using (event, respondent)
join groups g2 on g2.event = a.event and g2.respondent = a.respondent
join pairs p on p.d1 = g1.dimension and p.d2 = g2.dimension
join item_names i on i.question = a.question and i.item = a.item
left join group_names n1 on n1.dimension = g1.dimension and n1.grp = g1.grp
left join group_names n2 on n2.dimension = g2.dimension and n2.grp = g2.grp
where a.question = role_question('headline')
group by all
order by min(p.p1), min(p.p2), min(i.position), min(n1.position), min(n2.position)
