-- description: every question with its text in the report language, type, role, scale range and position (the newest wave's wording)
-- order: 164
create view question_names as
select q.question,
       arg_max(in_lang(q.text, q.text_en), r.rank) as question_text,
       arg_max(q.type, r.rank) as type,
       arg_max(q.role, r.rank) as role,
       min(q.scale_min) as scale_min, max(q.scale_max) as scale_max,
       min(q.position) as position
from all_events.questions q join event_rank r using (event)
group by q.question;
