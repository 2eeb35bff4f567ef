package migrate

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"testing/fstest"

	_ "github.com/duckdb/duckdb-go/v2"
)

func openDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func files() fstest.MapFS {
	return fstest.MapFS{
		"0001_a.sql": {Data: []byte("create table a (x integer);")},
		"0002_b.sql": {Data: []byte("create table b (y integer); insert into b values (1);")},
	}
}

func TestUpAppliesThenIsNoOp(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	applied, err := Up(ctx, db, files())
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 2 || applied[0].Name != "0001_a.sql" || applied[1].Name != "0002_b.sql" {
		t.Fatalf("applied = %+v, want 0001_a.sql then 0002_b.sql", applied)
	}
	again, err := Up(ctx, db, files())
	if err != nil || len(again) != 0 {
		t.Fatalf("second Up applied %d, err %v; want 0, nil", len(again), err)
	}
	var n int
	if err := db.QueryRow("select count(*) from b").Scan(&n); err != nil || n != 1 {
		t.Errorf("rows in b = %d (err %v), want 1: a re-run must not re-apply", n, err)
	}
}

func TestEditedMigrationIsRefused(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if _, err := Up(ctx, db, files()); err != nil {
		t.Fatal(err)
	}
	edited := files()
	edited["0001_a.sql"] = &fstest.MapFile{Data: []byte("create table a (x bigint);")}
	_, err := Up(ctx, db, edited)
	if !errors.Is(err, ErrChecksumMismatch) {
		t.Fatalf("Up with an edited file: err = %v, want ErrChecksumMismatch", err)
	}
	if got := err.Error(); got != "0001_a.sql changed after it was applied (checksum mismatch); add a new migration instead of editing a published one" {
		t.Errorf("message = %q", got)
	}
}

func TestFailedMigrationLeavesNothing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	fsys := files()
	fsys["0003_bad.sql"] = &fstest.MapFile{Data: []byte("create table c (z integer); select * from no_such_table;")}
	_, err := Up(ctx, db, fsys)
	var partial *PartialError
	if !errors.As(err, &partial) || partial.Failed.Name != "0003_bad.sql" || len(partial.Applied) != 2 {
		t.Fatalf("err = %v, want a PartialError failing at 0003 after 2 applied", err)
	}
	var n int
	if err := db.QueryRow("select count(*) from duckdb_tables() where table_name = 'c'").Scan(&n); err != nil || n != 0 {
		t.Errorf("table c exists after its migration failed (n=%d, err=%v)", n, err)
	}
	if err := db.QueryRow("select count(*) from schema_version").Scan(&n); err != nil || n != 2 {
		t.Errorf("schema_version rows = %d, want 2", n)
	}
}

func TestCollectRejectsBadNames(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want error
	}{
		{"no number", fstest.MapFS{"init.sql": {}}, ErrBadName},
		{"short number", fstest.MapFS{"1_init.sql": {}}, ErrBadName},
		{"duplicate", fstest.MapFS{"0001_a.sql": {}, "0001_b.sql": {}}, ErrDuplicateVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Collect(tt.fsys); !errors.Is(err, tt.want) {
				t.Errorf("Collect: err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestUnknownAppliedVersionIsRefused(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if _, err := Up(ctx, db, files()); err != nil {
		t.Fatal(err)
	}
	older := fstest.MapFS{"0001_a.sql": files()["0001_a.sql"]}
	if _, err := Up(ctx, db, older); !errors.Is(err, ErrUnknownVersion) {
		t.Errorf("Up with an older binary: err = %v, want ErrUnknownVersion", err)
	}
}
