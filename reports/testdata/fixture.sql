-- A small, fixed shop for the report goldens: 7 customers, 24 orders over six months,
-- two loads with four rejected rows. Names carry markup characters to prove escaping.
insert into customers (customer_id, name, store_id, region, joined_on, birth_date, phone_valid, email_opt_in, do_not_contact) values
    ('C001', 'Ada Lovelace',          'S1', 'north', '2024-01-10', '1980-12-10', true,  true,  false),
    ('C002', 'O''Brien & <Sons>',     'S1', 'north', '2024-03-02', null,         true,  false, false),
    ('C003', 'Chen Wei',              'S2', 'south', '2024-05-20', '1975-04-01', false, true,  false),
    ('C004', 'Dana "Dee" Pereira',    'S2', 'south', '2025-01-15', null,         false, false, false),
    ('C005', 'Emil Novak',            'S1', 'north', '2025-02-01', '1990-07-07', true,  true,  true),
    ('C006', 'Fatima Zahra',          'S3', 'east',  '2025-06-30', null,         true,  true,  false),
    ('C007', 'Gus | Pipe',            'S3', 'east',  '2026-01-05', null,         true,  false, false);

insert into orders (order_id, customer_id, order_ts, amount, cost, category, store_id, channel, promo) values
    ('O01', 'C001', '2026-01-05 09:00:00',  120.00,   70.00, 'maintenance',       'S1', 'store', false),
    ('O02', 'C001', '2026-02-11 10:30:00',  450.50,  300.00, 'repair',            'S1', 'store', false),
    ('O03', 'C001', '2026-04-02 16:45:00',   80.00,   60.00, 'parts',             'S1', 'web',   true),
    ('O04', 'C001', '2026-06-20 11:00:00', 1200.00,  900.00, 'tyres',             'S1', 'store', false),
    ('O05', 'C002', '2026-01-20 08:15:00', 35000.00, 33000.00, 'vehicle_purchase', 'S1', 'store', false),
    ('O06', 'C002', '2026-03-03 12:00:00',  300.00,  120.00, 'accessories',       'S1', 'store', false),
    ('O07', 'C002', '2026-05-14 14:00:00',  -50.00,  -20.00, 'accessories',       'S1', 'store', false),
    ('O08', 'C003', '2026-02-02 09:30:00',  220.00,  110.00, 'maintenance',       'S2', 'store', false),
    ('O09', 'C003', '2026-03-15 10:00:00',  640.00,  400.00, 'repair',            'S2', 'store', false),
    ('O10', 'C003', '2026-05-01 15:20:00',  180.00,   50.00, 'detailing',         'S2', 'web',   true),
    ('O11', 'C003', '2026-06-28 17:00:00',  900.00,  null,   'insurance_renewal', 'S2', 'phone', false),
    ('O12', 'C004', '2026-01-09 11:11:00',   95.00,   60.00, 'parts',             'S2', 'store', false),
    ('O13', 'C004', '2026-04-18 13:00:00',  310.00,  200.00, 'maintenance',       'S2', 'store', false),
    ('O14', 'C005', '2026-02-27 10:00:00', 1500.00,  600.00, 'extended_warranty', 'S1', 'phone', false),
    ('O15', 'C005', '2026-03-30 09:45:00',  130.00,   80.00, 'maintenance',       'S1', 'store', false),
    ('O16', 'C005', '2026-06-01 08:00:00',  260.00,  150.00, 'tyres',             'S1', 'store', true),
    ('O17', 'C006', '2026-01-31 18:00:00',   75.00,   30.00, 'detailing',         'S3', 'store', false),
    ('O18', 'C006', '2026-02-14 12:30:00', 2100.00, 1500.00, 'repair',            'S3', 'store', false),
    ('O19', 'C006', '2026-04-22 10:10:00',  160.00,  100.00, 'maintenance',       'S3', 'web',   false),
    ('O20', 'C006', '2026-05-30 16:00:00',   45.00,   20.00, 'car_wash',          'S3', 'store', false),
    ('O21', 'C006', '2026-06-15 09:00:00',  330.00,  200.00, null,                'S3', 'store', false),
    ('O22', 'C001', '2026-03-10 09:00:00',  140.00,   80.00, 'maintenance',       'S1', 'store', false),
    ('O23', 'C003', '2026-01-25 09:00:00',   60.00,   25.00, 'parts',             'S2', 'store', false),
    ('O24', 'C005', '2026-05-05 09:00:00',  400.00,  250.00, 'accessories',       'S1', 'web',   false);

insert into surveys (customer_id, survey_ts, rating, channel, comment) values
    ('C001', '2026-02-12 09:00:00', 'very_satisfied', 'email', null),
    ('C003', '2026-03-16 09:00:00', 'complaint',      'phone', 'waited <2h>');

insert into interactions (customer_id, ts, kind, detail) values
    ('C002', '2026-03-04 10:00:00', 'call_answered', null),
    ('C006', '2026-04-23 10:00:00', 'visit', null),
    ('C006', '2026-05-01 10:00:00', 'referral_made', 'C007');

insert into assets (asset_id, customer_id, brand, model, purchased_on, price) values
    ('A1', 'C002', 'Skoda', 'Octavia', '2026-01-20', 35000.00);

insert into loads (load_id, table_name, files, as_of, started_at, rows_read, rows_loaded, rows_rejected, customers_created) values
    (1, 'customers', ['customers.csv'], null, '2026-07-01 08:00:00', 8, 7, 1, 0),
    (2, 'orders', ['orders-2026h1.csv', 'orders-late.csv'], '2026-06-30 23:59:59', '2026-07-01 08:05:00', 27, 24, 3, 0);

insert into load_rejects (load_id, table_name, file, row_number, line, column_name, raw_value, reason) values
    (1, 'customers', 'customers.csv', 8, 9, 'customer_id', '', 'customer_id is required'),
    (2, 'orders', 'orders-2026h1.csv', 4, 5, 'amount', '12,5x', '"12,5x" is not a number'),
    (2, 'orders', 'orders-2026h1.csv', 19, 20, 'order_ts', '2026-02-30', '"2026-02-30" is not a timestamp'),
    (2, 'orders', 'orders-late.csv', 1, 2, null, 'O99;C001', 'row has 2 fields, want 9 <bad>');
