-- title: Handlungsbedarf nach Bundesland
-- title_en: Need for action by state
-- sheet: Bedarf nach Bundesland
-- sheet_en: Need by state
-- description: Mittlerer Handlungsbedarf je Thema (1 = sehr gering … 5 = sehr hoch) nach Bundesland, mit 95-%-Konfidenzintervall, sowie der Anteil „hoch“/„sehr hoch“ (Top-2) mit 95-%-Wilson-Intervall. ▲/▼: signifikant höher/niedriger als die übrigen Befragten (Welch-t-Test, Holm-korrigiert über die Tabelle, 5 %); Gruppen unter 5 Antworten werden nicht getestet.
-- description_en: Mean need for action per topic (1 = very low … 5 = very high) by state, with 95 % confidence interval, and the share answering "high" or "very high" (top-2 box) with its 95 % Wilson interval. ▲/▼: significantly higher/lower than the other respondents (Welch t test, Holm-corrected across the table, 5 %); groups under 5 answers are not tested.
-- chart: grouped_bar
-- x: item_text
-- y: mean
-- series: state_name
-- error: ci_low, ci_high
-- ymin: 1
-- ymax: 5
-- order: 20
-- protect: n of=answers:need item=item by=state
select h.grp as state, x.state_name, h.item, i.item_text,
       h.n, h.mean, h.sd, h.ci_low, h.ci_high,
       h.top2_share, h.top2_ci_low, h.top2_ci_high, h.p_adj, h.sig
from scale_by_group('need', r.state) h
join item_names i on i.question = 'need' and i.item = h.item
left join state_names x on x.state = h.grp
order by i.position, x.position
