-- description: each respondent's group in every breakdown dimension they answered: one row per respondent and dimension; grp is the answer's code
-- order: 163
-- all_events: true
-- One long view serves every breakdown: join answers to it and group by
-- dimension and grp, and each dimension is a table of its own.
create view groups as
select c.event, c.respondent, c.question as dimension, c.code as grp
from choices c
join dimensions d on d.event = c.event and d.dimension = c.question;
