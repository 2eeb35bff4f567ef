package reports

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
)

// builtinGoldens are the built-in reports checked against goldens on the demo
// shop of renderDB, with the queries whose csv is kept too (json has them all).
// data-quality has its own goldens on testdata/fixture.sql.
var builtinGoldens = []struct {
	report string
	csv    []string
}{
	{"overview", []string{"by_segment", "pareto"}},
	{"segments", []string{"named", "rf_grid"}},
	{"win-back", []string{"candidates"}},
	{"service-due", []string{"due"}},
	{"migration", []string{"matrix", "flows"}},
	{"upsell", []string{"customers"}},
	{"campaign-lists", []string{"summary", "members"}},
	{"value-matrix", []string{"types", "top"}},
	{"prospect-funnel", []string{"gates", "by_reason", "prospects"}},
}

// TestBuiltinReports runs every built-in report on one demo database: goldens
// in md, csv and json, the HTML structure, and cross-checks against
// computations that do not share the report's SQL.
func TestBuiltinReports(t *testing.T) {
	db := renderDB(t)
	c := builtins()

	t.Run("goldens", func(t *testing.T) {
		entries, err := c.List()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name != "data-quality" && !slices.ContainsFunc(builtinGoldens, func(g struct {
				report string
				csv    []string
			}) bool {
				return g.report == e.Name
			}) {
				t.Errorf("built-in report %s has no goldens; add it to builtinGoldens", e.Name)
			}
		}
		for _, g := range builtinGoldens {
			t.Run(g.report, func(t *testing.T) {
				out := runReport(t, db, c, g.report)
				name := filepath.Join("builtin", g.report)
				golden(t, name+".md", render(t, out, Markdown, ""))
				golden(t, name+".json", render(t, out, JSON, ""))
				for _, q := range g.csv {
					golden(t, name+"."+q+".csv", render(t, out, CSV, q))
				}
				again := runReport(t, db, c, g.report)
				if !bytes.Equal(render(t, out, JSON, ""), render(t, again, JSON, "")) {
					t.Errorf("json differs between two runs on the same data")
				}
				for _, r := range out.Results {
					if len(r.Rows) == 0 {
						t.Errorf("query %s returned no rows on the demo data; the golden would not test it", r.Name)
					}
				}
			})
		}
	})

	t.Run("html", func(t *testing.T) {
		for _, g := range builtinGoldens {
			out := runReport(t, db, c, g.report)
			doc := parsePage(t, render(t, out, HTML, ""))
			if doc.svgs == 0 || doc.svgsWithData != doc.svgs {
				t.Errorf("%s: %d charts, %d with data marks; want at least one, all with data", g.report, doc.svgs, doc.svgsWithData)
			}
			if doc.tables == 0 || doc.elements["thead"] != doc.tables {
				t.Errorf("%s: %d tables, %d with a header; want every table headed", g.report, doc.tables, doc.elements["thead"])
			}
			for _, ref := range doc.external {
				// The overview links the reports rendered beside it, nothing else.
				if g.report != "overview" || !strings.HasPrefix(ref, "a href=") || strings.Contains(ref, "/") {
					t.Errorf("%s: page references %s; only the overview may link sibling reports", g.report, ref)
				}
			}
		}
	})

	t.Run("overview pareto", func(t *testing.T) { testOverviewPareto(t, db, c) })
	t.Run("segments add up", func(t *testing.T) { testSegmentsAddUp(t, db, c) })
	t.Run("win-back params", func(t *testing.T) { testWinBackParams(t, db, c) })
	t.Run("service-due personal intervals", func(t *testing.T) { testServiceDue(t, db, c) })
	t.Run("migration", func(t *testing.T) { testMigration(t, db, c) })
	t.Run("upsell levers", func(t *testing.T) { testUpsell(t, db, c) })
	t.Run("campaign lists", func(t *testing.T) { testCampaignLists(t, db, c) })
	t.Run("value matrix", func(t *testing.T) { testValueMatrix(t, db, c) })
	t.Run("prospect funnel", func(t *testing.T) { testProspectFunnel(t, db, c) })
	t.Run("injection", func(t *testing.T) { testBuiltinInjection(t, db, c) })
}

