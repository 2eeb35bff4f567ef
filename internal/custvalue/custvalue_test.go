package custvalue_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/demo"
	goldenfile "github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/sqltest"
)

// The small demo every test here shares: fixed seed and size, so counts are stable.
var demoAsOf = time.Date(2026, time.June, 30, 0, 0, 0, 0, time.UTC)

func demoDB(t *testing.T) *sqlx.DB {
	t.Helper()
	db := sqltest.Open(t)
	if _, err := demo.Generate(context.Background(), db, demo.Options{Customers: 300, Seed: 3, AsOf: demoAsOf}); err != nil {
		t.Fatalf("demo.Generate: %v", err)
	}
	return db
}

// Every column of customer_value_v1 is in its documented range or vocabulary (docs/customer-value.md).
func TestCustomerValueColumnsInRange(t *testing.T) {
	db := demoDB(t)
	// Computed once into a table: the checks below read it many times.
	if _, err := db.Exec(`create table cv as from customer_value_v1()`); err != nil {
		t.Fatal(err)
	}
	var customers, rows, distinct int
	if err := db.Get(&customers, `select count(*) from customers`); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`select count(*), count(distinct customer_id) from cv`).Scan(&rows, &distinct); err != nil {
		t.Fatal(err)
	}
	if rows != customers || distinct != customers {
		t.Errorf("customer_value_v1: %d rows, %d distinct customers; want %d, one per customer", rows, distinct, customers)
	}
	// Each check is a condition every row must meet; the test counts the rows that do not.
	checks := []struct{ name, ok string }{
		{"as_of", "as_of = date '2026-06-29'"},
		{"rfm scores", "(r_score between 1 and 5 and f_score between 1 and 5 and m_score between 1 and 5) or (frequency is null and r_score is null)"},
		{"refunds", "refunds >= 0"},
		{"serve_cost", "serve_cost >= 0"},
		{"net_value", "net_value is not distinct from margin - serve_cost"},
		{"growth", "growth is null or growth >= -1 or margin_12m < 0"},
		{"value_class", "value_class in ('most_valuable', 'most_growth', 'maintain', 'negative') or margin is null"},
		{"negative", "(value_class = 'negative') = (net_value < 0) or margin is null"},
		{"surveys", "surveys >= 0"},
		{"satisfaction_index", "satisfaction_index between 0 and 100 or (satisfaction_index is null and surveys = 0)"},
		{"satisfaction_level", "satisfaction_level in ('satisfied', 'neutral', 'unsatisfied', 'unknown')"},
		{"unknown satisfaction", "(satisfaction_level = 'unknown') = (surveys = 0)"},
		{"discretionary_share", "discretionary_share between 0 and 1 or (discretionary_share is null and frequency is null)"},
		{"loyalty_score", "loyalty_score between 0 and 100 or (loyalty_score is null and frequency is null)"},
		{"loyalty_tier", "loyalty_tier in ('loyal', 'developing', 'transactional', 'unknown')"},
		{"contact_closeness", "contact_closeness in ('unreachable', 'do_not_contact', 'cold', 'official', 'close')"},
		{"typical_interval_days", "typical_interval_days is null or typical_interval_days >= 1"},
		{"category_norm_days", "category_norm_days is null or category_norm_days >= 1"},
		{"lifecycle_stage", "lifecycle_stage in ('new', 'active', 'at_risk', 'lapsed', 'lost') or frequency is null"},
		{"asset_age_years", "asset_age_years >= 0 or asset_id is null"},
		{"major_spend_12m", "major_spend_12m is not null"},
		{"replacement_readiness", "replacement_readiness in ('not_yet', 'window_open', 'overdue', 'recently_renewed') or asset_id is null"},
		{"window", "(replacement_readiness = 'not_yet') = (asset_age_years < 5) or asset_id is null"},
		{"life_changes", "list_has_all(['moved', 'income_up', 'income_down', 'married', 'marriage_ended', 'new_child', 'job_change'], life_changes)"},
		{"flags agree", "len(life_changes) = moved::int + income_up::int + income_down::int + married::int + marriage_ended::int + new_child::int + job_change::int"},
		{"summary", "(life_change_summary is null) = (len(life_changes) = 0) or (len(life_changes) = 0 and life_change_summary is not null)"},
		{"income not both", "not (income_up and income_down)"},
	}
	for _, c := range checks {
		var bad int
		if err := db.Get(&bad, `select count(*) from cv where not coalesce(`+c.ok+`, false)`); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if bad > 0 {
			t.Errorf("%s: %d rows fail %q", c.name, bad, c.ok)
		}
	}
	// Every class occurs on the demo, so a column stuck on one value fails.
	for _, col := range []string{"value_class", "satisfaction_level", "loyalty_tier", "contact_closeness", "lifecycle_stage", "replacement_readiness"} {
		var n int
		if err := db.Get(&n, `select count(distinct `+col+`) from cv`); err != nil {
			t.Fatal(err)
		}
		if n < 3 {
			t.Errorf("%s takes %d distinct values on the demo, want at least 3", col, n)
		}
	}
	var changed int
	if err := db.Get(&changed, `select count(*) from cv where moved or income_down or married or new_child`); err != nil {
		t.Fatal(err)
	}
	if changed == 0 {
		t.Errorf("no customer has a life change in the last 24 months of the demo")
	}
}

// customer_value_v1 agrees with rfm_v1 on the RFM columns and on margin, where rfm_v1 has the customer.
func TestCustomerValueMatchesRFM(t *testing.T) {
	db := demoDB(t)
	var diff int
	err := db.Get(&diff, `
		select count(*) from customer_value_v1() v
		full join rfm_v1() r using (customer_id)
		where v.customer_id is null
		    or (r.customer_id is not null and (v.r_score, v.f_score, v.m_score, v.segment_named, v.monetary)
		        is distinct from (r.r_score, r.f_score, r.m_score, r.segment_named, r.monetary))
		    or (r.customer_id is not null and abs(v.margin - r.margin::double) > 0.005)`)
	if err != nil {
		t.Fatal(err)
	}
	if diff != 0 {
		t.Errorf("%d customers differ between customer_value_v1 and rfm_v1", diff)
	}
}

// Bad arguments fail with a message naming the argument.
func TestCustomerValueBadArguments(t *testing.T) {
	db := sqltest.Open(t)
	for _, tt := range []struct{ query, want string }{
		{`from customer_value_v1(as_of := date '2026-01-01', change_months := 0)`, "change_months must be at least 1"},
		{`from customer_value_v1(as_of := date '2026-01-01', valuable_quantile := 1.5)`, "valuable_quantile must be between 0 and 1"},
		{`from prospect_funnel_v1(as_of := date '2026-01-01', min_loyalty := 'gold')`, "min_loyalty must be"},
		{`from prospect_funnel_v1(as_of := date '2026-01-01', negative_changes := ['bankrupt'])`, "negative_changes must list"},
	} {
		if _, err := db.Exec(`insert into customers (customer_id) values ('x')`); err != nil {
			t.Fatal(err)
		}
		_, err := db.Exec(tt.query)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tt.query, err, tt.want)
		}
	}
}

// golden compares got with testdata/name, or rewrites it under -update (`make golden`).
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got))
}
