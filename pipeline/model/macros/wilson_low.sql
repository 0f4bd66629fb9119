-- usage: wilson_low(k, n)
-- description: lower end of the Wilson interval of the share k/n at the confidence level; exactly 0 when k = 0
-- order: 50
create macro wilson_low(k, n) as case when n > 0 then
    case when k <= 0 then 0.0 else greatest(0.0,
        ((k / n) + z_crit() ^ 2 / (2 * n) - z_crit() * sqrt((k / n) * (1 - k / n) / n + z_crit() ^ 2 / (4 * n ^ 2))) / (1 + z_crit() ^ 2 / n))
    end
end;
