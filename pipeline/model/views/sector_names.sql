-- description: sector codes with their names in the report language, in the survey's order
-- order: 140
create view sector_names as
select code as sector, arg_max(in_lang(label, label_en), r.rank) as sector_name, min(position) as position
from all_events.labels join event_rank r using (event)
where question in (select question from all_events.questions where role = 'sector')
group by code;
