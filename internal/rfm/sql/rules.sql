-- One rule set of segment_rules, in the order rfm_v1 tries the rules.
select position, segment, r_min, r_max, f_min, f_max, m_min, m_max
from segment_rules
where rule_set = $rule_set
order by position, segment;
