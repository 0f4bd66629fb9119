-- description: the events trends and comparisons span, numbered in time order (wave): every event up to the reported one, or the two of --compare
-- order: 110
create view waves as
select o.wave, e.event, coalesce(e.title, e.event) as event_title, e.title, e.date, e.responses
from event_order o join all_events.events e using (event)
where o.wave is not null
order by o.wave;
