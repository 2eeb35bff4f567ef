-- Orders and revenue per category, in the order of the categories table, then any others.
select
    o.category,
    count(*) as orders,
    (sum(o.amount) * 100)::bigint as revenue_cents
from orders o
left join (select category, row_number() over (order by rowid) as pos from categories) c on c.category = o.category
group by o.category, c.pos
order by c.pos nulls last, o.category
