-- description: one row per answer label of a question: code, value, label (de, en), position
-- order: 40
-- written_by: survey
create table labels (
    event    varchar,
    question varchar,
    code     varchar,
    value    double,
    label    varchar,
    label_en varchar,
    position integer
);
