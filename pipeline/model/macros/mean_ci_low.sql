-- usage: mean_ci_low(mean, sd, n)
-- description: lower end of the 95 % confidence interval of a mean (t distribution); NULL for n < 2
-- order: 30
create macro mean_ci_low(m, sd, n) as case when n > 1 then m - t975(n - 1) * sd / sqrt(n) end;
