-- usage: wilson_high(k, n)
-- description: upper end of the Wilson interval of the share k/n at the confidence level; exactly 1 when k = n
-- order: 60
create macro wilson_high(k, n) as case when n > 0 then
    case when k >= n then 1.0 else least(1.0,
        ((k / n) + z_crit() ^ 2 / (2 * n) + z_crit() * sqrt((k / n) * (1 - k / n) / n + z_crit() ^ 2 / (4 * n ^ 2))) / (1 + z_crit() ^ 2 / n))
    end
end;
