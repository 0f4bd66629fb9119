-- title: Handlungsbedarf nach Bundesland und Bereich
-- title_en: Need for action by state and sector
-- sheet: Bedarf Land × Bereich
-- sheet_en: Need state × sector
-- description: Mittlerer Handlungsbedarf je Thema für jede Kombination aus Bundesland und Bereich.
-- description_en: Mean need for action per topic for each combination of state and sector.
-- chart: heatmap
-- x: item_text
-- y: mean
-- series: group
-- order: 40
-- protect: n of=answers:need item=item by=state,sector
select r.state, s.state_name, r.sector, c.sector_name,
       s.state_name || ' · ' || c.sector_name as "group",
       a.item, i.item_text,
       count(*) as n,
       avg(a.value) as mean,
       stddev_samp(a.value) as sd,
       mean_ci_low(avg(a.value), stddev_samp(a.value), count(*)) as ci_low,
       mean_ci_high(avg(a.value), stddev_samp(a.value), count(*)) as ci_high
from answers a
join responses r using (event, respondent)
join item_names i on i.question = a.question and i.item = a.item
left join state_names s on s.state = r.state
left join sector_names c on c.sector = r.sector
where a.question = 'need' and r.state is not null and r.sector is not null
group by all
order by min(i.position), min(s.position), min(c.position)
