package cli

import (
	"strings"
	"testing"
)

// custval score fills the customer value columns of the snapshot it wrote, equal to customer_value_v1 that day.
func TestScoreAddsCustomerValue(t *testing.T) {
	db := tempDB(t)
	if _, stderr, code := run(t, "", "demo", "--db", db, "--customers", "60", "--seed", "3"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	_, stderr, code := run(t, "", "score", "--db", db, "--as-of", "2026-06-29", "--format", "csv")
	if code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "added customer value (customer_value_v1) to ") {
		t.Errorf("stderr = %q, want the customer value step reported", stderr)
	}
	out, stderr, code := run(t, "", "query", "--db", db, "--format", "csv", `
		select count(*) as scored,
		    count(*) filter (s.value_class is not distinct from v.value_class::varchar
		        and s.loyalty_tier = v.loyalty_tier::varchar and s.contact_closeness = v.contact_closeness::varchar
		        and s.replacement_readiness is not distinct from v.replacement_readiness::varchar) as matching
		from score_snapshots s join customer_value_v1(date '2026-06-29') v using (customer_id)
		where s.as_of = date '2026-06-29' and s.model_version = 'rfm_v1'`)
	if code != exitOK {
		t.Fatalf("query: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("query output = %q", out)
	}
	scored, matching, _ := strings.Cut(lines[1], ",")
	if scored == "0" || scored != matching {
		t.Errorf("snapshot rows %s, matching customer_value_v1 %s; want all, and some", scored, matching)
	}
}
