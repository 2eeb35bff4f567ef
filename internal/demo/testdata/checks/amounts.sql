-- Money that does not add up: zero amounts, a cost of the other sign than the amount, and
-- negative amounts (refunds) on orders not marked R..., or R... orders that are not negative.
select order_id, amount, cost from orders
where amount = 0
    or (cost is not null and sign(cost) <> sign(amount))
    or (amount < 0) <> starts_with(order_id, 'R')
