package rfm

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/sql/sqltest"
)

// sqlRow is one row of testdata/rfm_rows.sql.
type sqlRow struct {
	Customer     string         `db:"customer_id"`
	AsOf         string         `db:"as_of"`
	Recency      sql.NullInt64  `db:"recency_days"`
	Frequency    int64          `db:"frequency"`
	Monetary     int64          `db:"monetary_cents"`
	Margin       sql.NullInt64  `db:"margin_cents"`
	FirstOrderOn sql.NullString `db:"first_order_on"`
	LastOrderOn  sql.NullString `db:"last_order_on"`
	Tenure       sql.NullInt64  `db:"tenure_days"`
	R            int64          `db:"r_score"`
	F            int64          `db:"f_score"`
	M            int64          `db:"m_score"`
	Cell         string         `db:"rfm_cell"`
	Segment8     string         `db:"segment_8"`
	Segment8ZH   string         `db:"segment_8_zh"`
	SegmentNamed string         `db:"segment_named"`
}

func sqlNullInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

func nullStr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// rfmRows runs rfm_v1 with opts, bound the way custval score binds them.
func rfmRows(t *testing.T, db *sqlx.DB, opts Options) map[string]refRow {
	t.Helper()
	q, err := os.ReadFile("testdata/rfm_rows.sql")
	if err != nil {
		t.Fatal(err)
	}
	var rows []sqlRow
	if err := db.SelectContext(context.Background(), &rows, string(q), opts.args()...); err != nil {
		t.Fatalf("rfm_v1 with %+v: %v", opts, err)
	}
	out := map[string]refRow{}
	for _, r := range rows {
		if _, dup := out[r.Customer]; dup {
			t.Fatalf("rfm_v1 returned customer %s twice", r.Customer)
		}
		out[r.Customer] = refRow{
			Customer: r.Customer, AsOf: r.AsOf, Recency: sqlNullInt(r.Recency), Frequency: r.Frequency,
			Monetary: r.Monetary, Margin: sqlNullInt(r.Margin), FirstOrderOn: nullStr(r.FirstOrderOn),
			LastOrderOn: nullStr(r.LastOrderOn), Tenure: sqlNullInt(r.Tenure), R: r.R, F: r.F, M: r.M, Cell: r.Cell,
			Segment8: r.Segment8, Segment8ZH: r.Segment8ZH, SegmentNamed: r.SegmentNamed,
		}
	}
	return out
}

func show(p any) string {
	switch v := p.(type) {
	case *int64:
		if v == nil {
			return "NULL"
		}
		return fmt.Sprint(*v)
	case *string:
		if v == nil {
			return "NULL"
		}
		return *v
	}
	return fmt.Sprint(p)
}

// diffRow lists the fields where two rows differ.
func diffRow(got, want refRow) []string {
	var d []string
	add := func(name string, g, w any) {
		if gs, ws := show(g), show(w); gs != ws {
			d = append(d, fmt.Sprintf("%s: sql %s, go %s", name, gs, ws))
		}
	}
	add("as_of", got.AsOf, want.AsOf)
	add("recency_days", got.Recency, want.Recency)
	add("frequency", got.Frequency, want.Frequency)
	add("monetary cents", got.Monetary, want.Monetary)
	add("margin cents", got.Margin, want.Margin)
	add("first_order_on", got.FirstOrderOn, want.FirstOrderOn)
	add("last_order_on", got.LastOrderOn, want.LastOrderOn)
	add("tenure_days", got.Tenure, want.Tenure)
	add("r_score", got.R, want.R)
	add("f_score", got.F, want.F)
	add("m_score", got.M, want.M)
	add("rfm_cell", got.Cell, want.Cell)
	add("segment_8", got.Segment8, want.Segment8)
	add("segment_8_zh", got.Segment8ZH, want.Segment8ZH)
	add("segment_named", got.SegmentNamed, want.SegmentNamed)
	return d
}

