-- Every answer label each event stored, in time order (survey.AskedLabel);
-- a label without a value has NaN.
select l.event, l.question, l.code, coalesce(l.value, 'NaN'::double) as value,
       l.label as text, l.label_en as text_en
from all_events.labels l join waves w using (event)
order by w.wave, l.position
