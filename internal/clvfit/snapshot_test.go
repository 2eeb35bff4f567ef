package clvfit

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestAddToSnapshot(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	asOf := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	if _, err := db.ExecContext(ctx, `insert into score_snapshots (as_of, customer_id, model_version)
		select date '2026-03-31', customer_id, 'rfm_v1' from customers where customer_id <> 'd'`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AddToSnapshot(ctx, tx, asOf, "rfm_v1"); !errors.Is(err, ErrNoModel) {
		t.Errorf("without a model: err = %v, want ErrNoModel", err)
	}
	tx.Rollback() //nolint:errcheck

	id := insertModel(t, db, 1, 1, "bgnbd", "2026-03-31", bgParams, true)
	insertModel(t, db, 1, 2, "gammagamma", "2026-03-31", ggParams, true)
	if tx, err = db.BeginTxx(ctx, nil); err != nil {
		t.Fatal(err)
	}
	n, err := AddToSnapshot(ctx, tx, asOf, "rfm_v1")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("updated %d snapshot rows, want 5 (a, b, c, e, f)", n)
	}
	// Every CLV column equals clv_v2 / value_matrix_v1; e (refunds only) has a type but no CLV.
	var mismatches []string
	if err := db.SelectContext(ctx, &mismatches, `
		select s.customer_id
		from score_snapshots s
		join value_matrix_v1(date '2026-03-31') v using (customer_id)
		left join clv_v2(date '2026-03-31') c using (customer_id)
		where s.customer_type is distinct from v.customer_type
			or s.clv_model_id is distinct from c.model_id or s.p_alive is distinct from c.p_alive
			or s.expected_purchases_12m is distinct from c.expected_purchases_12m
			or s.expected_spend is distinct from c.expected_spend or s.clv_12m is distinct from c.clv_12m
			or s.clv_basis is distinct from c.clv_basis
			or s.p_purchase_90d is distinct from c.p_purchase_90d or s.p_purchase_12m is distinct from c.p_purchase_12m
			or (s.customer_id <> 'e' and not s.p_purchase_90d between 0 and s.p_purchase_12m)
			or (s.customer_id = 'e') <> (s.clv_model_id is null)
			or (s.customer_id <> 'e' and s.clv_model_id <> $1)`, id); err != nil {
		t.Fatal(err)
	}
	if len(mismatches) > 0 {
		t.Errorf("snapshot rows differ from clv_v2 / value_matrix_v1 for %v", mismatches)
	}
}
