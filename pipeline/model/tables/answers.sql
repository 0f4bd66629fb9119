-- description: one row per answered item: a scale or number answer with its value, a chosen option with value 1; "keine Angabe" is no row
-- order: 20
-- written_by: survey
-- dictionary: event, respondent, question, item, label
create table answers (
    event      varchar,
    respondent varchar,
    question   varchar,
    item       varchar,
    value      double,
    label      varchar
);