// requireSame fails unless the SQL and Go results hold the same customers with identical columns.
func requireSame(t *testing.T, got, want map[string]refRow) {
	t.Helper()
	var ids []string
	for id := range want {
		ids = append(ids, id)
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	bad := 0
	for _, id := range ids {
		g, inSQL := got[id]
		w, inGo := want[id]
		var msg string
		switch {
		case !inSQL:
			msg = "missing from rfm_v1"
		case !inGo:
			msg = "returned by rfm_v1 but not by the Go reference"
		default:
			if d := diffRow(g, w); len(d) > 0 {
				msg = strings.Join(d, "; ")
			}
		}
		if msg == "" {
			continue
		}
		if bad++; bad <= 10 {
			t.Errorf("customer %s: %s", id, msg)
		}
	}
	if bad > 10 {
		t.Errorf("... %d customers differ in all", bad)
	}
	if len(want) == 0 && len(got) == 0 {
		t.Log("both empty")
	}
}

// loadOrders inserts orders into the contract table.
func loadOrders(t testing.TB, db *sqlx.DB, orders []refOrder) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	stmt, err := tx.PreparexContext(ctx, `insert into orders (order_id, customer_id, order_ts, amount, cost) values ($1, $2, $3, ($4::decimal(38, 0) * 0.01)::decimal(18, 2), ($5::decimal(38, 0) * 0.01)::decimal(18, 2))`)
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	for i, o := range orders {
		id := o.ID
		if id == "" {
			id = fmt.Sprintf("o%d", i+1)
		}
		var cost any
		if o.CostKnown {
			cost = o.Cost
		}
		if _, err := stmt.ExecContext(ctx, id, o.Customer, o.TS, o.Amount, cost); err != nil {
			t.Fatalf("insert order %d: %v", i, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// readOrders reads the orders table back, for data generated inside DuckDB.
func readOrders(t testing.TB, db *sqlx.DB) []refOrder {
	t.Helper()
	rows, err := db.QueryContext(context.Background(),
		`select order_id, customer_id, order_ts, (amount * 100)::bigint, (cost * 100)::bigint from orders`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []refOrder
	for rows.Next() {
		var o refOrder
		var cost sql.NullInt64
		if err := rows.Scan(&o.ID, &o.Customer, &o.TS, &o.Amount, &cost); err != nil {
			t.Fatal(err)
		}
		o.Cost, o.CostKnown = cost.Int64, cost.Valid
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func defaultRules(t testing.TB, db *sqlx.DB, set string) []Rule {
	t.Helper()
	rules, err := LoadRules(context.Background(), db, set)
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ts(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		return date(s)
	}
	return t
}

// crossCheck loads orders into a fresh database and compares rfm_v1 with the Go reference for each option set.
func crossCheck(t *testing.T, orders []refOrder, optionSets map[string]Options) {
	t.Helper()
	db := sqltest.Open(t)
	loadOrders(t, db, orders)
	crossCheckDB(t, db, orders, optionSets)
}

func crossCheckDB(t *testing.T, db *sqlx.DB, orders []refOrder, optionSets map[string]Options) {
	t.Helper()
	names := make([]string, 0, len(optionSets))
	for name := range optionSets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		opts := optionSets[name]
		t.Run(name, func(t *testing.T) {
			want := reference(orders, opts, defaultRules(t, db, opts.withDefaults().Rules))
			got := rfmRows(t, db, opts)
			requireSame(t, got, want)
			requireEqualValuesEqualScores(t, got)
		})
	}
}

// requireEqualValuesEqualScores checks the tie rule on the SQL result alone.
func requireEqualValuesEqualScores(t *testing.T, rows map[string]refRow) {
	t.Helper()
	seen := map[string]int64{}
	check := func(dim, value string, score int64, id string) {
		key := dim + "=" + value
		if prev, ok := seen[key]; ok && prev != score {
			t.Errorf("customer %s: %s gets score %d, another customer with the same value got %d", id, key, score, prev)
		}
		seen[key] = score
	}
	for id, r := range rows {
		check("recency", show(r.Recency), r.R, id)
		check("frequency", show(r.Frequency), r.F, id)
		check("monetary", show(r.Monetary), r.M, id)
	}
}
