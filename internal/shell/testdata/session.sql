-- A scripted session: every line goes through the shell as if typed.
.help
create temp table shop(id integer, name varchar, amount decimal(10, 2), note varchar);
insert into shop values
  (1, 'Ann', 12.50, 'semicolon; inside'),
  (2, 'Bo', null, 'it''s'),
  (3, 'Cy', 7.25, $$dollar; quoted$$);
select id, name, amount /* a ; in a comment */
from shop
-- and ; in a line comment
order by id;
select 1 as a; select 2 as b;
.mode line
select * from shop where id = 1;
.mode csv
select id, note from shop order by id;
.mode json
select id, amount from shop order by id;
.mode markdown
select name, amount from shop order by id;
.mode table
.maxrows 2
select * from range(5) t(n);
.maxrows 40
.maxwidth 30
select 'a rather long value that will not fit' as wide, 42 as n;
.maxwidth 0
.mode
.mode box
.schema shop
select * from missing_table;
select 'after an error';
.mode nonsense
.timer maybe
.frobnicate
select count(*) as n
from shop
where amount is not null;
