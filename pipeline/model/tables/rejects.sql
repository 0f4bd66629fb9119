-- description: values and rows that were not imported: file, sheet, row, column, raw value and reason
-- order: 70
-- written_by: survey
create table rejects (
    event    varchar,
    file     varchar,
    sheet    varchar,
    row      integer,
    "column" varchar,
    value    varchar,
    reason   varchar,
    question varchar,
    item     varchar
);
