-- usage: z_crit()
-- description: the two-sided critical value of the normal distribution at the confidence level (getvariable('level'); 95 %: 1.959964)
-- order: 26
create macro z_crit() as z_quantile(1 - (1 - getvariable('level')) / 2);
