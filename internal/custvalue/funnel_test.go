package custvalue_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/custval/custval/internal/custvalue"
	"github.com/custval/custval/sql/sqltest"
)

type gateRow struct {
	Gate      int    `db:"gate"`
	Name      string `db:"name"`
	Entering  int64  `db:"entering"`
	Surviving int64  `db:"surviving"`
	Dropped   int64  `db:"dropped"`
}

// On the demo, prospect_funnel_gates_v1 equals an independent count in plain SQL (testdata/independent_gates.sql),
// the gates chain (entering - dropped = surviving, surviving feeds the next gate), and the final list is the survivors.
func TestFunnelGatesOnDemo(t *testing.T) {
	db := demoDB(t)
	const asOf = "2026-06-29" // the demo's latest order day, the default as_of
	var gates []gateRow
	if err := db.Select(&gates, `select * from prospect_funnel_gates_v1(as_of := $1::date)`, asOf); err != nil {
		t.Fatal(err)
	}
	if len(gates) != 6 {
		t.Fatalf("got %d gates, want 6", len(gates))
	}
	indep, err := os.ReadFile("testdata/independent_gates.sql")
	if err != nil {
		t.Fatal(err)
	}
	var want []struct {
		Gate      int   `db:"gate"`
		Surviving int64 `db:"surviving"`
	}
	if err := db.Select(&want, string(indep), sql.Named("as_of", asOf)); err != nil {
		t.Fatalf("independent count: %v", err)
	}
	var customers int64
	if err := db.Get(&customers, `select count(*) from customers`); err != nil {
		t.Fatal(err)
	}
	for i, g := range gates {
		if g.Gate != i+1 {
			t.Errorf("row %d: gate %d, want %d", i, g.Gate, i+1)
		}
		if g.Entering-g.Dropped != g.Surviving {
			t.Errorf("gate %d %s: entering %d - dropped %d != surviving %d", g.Gate, g.Name, g.Entering, g.Dropped, g.Surviving)
		}
		enteringWant := customers
		if i > 0 {
			enteringWant = gates[i-1].Surviving
		}
		if g.Entering != enteringWant {
			t.Errorf("gate %d %s: entering %d, want %d", g.Gate, g.Name, g.Entering, enteringWant)
		}
		if g.Surviving != want[i].Surviving {
			t.Errorf("gate %d %s: surviving %d, independent count %d", g.Gate, g.Name, g.Surviving, want[i].Surviving)
		}
		if g.Dropped == 0 {
			t.Errorf("gate %d %s drops nobody on the demo; the check cannot fail there", g.Gate, g.Name)
		}
	}
	// The final list is exactly the customers who pass every gate, one row per customer.
	var rows, passed, distinct int64
	var badReason int64
	if err := db.QueryRow(`select count(*), count(*) filter (passed), count(distinct customer_id),
		    count(*) filter (as_of is null or passed <> (failed_gate is null) or (reason is null) <> passed or failed_gate_name is null <> passed)
		from prospect_funnel_v1(as_of := $1::date)`, asOf).Scan(&rows, &passed, &distinct, &badReason); err != nil {
		t.Fatal(err)
	}
	if rows != customers || distinct != customers {
		t.Errorf("prospect_funnel_v1: %d rows, %d distinct customers, want %d", rows, distinct, customers)
	}
	if passed != gates[5].Surviving {
		t.Errorf("prospect_funnel_v1: %d passed, gate 6 surviving %d", passed, gates[5].Surviving)
	}
	if badReason != 0 {
		t.Errorf("%d rows where passed, failed_gate, failed_gate_name and reason disagree", badReason)
	}

	var b strings.Builder
	b.WriteString("gate\tname\tentering\tsurviving\tdropped\n")
	for _, g := range gates {
		fmt.Fprintf(&b, "%d\t%s\t%d\t%d\t%d\n", g.Gate, g.Name, g.Entering, g.Surviving, g.Dropped)
	}
	golden(t, "funnel_gates_demo300_seed3.golden", b.String())
}

