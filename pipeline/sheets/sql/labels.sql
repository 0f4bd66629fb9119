-- Every question's answer labels in the report language: code (single
-- questions), value (scales, numbers), text, in the survey's order.
select question, coalesce(code, '') as code, value, in_lang(label, label_en) as label
from labels
order by question, position
