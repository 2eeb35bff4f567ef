-- pointer: rfm -> rfm_v1
--
-- Ad-hoc queries use the pointer; recurring reports pin a version. The pointer moves to a new version in a
-- migration of its own, so the switch shows in review (docs/views.md).

create macro rfm(
    as_of := null, months := null, k := 5,
    r_bins := null, f_bins := null, m_bins := null,
    r_cuts := null, f_cuts := null, m_cuts := null,
    statistic := 'mean', rules := 'default'
) as table
from rfm_v1(
    as_of := as_of, months := months, k := k,
    r_bins := r_bins, f_bins := f_bins, m_bins := m_bins,
    r_cuts := r_cuts, f_cuts := f_cuts, m_cuts := m_cuts,
    statistic := statistic, rules := rules);
