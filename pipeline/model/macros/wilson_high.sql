-- usage: wilson_high(k, n)
-- description: upper end of the same interval
-- order: 60
create macro wilson_high(k, n) as case when n > 0 then
    ((k / n) + 1.959964 ^ 2 / (2 * n) + 1.959964 * sqrt((k / n) * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n ^ 2))) / (1 + 1.959964 ^ 2 / n)
end;
