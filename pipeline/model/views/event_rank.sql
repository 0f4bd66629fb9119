-- description: the events ranked for the label views: the waves' wording wins over other events', a later event's over an earlier one's
-- order: 150
create view event_rank as
select event, k + case when wave is not null then 100000 else 0 end as rank
from event_order;
