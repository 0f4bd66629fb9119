-- usage: role_question(role)
-- description: the id of the question with a role (state, sector, headline, satisfaction) in the events the views hold; NULL when none has it
-- order: 60
create macro role_question(r) as (select min(question) from roles where role = r);
