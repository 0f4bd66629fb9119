-- title: Handlungsbedarf im Zeitverlauf nach Bundesland
-- title_en: Need for action over time by state
-- sheet: Zeitverlauf nach Bundesland
-- sheet_en: Over time by state
-- description: Mittlerer Handlungsbedarf je Thema und Bundesland in jeder Befragung bis zu dieser (mit --compare: in den beiden gewählten), mit 95-%-Konfidenzintervall und Anteil „hoch“/„sehr hoch“. ▲/▼: signifikante Änderung gegenüber der vorigen Befragung (Welch-t-Test, Holm-korrigiert je Befragung, 5 %); Gruppen unter 5 Antworten werden nicht getestet. Leer heißt: nicht gefragt.
-- description_en: Mean need for action per topic and state in every survey up to this one (with --compare: in the two chosen), with 95 % confidence interval and share "high"/"very high". ▲/▼: significant change from the previous survey (Welch t test, Holm-corrected per survey, 5 %); groups under 5 answers are not tested. Empty means: not asked.
-- chart: none
-- optional: true
-- order: 71
-- protect: n of=answers:need item=item by=state event=event
select t.event, t.event_title, t.grp as state, x.state_name, t.item, i.item_text,
       case when t.asked then 'ja' else 'nicht erhoben' end as asked,
       t.n, t.mean, t.ci_low, t.ci_high, t.top2_share, t.change, t.p_adj, t.sig
from scale_trend('need', r.state) t
join item_names i on i.question = 'need' and i.item = t.item
left join state_names x on x.state = t.grp
where (select count(*) from waves) > 1
order by i.position, x.position, t.wave
