package txn

import (
	"context"
	"database/sql"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/jmoiron/sqlx"
)

// Contexts that end around the time BEGIN runs never leave the one pooled
// connection inside a transaction. BeginTxx under such a context did, about
// once in a hundred tries (duckdb-go v2.10506.0).
func TestCancelledBeginLeavesNoTransaction(t *testing.T) {
	db := sqlx.MustOpen("duckdb", "")
	defer db.Close()
	db.SetMaxOpenConns(1) // every try and every check uses the same connection
	ctx := context.Background()
	for i := range 3000 {
		after := time.Duration(i%100) * 3 * time.Microsecond
		cctx, cancel := context.WithTimeout(ctx, after)
		tx, err := Beginx(cctx, db)
		if err == nil {
			if _, err := tx.ExecContext(cctx, `select 1`); err == nil {
				err = tx.Commit()
			}
			tx.Rollback() //nolint:errcheck // no-op after commit
		}
		cancel()
		var one int
		if err := db.GetContext(ctx, &one, `select 1`); err != nil {
			t.Fatalf("try %d, context ending after %v: the connection is left unusable: %v", i, after, err)
		}
		// A transaction left open would make this BEGIN fail.
		tx, err = Beginx(ctx, db)
		if err != nil {
			t.Fatalf("try %d, context ending after %v: begin on the same connection: %v", i, after, err)
		}
		tx.Rollback() //nolint:errcheck // only checking that BEGIN works
	}
}

func TestBeginOnADoneContextStartsNothing(t *testing.T) {
	db := sqlx.MustOpen("duckdb", "")
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Beginx(ctx, db); err != context.Canceled {
		t.Errorf("Beginx on a cancelled context: err = %v, want context.Canceled", err)
	}
	if _, err := Begin(ctx, db.DB); err != context.Canceled {
		t.Errorf("Begin on a cancelled context: err = %v, want context.Canceled", err)
	}
	var s *sql.DB = db.DB
	tx, err := Begin(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
}
