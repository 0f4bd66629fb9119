-- title: Vergleich mit der letzten Befragung
-- title_en: Compared with last time
-- sheet: Vergleich mit letztem Mal
-- sheet_en: Compared with last time
-- description: Mittelwert je Item ({scale}) in dieser und der vorigen Befragung (mit --compare: in den beiden gewählten), mit 95-%-Konfidenzintervall. ▲/▼: signifikante Änderung (Welch-t-Test, Holm-korrigiert über die Items, 5 %). „nicht erhoben“: das Item wurde in einer der beiden Befragungen nicht gefragt.
-- description_en: Mean per item ({scale}) in this and the previous survey (with --compare: in the two chosen), with 95 % confidence interval. ▲/▼: significant change (Welch t test, Holm-corrected across items, 5 %). "not asked": the item was not asked in one of the two surveys.
-- scale: headline
-- chart: grouped_bar
-- x: item_text
-- y: mean
-- series: event_title
-- error: ci_low, ci_high
-- optional: true
-- order: 75
-- protect: n of=answers:headline item=item event=event
-- The last two waves (with --compare: the chosen pair); the change and its
-- mark belong to the later one.
with pair as (select * from waves where wave >= (select max(wave) - 1 from waves)),
t as (select * from scale_trend(role_question('headline'), null) where event in (select event from pair))
select t.event, t.event_title, t.item, i.item_text,
       case when t.asked then 'ja' else 'nicht erhoben' end as asked,
       t.n, t.mean, t.ci_low, t.ci_high,
       case when t.wave = (select max(wave) from pair) then t.change end as change,
       case when t.wave = (select max(wave) from pair) then t.p_adj end as p_adj,
       case when t.wave = (select max(wave) from pair) then t.sig end as sig
from t
join item_names i on i.question = role_question('headline') and i.item = t.item
where (select count(*) from pair) = 2
  and t.item in (select item from t where asked)
order by i.position, t.wave
