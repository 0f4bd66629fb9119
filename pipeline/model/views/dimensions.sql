-- description: the breakdown dimensions of each event: the single questions results are broken down by (role state or sector, or breakdown: true); dimension = the question's id
-- order: 161
-- all_events: true
create view dimensions as
select event, question as dimension, any_value(role) as role, min(position) as position
from questions
where role in ('state', 'sector', 'breakdown')
group by event, question;
