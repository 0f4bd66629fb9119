-- description: state codes with their names in the report language, in the survey's order
-- order: 130
create view state_names as
select code as state, arg_max(in_lang(label, label_en), r.rank) as state_name, min(position) as position
from all_events.labels join event_rank r using (event)
where question in (select question from all_events.questions where role = 'state')
group by code;
