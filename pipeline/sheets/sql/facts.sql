-- The cover's facts: responses and the field period (first and last
-- submission), and the values rejected at import.
select (select count(*) from responses) as responses,
       (select min(submitted_at) from responses) as first,
       (select max(submitted_at) from responses) as last,
       (select count(*) from rejects) as rejected
