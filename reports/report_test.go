package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jmoiron/sqlx"

	goldenfile "github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/sqltest"
)

// fixtureDB is a migrated in-memory database holding testdata/fixture.sql.
func fixtureDB(t *testing.T) *sqlx.DB {
	t.Helper()
	db := sqltest.Open(t)
	fx, err := os.ReadFile(filepath.Join("testdata", "fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(fx)); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	return db
}

func runReport(t *testing.T, db *sqlx.DB, c *Catalog, name string, args ...string) *Output {
	t.Helper()
	rep, err := c.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	values, err := rep.Values(args, func() time.Time { t.Fatal("clock read"); return time.Time{} })
	if err != nil {
		t.Fatal(err)
	}
	out, err := (&Runner{DB: db}).Run(context.Background(), rep, values)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func render(t *testing.T, out *Output, f Format, query string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := out.Write(&b, f, query); err != nil {
		t.Fatalf("write %s: %v", f, err)
	}
	return b.Bytes()
}

// golden compares got with testdata/name, or rewrites it under -update (`make golden`).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func builtins() *Catalog { return &Catalog{Sources: []Source{Builtin()}} }

func TestDataQualityGoldens(t *testing.T) {
	db := fixtureDB(t)
	out := runReport(t, db, builtins(), "data-quality")
	golden(t, "data-quality.md", render(t, out, Markdown, ""))
	golden(t, "data-quality.json", render(t, out, JSON, ""))
	golden(t, "data-quality.top_customers.csv", render(t, out, CSV, "top_customers"))
	golden(t, "data-quality.orders_per_month.csv", render(t, out, CSV, "orders_per_month"))

	// Same data and parameters, same bytes: a second run in a new snapshot.
	again := runReport(t, db, builtins(), "data-quality")
	for _, f := range Formats {
		q := ""
		if f == CSV {
			q = "checks"
		}
		if !bytes.Equal(render(t, out, f, q), render(t, again, f, q)) {
			t.Errorf("%s output differs between two runs on the same data", f)
		}
	}
}

func TestDataQualityParams(t *testing.T) {
	db := fixtureDB(t)
	out := runReport(t, db, builtins(), "data-quality",
		"top=2", "rank_by=margin", "region=north", "months=2", "generated_at=2026-05-31")
	top, _ := out.Result("top_customers")
	var ids []string
	for _, r := range top.Rows {
		ids = append(ids, r["customer_id"].(string))
	}
	// Independent reading of the fixture: north margins C002 2150, C005 1210, C001 580.50.
	if got, want := strings.Join(ids, ","), "C002,C005"; got != want {
		t.Errorf("top 2 north customers by margin = %s, want %s", got, want)
	}
	months, _ := out.Result("orders_per_month")
	var got []string
	for _, r := range months.Rows {
		got = append(got, r["month"].(Date).String())
	}
	if want := "2026-04-01,2026-05-01"; strings.Join(got, ",") != want {
		t.Errorf("months with months=2 up to 2026-05-31 = %v, want %s", got, want)
	}
	checks, _ := out.Result("checks")
	for _, r := range checks.Rows {
		// O11, O16, O21 and O04 fall after 2026-05-31.
		if r["check_name"] == "orders after generated_at" && r["row_count"] != int64(4) {
			t.Errorf("orders after generated_at = %v, want 4", r["row_count"])
		}
	}
}

// htmlDoc is the report page read back with encoding/xml in HTML mode.
type htmlDoc struct {
	tables, headed, svgs, svgsWithData int
	external                           []string
	elements                           map[string]int
}

func parsePage(t *testing.T, page []byte) htmlDoc {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	doc := htmlDoc{elements: map[string]int{}}
	var stack []string
	marks := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("html does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			doc.elements[name]++
			for _, a := range tok.Attr {
				if (a.Name.Local == "src" || a.Name.Local == "href") && !strings.HasPrefix(a.Value, "#") {
					doc.external = append(doc.external, name+" "+a.Name.Local+"="+a.Value)
				}
			}
			switch name {
			case "svg":
				doc.svgs++
				marks = 0
			case "th":
				if len(stack) > 1 && stack[len(stack)-1] == "tr" && stack[len(stack)-2] == "thead" {
					doc.headed++
				}
			case "table":
				doc.tables++
			}
			stack = append(stack, name)
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if name == "title" && len(stack) > 0 && (stack[len(stack)-1] == "rect" || stack[len(stack)-1] == "circle") {
				marks++
			}
			if name == "svg" && marks > 0 {
				doc.svgsWithData++
			}
		}
	}
	return doc
}

func TestDataQualityHTML(t *testing.T) {
	out := runReport(t, fixtureDB(t), builtins(), "data-quality")
	page := render(t, out, HTML, "")
	doc := parsePage(t, page)
	if doc.svgs != 4 || doc.svgsWithData != doc.svgs {
		t.Errorf("%d charts, %d with data marks; want 4, all with data", doc.svgs, doc.svgsWithData)
	}
	if doc.tables == 0 || doc.elements["thead"] != doc.tables {
		t.Errorf("%d tables, %d with a header; want every table headed", doc.tables, doc.elements["thead"])
	}
	for _, el := range []string{"script", "link", "img", "iframe", "object"} {
		if doc.elements[el] > 0 {
			t.Errorf("page has <%s>; the page must be self-contained", el)
		}
	}
	if len(doc.external) > 0 {
		t.Errorf("page references other resources: %v", doc.external)
	}
	for _, want := range []string{`<meta name="viewport"`, "@media print", "@media (max-width: 600px)", "O&#39;Brien &amp; &lt;Sons&gt;"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
	if bytes.Contains(page, []byte("<Sons>")) {
		t.Errorf("customer name with markup was not escaped")
	}
}

func TestUserReportOverridesBuiltin(t *testing.T) {
	user := fstest.MapFS{
		"data-quality/report.json": {Data: []byte(`{"title": "My quality", "description": "mine"}`)},
		"data-quality/q.sql":       {Data: []byte("-- name: n :one\nselect count(*) as orders from orders;\n")},
		"notes/readme.txt":         {Data: []byte("not a report")},
	}
	c := &Catalog{Sources: []Source{Builtin(), {Label: "my-reports", FS: user}}}
	rep, err := c.Load("data-quality")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Title != "My quality" || rep.Source != "my-reports" {
		t.Errorf("loaded %q from %s, want the user's report", rep.Title, rep.Source)
	}
	entries, err := c.List()
	if err != nil {
		t.Fatal(err)
	}
	var dq []Entry
	for _, e := range entries {
		if e.Name == "data-quality" {
			dq = append(dq, e)
		} else if e.Overrides != "" {
			t.Errorf("%s overrides %s; only data-quality is in my-reports", e.Name, e.Overrides)
		}
	}
	if len(dq) != 1 || dq[0].Overrides != "builtin" || dq[0].Source != "my-reports" {
		t.Errorf("List() data-quality entries = %+v, want one from my-reports overriding builtin", dq)
	}
	out := runReport(t, fixtureDB(t), c, "data-quality")
	if got := string(render(t, out, CSV, "")); got != "orders\n24\n" {
		t.Errorf("user report csv = %q, want orders 24", got)
	}
	if _, err := c.Load("nope"); !errors.Is(err, ErrUnknownReport) || !strings.Contains(err.Error(), "data-quality") {
		t.Errorf("Load(nope) = %v, want ErrUnknownReport listing the known reports", err)
	}
}

// testReport builds a report from one queries file.
func testReport(t *testing.T, sql string) (*Report, error) {
	t.Helper()
	fsys := fstest.MapFS{
		"r/report.json": {Data: []byte(`{"title": "T"}`)},
		"r/q.sql":       {Data: []byte(sql)},
	}
	return Load(fsys, "r", "test")
}

func TestLoadValidates(t *testing.T) {
	tests := []struct {
		name, sql, wantErr string
	}{
		{"ok", "-- name: a :many\n-- @param d date = 2026-06-30\nselect $d as d;", ""},
		{"unknown type", "-- name: a :many\n-- @param d datetime\nselect $d;", `unknown type "datetime"`},
		{"bad default", "-- name: a :many\n-- @param d date = 2026-13-01\nselect $d;", `default "2026-13-01" is not a date`},
		{"bad enum default", "-- name: a :many\n-- @param k enum(a|b) = c\nselect $k;", `"c" is not allowed`},
		{"undeclared", "-- name: a :many\nselect $segment;", "uses $segment, which no `-- @param segment type` declares"},
		{"unused", "-- name: a :many\n-- @param x integer = 1\nselect 1;", "declared but no query uses $x"},
		{"positional", "-- name: a :many\nselect $1;", "positional parameter $1"},
		{"question mark", "-- name: a :many\nselect ?;", "positional parameter ?"},
		{"two statements", "-- name: a :many\nselect 1; drop table orders;", "more than one statement"},
		{"no name", "select 1;", "SQL before the first"},
		{"bad kind", "-- name: a :exec\nselect 1;", `kind ":exec"`},
		{"duplicate query", "-- name: a :many\nselect 1;\n-- name: a :one\nselect 2;", "already defined"},
		{"conflicting params", "-- name: a :many\n-- @param x integer = 1\nselect $x;\n-- name: b :many\n-- @param x integer = 2\nselect $x;", "declared differently"},
		{"generated_at declared", "-- name: a :many\n-- @param generated_at date\nselect $generated_at;", "is built in"},
		{"in strings and comments", "-- name: a :many\nselect '$x' as a, \"$y\" as b, $$ $z $$ as c -- $w\n/* $v */;", ""},
		{"list of dates", "-- name: a :many\n-- @param d list(date)\nselect $d;", "lists of dates are not supported"},
		{"table and query share a name", "-- name: a :table\nselect 1 as x;\n-- name: a :many\nselect x from a;", "already defined"},
		{"only working tables", "-- name: a :table\nselect 1 as x;", "no `-- name: query_name :many` query"},
		{"param used by a working table only", "-- name: a :table\n-- @param n integer = 1\nselect $n as x;\n-- name: b :many\nselect x from a;", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := testReport(t, tt.sql)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Load: %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Load error = %v, want it to contain %q", err, tt.wantErr)
			case tt.wantErr != "" && !errors.Is(err, ErrInvalidReport):
				t.Errorf("Load error %v is not ErrInvalidReport", err)
			}
		})
	}
}

func TestValues(t *testing.T) {
	rep, err := testReport(t, `-- name: a :many
-- @param as_of date
-- @param top integer = 10
-- @param share number = 0.5
-- @param on boolean = false
-- @param kind enum(lost|lapsed) = lost
-- @param stores list(text) = null
-- @param ids list(integer) = 1,2
select $as_of, $top, $share, $on, $kind, $stores, $ids;`)
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 7, 1, 12, 30, 15, 500, time.UTC) }
	tests := []struct {
		name    string
		args    []string
		want    map[string]string // parameter -> Type.Format of its value
		wantErr error
		errText string
	}{
		{"defaults", []string{"as_of=2026-06-30"},
			map[string]string{"as_of": "2026-06-30", "top": "10", "share": "0.5", "on": "false", "kind": "lost", "stores": "null", "ids": "1,2"}, nil, ""},
		{"all given", []string{"as_of=2026-01-31", "top=3", "share=1e-2", "on=yes", "kind=lapsed", "stores=S1, S2", "stores=S3", "ids=7", "generated_at=2026-02-01T10:00:00"},
			map[string]string{"top": "3", "share": "0.01", "on": "true", "kind": "lapsed", "stores": "S1,S2,S3", "ids": "7", "generated_at": "2026-02-01T10:00:00"}, nil, ""},
		{"now", []string{"as_of=2026-06-30", "generated_at=now"}, map[string]string{"generated_at": "2026-07-01T12:30:15"}, nil, ""},
		{"missing required", nil, nil, ErrMissingParam, "--param as_of=<date>"},
		{"unknown", []string{"as_of=2026-06-30", "segment=x"}, nil, ErrUnknownParam, "valid: as_of (date), top (integer)"},
		{"bad date", []string{"as_of=30.06.2026"}, nil, ErrInvalidParam, `"30.06.2026" is not a date`},
		{"bad integer", []string{"as_of=2026-06-30", "top=ten"}, nil, ErrInvalidParam, `"ten" is not an integer`},
		{"bad number", []string{"as_of=2026-06-30", "share=NaN"}, nil, ErrInvalidParam, "is not a number"},
		{"bad boolean", []string{"as_of=2026-06-30", "on=maybe"}, nil, ErrInvalidParam, "is not a boolean"},
		{"enum not allowed", []string{"as_of=2026-06-30", "kind=churned"}, nil, ErrInvalidParam, "want one of lost, lapsed"},
		{"bad list item", []string{"as_of=2026-06-30", "ids=1,x"}, nil, ErrInvalidParam, `"x" is not an integer`},
		{"twice", []string{"as_of=2026-06-30", "top=1", "top=2"}, nil, ErrInvalidParam, "given twice"},
		{"no equals", []string{"as_of"}, nil, ErrInvalidParam, "want name=value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rep.Values(tt.args, now)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.errText) || !IsInputError(err) {
					t.Errorf("Values(%q) error = %v, want %v containing %q", tt.args, err, tt.wantErr, tt.errText)
				}
				return
			}
			if err != nil {
				t.Fatalf("Values(%q): %v", tt.args, err)
			}
			types := map[string]Type{GeneratedAt: generatedAtParam.Type}
			for _, p := range rep.Params {
				types[p.Name] = p.Type
			}
			for name, want := range tt.want {
				if s := types[name].Format(got[name]); s != want {
					t.Errorf("Values(%q)[%s] = %s, want %s", tt.args, name, s, want)
				}
			}
		})
	}
}

