-- The values the import could not use, with where they were and why.
select file, sheet, "row", "column", question, item, value, reason
from rejects
order by file, "row", "column"
