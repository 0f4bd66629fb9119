-- description: the groups of every breakdown dimension with their names in the report language, in the survey's order
-- order: 165
create view group_names as
select l.question as dimension, l.code as grp,
       arg_max(in_lang(l.label, l.label_en), r.rank) as grp_name,
       min(l.position) as position
from all_events.labels l join event_rank r using (event)
where l.code is not null
  and l.question in (select dimension from all_events.dimensions)
group by l.question, l.code;
