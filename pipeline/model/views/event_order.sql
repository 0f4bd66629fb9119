-- description: the events in time order (read it through the waves view)
-- The engine fills it from the manifest: k numbers every event in time
-- order, wave the ones a trend or comparison spans (else NULL).
create table event_order (event varchar, k integer, wave integer);
