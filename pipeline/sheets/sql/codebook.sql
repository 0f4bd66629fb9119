-- The codebook: every question and item the reported event asked, with
-- its answer codes, in the report language and the survey's order.
select q.question, q.item, in_lang(q.text, q.text_en) as question_text,
       in_lang(q.item_text, q.item_text_en) as item_label, q.type,
       (select string_agg(coalesce(l.code, regexp_replace(l.value::varchar, '\.0$', '')) || ' = ' || in_lang(l.label, l.label_en), '; ' order by l.position)
        from labels l where l.question = q.question and l.event = q.event) as codes
from questions q
order by q.position
