insert into assets
select asset_id, customer_id, brand, model, demo_date(purchased_day) as purchased_on, price
from demo_assets
