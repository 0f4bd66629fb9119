-- The distribution of every number asked: per question (scale, numeric,
-- NPS, ranking) and item, how many answered each value.
select a.question, coalesce(a.item, '') as item, a.value, count(*) as n
from answers a
join (select distinct question from questions where type in ('scale', 'numeric', 'nps', 'ranking')) q using (question)
where a.value is not null
group by all
order by a.question, item, a.value
