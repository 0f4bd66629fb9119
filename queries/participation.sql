-- title: Teilnahme nach Bundesland und Bereich
-- title_en: Responses by state and sector
-- sheet: Teilnahme
-- sheet_en: Responses
-- description: Anzahl der Antwortenden je Bundesland und Tätigkeitsbereich.
-- description_en: Number of respondents per state and sector.
-- chart: stacked_bar
-- x: state_name
-- y: n
-- series: sector_name
-- order: 10
-- protect: n of=respondents by=state,sector
select r.state, coalesce(s.state_name, no_answer()) as state_name,
       r.sector, coalesce(c.sector_name, no_answer()) as sector_name,
       count(*) as n
from responses r
left join state_names s on s.state = r.state
left join sector_names c on c.sector = r.sector
group by all
order by min(s.position) nulls last, min(c.position) nulls last
