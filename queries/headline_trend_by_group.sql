-- title: {headline} im Zeitverlauf nach {split}
-- title_en: {headline} over time by {split}
-- sheet: Zeitverlauf nach {split}
-- sheet_en: Over time by {split}
-- description: Mittelwert je Item ({scale}) und Gruppe ({split}) in jeder Befragung bis zu dieser (mit --compare: in den beiden gewählten), mit 95-%-Konfidenzintervall und Anteil der beiden höchsten Stufen. ▲/▼: signifikante Änderung gegenüber der vorigen Befragung (Welch-t-Test, Holm-korrigiert je Befragung, 5 %); Gruppen unter 5 Antworten werden nicht getestet. Leer heißt: nicht gefragt.
-- description_en: Mean per item ({scale}) and group ({split}) in every survey up to this one (with --compare: in the two chosen), with 95 % confidence interval and the share of the two highest levels. ▲/▼: significant change from the previous survey (Welch t test, Holm-corrected per survey, 5 %); groups under 5 answers are not tested. Empty means: not asked.
-- split: dimension
-- scale: headline
-- chart: none
-- optional: true
-- order: 71
-- protect: n of=answers:headline item=item by=grp@dimension event=event
select t.event, t.event_title, t.dimension, t.grp, g.grp_name, t.item, i.item_text,
       case when t.asked then 'ja' else 'nicht erhoben' end as asked,
       t.n, t.mean, t.ci_low, t.ci_high, t.top2_share, t.change, t.p_adj, t.sig
from scale_trend(role_question('headline'), '*') t
join item_names i on i.question = role_question('headline') and i.item = t.item
left join group_names g on g.dimension = t.dimension and g.grp = t.grp
join (select dimension, min(position) as position from all_events.dimensions group by dimension) d on d.dimension = t.dimension
where (select count(*) from waves) > 1
order by d.position, i.position, g.position, t.wave
