package render

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/sql/sqltest"
)

// sourceTable runs all_types.sql's setup and stores its result as table
// source, the reference the round trips compare against.
func sourceTable(t *testing.T, db *sqlx.DB) *Result {
	t.Helper()
	before, last, n := splitLast(allTypes(t))
	if n != 2 {
		t.Fatalf("all_types.sql: %d statements, want 2", n)
	}
	if _, err := db.Exec(before); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("create table source as " + last); err != nil {
		t.Fatal(err)
	}
	return query(t, db, "select * from source order by id")
}

// castColumns is a select list casting each column of res back to its source
// type ("ENUM" is the test's enum type mood).
func castColumns(res *Result) string {
	var cols []string
	for i, c := range res.Columns {
		typ := res.Types[i]
		if typ == "ENUM" {
			typ = "mood"
		}
		cols = append(cols, "cast("+quoteIdent(c)+" as "+typ+") as "+quoteIdent(c))
	}
	return strings.Join(cols, ", ")
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// sameRows fails unless tables a and b hold the same rows (as multisets).
func sameRows(t *testing.T, db *sqlx.DB, a, b string) {
	t.Helper()
	for _, q := range []string{
		"select count(*) from (select * from " + a + " except all select * from " + b + ")",
		"select count(*) from (select * from " + b + " except all select * from " + a + ")",
	} {
		var n int
		if err := db.Get(&n, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n != 0 {
			diff := query(t, db, strings.Replace(q, "select count(*) from", "select * from", 1))
			var buf bytes.Buffer
			WriteCSV(&buf, diff.Source())
			t.Errorf("%s = %d rows, want 0:\n%s", q, n, buf.String())
		}
	}
}

func writeFile(t *testing.T, name string, write func(io.Writer) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCSVRoundTrip(t *testing.T) {
	db := sqltest.Open(t)
	res := sourceTable(t, db)
	path := writeFile(t, "out.csv", func(w io.Writer) error { return WriteCSV(w, res.Source()) })

	// RFC 4180: encoding/csv reads a header and one record per row, every field present.
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the output: %v", err)
	}
	if got, want := len(records), len(res.Rows)+1; got != want {
		t.Fatalf("encoding/csv read %d records, want %d", got, want)
	}
	if got, want := strings.Join(records[0], ","), strings.Join(res.Columns, ","); got != want {
		t.Errorf("header = %s, want %s", got, want)
	}

	// DuckDB reads every value back to the same typed value; quoted "" stays an empty string.
	readBack := "create table back as select " + castColumns(res) +
		" from read_csv(" + mustLiteral(t, path) + ", header = true, all_varchar = true, allow_quoted_nulls = false)"
	if _, err := db.Exec(readBack); err != nil {
		t.Fatalf("read the CSV back: %v", err)
	}
	sameRows(t, db, "source", "back")
}

func TestJSONParsesBack(t *testing.T) {
	db := sqltest.Open(t)
	res := sourceTable(t, db)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, res.Source()); err != nil {
		t.Fatal(err)
	}

	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.UseNumber()
	var rows []map[string]any
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("encoding/json cannot parse the output: %v\n%s", err, buf.String())
	}
	if len(rows) != len(res.Rows) {
		t.Fatalf("parsed %d objects, want %d", len(rows), len(res.Rows))
	}

	// Keys come in column order.
	keys, err := firstObjectKeys(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(keys, ","), strings.Join(res.Columns, ","); got != want {
		t.Errorf("keys of the first object = %s, want %s", got, want)
	}

	// Scalars agree with DuckDB's own text for the value: numbers are JSON numbers
	// with the same digits, dates and timestamps strings in ISO 8601.
	text := query(t, db, "select "+varcharColumns(res)+" from source order by id")
	for r, row := range rows {
		for i, col := range res.Columns {
			want := text.Rows[r][i]
			got := row[col]
			typ := parseType(res.Types[i])
			switch {
			case want == nil:
				if got != nil {
					t.Errorf("row %d %s = %v, want null", r, col, got)
				}
			case typ.isNumeric():
				n, ok := got.(json.Number)
				if !ok || n.String() != want.(string) {
					t.Errorf("row %d %s = %#v, want the JSON number %s", r, col, got, want)
				}
			case typ.base == "DATE" || typ.base == "TIMESTAMP" || typ.base == "TIMESTAMP_NS" || typ.base == "TIME":
				if s, _ := got.(string); s != strings.Replace(want.(string), " ", "T", 1) {
					t.Errorf("row %d %s = %#v, want %q in ISO 8601", r, col, got, want)
				}
			case typ.base == "LIST" || typ.base == "ARRAY":
				if _, ok := got.([]any); !ok {
					t.Errorf("row %d %s = %#v, want an array", r, col, got)
				}
			case typ.base == "STRUCT" || typ.base == "MAP":
				if _, ok := got.(map[string]any); !ok {
					t.Errorf("row %d %s = %#v, want an object", r, col, got)
				}
			}
		}
	}

	// DuckDB reads the file back to the same typed values.
	path := writeFile(t, "out.json", func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
	var spec []string
	for i, c := range res.Columns {
		typ := res.Types[i]
		// read_json reads no ENUM or BIT and takes a BLOB string's bytes as they
		// are: read text, cast below.
		switch parseType(typ).base {
		case "ENUM", "BIT", "BLOB":
			typ = "VARCHAR"
		}
		spec = append(spec, mustLiteral(t, c)+": "+mustLiteral(t, typ))
	}
	readBack := "create table back as select " + castColumns(res) +
		" from read_json(" + mustLiteral(t, path) + ", format = 'array', columns = {" + strings.Join(spec, ", ") + "})"
	if _, err := db.Exec(readBack); err != nil {
		t.Fatalf("read the JSON back: %v", err)
	}
	// read_json parses every number as a DOUBLE, so a 38-digit DECIMAL cannot
	// come back exactly; its digits were checked against DuckDB's text above.
	sameRows(t, db, "(select * exclude (bigdec) from source)", "(select * exclude (bigdec) from back)")
}

// firstObjectKeys returns the keys of the first object in a JSON array, in order.
func firstObjectKeys(data []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	for range 2 { // [ {
		if _, err := dec.Token(); err != nil {
			return nil, err
		}
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

func varcharColumns(res *Result) string {
	var cols []string
	for _, c := range res.Columns {
		cols = append(cols, "cast("+quoteIdent(c)+" as varchar)")
	}
	return strings.Join(cols, ", ")
}

func mustLiteral(t *testing.T, s string) string {
	t.Helper()
	lit, err := sqlString(s)
	if err != nil {
		t.Fatal(err)
	}
	return lit
}

func TestParquetRoundTrip(t *testing.T) {
	db := sqltest.Open(t)
	path := filepath.Join(t.TempDir(), "it's here.parquet") // a quote in the path must survive
	// Parquet stores no negative interval (DuckDB refuses it); use a positive one.
	script := strings.Replace(allTypes(t), "'-90 minutes'", "'90 minutes'", 1)
	if err := CopyParquet(context.Background(), db.DB, script, path); err != nil {
		t.Fatalf("CopyParquet: %v", err)
	}
	// CopyParquet ran the script's first statement (create type mood); build the reference.
	_, last, _ := splitLast(script)
	if _, err := db.Exec("create table source as " + last); err != nil {
		t.Fatal(err)
	}
	// Parquet has no 128-bit integer: DuckDB writes HUGEINT as DOUBLE, so leave it out.
	if _, err := db.Exec("alter table source drop column huge"); err != nil {
		t.Fatal(err)
	}
	res := query(t, db, "select * from source order by id")
	readBack := "create table back as select " + castColumns(res) + " from read_parquet(" + mustLiteral(t, path) + ")"
	if _, err := db.Exec(readBack); err != nil {
		t.Fatalf("read the Parquet file back: %v", err)
	}
	sameRows(t, db, "source", "back")
}

func TestCopyParquetRejectsNUL(t *testing.T) {
	db := sqltest.Open(t)
	err := CopyParquet(context.Background(), db.DB, "select 1", "out\x00.parquet")
	if err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Errorf("CopyParquet with a NUL in the path: error %v, want one naming the NUL byte", err)
	}
}
