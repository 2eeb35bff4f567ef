package load

import (
	"sort"
	"strings"
)

// kind says how a column's raw text is parsed and checked.
type kind string

const (
	kindText      kind = "text"
	kindDecimal   kind = "decimal"   // decimal(18, 2)
	kindDate      kind = "date"      // checked against the as-of
	kindTimestamp kind = "timestamp" // checked against the as-of
	kindBool      kind = "bool"
	kindEnum      kind = "enum" // normalized, then checked against column.values
)

// column is one contract column as the loader sees it.
type column struct {
	Name     string
	Kind     kind
	Required bool
	Values   []string          // allowed values of an enum column
	Aliases  map[string]string // normalized input -> contract value, e.g. "5" -> very_satisfied
	Describe string            // the enum's values for reject reasons
}

// Trim reports whether surrounding spaces are cut on load: for identifiers and
// category names, which are matched between tables (docs/data-contract.md).
func (c column) Trim() bool {
	return c.Kind == kindText && (strings.HasSuffix(c.Name, "_id") || c.Name == "category")
}

// table is one data contract v1 table: its columns, its key (enforced by the
// loader, not by an index) and whether its rows must name a known customer.
type table struct {
	Name         string
	Key          string // "" when the table has no key
	RefCustomers bool
	Columns      []column
}

func (t table) column(name string) (column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return column{}, false
}

var ratings = []string{"very_satisfied", "satisfied", "neutral", "dissatisfied", "complaint"}

var interactionKinds = []string{
	"call_answered", "call_unanswered", "call_refused", "visit", "event_attended", "referral_made",
	"post", "suggestion", "membership_renewal", "email_opened", "complaint",
}

// contract mirrors sql/schema/0001_contract_v1.sql; TestContractMatchesSchema keeps them in step.
var contract = map[string]table{
	"customers": {Name: "customers", Key: "customer_id", Columns: []column{
		{Name: "customer_id", Kind: kindText, Required: true},
		{Name: "name", Kind: kindText},
		{Name: "store_id", Kind: kindText},
		{Name: "region", Kind: kindText},
		{Name: "joined_on", Kind: kindDate},
		{Name: "birth_date", Kind: kindDate},
		{Name: "phone_valid", Kind: kindBool},
		{Name: "email_opt_in", Kind: kindBool},
		{Name: "do_not_contact", Kind: kindBool},
	}},
	"orders": {Name: "orders", Key: "order_id", RefCustomers: true, Columns: []column{
		{Name: "order_id", Kind: kindText, Required: true},
		{Name: "customer_id", Kind: kindText, Required: true},
		{Name: "order_ts", Kind: kindTimestamp, Required: true},
		{Name: "amount", Kind: kindDecimal, Required: true},
		{Name: "cost", Kind: kindDecimal},
		{Name: "category", Kind: kindText},
		{Name: "store_id", Kind: kindText},
		{Name: "channel", Kind: kindText},
		{Name: "promo", Kind: kindBool},
	}},
	"categories": {Name: "categories", Key: "category", Columns: []column{
		{Name: "category", Kind: kindText, Required: true},
		{Name: "kind", Kind: kindEnum, Required: true, Values: []string{"essential", "discretionary"},
			Describe: "essential or discretionary"},
		{Name: "margin_class", Kind: kindEnum, Values: []string{"low", "medium", "high"},
			Describe: "low, medium or high"},
	}},
	"surveys": {Name: "surveys", RefCustomers: true, Columns: []column{
		{Name: "customer_id", Kind: kindText, Required: true},
		{Name: "survey_ts", Kind: kindTimestamp, Required: true},
		{Name: "rating", Kind: kindEnum, Required: true, Values: ratings,
			Aliases:  map[string]string{"5": "very_satisfied", "4": "satisfied", "3": "neutral", "2": "dissatisfied", "1": "complaint"},
			Describe: "very_satisfied, satisfied, neutral, dissatisfied, complaint, or 5 to 1"},
		{Name: "channel", Kind: kindText},
		{Name: "comment", Kind: kindText},
	}},
	"interactions": {Name: "interactions", RefCustomers: true, Columns: []column{
		{Name: "customer_id", Kind: kindText, Required: true},
		{Name: "ts", Kind: kindTimestamp, Required: true},
		{Name: "kind", Kind: kindEnum, Required: true, Values: interactionKinds,
			Aliases:  map[string]string{"review": "post", "forum_post": "post", "review_or_forum_post": "post"},
			Describe: strings.Join(interactionKinds, ", ")},
		{Name: "detail", Kind: kindText},
	}},
	"assets": {Name: "assets", Key: "asset_id", RefCustomers: true, Columns: []column{
		{Name: "asset_id", Kind: kindText, Required: true},
		{Name: "customer_id", Kind: kindText, Required: true},
		{Name: "brand", Kind: kindText},
		{Name: "model", Kind: kindText},
		{Name: "purchased_on", Kind: kindDate},
		{Name: "price", Kind: kindDecimal},
	}},
	"profile_changes": {Name: "profile_changes", RefCustomers: true, Columns: []column{
		{Name: "customer_id", Kind: kindText, Required: true},
		{Name: "changed_on", Kind: kindDate, Required: true},
		{Name: "field", Kind: kindText, Required: true},
		{Name: "old_value", Kind: kindText},
		{Name: "new_value", Kind: kindText},
	}},
}

// Tables lists the tables custval load accepts, sorted.
func Tables() []string {
	out := make([]string, 0, len(contract))
	for name := range contract {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// IsTable reports whether name is a data contract table custval load accepts.
func IsTable(name string) bool {
	_, ok := contract[name]
	return ok
}

// Columns lists a table's contract columns, in order; nil for an unknown table.
func Columns(table string) []string {
	t, ok := contract[table]
	if !ok {
		return nil
	}
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}
