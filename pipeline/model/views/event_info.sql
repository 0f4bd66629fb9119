-- description: the events' titles and dates (read it through the events view)
-- The engine fills it from the manifest.
create table event_info (event varchar, title varchar, date date, files integer);
