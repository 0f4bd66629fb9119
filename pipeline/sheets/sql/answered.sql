-- Respondents who answered each question: a value, a choice or a comment.
select question, count(distinct respondent) as n
from (
  select question, respondent from answers
  union all select question, respondent from choices
  union all select question, respondent from comments
)
group by question
