-- title: Zufriedenheit und Weiterempfehlung
-- title_en: Satisfaction and recommendation
-- sheet: Zufriedenheit
-- sheet_en: Satisfaction
-- description: Mittlere Gesamtzufriedenheit (1–5) und Net Promoter Score (Anteil Promotoren 9–10 minus Anteil Detraktoren 0–6, in Prozentpunkten).
-- description_en: Mean overall satisfaction (1–5) and Net Promoter Score (share of promoters 9–10 minus share of detractors 0–6, in points).
-- chart: none
-- order: 60
-- protect: n of=answers:satisfaction values=mean,sd,ci_low,ci_high
-- protect: n_nps of=answers:nps values=promoters,passives,detractors,nps
with s as (
  select count(*) as n, avg(value) as mean, stddev_samp(value) as sd
  from answers where question = 'satisfaction'
), p as (
  select count(*) as n_nps,
         count(*) filter (where value >= 9) as promoters,
         count(*) filter (where value between 7 and 8) as passives,
         count(*) filter (where value <= 6) as detractors
  from answers where question = 'nps'
)
select s.n, s.mean, s.sd,
       mean_ci_low(s.mean, s.sd, s.n) as ci_low,
       mean_ci_high(s.mean, s.sd, s.n) as ci_high,
       p.n_nps, p.promoters, p.passives, p.detractors,
       round(100.0 * (p.promoters - p.detractors) / nullif(p.n_nps, 0), 1) as nps
from s, p
