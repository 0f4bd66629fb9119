-- The questions the reported event asked, one row per question or item,
-- in the report language and the survey's order.
select q.question, q.item, q.type, coalesce(q.role, '') as role,
       in_lang(q.text, q.text_en) as text,
       coalesce(in_lang(q.short, q.short_en), '') as short,
       coalesce(in_lang(q.item_text, q.item_text_en), '') as item_text,
       q.scale_min, q.scale_max, q.position
from questions q
order by q.position
