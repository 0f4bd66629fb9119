-- How many respondents chose each answer of every single-choice question
-- (code) and each option of every multiple choice (item), and how many
-- typed an "other" answer to a multiple choice.
select c.question, c.code as answer, count(*) as n
from choices c
group by all
union all
select a.question, a.item, count(distinct a.respondent)
from answers a
join (select distinct question from questions where type = 'multi') q using (question)
where a.item is not null
group by all
union all
select c.question, '', count(distinct c.respondent)
from comments c
join (select distinct question from questions where type = 'multi') q using (question)
group by all