func num(t *testing.T, v any) float64 {
	t.Helper()
	f, ok := toFloat(v)
	if !ok {
		t.Fatalf("%v (%T) is not a number", v, v)
	}
	return f
}

// testOverviewPareto recomputes the 80% point from the customers' margins,
// sorted in Go.
func testOverviewPareto(t *testing.T, db *sqlx.DB, c *Catalog) {
	var margins []float64
	if err := db.Select(&margins, "select coalesce(margin, 0)::double from rfm_v1()"); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(margins, func(a, b float64) int { return -cmpFloat(a, b) })
	total := 0.0
	for _, m := range margins {
		total += m
	}
	want, run := 0, 0.0
	for i, m := range margins {
		run += m
		if run >= 0.8*total-1e-6 {
			want = i + 1
			break
		}
	}
	out := runReport(t, db, c, "overview")
	sum, _ := out.Result("summary")
	if got := int(num(t, sum.Row["customers_for_80"])); got != want {
		t.Errorf("customers bringing 80%% of margin = %d, want %d of %d", got, want, len(margins))
	}
	if got, wantShare := num(t, sum.Row["share_for_80"]), float64(want)/float64(len(margins)); math.Abs(got-wantShare) > 1e-9 {
		t.Errorf("share_for_80 = %v, want %v", got, wantShare)
	}
	pareto, _ := out.Result("pareto")
	for _, r := range pareto.Rows {
		if r["line"] != "top customers" {
			continue
		}
		k := int(num(t, r["top_customers"]))
		s := 0.0
		for _, m := range margins[:k] {
			s += m
		}
		if got := num(t, r["margin_share"]); math.Abs(got-s/total) > 0.00005 {
			t.Errorf("margin share of the top %d customers = %v, want %.4f", k, got, s/total)
		}
	}
	segs, _ := out.Result("by_segment")
	n := 0.0
	for _, r := range segs.Rows {
		n += num(t, r["customers"])
	}
	if int(n) != len(margins) {
		t.Errorf("segments hold %v customers, want %d", n, len(margins))
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// testSegmentsAddUp checks that every scheme and the grid count each scored
// customer once.
func testSegmentsAddUp(t *testing.T, db *sqlx.DB, c *Catalog) {
	var customers int
	if err := db.Get(&customers, "select count(distinct customer_id) from orders where order_ts < (select max(order_ts)::date + 1 from orders)"); err != nil {
		t.Fatal(err)
	}
	out := runReport(t, db, c, "segments")
	for _, q := range []string{"named", "eight", "rf_grid", "crosswalk"} {
		r, _ := out.Result(q)
		n := 0.0
		for _, row := range r.Rows {
			n += num(t, row["customers"])
		}
		if int(n) != customers {
			t.Errorf("%s counts %v customers, want %d (every customer with an order)", q, n, customers)
		}
	}
	grid, _ := out.Result("rf_grid")
	if len(grid.Rows) != 25 {
		t.Errorf("R x F grid has %d cells, want 25 (5 x 5)", len(grid.Rows))
	}
}

func testWinBackParams(t *testing.T, db *sqlx.DB, c *Catalog) {
	tests := []struct {
		args     []string
		minValue float64
		limit    int
	}{
		{nil, 0, 50},
		{[]string{"min_value=20000", "limit=5"}, 20000, 5},
		{[]string{"min_value=1e9"}, 1e9, 50},
		{[]string{"as_of=2025-06-30", "limit=500"}, 0, 500},
	}
	for _, tt := range tests {
		out := runReport(t, db, c, "win-back", tt.args...)
		cands, _ := out.Result("candidates")
		offers, _ := out.Result("by_offer")
		total := 0.0
		for _, r := range offers.Rows {
			total += num(t, r["customers"])
		}
		if want := min(int(total), tt.limit); len(cands.Rows) != want {
			t.Errorf("%v: %d customers listed, want %d (all %v candidates, limit %d)", tt.args, len(cands.Rows), want, total, tt.limit)
		}
		prev := math.Inf(1)
		for _, r := range cands.Rows {
			v := num(t, r["historical_value"])
			if v < tt.minValue || v > prev {
				t.Errorf("%v: %s value %v: below min_value %v or out of order", tt.args, r["customer_id"], v, tt.minValue)
			}
			prev = v
			if r["status"] != "lost" && r["status"] != "lapsed" {
				t.Errorf("%v: %s status %v", tt.args, r["customer_id"], r["status"])
			}
			// The documented rule table (docs/reports.md#win-back), first match wins.
			want := "welcome-back gift"
			switch {
			case r["contact"] == "do_not_contact":
				want = "none: do not contact"
			case r["contact"] == "unreachable":
				want = "find a channel first"
			case r["satisfaction"] == "unsatisfied":
				want = "apology and service recovery"
			case strings.HasPrefix(r["segment_8"].(string), "important"):
				want = "exclusive VIP offer"
			}
			if r["offer"] != want {
				t.Errorf("%v: %s (contact %v, satisfaction %v, %v) offered %v, want %s", tt.args, r["customer_id"],
					r["contact"], r["satisfaction"], r["segment_8"], r["offer"], want)
			}
		}
	}
	// The demo data reaches every rule.
	out0 := runReport(t, db, c, "win-back", "limit=1000")
	offers0, _ := out0.Result("by_offer")
	classes := map[any]bool{}
	for _, r := range offers0.Rows {
		classes[r["offer"]] = true
	}
	if len(classes) != 5 {
		t.Errorf("the demo data reaches %d of the 5 offer classes: %v", len(classes), classes)
	}
	// The last purchase date matches the orders table.
	out := runReport(t, db, c, "win-back", "limit=10")
	cands, _ := out.Result("candidates")
	for _, r := range cands.Rows {
		var last time.Time
		if err := db.Get(&last, "select max(order_ts)::date from orders where customer_id = $1 and amount > 0", r["customer_id"]); err != nil {
			t.Fatal(err)
		}
		if got := r["last_order_on"].(Date).Format(time.DateOnly); got != last.Format(time.DateOnly) {
			t.Errorf("%s last_order_on = %s, want %s", r["customer_id"], got, last.Format(time.DateOnly))
		}
	}
}

// testServiceDue recomputes the personal intervals in Go: for customers with
// three or more visit days, the lower median of the gaps (DuckDB's
// quantile_disc), and checks who is listed as due.
func testServiceDue(t *testing.T, db *sqlx.DB, c *Catalog) {
	var visits []struct {
		Customer string    `db:"customer_id"`
		Day      time.Time `db:"day"`
	}
	if err := db.Select(&visits, `select distinct o.customer_id, o.order_ts::date as day from orders o
		join categories k on k.category = o.category where k.kind = 'essential' and o.amount > 0 order by 1, 2`); err != nil {
		t.Fatal(err)
	}
	var maxDay time.Time
	if err := db.Get(&maxDay, "select max(order_ts)::date from orders"); err != nil {
		t.Fatal(err)
	}
	days := map[string][]time.Time{}
	for _, v := range visits {
		days[v.Customer] = append(days[v.Customer], v.Day)
	}
	const within, overdue = 30, 30
	want := map[string]time.Time{}
	for id, ds := range days {
		if len(ds) < 3 {
			continue
		}
		var gaps []int
		for i := 1; i < len(ds); i++ {
			gaps = append(gaps, int(ds[i].Sub(ds[i-1]).Hours()/24))
		}
		slices.Sort(gaps)
		median := gaps[(len(gaps)-1)/2]
		due := ds[len(ds)-1].AddDate(0, 0, median)
		if d := int(due.Sub(maxDay).Hours() / 24); d >= -overdue && d <= within {
			want[id] = due
		}
	}
	out := runReport(t, db, c, "service-due")
	due, _ := out.Result("due")
	got := map[string]time.Time{}
	for _, r := range due.Rows {
		if r["interval_from"] == "personal" {
			got[r["customer_id"].(string)] = r["due_on"].(Date).Time
		}
	}
	for id, d := range want {
		if g, ok := got[id]; !ok || !g.Equal(d) {
			t.Errorf("customer %s: due %s by the personal interval, report says %v (listed %v)", id, d.Format(time.DateOnly), g, ok)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("customer %s listed as due by the personal interval; Go finds them not due", id)
		}
	}
	if len(want) == 0 {
		t.Fatal("no customer due by a personal interval in the demo data; the check tests nothing")
	}
	// The store filter keeps only that store's customers.
	store := due.Rows[0]["store_id"].(string)
	one := runReport(t, db, c, "service-due", "store="+store)
	r, _ := one.Result("due")
	for _, row := range r.Rows {
		if row["store_id"] != store {
			t.Errorf("store=%s listed %s of store %v", store, row["customer_id"], row["store_id"])
		}
	}
	if len(r.Rows) == 0 || len(r.Rows) >= len(due.Rows) {
		t.Errorf("store=%s: %d of %d customers, want some but not all", store, len(r.Rows), len(due.Rows))
	}
}

func testMigration(t *testing.T, db *sqlx.DB, c *Catalog) {
	out := runReport(t, db, c, "migration")
	snap, _ := out.Result("snapshots")
	matrix, _ := out.Result("matrix")
	flows, _ := out.Result("flows")
	var inBoth, union int
	if err := db.Get(&union, `select count(distinct customer_id) from score_snapshots
		where model_version = 'rfm_v1' and as_of in ($1, $2)`, snap.Row["from_date"].(Date).Time, snap.Row["to_date"].(Date).Time); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&inBoth, `select count(*) from score_snapshots a join score_snapshots b using (customer_id, model_version)
		where a.as_of = $1 and b.as_of = $2 and a.model_version = 'rfm_v1' and a.segment_named = b.segment_named`,
		snap.Row["from_date"].(Date).Time, snap.Row["to_date"].(Date).Time); err != nil {
		t.Fatal(err)
	}
	total, diagonal := 0.0, 0.0
	for _, r := range matrix.Rows {
		total += num(t, r["customers"])
		if r["stayed"] == true {
			diagonal += num(t, r["customers"])
		}
	}
	if int(total) != union || int(diagonal) != inBoth {
		t.Errorf("matrix: %v customers, %v stayed; want %d and %d", total, diagonal, union, inBoth)
	}
	stayed, net := 0.0, 0.0
	for _, r := range flows.Rows {
		stayed += num(t, r["stayed"])
		net += num(t, r["net_change"])
	}
	if int(stayed) != inBoth || int(net) != int(num(t, snap.Row["to_customers"])-num(t, snap.Row["from_customers"])) {
		t.Errorf("flows: %v stayed, net change %v; want %d and %v", stayed, net, inBoth, snap.Row)
	}
	// The eight-class scheme draws every class the customers are in on either date.
	eight := runReport(t, db, c, "migration", "scheme=segment_8_zh")
	m8, _ := eight.Result("matrix")
	if len(m8.Rows) == 0 || !strings.Contains(m8.Rows[0]["from_segment"].(string), "客户") {
		t.Errorf("segment_8_zh matrix starts with %v, want a Chinese class", m8.Rows)
	}
}

// testBuiltinInjection passes hostile text to the text parameters of the
// built-in reports: nothing matches and nothing changes.
func testBuiltinInjection(t *testing.T, db *sqlx.DB, c *Catalog) {
	before := counts(t, db)
	attack := "x'); drop table orders; --"
	for _, tt := range []struct{ report, param, query string }{
		{"service-due", "store", "due"},
		{"migration", "model", "matrix"},
		{"segments", "rules", "crosswalk"},
		{"campaign-lists", "region", "members"},
	} {
		rep, err := c.Load(tt.report)
		if err != nil {
			t.Fatal(err)
		}
		values, err := rep.Values([]string{tt.param + "=" + attack}, func() time.Time { t.Fatal("clock read"); return time.Time{} })
		if err != nil {
			t.Fatal(err)
		}
		out, err := (&Runner{DB: db}).Run(context.Background(), rep, values)
		if err != nil {
			// A rule set that does not exist names everyone Others; any error must not be from executing the text.
			t.Fatalf("%s %s=%q: %v", tt.report, tt.param, attack, err)
		}
		r, _ := out.Result(tt.query)
		for _, row := range r.Rows {
			if n, ok := row["customers"]; ok && num(t, n) > 0 && tt.report != "segments" {
				t.Errorf("%s %s=%q matched rows: %v", tt.report, tt.param, attack, row)
				break
			}
		}
		if (tt.report == "service-due" || tt.report == "campaign-lists") && len(r.Rows) != 0 {
			t.Errorf("service-due store=%q listed %d customers, want none", attack, len(r.Rows))
		}
	}
	for _, bad := range [][]string{{"scheme=segment_11"}, {"from=yesterday"}, {"colour=red"}} {
		rep, _ := c.Load("migration")
		if _, err := rep.Values(bad, time.Now); err == nil {
			t.Errorf("migration %v: no error, want a parameter error", bad)
		}
	}
	if after := counts(t, db); after != before {
		t.Errorf("row counts changed: before %s, after %s", before, after)
	}
}

// testUpsell checks each lever of the listed customers against the tables.
func testUpsell(t *testing.T, db *sqlx.DB, c *Catalog) {
	out := runReport(t, db, c, "upsell", "limit=1000")
	rows, _ := out.Result("customers")
	if len(rows.Rows) == 0 {
		t.Fatal("no customer with a lever on the demo data")
	}
	seen := map[string]bool{}
	for _, r := range rows.Rows {
		id := r["customer_id"].(string)
		levers := r["levers"].(string)
		for _, l := range strings.Split(levers, ", ") {
			seen[l] = true
		}
		var classes []string
		if err := db.Select(&classes, `select distinct coalesce(k.margin_class, '?') from orders o
			left join categories k on k.category = o.category where o.customer_id = $1 and o.amount > 0 and o.category is not null
			order by 1`, id); err != nil {
			t.Fatal(err)
		}
		lowOnly := len(classes) == 1 && classes[0] == "low"
		if got := r["low_margin_only"] == true; got != lowOnly {
			t.Errorf("%s low_margin_only = %v, but bought margin classes %v", id, got, classes)
		}
		var referrals int
		if err := db.Get(&referrals, `select count(*) from interactions where customer_id = $1 and kind = 'referral_made'
			and ts >= (select max(order_ts)::date + 1 from orders) - interval 730 day`, id); err != nil {
			t.Fatal(err)
		}
		if got := int(num(t, r["referrals"])); got != referrals {
			t.Errorf("%s referrals = %d, want %d", id, got, referrals)
		}
		if cat, ok := r["cross_sell_category"].(string); ok {
			var n int
			if err := db.Get(&n, "select count(*) from orders where customer_id = $1 and category = $2 and amount > 0", id, cat); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("%s is offered cross-sell category %s but bought it %d times", id, cat, n)
			}
		}
		if r["ticket_ratio"] != nil && strings.Contains(levers, "ticket") != (num(t, r["ticket_ratio"]) < 0.75) {
			// ticket_ratio is rounded to 2 places; only a ratio within 0.005 of the bound may disagree.
			if math.Abs(num(t, r["ticket_ratio"])-0.75) > 0.005 {
				t.Errorf("%s ticket ratio %v, levers %q", id, r["ticket_ratio"], levers)
			}
		}
	}
	for _, l := range []string{"ticket", "cross_sell", "low_margin", "referral"} {
		if !seen[l] {
			t.Errorf("no customer has the %s lever on the demo data; the lever is untested", l)
		}
		one := runReport(t, db, c, "upsell", "lever="+l, "limit=1000")
		r, _ := one.Result("customers")
		for _, row := range r.Rows {
			if !strings.Contains(row["levers"].(string), l) {
				t.Errorf("lever=%s listed %s with levers %q", l, row["customer_id"], row["levers"])
			}
		}
	}
}

