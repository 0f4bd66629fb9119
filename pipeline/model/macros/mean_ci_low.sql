-- usage: mean_ci_low(mean, sd, n)
-- description: lower end of the confidence interval of a mean (t distribution, at the level); NULL for n < 2 or no spread (sd = 0)
-- order: 30
create macro mean_ci_low(m, sd, n) as case when n > 1 and sd > 0 then m - t_crit(n - 1) * sd / sqrt(n) end;
