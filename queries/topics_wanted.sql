-- title: Themenwünsche für die nächste Konferenz
-- title_en: Topics wanted for next time
-- sheet: Themenwünsche
-- sheet_en: Topics wanted
-- description: Anteil der Antwortenden, die ein Thema für die nächste Konferenz wünschen (Mehrfachauswahl), mit 95-%-Wilson-Intervall.
-- description_en: Share of respondents who want a topic next time (multiple choice), with 95 % Wilson interval.
-- chart: bar
-- x: item_text
-- y: share
-- error: ci_low, ci_high
-- sort: desc
-- order: 50
-- protect: n of=answers:topics item=item values=share,ci_low,ci_high
-- protect: total of=respondents
with base as (select count(*) as total from responses)
select a.item, i.item_text,
       count(distinct a.respondent) as n,
       max(base.total) as total,
       count(distinct a.respondent) / max(base.total) as share,
       wilson_low(count(distinct a.respondent), max(base.total)) as ci_low,
       wilson_high(count(distinct a.respondent), max(base.total)) as ci_high
from answers a
join item_names i on i.question = a.question and i.item = a.item
cross join base
where a.question = 'topics'
group by a.item, i.item_text
order by share desc, min(i.position)