// testCampaignLists rebuilds the three lists in Go from the purchases.
func testCampaignLists(t *testing.T, db *sqlx.DB, c *Catalog) {
	var orders []struct {
		Customer string    `db:"customer_id"`
		TS       time.Time `db:"order_ts"`
		Category *string   `db:"category"`
		Region   *string   `db:"region"`
	}
	if err := db.Select(&orders, `select o.customer_id, o.order_ts, o.category, c.region from orders o
		join customers c using (customer_id) where o.amount > 0`); err != nil {
		t.Fatal(err)
	}
	var asOf time.Time
	for _, o := range orders {
		if o.TS.After(asOf) {
			asOf = o.TS
		}
	}
	asOf = asOf.Truncate(24 * time.Hour)
	end := asOf.AddDate(0, 0, 1)
	type facts struct {
		first                   time.Time
		lastYear, before        int
		category, vehicle, warr bool
		region                  string
	}
	per := map[string]*facts{}
	for _, o := range orders {
		f := per[o.Customer]
		if f == nil {
			f = &facts{first: o.TS}
			per[o.Customer] = f
		}
		if o.Region != nil {
			f.region = *o.Region
		}
		if o.TS.Before(f.first) {
			f.first = o.TS
		}
		switch {
		case !o.TS.Before(end.AddDate(-1, 0, 0)):
			f.lastYear++
		case !o.TS.Before(end.AddDate(-4, 0, 0)):
			f.before++
		}
		if o.Category != nil {
			f.category = f.category || *o.Category == "insurance_renewal"
			f.vehicle = f.vehicle || *o.Category == "vehicle_purchase"
			f.warr = f.warr || *o.Category == "extended_warranty"
		}
	}
	for _, region := range []string{"", "North"} {
		want := map[string]int{}
		for _, f := range per {
			if region != "" && f.region != region {
				continue
			}
			if f.lastYear == 0 && f.before > 0 {
				want["skipped_last_year"]++
			}
			if !f.category && !f.first.Truncate(24*time.Hour).After(asOf.AddDate(-3, 0, 0)) {
				want["never_bought"]++
			}
			if f.vehicle && !f.warr {
				want["a_not_b"]++
			}
		}
		var args []string
		if region != "" {
			args = append(args, "region="+region)
		}
		out := runReport(t, db, c, "campaign-lists", args...)
		sum, _ := out.Result("summary")
		for _, r := range sum.Rows {
			list := r["list"].(string)
			if got := int(num(t, r["customers"])); got != want[list] || got == 0 {
				t.Errorf("region %q: list %s has %d customers, want %d (and some)", region, list, got, want[list])
			}
		}
	}
	out := runReport(t, db, c, "campaign-lists", "list=a_not_b", "limit=5")
	members, _ := out.Result("members")
	if len(members.Rows) != 5 {
		t.Errorf("list=a_not_b limit=5: %d members, want 5", len(members.Rows))
	}
	for _, r := range members.Rows {
		if r["list"] != "a_not_b" {
			t.Errorf("list=a_not_b shows a member of %v", r["list"])
		}
	}
}

