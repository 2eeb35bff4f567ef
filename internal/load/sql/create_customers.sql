-- --create-missing-customers: add the unknown customers of rows that are otherwise good.
insert into customers (customer_id)
select distinct trim(raw_value)
from load_bad
where code = 'create' and rn not in (select rn from load_bad where code <> 'create')
