-- title: {headline} im Zeitverlauf
-- title_en: {headline} over time
-- sheet: {headline} im Zeitverlauf
-- sheet_en: {headline} over time
-- description: Mittelwert je Item ({scale}) in jeder Befragung bis zu dieser (mit --compare: in den beiden gewählten), mit 95-%-Konfidenzintervall und Anteil der beiden höchsten Stufen; eine Linie je Item (ab dem neunten gestrichelt). ▲/▼: signifikante Änderung gegenüber der vorigen Befragung (Welch-t-Test, Holm-korrigiert über die Items, 5 %). Leer heißt: in dieser Befragung nicht gefragt – nie 0.
-- description_en: Mean per item ({scale}) in every survey up to this one (with --compare: in the two chosen), with 95 % confidence interval and the share of the two highest levels; one line per item (dashed from the ninth). ▲/▼: significant change from the previous survey (Welch t test, Holm-corrected across items, 5 %). Empty means: not asked in that survey — never 0.
-- scale: headline
-- chart: line
-- x: event_title
-- y: mean
-- series: item_text
-- error: ci_low, ci_high
-- optional: true
-- order: 70
-- protect: n of=answers:headline item=item event=event
select t.event, t.event_title, t.item, i.item_text,
       case when t.asked then 'ja' else 'nicht erhoben' end as asked,
       t.n, t.mean, t.ci_low, t.ci_high, t.top2_share, t.top2_ci_low, t.top2_ci_high,
       t.change, t.p_adj, t.sig
from scale_trend(role_question('headline'), null) t
join item_names i on i.question = role_question('headline') and i.item = t.item
where (select count(*) from waves) > 1
order by t.wave, i.position
