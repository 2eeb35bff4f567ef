-- Loads and rejected rows for the rendering test, added to the demo data (which has none) so the
-- data-quality report's load charts and tables have something to draw.
insert into loads (load_id, table_name, files, as_of, started_at, rows_read, rows_loaded, rows_rejected, customers_created) values
    (1, 'customers', ['customers.csv'], null, '2026-07-01 08:00:00', 303, 300, 3, 0),
    (2, 'orders', ['orders-2025.csv', 'orders-2026h1.csv'], '2026-06-30 23:59:59', '2026-07-01 08:05:00', 3010, 3003, 7, 0),
    (3, 'surveys', ['surveys.csv'], null, '2026-07-01 08:09:00', 420, 418, 2, 0);

insert into load_rejects (load_id, table_name, file, row_number, line, column_name, raw_value, reason) values
    (1, 'customers', 'customers.csv', 8, 9, 'customer_id', '', 'customer_id is required'),
    (1, 'customers', 'customers.csv', 51, 52, 'joined_on', '31/02/2024', '"31/02/2024" is not a date'),
    (1, 'customers', 'customers.csv', 77, 78, 'joined_on', '2024-13-01', '"2024-13-01" is not a date'),
    (2, 'orders', 'orders-2025.csv', 4, 5, 'amount', '12,5x', '"12,5x" is not a number'),
    (2, 'orders', 'orders-2025.csv', 19, 20, 'order_ts', '2025-02-30', '"2025-02-30" is not a timestamp'),
    (2, 'orders', 'orders-2025.csv', 233, 234, 'amount', 'n/a', '"n/a" is not a number'),
    (2, 'orders', 'orders-2026h1.csv', 12, 13, 'customer_id', 'X99', 'unknown customer X99'),
    (2, 'orders', 'orders-2026h1.csv', 40, 41, 'order_ts', '2026-07-02 10:00:00', 'after the load''s as_of 2026-06-30 23:59:59'),
    (2, 'orders', 'orders-2026h1.csv', 41, 42, 'order_ts', '2026-07-03 09:30:00', 'after the load''s as_of 2026-06-30 23:59:59'),
    (2, 'orders', 'orders-2026h1.csv', 90, 91, null, 'O99;C001', 'row has 2 fields, want 9'),
    (3, 'surveys', 'surveys.csv', 5, 6, 'rating', 'great', '"great" is not a rating'),
    (3, 'surveys', 'surveys.csv', 6, 7, 'rating', '11', '"11" is not a rating');
