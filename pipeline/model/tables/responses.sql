-- description: one row per response: respondent pseudonym, time, state and sector (code and name), source file and row
-- order: 10
-- written_by: survey
-- dictionary: event, state, state_name, sector, sector_name, source_file
create table responses (
    event        varchar,
    respondent   varchar,   -- HMAC-SHA256 pseudonym of event and response id
    submitted_at timestamptz,-- wall-clock time as the export shows it
    state        varchar,   -- ISO 3166-2 (DE-SN), OTHER, NULL when not answered
    state_name   varchar,
    sector       varchar,
    sector_name  varchar,
    source_file  varchar,
    source_row   integer
);
