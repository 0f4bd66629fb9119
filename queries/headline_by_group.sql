-- title: {headline} nach {split}
-- title_en: {headline} by {split}
-- sheet: {headline} nach {split}
-- sheet_en: {headline} by {split}
-- description: Mittelwert je Item ({scale}) nach {split}, mit 95-%-Konfidenzintervall, sowie der Anteil der beiden höchsten Stufen (Top-2) mit 95-%-Wilson-Intervall. ▲/▼: signifikant höher/niedriger als die übrigen Befragten (Welch-t-Test, Holm-korrigiert über die Tabelle, 5 %); Gruppen unter 5 Antworten werden nicht getestet.
-- description_en: Mean per item ({scale}) by {split}, with 95 % confidence interval, and the share answering one of the two highest levels (top-2 box) with its 95 % Wilson interval. ▲/▼: significantly higher/lower than the other respondents (Welch t test, Holm-corrected across the table, 5 %); groups under 5 answers are not tested.
-- split: dimension
-- scale: headline
-- chart: grouped_bar
-- x: item_text
-- y: mean
-- series: grp_name
-- error: ci_low, ci_high
-- optional: true
-- order: 20
-- protect: n of=answers:headline item=item by=grp@dimension
-- The headline scale (role: headline) by every breakdown dimension at
-- once: one sheet per dimension.
select h.dimension, h.grp, g.grp_name, h.item, i.item_text,
       h.n, h.mean, h.sd, h.ci_low, h.ci_high,
       h.top2_share, h.top2_ci_low, h.top2_ci_high, h.p_adj, h.sig
from scale_by_group(role_question('headline'), null) h
join item_names i on i.question = role_question('headline') and i.item = h.item
left join group_names g on g.dimension = h.dimension and g.grp = h.grp
join (select dimension, min(position) as position from dimensions group by dimension) d on d.dimension = h.dimension
order by d.position, i.position, g.position
