select nextval('clv_run_id_seq') as run_id
