-- usage: mean_ci_high(mean, sd, n)
-- description: upper end of the same interval
-- order: 40
create macro mean_ci_high(m, sd, n) as case when n > 1 then m + t975(n - 1) * sd / sqrt(n) end;
