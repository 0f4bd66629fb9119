-- Every answer to a scale question ($question) with its respondent, in
-- the items' order: for weighted means.
select a.respondent, a.item, a.value
from answers a
join (select distinct item, position from questions where question = $question) i using (item)
where a.question = $question and a.value is not null
order by i.position, a.respondent
