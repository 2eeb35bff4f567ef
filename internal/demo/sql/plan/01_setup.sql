-- Helper macros for the generator. Everything is temporary (this connection only) and dropped by
-- cleanup.sql. Days are integers counted from 1970-01-01, so date arithmetic stays integer
-- arithmetic.

-- Variables rather than a join with demo_params: a plain scan of range() keeps its order.
set variable demo_seed_key = (select seed_key from demo_params);
set variable demo_customers = (select customers from demo_params);
set variable demo_as_of_day = (select as_of_day from demo_params);

-- Pseudo-random numbers: unlike random(), hash() gives the same value on every run and thread.
-- demo_mix(key, stream) is a 64-bit draw for one entity and stream: hash() of a single BIGINT is a
-- bijective 64-bit mixer (MurmurHash64). Not hash(key, stream): hash() of several values XORs their
-- hashes, so draws of two streams would differ by a constant and be fully correlated.
-- Per-slot draws use stream k * 1024 + s, so slot and stream never collide (s < 1024).
create or replace temp macro demo_mix(key, stream) as hash(xor(key, stream::ubigint));

-- One 64-bit draw gives three independent 21-bit uniforms in [0, 1).
create or replace temp macro demo_ua(h) as (h >> 43) * 4.76837158203125e-07;
create or replace temp macro demo_ub(h) as ((h >> 22) & 2097151) * 4.76837158203125e-07;
create or replace temp macro demo_uc(h) as (h & 2097151) * 4.76837158203125e-07;

-- A list element chosen by a uniform u in [0, 1).
create or replace temp macro demo_pick(l, u) as l[1 + floor(u * len(l))::integer];

-- floor(x + u): an integer count whose mean is x.
create or replace temp macro demo_count(x, u) as greatest(floor(x + u), 0)::integer;

create or replace temp macro demo_date(d) as date '1970-01-01' + d::integer;

-- A timestamp on day d during opening hours (08:00 to 18:00), u picks the second.
create or replace temp macro demo_ts(d, u) as
    make_timestamp(d::bigint * 86400000000 + (28800 + floor(u * 36000))::bigint * 1000000);

create or replace temp macro demo_region(store_no) as
    ['North', 'South', 'East', 'West'][1 + (store_no - 1) // 3];

create or replace temp macro demo_store_id(store_no) as
    ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10', 'S11', 'S12'][store_no];

create or replace temp macro demo_customer_id(i) as 'C' || lpad(i::varchar, 8, '0');
