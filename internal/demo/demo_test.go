package demo

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/sqltest"
)

// tables are the generated tables.
var tables = []string{"customers", "assets", "orders", "surveys", "interactions", "profile_changes"}

func generate(t *testing.T, opts Options) (*sqlx.DB, Summary) {
	t.Helper()
	db := sqltest.Open(t)
	s, err := Generate(context.Background(), db, opts)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	return db, s
}

// asOfArg binds $as_of for the test queries that use it.
func asOfArg(q []byte) []any {
	if bytes.Contains(q, []byte("$as_of")) {
		return []any{sql.Named("as_of", DefaultAsOf.Format(time.DateOnly))}
	}
	return nil
}

// checksums returns, per table, an md5 over every row in physical order: equal checksums mean
// the same rows in the same order.
func checksums(t *testing.T, db *sqlx.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range tables {
		var n int64
		var sum string
		// table comes from the fixed list above, never from input.
		q := "select count(*), md5(coalesce(string_agg(t::varchar, chr(10) order by rowid), '')) from " + table + " t"
		if err := db.QueryRowx(q).Scan(&n, &sum); err != nil {
			t.Fatalf("checksum %s: %v", table, err)
		}
		if n == 0 {
			t.Errorf("table %s is empty", table)
		}
		out[table] = sum
	}
	return out
}

func TestSameSeedSameData(t *testing.T) {
	opts := Options{Customers: 1500, Seed: 42}
	db1, _ := generate(t, opts)
	db2, _ := generate(t, opts)
	db3, _ := generate(t, Options{Customers: 1500, Seed: 43})
	first, second, other := checksums(t, db1), checksums(t, db2), checksums(t, db3)
	for _, table := range tables {
		if first[table] != second[table] {
			t.Errorf("seed 42 twice: %s checksums differ: %s and %s", table, first[table], second[table])
		}
		if first[table] == other[table] {
			t.Errorf("seeds 42 and 43: %s checksums are equal (%s), want different data", table, first[table])
		}
	}
}

// TestHashIsStable: the demo data is derived from DuckDB's hash(), which must not depend on the
// connection or database. (A DuckDB upgrade that changes hash() shows in the golden summary.)
func TestHashIsStable(t *testing.T) {
	const q = "select hash(xor(hash(1::bigint), 2::ubigint))"
	var got []uint64
	for range 2 {
		db := sqltest.Open(t)
		var h uint64
		if err := db.QueryRowx(q).Scan(&h); err != nil {
			t.Fatal(err)
		}
		got = append(got, h)
	}
	if got[0] != got[1] {
		t.Errorf("%s = %d and %d in two databases, want one value", q, got[0], got[1])
	}
}

// TestContractChecks runs every testdata/checks/*.sql on generated data; each returns the rows
// that break a rule of the data contract, so each must return none.
func TestContractChecks(t *testing.T) {
	db, _ := generate(t, Options{Customers: 2000, Seed: 5})
	files, err := filepath.Glob("testdata/checks/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no checks in testdata/checks: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			q, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.Queryx(string(q), asOfArg(q)...)
			if err != nil {
				t.Fatalf("run %s: %v", file, err)
			}
			defer rows.Close()
			var bad []string
			for rows.Next() {
				cols, err := rows.SliceScan()
				if err != nil {
					t.Fatal(err)
				}
				if len(bad) < 5 {
					bad = append(bad, fmt.Sprint(cols...))
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if len(bad) > 0 {
				t.Errorf("%s returned failing rows, first ones:\n%v", file, bad)
			}
		})
	}
}

