-- After the optimistic insert the only rejects are malformed records.
select count(*) from load_structural
