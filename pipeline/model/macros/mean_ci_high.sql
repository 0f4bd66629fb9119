-- usage: mean_ci_high(mean, sd, n)
-- description: upper end of the confidence interval of a mean (t distribution, at the level); NULL for n < 2 or no spread (sd = 0)
-- order: 40
create macro mean_ci_high(m, sd, n) as case when n > 1 and sd > 0 then m + t_crit(n - 1) * sd / sqrt(n) end;