// TestArchetypesExist: every kind of customer and event the demo promises is in the data.
func TestArchetypesExist(t *testing.T) {
	db, s := generate(t, Options{Customers: 5000, Seed: 11})
	t.Run("revenue skew", func(t *testing.T) { testRevenueSkew(t, db, s) })
	q, err := os.ReadFile("testdata/archetypes.sql")
	if err != nil {
		t.Fatal(err)
	}
	var got []Count
	if err := db.Select(&got, string(q), asOfArg(q)...); err != nil {
		t.Fatalf("archetypes.sql: %v", err)
	}
	if len(got) != 17 {
		t.Errorf("archetypes.sql returned %d rows, want 17", len(got))
	}
	for _, c := range got {
		if c.N == 0 {
			t.Errorf("%s: none in 5000 customers, want some", c.Name)
		}
	}

	// Every category, rating, interaction kind and profile field is used.
	var wantCategories []string
	if err := db.Select(&wantCategories, "select category from categories order by rowid"); err != nil {
		t.Fatal(err)
	}
	names := func(cs []Count) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return out
	}
	var gotCategories []string
	for _, c := range s.Categories {
		gotCategories = append(gotCategories, c.Category)
	}
	lists := []struct {
		what      string
		got, want []string
	}{
		{"categories", gotCategories, wantCategories},
		{"ratings", names(s.Ratings), []string{"very_satisfied", "satisfied", "neutral", "dissatisfied", "complaint"}},
		{"interaction kinds", names(s.Kinds), []string{"call_answered", "call_unanswered", "call_refused", "visit",
			"event_attended", "referral_made", "post", "suggestion", "membership_renewal", "email_opened", "complaint"}},
	}
	for _, l := range lists {
		if !slices.Equal(l.got, l.want) {
			t.Errorf("%s used = %v, want %v", l.what, l.got, l.want)
		}
	}
	var fields []string
	if err := db.Select(&fields, "select distinct field from profile_changes order by field"); err != nil {
		t.Fatal(err)
	}
	if want := []string{"address", "employer", "household_size", "income_band", "marital_status"}; !slices.Equal(fields, want) {
		t.Errorf("profile change fields = %v, want %v", fields, want)
	}
}

// testRevenueSkew: a minority of customers brings most revenue. The share is computed here in
// Go from per-customer revenue, independently of the summary's SQL, and compared with it.
func testRevenueSkew(t *testing.T, db *sqlx.DB, s Summary) {
	var revenue []float64
	if err := db.Select(&revenue, "select sum(amount)::double from orders group by customer_id"); err != nil {
		t.Fatal(err)
	}
	slices.Sort(revenue)
	slices.Reverse(revenue)
	top := (len(revenue) + 4) / 5 // ceil(20%)
	var all, topSum float64
	for i, r := range revenue {
		all += r
		if i < top {
			topSum += r
		}
	}
	share := topSum / all
	if share < 0.60 || share > 0.80 {
		t.Errorf("top 20%% of customers bring %.1f%% of revenue, want 60%% to 80%%", 100*share)
	}
	if diff := share - s.Top20Share; diff > 1e-9 || diff < -1e-9 {
		t.Errorf("Summary.Top20Share = %.6f, computed in Go %.6f", s.Top20Share, share)
	}
}

