-- description: free-text answers (personal data removed) and text typed into an "other" option
-- order: 50
-- written_by: survey
create table comments (
    event      varchar,
    respondent varchar,
    question   varchar,
    text       varchar
);
