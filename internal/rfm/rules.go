package rfm

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Rule is one row of segment_rules: a segment for the cells whose scores lie in all three inclusive ranges.
type Rule struct {
	Position int    `db:"position"`
	Segment  string `db:"segment"`
	RMin     int    `db:"r_min"`
	RMax     int    `db:"r_max"`
	FMin     int    `db:"f_min"`
	FMax     int    `db:"f_max"`
	MMin     int    `db:"m_min"`
	MMax     int    `db:"m_max"`
}

// Covers reports whether the rule matches the cell (r, f, m).
func (r Rule) Covers(rs, fs, ms int) bool {
	return r.RMin <= rs && rs <= r.RMax && r.FMin <= fs && fs <= r.FMax && r.MMin <= ms && ms <= r.MMax
}

func (r Rule) String() string {
	return fmt.Sprintf("rule %d (%s: R %d-%d, F %d-%d, M %d-%d)", r.Position, r.Segment, r.RMin, r.RMax, r.FMin, r.FMax, r.MMin, r.MMax)
}

// LoadRules reads one rule set of segment_rules in the order rfm_v1 tries it.
func LoadRules(ctx context.Context, db sqlx.QueryerContext, ruleSet string) ([]Rule, error) {
	var rules []Rule
	if err := sqlx.SelectContext(ctx, db, &rules, mustSQL("rules.sql"), sql.Named("rule_set", ruleSet)); err != nil {
		return nil, fmt.Errorf("read segment rules %q: %w", ruleSet, err)
	}
	return rules, nil
}

// maxListedCells bounds how many uncovered cells a warning names.
const maxListedCells = 12

// CheckRules evaluates a rule set over every cell of the score grid the way rfm_v1 does (rules in position
// order, equal positions by segment name, first match wins) and returns warnings: duplicate positions, rules
// that match no cell of the grid, rules that can never match because earlier rules take all their cells, and
// cells no rule covers, which score as Others. A clean rule set returns none.
func CheckRules(rules []Rule, g Grid) []string {
	rules = append([]Rule(nil), rules...)
	sort.SliceStable(rules, func(i, j int) bool {
		if rules[i].Position != rules[j].Position {
			return rules[i].Position < rules[j].Position
		}
		return rules[i].Segment < rules[j].Segment
	})
	var warnings []string
	if len(rules) == 0 {
		return []string{"the rule set has no rules: every customer's segment_named is Others"}
	}
	for i := 1; i < len(rules); i++ {
		if rules[i].Position == rules[i-1].Position {
			warnings = append(warnings, fmt.Sprintf("%s and %s share position %d; they are tried in segment name order",
				rules[i-1].Segment, rules[i].Segment, rules[i].Position))
		}
	}

	covered := make([]int, len(rules))         // cells of the grid each rule covers
	won := make([]int, len(rules))             // cells each rule is the first match for
	takenBy := make([]map[int]int, len(rules)) // for each rule, the earlier rules that took its cells, with counts
	var uncovered []string
	cells := 0
	for rs := 1; rs <= g.R; rs++ {
		for fs := 1; fs <= g.F; fs++ {
			for ms := 1; ms <= g.M; ms++ {
				cells++
				first := -1
				for i, r := range rules {
					if !r.Covers(rs, fs, ms) {
						continue
					}
					covered[i]++
					if first < 0 {
						first = i
						won[i]++
						continue
					}
					if takenBy[i] == nil {
						takenBy[i] = map[int]int{}
					}
					takenBy[i][first]++
				}
				if first < 0 {
					uncovered = append(uncovered, cellName(rs, fs, ms, g))
				}
			}
		}
	}
	for i, r := range rules {
		switch {
		case covered[i] == 0:
			warnings = append(warnings, fmt.Sprintf("%s matches no cell of the %s score grid", r, g))
		case won[i] == 0:
			var by []string
			for j := range rules[:i] {
				if n := takenBy[i][j]; n > 0 {
					by = append(by, fmt.Sprintf("%s (%d)", rules[j].Segment, n))
				}
			}
			warnings = append(warnings, fmt.Sprintf("%s can never match: earlier rules take all its %d cells: %s",
				r, covered[i], strings.Join(by, ", ")))
		}
	}
	if len(uncovered) > 0 {
		list := uncovered
		more := ""
		if len(list) > maxListedCells {
			list, more = list[:maxListedCells], fmt.Sprintf(" and %d more", len(uncovered)-maxListedCells)
		}
		warnings = append(warnings, fmt.Sprintf("%d of %d cells of the %s score grid match no rule and score as Others: %s%s",
			len(uncovered), cells, g, strings.Join(list, ", "), more))
	}
	return warnings
}

// cellName writes a cell as rfm_cell does: "534", or "10-5-3" when a dimension has 10 bins.
func cellName(r, f, m int, g Grid) string {
	if max(g.R, g.F, g.M) >= 10 {
		return fmt.Sprintf("%d-%d-%d", r, f, m)
	}
	return fmt.Sprintf("%d%d%d", r, f, m)
}