// TestSummaryMatchesTables: the summary's counts agree with plain counts of the tables.
func TestSummaryMatchesTables(t *testing.T) {
	db, s := generate(t, Options{Customers: 800, Seed: 9})
	got := map[string]int64{
		"customers": s.Customers, "assets": s.Assets, "orders": s.Orders, "surveys": s.Surveys,
		"interactions": s.Interactions, "profile_changes": s.ProfileChanges,
	}
	for _, table := range tables {
		var n int64
		if err := db.QueryRowx("select count(*) from " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if got[table] != n {
			t.Errorf("Summary says %d %s, the table has %d", got[table], table, n)
		}
	}
	var orders, cents int64
	for _, c := range s.Categories {
		orders += c.Orders
		cents += c.RevenueCents
	}
	if orders != s.Orders || cents != s.RevenueCents {
		t.Errorf("categories add up to %d orders and %d cents, want %d and %d", orders, cents, s.Orders, s.RevenueCents)
	}
	if s.Customers != 800 || s.Seed != 9 || !s.AsOf.Equal(DefaultAsOf) {
		t.Errorf("Summary customers, seed, as-of = %d, %d, %s; want 800, 9, %s", s.Customers, s.Seed, s.AsOf, DefaultAsOf)
	}
}

// TestGenerateReplaces: a second run replaces the first run's rows and keeps the categories.
func TestGenerateReplaces(t *testing.T) {
	db, _ := generate(t, Options{Customers: 300, Seed: 1})
	s, err := Generate(context.Background(), db, Options{Customers: 120, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if s.Customers != 120 {
		t.Errorf("after a second run: %d customers, want 120", s.Customers)
	}
	var categories int
	if err := db.QueryRowx("select count(*) from categories").Scan(&categories); err != nil {
		t.Fatal(err)
	}
	if categories != 9 {
		t.Errorf("categories has %d rows after generating, want the 9 default ones", categories)
	}
	var leftovers int
	if err := db.QueryRowx("select count(*) from orders anti join customers using (customer_id)").Scan(&leftovers); err != nil {
		t.Fatal(err)
	}
	if leftovers != 0 {
		t.Errorf("%d orders of customers from the first run are left", leftovers)
	}
}

func TestAsOf(t *testing.T) {
	asOf := time.Date(2020, time.March, 1, 15, 30, 0, 0, time.UTC) // the time of day is ignored
	_, s := generate(t, Options{Customers: 200, AsOf: asOf})
	if want := time.Date(2020, time.March, 1, 0, 0, 0, 0, time.UTC); !s.AsOf.Equal(want) {
		t.Errorf("Summary.AsOf = %s, want %s", s.AsOf, want)
	}
	if !s.LastOrder.Before(s.AsOf) || s.LastOrder.Before(s.AsOf.AddDate(0, 0, -30)) {
		t.Errorf("last order %s, want within the 30 days before %s", s.LastOrder, s.AsOf)
	}
	if want := s.AsOf.AddDate(-12, 0, 0); s.FirstOrder.Before(want) {
		t.Errorf("first order %s, want on or after %s (12 years back)", s.FirstOrder, want)
	}
}

func TestBadOptions(t *testing.T) {
	db := sqltest.Open(t)
	for _, n := range []int{-1, MaxCustomers + 1} {
		if _, err := Generate(context.Background(), db, Options{Customers: n}); err == nil {
			t.Errorf("Generate with %d customers: no error", n)
		}
	}
}

func TestSummaryGolden(t *testing.T) {
	_, s := generate(t, Options{Customers: 400, Seed: 7})
	var buf bytes.Buffer
	if err := s.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "summary.golden"), buf.Bytes())
}

func TestFormatting(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{thousands(0), "0"},
		{thousands(999), "999"},
		{thousands(1000), "1,000"},
		{thousands(-1234567), "-1,234,567"},
		{money(0), "0.00"},
		{money(5), "0.05"},
		{money(123456789), "1,234,567.89"},
		{money(-100), "-1.00"},
		{percent(1, 3), "33.3%"},
		{percent(1, 0), "0.0%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func BenchmarkGenerate10k(b *testing.B) {
	db := sqltest.Open(b)
	for b.Loop() {
		if _, err := Generate(context.Background(), db, Options{Customers: 10000}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGenerateLeavesConnectionClean: with a pool of one connection (so every query below runs on
// the connection the generator used, and a generator holding it would deadlock), no temporary
// table, macro or variable of the generator is left behind, and a second run works.
func TestGenerateLeavesConnectionClean(t *testing.T) {
	db := sqltest.Open(t)
	db.SetMaxOpenConns(1)
	for _, seed := range []int64{1, 2} {
		if _, err := Generate(context.Background(), db, Options{Customers: 50, Seed: seed}); err != nil {
			t.Fatalf("run with seed %d: %v", seed, err)
		}
	}
	const q = `select
		(select count(*) from duckdb_tables() where starts_with(table_name, 'demo_'))
		+ (select count(*) from duckdb_functions() where starts_with(function_name, 'demo_'))
		+ (select count(*) from duckdb_variables() where starts_with(name, 'demo_'))`
	var left int
	if err := db.QueryRowx(q).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("%d temporary tables, macros or variables named demo_* left on the connection, want 0", left)
	}
}
