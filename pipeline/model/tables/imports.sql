-- description: one row per imported file: checksum, time, sheet, layout and row counts
-- order: 60
-- written_by: store
create table imports (
    event          varchar,
    file           varchar,
    sha256         varchar,
    imported_at    timestamptz,
    rows_read      bigint,
    rows_imported  bigint,
    rows_rejected  bigint,
    cells_rejected bigint,
    blank_rows     bigint,
    duplicates     bigint,
    sheet          varchar,
    layout         varchar,
    import_id      varchar
);