// Each hand-made customer falls at the gate it was built for, with that reason.
func TestFunnelFixture(t *testing.T) {
	db := sqltest.Open(t)
	fixture, err := os.ReadFile("testdata/fixture.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(fixture)); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	tests := []struct {
		customer string
		gate     sql.NullInt64
		reason   string // a part of the reason
	}{
		{"F0_PASS", sql.NullInt64{}, ""},
		{"F1_YOUNG", sql.NullInt64{Int64: 1, Valid: true}, "2.1 years old"},
		{"F2_UNREACH", sql.NullInt64{Int64: 2, Valid: true}, "unreachable"},
		{"F3_UNSAT", sql.NullInt64{Int64: 3, Valid: true}, "unsatisfied"},
		{"F4_REPAIRS", sql.NullInt64{Int64: 4, Valid: true}, "transactional"},
		{"F5_BIGREPAIR", sql.NullInt64{Int64: 5, Valid: true}, "5000.00 spent on repair"},
		{"F6_INCOME", sql.NullInt64{Int64: 6, Valid: true}, "income_down"},
	}
	for _, tt := range tests {
		t.Run(tt.customer, func(t *testing.T) {
			var gate sql.NullInt64
			var reason sql.NullString
			var passed bool
			err := db.QueryRow(`select failed_gate, reason, passed from prospect_funnel_v1(as_of := date '2026-06-30')
				where customer_id = $1`, tt.customer).Scan(&gate, &reason, &passed)
			if err != nil {
				t.Fatal(err)
			}
			if gate != tt.gate || passed != !tt.gate.Valid {
				t.Errorf("failed_gate = %v (passed %v), want %v", gate, passed, tt.gate)
			}
			if !strings.Contains(reason.String, tt.reason) || reason.Valid == passed {
				t.Errorf("reason = %q, want it to contain %q", reason.String, tt.reason)
			}
		})
	}
	// A parameter moves a customer: requiring loyal drops nobody here who is developing, and dropping income_up
	// as a "negative" change removes F0_PASS at gate 6.
	var gate sql.NullInt64
	if err := db.Get(&gate, `select failed_gate from prospect_funnel_v1(as_of := date '2026-06-30',
		negative_changes := ['income_up']) where customer_id = 'F0_PASS'`); err != nil {
		t.Fatal(err)
	}
	if gate.Int64 != 6 {
		t.Errorf("with negative_changes := ['income_up'], F0_PASS failed_gate = %v, want 6", gate)
	}
	var tier string
	if err := db.Get(&tier, `select loyalty_tier from customer_value_v1(as_of := date '2026-06-30') where customer_id = 'F0_PASS'`); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&gate, `select failed_gate from prospect_funnel_v1(as_of := date '2026-06-30',
		min_loyalty := 'loyal') where customer_id = 'F0_PASS'`); err != nil {
		t.Fatal(err)
	}
	if wantFail := tier != "loyal"; gate.Valid != wantFail {
		t.Errorf("F0_PASS tier %s with min_loyalty := 'loyal': failed_gate = %v", tier, gate)
	}
}

// AddToSnapshot fills the customer value columns of a snapshot's rows from customer_value_v1.
func TestAddToSnapshot(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // test cleanup
	if _, err := tx.Exec(`insert into score_snapshots (as_of, customer_id, model_version)
		select date '2026-06-29', customer_id, 'rfm_v1' from customers`); err != nil {
		t.Fatal(err)
	}
	n, err := custvalue.AddToSnapshot(ctx, tx, demoAsOf.AddDate(0, 0, -1), "rfm_v1")
	if err != nil {
		t.Fatal(err)
	}
	var customers, differ int64
	if err := tx.Get(&customers, `select count(*) from customers`); err != nil {
		t.Fatal(err)
	}
	if n != customers {
		t.Errorf("AddToSnapshot updated %d rows, want %d", n, customers)
	}
	if err := tx.Get(&differ, `select count(*) from score_snapshots s join customer_value_v1(as_of := date '2026-06-29') v using (customer_id)
		where (s.value_class, s.loyalty_tier, s.contact_closeness, s.lifecycle_stage, s.replacement_readiness, s.satisfaction_level, s.serve_cost)
		    is distinct from (v.value_class::varchar, v.loyalty_tier::varchar, v.contact_closeness::varchar, v.lifecycle_stage::varchar,
		        v.replacement_readiness::varchar, v.satisfaction_level::varchar, v.serve_cost)`); err != nil {
		t.Fatal(err)
	}
	if differ != 0 {
		t.Errorf("%d snapshot rows differ from customer_value_v1", differ)
	}
}