// counts reads the row count of every contract table.
func counts(t *testing.T, db *sqlx.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"customers", "orders", "categories", "loads", "load_rejects"} {
		var n int
		if err := db.Get(&n, "select count(*) from "+table); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		fmt.Fprintf(&b, "%s=%d ", table, n)
	}
	return b.String()
}

func TestInjectionIsBoundNotSpliced(t *testing.T) {
	db := fixtureDB(t)
	rep, err := testReport(t, "-- name: by_segment :many\n-- @param segment text\nselect customer_id, name from customers where region = $segment order by customer_id;")
	if err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	for _, attack := range []string{"x'); drop table orders; --", "north' or '1'='1", "north\"; delete from customers; --"} {
		values, err := rep.Values([]string{"segment=" + attack}, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		out, err := (&Runner{DB: db}).Run(context.Background(), rep, values)
		if err != nil {
			t.Fatalf("segment=%q: %v", attack, err)
		}
		if r, _ := out.Result("by_segment"); len(r.Rows) != 0 {
			t.Errorf("segment=%q matched %d rows, want none: the value must be compared, not executed", attack, len(r.Rows))
		}
	}
	if after := counts(t, db); after != before {
		t.Errorf("row counts changed: before %s, after %s", before, after)
	}
}

func TestOnlySelectsRun(t *testing.T) {
	db := fixtureDB(t)
	before := counts(t, db)
	for _, sql := range []string{
		"-- name: w :many\nwith x as (select 1) insert into orders select * from orders",
		"-- name: w :many\ndelete from orders",
		"-- name: w :many\ncreate table evil as select 1 as x",
		"-- name: t :table\ndelete from orders;\n-- name: w :many\nselect 1;",
	} {
		rep, err := testReport(t, sql)
		if err != nil {
			t.Fatal(err)
		}
		values, _ := rep.Values(nil, time.Now)
		_, err = (&Runner{DB: db}).Run(context.Background(), rep, values)
		if err == nil || !strings.Contains(err.Error(), "only select statements") {
			t.Errorf("%q: error = %v, want only select statements", sql, err)
		}
	}
	if after := counts(t, db); after != before {
		t.Errorf("row counts changed: before %s, after %s", before, after)
	}
}

// TestWorkingTables runs a report whose queries share a :table query: the
// working table sees the bound parameters, the queries read it, it is not
// output, and it is gone when the report's transaction ends.
func TestWorkingTables(t *testing.T) {
	db := fixtureDB(t)
	before := counts(t, db)
	rep, err := testReport(t, `-- name: big :table
-- @param min_amount number = 100
select customer_id, sum(amount) as amount from orders where amount >= $min_amount group by customer_id;

-- name: summary :one
select count(*) as customers, sum(amount) as amount from big;

-- name: top :many
select customer_id, amount from big order by amount desc, customer_id limit 2;
`)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.QueryNames(); !slices.Equal(got, []string{"summary", "top"}) {
		t.Errorf("QueryNames = %v, want the output queries only", got)
	}
	values, err := rep.Values([]string{"min_amount=200"}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	out, err := (&Runner{DB: db}).Run(context.Background(), rep, values)
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Customers int64
		Amount    float64
	}
	if err := db.Get(&want, `select count(*) as customers, sum(amount)::double as amount from (
		select customer_id, sum(amount) as amount from orders where amount >= 200 group by customer_id)`); err != nil {
		t.Fatal(err)
	}
	if len(out.Results) != 2 {
		t.Fatalf("%d results, want 2 (the working table is not output)", len(out.Results))
	}
	if got := out.Results[0].Row["customers"]; fmt.Sprint(got) != fmt.Sprint(want.Customers) {
		t.Errorf("summary customers = %v, want %d (orders of 200 or more, computed directly)", got, want.Customers)
	}
	if got := len(out.Results[1].Rows); got != 2 {
		t.Errorf("top has %d rows, want 2", got)
	}
	if j := string(render(t, out, JSON, "")); strings.Contains(j, `"big"`) {
		t.Errorf("json output mentions the working table:\n%s", j)
	}
	if _, err := db.Exec("select * from big"); err == nil {
		t.Error("working table big outlived the report")
	}
	if after := counts(t, db); after != before {
		t.Errorf("row counts changed: before %s, after %s", before, after)
	}

	t.Run("may not hide a table", func(t *testing.T) {
		rep, err := testReport(t, "-- name: orders :table\nselect 1 as x;\n-- name: q :many\nselect * from orders;")
		if err != nil {
			t.Fatal(err)
		}
		values, _ := rep.Values(nil, time.Now)
		_, err = (&Runner{DB: db}).Run(context.Background(), rep, values)
		if err == nil || !strings.Contains(err.Error(), "would hide the database's own orders") {
			t.Errorf("error = %v, want a refusal to hide orders", err)
		}
	})
}

func TestListParamAndNullDefault(t *testing.T) {
	rep, err := testReport(t, `-- name: picked :many
-- @param ids list(text) = C001,C003
-- @param region text = null
select customer_id from customers
where list_contains($ids, customer_id) and ($region is null or region = $region)
order by customer_id;`)
	if err != nil {
		t.Fatal(err)
	}
	db := fixtureDB(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "customer_id\nC001\nC003\n"},
		{[]string{"ids=C002,C004", "ids=C006", "region=south"}, "customer_id\nC004\n"},
	} {
		values, err := rep.Values(tt.args, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		out, err := (&Runner{DB: db}).Run(context.Background(), rep, values)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(render(t, out, CSV, "")); got != tt.want {
			t.Errorf("args %q: csv = %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestCheckOutput(t *testing.T) {
	rep, err := builtins().Load("data-quality")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		f       Format
		query   string
		wantErr error
	}{
		{CSV, "", ErrQueryRequired},
		{CSV, "checks", nil},
		{CSV, "nope", ErrUnknownQuery},
		{JSON, "checks", ErrUnknownQuery},
		{"pdf", "", ErrUnknownFormat},
		{HTML, "", nil},
	}
	for _, tt := range tests {
		if err := rep.CheckOutput(tt.f, tt.query); !errors.Is(err, tt.wantErr) {
			t.Errorf("CheckOutput(%s, %q) = %v, want %v", tt.f, tt.query, err, tt.wantErr)
		}
	}
}

func TestTablesEscapeCells(t *testing.T) {
	r := &Result{Name: "t", Columns: []Column{{"name", "VARCHAR"}, {"amount", "DECIMAL(18,2)"}},
		Values: [][]any{{"Gus | Pipe <b>*x*</b>\nnext", json.Number("-12.50")}, {nil, nil}}}
	md, err := markdownTable(r)
	if err != nil {
		t.Fatal(err)
	}
	want := "| name | amount |\n| --- | ---: |\n| Gus \\| Pipe \\<b\\>\\*x\\*\\</b\\> next | -12.50 |\n|  |  |\n"
	if md != want {
		t.Errorf("markdownTable =\n%s\nwant\n%s", md, want)
	}
	html, err := htmlTable(r, "name", "amount:money")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<th>name</th><th class=\"num\">amount</th>", "Gus | Pipe &lt;b&gt;*x*&lt;/b&gt;", `<td class="num">-12.50</td>`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("htmlTable lacks %q:\n%s", want, html)
		}
	}
	if _, err := htmlTable(r, "nope"); err == nil || !strings.Contains(err.Error(), "columns: name, amount") {
		t.Errorf("htmlTable(nope) error = %v, want the list of columns", err)
	}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		sql     string
		want    string
		wantErr string
	}{
		{"select $b, $a, $b", "b,a", ""},
		{"select 'it''s $no', \"col$no\", $tag$ $no $tag$, $$ $no $$ -- $no\n, $yes /* $no */", "yes", ""},
		{"select a$b from t where x = $x;", "x", ""},
		{"select $x::date + interval 1 day", "x", ""},
		{"select 'open", "", "unterminated ' quote"},
		{"select $$ open", "", "unterminated dollar-quoted"},
		{"select 1; select 2", "", "more than one statement"},
		{"select 1;  -- trailing comment\n", "", ""},
	}
	for _, tt := range tests {
		got, err := placeholders(tt.sql)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("placeholders(%q) error = %v, want %q", tt.sql, err, tt.wantErr)
			}
			continue
		}
		if err != nil || strings.Join(got, ",") != tt.want {
			t.Errorf("placeholders(%q) = %v, %v; want %s", tt.sql, got, err, tt.want)
		}
	}
}

func TestRunErrors(t *testing.T) {
	db := fixtureDB(t)
	tests := []struct{ sql, wantErr string }{
		{"-- name: a :one\nselect customer_id from customers where false", "declared :one but returned 0 rows"},
		{"-- name: a :many\nselect 1 as x, 2 as x", "column x appears twice"},
		{"-- name: a :many\nselect * from rfm_nowhere", "`custval init` upgrades its schema"},
	}
	for _, tt := range tests {
		rep, err := testReport(t, tt.sql)
		if err != nil {
			t.Fatal(err)
		}
		values, _ := rep.Values(nil, time.Now)
		_, err = (&Runner{DB: db}).Run(context.Background(), rep, values)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "q.sql:1: query a") {
			t.Errorf("%q: error = %v, want it to name q.sql:1 query a and say %q", tt.sql, err, tt.wantErr)
		}
	}
}
