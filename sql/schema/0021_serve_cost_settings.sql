-- Serve cost settings: the unit costs behind customer_value_v1's serve_cost, a documented proxy for the cost of
-- serving a customer (the contract has no cost-to-serve column). See docs/customer-value.md.
--
-- They live in their own table, not in score_settings: score_settings holds exactly the settings custval's Go
-- functions read (udf tests check that), and serve_cost is plain SQL. Edit `value` to use your own costs, in the
-- currency of orders.amount:
--     update serve_cost_settings set value = 25 where setting = 'order_cost';

create table serve_cost_settings (
    setting       varchar not null,  -- unique
    value         double not null,   -- the value in force for this database
    default_value double not null,   -- custval's shipped default, for reference
    doc           varchar not null
);

insert into serve_cost_settings (setting, value, default_value, doc) values
    ('order_cost',     15, 15, 'handling cost of one purchase: booking, invoicing, workshop or counter time'),
    ('refund_cost',    25, 25, 'handling cost of one refund or return (an order with a negative amount)'),
    ('contact_cost',    5,  5, 'cost of one staff-handled interaction: a call (answered, unanswered or refused) or a visit'),
    ('complaint_cost', 50, 50, 'cost of handling one complaint interaction');

-- The serve cost settings as a MAP(VARCHAR, DOUBLE): serve_cost_settings_map()['order_cost'].
create macro serve_cost_settings_map() as (
    select map_from_entries(list({'key': setting, 'value': value} order by setting))
    from serve_cost_settings
);
