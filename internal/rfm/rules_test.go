package rfm

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/custval/custval/sql/sqltest"
)

func TestShippedRulesAreClean(t *testing.T) {
	db := sqltest.Open(t)
	rules, err := LoadRules(context.Background(), db, "default")
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 10 {
		t.Fatalf("default rule set has %d rules, want 10", len(rules))
	}
	if w := CheckRules(rules, Grid{5, 5, 5}); len(w) != 0 {
		t.Errorf("the shipped rules on the 5x5x5 grid: warnings %q, want none", w)
	}
	// Written for five bins: on three, the top segments cannot be reached, and the checker says so.
	w := CheckRules(rules, Grid{3, 3, 3})
	if len(w) == 0 || !strings.Contains(strings.Join(w, "\n"), "rule 1 (Champions: R 4-5, F 4-5, M 4-5) matches no cell of the 3x3x3 score grid") {
		t.Errorf("the shipped rules on a 3x3x3 grid: warnings %q, want Champions reported unreachable", w)
	}
}

func TestCheckRules(t *testing.T) {
	tests := []struct {
		name  string
		rules []Rule
		grid  Grid
		want  []string
	}{
		{
			name: "shadowed, out of grid, duplicate position and gaps",
			rules: []Rule{
				{Position: 1, Segment: "A", RMin: 3, RMax: 3, FMin: 3, FMax: 3, MMin: 3, MMax: 3},
				{Position: 2, Segment: "B", RMin: 1, RMax: 3, FMin: 1, FMax: 3, MMin: 3, MMax: 3},
				{Position: 3, Segment: "C", RMin: 3, RMax: 3, FMin: 3, FMax: 3, MMin: 3, MMax: 3},
				{Position: 4, Segment: "D", RMin: 5, RMax: 5, FMin: 5, FMax: 5, MMin: 5, MMax: 5},
				{Position: 5, Segment: "F", RMin: 1, RMax: 1, FMin: 1, FMax: 1, MMin: 2, MMax: 2},
				{Position: 5, Segment: "E", RMin: 1, RMax: 1, FMin: 1, FMax: 1, MMin: 2, MMax: 2},
			},
			grid: Grid{3, 3, 3},
			want: []string{
				"E and F share position 5; they are tried in segment name order",
				"rule 3 (C: R 3-3, F 3-3, M 3-3) can never match: earlier rules take all its 1 cells: A (1)",
				"rule 4 (D: R 5-5, F 5-5, M 5-5) matches no cell of the 3x3x3 score grid",
				"rule 5 (F: R 1-1, F 1-1, M 2-2) can never match: earlier rules take all its 1 cells: E (1)",
				"17 of 27 cells of the 3x3x3 score grid match no rule and score as Others: " +
					"111, 121, 122, 131, 132, 211, 212, 221, 222, 231, 232, 311 and 5 more",
			},
		},
		{
			name: "a rule split between two earlier ones",
			rules: []Rule{
				{Position: 1, Segment: "low", RMin: 1, RMax: 2, FMin: 1, FMax: 3, MMin: 1, MMax: 3},
				{Position: 2, Segment: "high", RMin: 3, RMax: 3, FMin: 1, FMax: 3, MMin: 1, MMax: 3},
				{Position: 3, Segment: "all", RMin: 1, RMax: 3, FMin: 1, FMax: 3, MMin: 1, MMax: 3},
			},
			grid: Grid{3, 3, 3},
			want: []string{"rule 3 (all: R 1-3, F 1-3, M 1-3) can never match: earlier rules take all its 27 cells: low (18), high (9)"},
		},
		{
			name:  "ten bins name cells with dashes",
			rules: []Rule{{Position: 1, Segment: "most", RMin: 1, RMax: 10, FMin: 1, FMax: 3, MMin: 1, MMax: 3}},
			grid:  Grid{10, 3, 4},
			want: []string{"30 of 120 cells of the 10x3x4 score grid match no rule and score as Others: " +
				"1-1-4, 1-2-4, 1-3-4, 2-1-4, 2-2-4, 2-3-4, 3-1-4, 3-2-4, 3-3-4, 4-1-4, 4-2-4, 4-3-4 and 18 more"},
		},
		{
			name: "empty rule set",
			grid: Grid{5, 5, 5},
			want: []string{"the rule set has no rules: every customer's segment_named is Others"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckRules(tt.rules, tt.grid)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CheckRules =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// The classic ordering of the R package `rfm` (Champions, Loyal Customers, Potential Loyalist, New Customers,
// Promising, Need Attention, About To Sleep, At Risk, Can't Lose Them, Lost) lets At Risk take every cell of
// Can't Lose Them; the checker must catch it.
func TestCheckRulesCatchesClassicShadowing(t *testing.T) {
	seg := []string{"Champions", "Loyal Customers", "Potential Loyalist", "New Customers", "Promising",
		"Need Attention", "About To Sleep", "At Risk", "Can't Lose Them", "Lost"}
	rLo := []int{4, 2, 3, 4, 3, 2, 2, 1, 1, 1}
	rHi := []int{5, 5, 5, 5, 4, 3, 3, 2, 1, 2}
	fLo := []int{4, 3, 1, 1, 1, 2, 1, 2, 4, 1}
	fHi := []int{5, 5, 3, 1, 1, 3, 2, 5, 5, 2}
	var rules []Rule
	for i := range seg {
		rules = append(rules, Rule{Position: i + 1, Segment: seg[i], RMin: rLo[i], RMax: rHi[i],
			FMin: fLo[i], FMax: fHi[i], MMin: fLo[i], MMax: fHi[i]})
	}
	got := strings.Join(CheckRules(rules, Grid{5, 5, 5}), "\n")
	want := "rule 9 (Can't Lose Them: R 1-1, F 4-5, M 4-5) can never match: earlier rules take all its 4 cells: At Risk (4)"
	if !strings.Contains(got, want) {
		t.Errorf("warnings:\n%s\nwant a line %q", got, want)
	}
	if !strings.Contains(got, "score as Others") {
		t.Errorf("warnings:\n%s\nwant the uncovered cells reported", got)
	}
}
