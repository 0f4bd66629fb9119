-- description: which question plays which role in each event: state, sector, headline (the main scale), satisfaction
-- order: 160
-- all_events: true
-- Roles come from the survey definition (role:); no query names a question
-- by its id. role_question(role) picks the question of a role.
create view roles as
select distinct event, role, question
from questions
where role in ('state', 'sector', 'headline', 'satisfaction');
