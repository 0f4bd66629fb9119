-- description: one row per event the views hold: title, date, number of files and responses
-- order: 100
-- all_events: true
create view events as
select i.event, i.title, i.date, i.files,
       (select count(*) from responses r where r.event = i.event) as responses
from event_info i
where i.event in (select distinct event from responses)
order by i.date nulls last, i.event;
