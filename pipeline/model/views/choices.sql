-- description: every answer to a single-choice question as its label's code: one row per respondent and question answered (state and sector questions from responses)
-- order: 162
-- all_events: true
-- A single question stores the label's text in answers (and state and
-- sector questions their code on the response); the code is what
-- breakdowns and the codebook name.
create view choices as
select r.event, r.respondent, q.question, r.state as code
from responses r
join (select distinct event, question from questions where role = 'state') q using (event)
where r.state is not null
union all
select r.event, r.respondent, q.question, r.sector
from responses r
join (select distinct event, question from questions where role = 'sector') q using (event)
where r.sector is not null
union all
select a.event, a.respondent, a.question, l.code
from answers a
join (select distinct event, question from questions where type = 'single') q
  on q.event = a.event and q.question = a.question
join labels l on l.event = a.event and l.question = a.question and l.label = a.label
where l.code is not null;
