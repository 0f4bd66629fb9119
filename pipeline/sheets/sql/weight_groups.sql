-- Every respondent's group in every breakdown dimension ('' when not
-- answered), for raking weights to population margins.
with dims as (select distinct dimension from dimensions)
select r.respondent, d.dimension, coalesce(g.grp, '') as grp
from responses r
cross join dims d
left join groups g on g.event = r.event and g.respondent = r.respondent and g.dimension = d.dimension
order by r.respondent, d.dimension
