-- description: the codebook: one row per question or item, with texts (de, en), type, scale range, position and role
-- order: 30
-- written_by: survey
create table questions (
    event         varchar,
    question      varchar,
    item          varchar,
    text          varchar,
    item_text     varchar,
    type          varchar,
    scale_min     double,
    scale_max     double,
    text_en       varchar,
    item_text_en  varchar,
    position      integer,
    role          varchar,
    source_header varchar,  -- the column as the imported file words it
    short         varchar,  -- a short name of the question (sheet names), de
    short_en      varchar   -- and en
);
