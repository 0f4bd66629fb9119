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
-- protect: n of=answers:need item=item event=event
select t.event, t.event_title, t.item, i.item_text,
       case when t.asked then 'ja' else 'nicht erhoben' end as asked,
       t.n, t.mean, t.ci_low, t.ci_high, t.top2_share, t.top2_ci_low, t.top2_ci_high,
       t.change, t.p_adj, t.sig
from scale_trend('need', 'alle') t
join item_names i on i.question = 'need' and i.item = t.item
where (select count(*) from waves) > 1
order by t.wave, i.position
