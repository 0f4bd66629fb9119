-- Every free-text answer (and typed "other" answer of a multiple choice),
-- scrubbed as stored, in the order of its text so the order says nothing
-- about who answered. key names the respondent's groups in every
-- breakdown dimension (dimension=code|…, in the survey's order; code ''
-- when not answered) and key_n how many respondents share all of them.
with dims as (select dimension, min(position) as pos from dimensions group by dimension),
combo as (
  select r.respondent,
         string_agg(d.dimension || '=' || coalesce(g.grp, ''), '|' order by d.pos) as key
  from responses r
  cross join dims d
  left join groups g on g.event = r.event and g.respondent = r.respondent and g.dimension = d.dimension
  group by r.respondent
),
sizes as (select key, count(*) as key_n from combo group by key)
select c.question, c.text, coalesce(k.key, '') as key, coalesce(s.key_n, 0) as key_n
from comments c
left join combo k on k.respondent = c.respondent
left join sizes s on s.key = k.key
where trim(c.text) <> ''
order by c.question, c.text
