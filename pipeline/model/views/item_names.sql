-- description: item and question texts in the report language, with the item's position
-- order: 120
-- The wording of the newest wave wins, then that of later events (an item
-- only they have): see event_rank.
create view item_names as
select question, item,
       arg_max(in_lang(item_text, item_text_en), r.rank) as item_text,
       arg_max(in_lang(text, text_en), r.rank) as question_text,
       min(position) as position
from all_events.questions join event_rank r using (event)
where item is not null
group by question, item;
