-- Surveys per rating, best first.
select rating as name, count(*) as n
from surveys
group by rating
order by list_position(['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'complaint'], rating)