func testValueMatrix(t *testing.T, db *sqlx.DB, c *Catalog) {
	out := runReport(t, db, c, "value-matrix")
	sum, _ := out.Result("summary")
	grid, _ := out.Result("grid")
	types, _ := out.Result("types")
	customers := num(t, sum.Row["customers"])
	if num(t, sum.Row["customers_with_potential"]) == 0 {
		t.Fatal("no customer has potential value after a CLV fit")
	}
	byType := map[any]float64{}
	total := 0.0
	for _, r := range grid.Rows {
		byType[r["customer_type"]] += num(t, r["customers"])
		total += num(t, r["customers"])
	}
	if len(grid.Rows) != 9 || total != customers {
		t.Errorf("grid: %d cells holding %v customers, want 9 holding %v", len(grid.Rows), total, customers)
	}
	for _, r := range types.Rows {
		n := num(t, r["customers"])
		if byType[r["customer_type"]] != n {
			t.Errorf("type %v: %v customers, the grid says %v", r["customer_type"], n, byType[r["customer_type"]])
		}
		if h := num(t, r["historical_high"]) + num(t, r["historical_medium"]) + num(t, r["historical_low"]); h != n {
			t.Errorf("type %v: historical levels add up to %v, want %v", r["customer_type"], h, n)
		}
	}
	var want int
	if err := db.Get(&want, "select count(*) from value_matrix_v1(as_of := date '2026-06-30') where customer_type = 'star'"); err != nil {
		t.Fatal(err)
	}
	if byType["star"] != float64(want) {
		t.Errorf("stars = %v, value_matrix_v1 on the fit day has %d", byType["star"], want)
	}
}

