delete from load_bad where code = 'create'
