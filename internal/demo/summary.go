package demo

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Summary describes the data in the contract tables; `custval demo` prints it.
// Money is in cents, shares are fractions in [0, 1].
type Summary struct {
	Seed int64     // the generator's seed; 0 when the summary was read from a database alone
	AsOf time.Time // the day the data ends

	Customers, Orders, Assets, Surveys, Interactions, ProfileChanges int64

	FirstOrder, LastOrder time.Time // zero without orders
	RevenueCents          int64     // net of refunds
	Refunds               int64     // orders with a negative amount
	RefundCents           int64     // their sum, negative
	CostedOrders          int64     // orders with a cost
	Margin                float64   // 1 - cost/amount over orders with a cost
	LargeRepairs          int64     // repair orders over 3,000
	OldestVehicle         time.Time // earliest assets.purchased_on; zero without assets
	Categories            []CategoryTotal

	Buyers         int64   // customers with at least one order
	Top20Share     float64 // share of revenue brought by the top 20% of buyers
	Discretionary  int64   // buyers with a discretionary purchase (see categories)
	EssentialOnly  int64   // buyers with essential categories only
	Churned        int64   // buyers whose last order is more than 2 years before AsOf
	New            int64   // buyers whose first order is in the 6 months before AsOf
	Unreachable    int64   // customers with an invalid phone and no answered call
	DoNotContact   int64   // customers flagged do_not_contact
	UnhappySurveys int64   // customers with 10+ surveys, at least half neutral or worse

	Ratings []Count // surveys per rating, best first
	Kinds   []Count // interactions per kind, in the data contract's order
}

// CategoryTotal is the orders and net revenue of one category.
type CategoryTotal struct {
	Category     string `db:"category"`
	Orders       int64  `db:"orders"`
	RevenueCents int64  `db:"revenue_cents"`
}

// Count is a number of rows with one value.
type Count struct {
	Name string `db:"name"`
	N    int64  `db:"n"`
}

type totalsRow struct {
	Customers      int64        `db:"customers"`
	Orders         int64        `db:"orders"`
	Assets         int64        `db:"assets"`
	Surveys        int64        `db:"surveys"`
	Interactions   int64        `db:"interactions"`
	ProfileChanges int64        `db:"profile_changes"`
	FirstOrder     sql.NullTime `db:"first_order"`
	LastOrder      sql.NullTime `db:"last_order"`
	RevenueCents   int64        `db:"revenue_cents"`
	Refunds        int64        `db:"refunds"`
	RefundCents    int64        `db:"refund_cents"`
	CostedOrders   int64        `db:"costed_orders"`
	Margin         float64      `db:"margin"`
	LargeRepairs   int64        `db:"large_repairs"`
	OldestVehicle  sql.NullTime `db:"oldest_vehicle"`
	Buyers         int64        `db:"buyers"`
	Top20Share     float64      `db:"top20_share"`
	Discretionary  int64        `db:"discretionary"`
	EssentialOnly  int64        `db:"essential_only"`
	Churned        int64        `db:"churned"`
	New            int64        `db:"new"`
	Unreachable    int64        `db:"unreachable"`
	DoNotContact   int64        `db:"do_not_contact"`
	UnhappySurveys int64        `db:"unhappy_surveyed"`
}

// Summarize reads the summary of the contract tables; asOf is the day the data ends.
func Summarize(ctx context.Context, db *sqlx.DB, asOf time.Time) (Summary, error) {
	query := func(name string) (string, error) {
		b, err := sqlFS.ReadFile("sql/summary/" + name)
		if err != nil {
			return "", fmt.Errorf("summarize demo data: %w", err)
		}
		return string(b), nil
	}
	y, m, d := asOf.Date()
	asOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)

	q, err := query("totals.sql")
	if err != nil {
		return Summary{}, err
	}
	var t totalsRow
	if err := db.GetContext(ctx, &t, q, sql.Named("as_of", asOf.Format(time.DateOnly))); err != nil {
		return Summary{}, fmt.Errorf("summarize demo data: totals: %w", err)
	}
	s := Summary{
		AsOf:      asOf,
		Customers: t.Customers, Orders: t.Orders, Assets: t.Assets, Surveys: t.Surveys,
		Interactions: t.Interactions, ProfileChanges: t.ProfileChanges,
		FirstOrder: t.FirstOrder.Time, LastOrder: t.LastOrder.Time,
		RevenueCents: t.RevenueCents, Refunds: t.Refunds, RefundCents: t.RefundCents,
		CostedOrders: t.CostedOrders, Margin: t.Margin, LargeRepairs: t.LargeRepairs,
		OldestVehicle: t.OldestVehicle.Time,
		Buyers:        t.Buyers, Top20Share: t.Top20Share, Discretionary: t.Discretionary,
		EssentialOnly: t.EssentialOnly, Churned: t.Churned, New: t.New,
		Unreachable: t.Unreachable, DoNotContact: t.DoNotContact, UnhappySurveys: t.UnhappySurveys,
	}
	lists := []struct {
		file string
		dest any
	}{
		{"categories.sql", &s.Categories},
		{"ratings.sql", &s.Ratings},
		{"kinds.sql", &s.Kinds},
	}
	for _, l := range lists {
		q, err := query(l.file)
		if err != nil {
			return Summary{}, err
		}
		if err := db.SelectContext(ctx, l.dest, q); err != nil {
			return Summary{}, fmt.Errorf("summarize demo data: %s: %w", l.file, err)
		}
	}
	return s, nil
}

