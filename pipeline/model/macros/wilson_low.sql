-- usage: wilson_low(k, n)
-- description: lower end of the 95 % Wilson interval of the share k/n
-- order: 50
create macro wilson_low(k, n) as case when n > 0 then
    ((k / n) + 1.959964 ^ 2 / (2 * n) - 1.959964 * sqrt((k / n) * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n ^ 2))) / (1 + 1.959964 ^ 2 / n)
end;
