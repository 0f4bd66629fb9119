-- Every question and item each event asked, with its wording, in time
-- order (survey.Asked).
select q.event, q.question, q.item, q.text, q.text_en, q.item_text, q.item_text_en,
       q.source_header as header, q.type, q.role, q.scale_min as min, q.scale_max as max
from all_events.questions q join waves w using (event)
order by w.wave, q.position
