-- Data contract v1: the input tables every custval score reads.
-- Documented column by column in docs/data-contract.md.
-- Keys are enforced by `custval load` (duplicates go to load_rejects with a reason),
-- not by primary-key indexes: an ART index on 10M orders would cost more than the load itself.

create table customers (
    customer_id    varchar not null,   -- required, unique
    name           varchar,
    store_id       varchar,
    region         varchar,
    joined_on      date,
    birth_date     date,
    phone_valid    boolean,
    email_opt_in   boolean,
    do_not_contact boolean
);

create table orders (
    order_id    varchar not null,        -- required, unique
    customer_id varchar not null,        -- required, must exist in customers
    order_ts    timestamp not null,      -- required
    amount      decimal(18, 2) not null, -- net revenue; negative for refunds and returns
    cost        decimal(18, 2),          -- cost of goods and service, for margin
    category    varchar,                 -- business type, see categories
    store_id    varchar,
    channel     varchar,
    promo       boolean
);

create table categories (
    category     varchar not null,  -- unique
    kind         varchar not null check (kind in ('essential', 'discretionary')),
    margin_class varchar check (margin_class in ('low', 'medium', 'high'))
);

create table surveys (
    customer_id varchar not null,
    survey_ts   timestamp not null,
    rating      varchar not null check (rating in ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'complaint')),
    channel     varchar,
    comment     varchar
);

create table interactions (
    customer_id varchar not null,
    ts          timestamp not null,
    kind        varchar not null check (kind in (
        'call_answered', 'call_unanswered', 'call_refused', 'visit', 'event_attended', 'referral_made',
        'post', 'suggestion', 'membership_renewal', 'email_opened', 'complaint')),
    detail      varchar
);

create table assets (
    asset_id     varchar not null,  -- unique
    customer_id  varchar not null,
    brand        varchar,
    model        varchar,
    purchased_on date,
    price        decimal(18, 2)
);

create table profile_changes (
    customer_id varchar not null,
    changed_on  date not null,
    field       varchar not null,
    old_value   varchar,
    new_value   varchar
);

-- The shipped category mapping. Users override it with `custval load categories FILE --replace`.
insert into categories (category, kind, margin_class) values
    ('maintenance',       'essential',     'medium'),
    ('repair',            'essential',     'medium'),
    ('parts',             'essential',     'low'),
    ('tyres',             'essential',     'low'),
    ('vehicle_purchase',  'discretionary', 'low'),
    ('accessories',       'discretionary', 'high'),
    ('detailing',         'discretionary', 'high'),
    ('insurance_renewal', 'discretionary', 'high'),
    ('extended_warranty', 'discretionary', 'high');
