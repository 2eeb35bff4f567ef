update load_structural s
set blank_before = b.n
from (select unnest($lines::bigint[]) as line, unnest($blanks::bigint[]) as n) as b
where s.line = b.line
