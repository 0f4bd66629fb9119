-- title: Zufriedenheit und Weiterempfehlung
-- title_en: Satisfaction and recommendation
-- sheet: Zufriedenheit und Empfehlung
-- sheet_en: Satisfaction and recommendation
-- description: Mittlere Gesamtzufriedenheit ({scale}) und Net Promoter Score (Anteil Promotoren 9–10 minus Anteil Detraktoren 0–6, in Prozentpunkten).
-- description_en: Mean overall satisfaction ({scale}) and Net Promoter Score (share of promoters 9–10 minus share of detractors 0–6, in points).
-- scale: satisfaction
-- chart: none
-- optional: true
-- order: 60
-- protect: n of=answers:satisfaction values=mean,sd,ci_low,ci_high
-- protect: n_nps of=answers:nps values=promoters,passives,detractors,nps_score
-- The question with role satisfaction, and the first NPS question.
with nps_q as (select question from question_names where type = 'nps' order by position limit 1),
s as (
  select count(*) as n, avg(value) as mean, stddev_samp(value) as sd
  from answers where question = role_question('satisfaction')
), p as (
  select count(*) as n_nps,
         count(*) filter (where value >= 9) as promoters,
         count(*) filter (where value between 7 and 8) as passives,
         count(*) filter (where value <= 6) as detractors
  from answers where question = (select question from nps_q)
)
select s.n, s.mean, s.sd,
       mean_ci_low(s.mean, s.sd, s.n) as ci_low,
       mean_ci_high(s.mean, s.sd, s.n) as ci_high,
       p.n_nps, p.promoters, p.passives, p.detractors,
       round(100.0 * (p.promoters - p.detractors) / nullif(p.n_nps, 0), 1) as nps_score
from s, p
where s.n > 0 or p.n_nps > 0
