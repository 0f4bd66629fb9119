-- usage: t_crit(df)
-- description: the two-sided critical value of Student's t with df degrees of freedom at the confidence level (getvariable('level'), set from the disclosure rule; at 95 %: t_crit(10) = 2.228)
-- order: 25
create macro t_crit(df) as t_quantile(1 - (1 - getvariable('level')) / 2, df);