// testProspectFunnel checks the report against prospect_funnel_v1 and
// prospect_funnel_gates_v1 called directly, for each loyalty floor: the gates
// row for row, the funnel stages, the reasons adding up to the dropped, and the
// prospect list being exactly the customers who passed.
func testProspectFunnel(t *testing.T, db *sqlx.DB, c *Catalog) {
	type gate struct {
		Gate      int    `db:"gate"`
		Name      string `db:"name"`
		Entering  int    `db:"entering"`
		Surviving int    `db:"surviving"`
		Dropped   int    `db:"dropped"`
	}
	for _, tier := range []string{"developing", "loyal", "transactional"} {
		var want []gate
		if err := db.Select(&want, "select gate, name, entering, surviving, dropped from prospect_funnel_gates_v1(min_loyalty := $1) order by gate", tier); err != nil {
			t.Fatal(err)
		}
		var passed []string
		if err := db.Select(&passed, "select customer_id from prospect_funnel_v1(min_loyalty := $1) where passed order by customer_id", tier); err != nil {
			t.Fatal(err)
		}
		var customers int
		if err := db.Get(&customers, "select count(*) from customers"); err != nil {
			t.Fatal(err)
		}
		out := runReport(t, db, c, "prospect-funnel", "min_loyalty="+tier, "limit=100000")
		gates, _ := out.Result("gates")
		if len(gates.Rows) != len(want) || len(want) != 6 {
			t.Fatalf("%s: %d gates, prospect_funnel_gates_v1 has %d, want 6", tier, len(gates.Rows), len(want))
		}
		for i, r := range gates.Rows {
			got := gate{int(num(t, r["gate"])), r["name"].(string), int(num(t, r["entering"])), int(num(t, r["surviving"])), int(num(t, r["dropped"]))}
			if got != want[i] {
				t.Errorf("%s: gate row %d = %+v, prospect_funnel_gates_v1 says %+v", tier, i, got, want[i])
			}
		}
		if want[0].Entering != customers || want[5].Surviving != len(passed) {
			t.Errorf("%s: %d enter and %d survive, want every customer (%d) and the passed (%d)", tier,
				want[0].Entering, want[5].Surviving, customers, len(passed))
		}
		funnel, _ := out.Result("funnel")
		if len(funnel.Rows) != 7 || int(num(t, funnel.Rows[0]["customers"])) != customers {
			t.Errorf("%s: funnel %v, want 7 stages starting at %d customers", tier, funnel.Rows, customers)
		} else {
			for i, g := range want {
				if n := int(num(t, funnel.Rows[i+1]["customers"])); n != g.Surviving {
					t.Errorf("%s: funnel stage %d = %d, want %d surviving gate %s", tier, i+1, n, g.Surviving, g.Name)
				}
			}
		}
		reasons, _ := out.Result("by_reason")
		dropped := map[int]int{}
		for _, r := range reasons.Rows {
			dropped[int(num(t, r["gate"]))] += int(num(t, r["customers"]))
		}
		for _, g := range want {
			if dropped[g.Gate] != g.Dropped {
				t.Errorf("%s: reasons at gate %d add up to %d, want %d dropped", tier, g.Gate, dropped[g.Gate], g.Dropped)
			}
		}
		prospects, _ := out.Result("prospects")
		var got []string
		prev := math.Inf(1)
		for _, r := range prospects.Rows {
			got = append(got, r["customer_id"].(string))
			if v := num(t, r["historical_value"]); v > prev {
				t.Errorf("%s: %s historical value %v after %v; want highest first", tier, r["customer_id"], v, prev)
			} else {
				prev = v
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, passed) {
			t.Errorf("%s: %d prospects listed, prospect_funnel_v1 passes %d: %v vs %v", tier, len(got), len(passed), got, passed)
		}
	}
	// limit caps the list only.
	out := runReport(t, db, c, "prospect-funnel", "limit=3")
	prospects, _ := out.Result("prospects")
	if len(prospects.Rows) != 3 {
		t.Errorf("limit=3: %d prospects listed, want 3", len(prospects.Rows))
	}
	rep, err := c.Load("prospect-funnel")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rep.Values([]string{"min_loyalty=platinum"}, time.Now); err == nil {
		t.Errorf("min_loyalty=platinum: no error, want a parameter error")
	}
}
