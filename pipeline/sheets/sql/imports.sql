-- The files imported into the reported event.
select file, sha256, imported_at, sheet, layout, rows_read, rows_imported, rows_rejected,
       cells_rejected, blank_rows, duplicates
from imports
order by imported_at
