select count(*) filter (where known is not null), count(*) from load_categories