// WriteText writes the summary for people, as `custval demo` prints it.
func (s Summary) WriteText(w io.Writer) error {
	tw := &textWriter{w: w}
	tw.printf("Demo data as of %s (every event is before that day)", s.AsOf.Format(time.DateOnly))
	if s.Seed != 0 {
		tw.printf(", seed %d", s.Seed)
	}
	tw.printf("\n\n")

	tw.row("table", "rows")
	tw.row("customers", thousands(s.Customers))
	tw.row("assets", thousands(s.Assets))
	tw.row("orders", thousands(s.Orders))
	tw.row("surveys", thousands(s.Surveys))
	tw.row("interactions", thousands(s.Interactions))
	tw.row("profile_changes", thousands(s.ProfileChanges))
	tw.printf("\n")

	if s.Orders > 0 {
		tw.printf("Orders from %s to %s\n", s.FirstOrder.Format(time.DateOnly), s.LastOrder.Format(time.DateOnly))
	}
	tw.row("category", "orders", "revenue")
	for _, c := range s.Categories {
		tw.row(c.Category, thousands(c.Orders), money(c.RevenueCents))
	}
	tw.row("total", thousands(s.Orders), money(s.RevenueCents))
	tw.row("refunds (negative amounts)", thousands(s.Refunds), money(s.RefundCents))
	tw.row("repairs over 3,000", thousands(s.LargeRepairs))
	tw.row("orders with a cost", percent(s.CostedOrders, s.Orders))
	tw.row("gross margin where cost is known", pct(s.Margin))
	if !s.OldestVehicle.IsZero() {
		tw.row("oldest vehicle bought on", s.OldestVehicle.Format(time.DateOnly))
	}
	tw.printf("\n")

	tw.row("customers", "count", "share")
	tw.row("with orders", thousands(s.Buyers), percent(s.Buyers, s.Customers))
	tw.row("revenue from the top 20% of them", "", pct(s.Top20Share))
	tw.row("with discretionary purchases", thousands(s.Discretionary), percent(s.Discretionary, s.Buyers))
	tw.row("with essential categories only", thousands(s.EssentialOnly), percent(s.EssentialOnly, s.Buyers))
	tw.row("churned: last order over 2 years ago", thousands(s.Churned), percent(s.Churned, s.Buyers))
	tw.row("new: first order in the last 6 months", thousands(s.New), percent(s.New, s.Buyers))
	tw.row("unreachable: bad phone, no answered call", thousands(s.Unreachable), percent(s.Unreachable, s.Customers))
	tw.row("do not contact", thousands(s.DoNotContact), percent(s.DoNotContact, s.Customers))
	tw.row("10+ surveys, half neutral or worse", thousands(s.UnhappySurveys), percent(s.UnhappySurveys, s.Customers))
	tw.printf("\n")

	tw.row("survey rating", "surveys")
	for _, c := range s.Ratings {
		tw.row(c.Name, thousands(c.N))
	}
	tw.printf("\n")

	tw.row("interaction kind", "rows")
	for _, c := range s.Kinds {
		tw.row(c.Name, thousands(c.N))
	}
	return tw.err
}

// textWriter writes aligned rows: a label, then right-aligned columns; it keeps the first error.
type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) row(label string, cols ...string) {
	line := fmt.Sprintf("  %-42s", label)
	for i, c := range cols {
		width := 12
		if i > 0 {
			width = 18
		}
		line += fmt.Sprintf("%*s", width, c)
	}
	t.printf("%s\n", strings.TrimRight(line, " "))
}

// thousands formats n with comma separators: 1234567 -> "1,234,567".
func thousands(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	digits := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// money formats cents as 1,234.56.
func money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%s.%02d", sign, thousands(cents/100), cents%100)
}

func pct(f float64) string { return strconv.FormatFloat(100*f, 'f', 1, 64) + "%" }

func percent(n, of int64) string {
	if of == 0 {
		return "0.0%"
	}
	return pct(float64(n) / float64(of))
}
