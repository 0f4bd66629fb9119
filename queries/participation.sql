-- title: Teilnahme nach {split}
-- title_en: Respondents by {split}
-- sheet: Teilnahme {split}
-- sheet_en: Respondents {split}
-- description: Anzahl der Antwortenden je Kombination zweier Merkmale ({split}); „keine Angabe“: das Merkmal nicht beantwortet.
-- description_en: Number of respondents per combination of two characteristics ({split}); "not answered": the characteristic left out.
-- split: dimension, dimension2
-- chart: stacked_bar
-- x: grp_name
-- y: n
-- series: grp2_name
-- optional: true
-- order: 10
-- protect: n of=respondents by=grp@dimension,grp2@dimension2
-- Every pair of breakdown dimensions; respondents who did not answer one
-- have a NULL group, named by no_answer().
with dims as (select dimension, min(position) as position from dimensions group by dimension),
pairs as (
  select a.dimension as d1, b.dimension as d2, a.position as p1, b.position as p2
  from dims a join dims b on a.position < b.position
)
select p.d1 as dimension, g1.grp, coalesce(n1.grp_name, no_answer()) as grp_name,
       p.d2 as dimension2, g2.grp as grp2, coalesce(n2.grp_name, no_answer()) as grp2_name,
       count(*) as n
from pairs p
cross join responses r
left join groups g1 on g1.event = r.event and g1.respondent = r.respondent and g1.dimension = p.d1
left join groups g2 on g2.event = r.event and g2.respondent = r.respondent and g2.dimension = p.d2
left join group_names n1 on n1.dimension = p.d1 and n1.grp = g1.grp
left join group_names n2 on n2.dimension = p.d2 and n2.grp = g2.grp
group by all
order by min(p.p1), min(p.p2), min(n1.position) nulls last, min(n2.position) nulls last
