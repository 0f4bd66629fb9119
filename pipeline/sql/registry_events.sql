-- The events of the question registry (detect), in time order.
select event from waves order by wave
