-- read: records the reader returned plus malformed records; rejected: distinct bad records.
select (select count(*) from load_rows) + (select count(*) from load_structural) as read,
       (select count(distinct rn) from load_bad) + (select count(*) from load_structural) as rejected
