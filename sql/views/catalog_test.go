package views

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/schema"
	"github.com/custval/custval/sql/sqltest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

const headerV1 = `-- model: orders_by_day_v1
-- kind: view
-- description: orders per day
-- grain: one row per day
-- columns: day, orders
create view orders_by_day_v1 as select 1;
`

func TestCatalogStatuses(t *testing.T) {
	fsys := fstest.MapFS{
		"0001_a.sql": file(headerV1),
		"0002_a.sql": file("-- pointer: orders_by_day -> orders_by_day_v1\ncreate view orders_by_day as select 1;\n"),
		"0003_b.sql": file(strings.ReplaceAll(headerV1, "_v1", "_v2") + "-- pointer: orders_by_day -> orders_by_day_v2\n"),
		"0004_c.sql": file("-- pointer: orders_by_day -> orders_by_day_v2\n-- deprecated: orders_by_day_v1 2027-01-31, use orders_by_day_v2\nselect 1;\n"),
	}
	// 0003 has its pointer line after the statement: not part of the header, so the pointer moves only in 0004.
	got, err := Catalog(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "orders_by_day" || got[0].Pointer != "orders_by_day_v2" {
		t.Fatalf("Catalog = %+v, want one model orders_by_day pointing to v2", got)
	}
	var statuses []string
	for _, v := range got[0].Versions {
		statuses = append(statuses, v.Object+" "+v.Status+" "+v.Deprecation)
	}
	want := []string{"orders_by_day_v1 deprecated 2027-01-31, use orders_by_day_v2", "orders_by_day_v2 current "}
	if !reflect.DeepEqual(statuses, want) {
		t.Errorf("statuses = %q, want %q", statuses, want)
	}
	if cols := got[0].Versions[0].Columns; !reflect.DeepEqual(cols, []string{"day", "orders"}) {
		t.Errorf("columns = %q", cols)
	}

	fsys["0005_d.sql"] = file("-- dropped: orders_by_day_v1\ndrop view orders_by_day_v1;\n")
	got, err = Catalog(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got[0].Versions); n != 1 || got[0].Versions[0].Object != "orders_by_day_v2" {
		t.Errorf("after dropping v1: versions = %+v, want only v2", got[0].Versions)
	}
}

func TestCatalogErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"bad name", fstest.MapFS{"0001_a.sql": file(strings.ReplaceAll(headerV1, "orders_by_day_v1", "orders_by_day"))},
			`model "orders_by_day": want a name like rfm_v1`},
		{"missing columns", fstest.MapFS{"0001_a.sql": file(strings.ReplaceAll(headerV1, "-- columns: day, orders\n", ""))},
			`the header has no "columns" line`},
		{"republished", fstest.MapFS{"0001_a.sql": file(headerV1), "0002_b.sql": file(headerV1)},
			"orders_by_day_v1 is already published by 0001_a.sql"},
		{"pointer to nothing", fstest.MapFS{"0001_a.sql": file("-- pointer: x -> x_v1\nselect 1;")},
			`pointer "x -> x_v1"`},
		{"pointer across models", fstest.MapFS{"0001_a.sql": file(headerV1), "0002_b.sql": file("-- pointer: x -> orders_by_day_v1\nselect 1;")},
			"pointer x cannot follow orders_by_day_v1"},
		{"deprecate unknown", fstest.MapFS{"0001_a.sql": file("-- deprecated: x_v1 2027-01-01\nselect 1;")},
			`deprecates "x_v1", which is not published`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Catalog(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Catalog: err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// The columns a header declares are the columns the object returns.
func TestCatalogColumnsMatchDatabase(t *testing.T) {
	models, err := Catalog(schema.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(models) == 0 {
		t.Fatal("the catalog is empty")
	}
	db := sqltest.Open(t)
	for _, m := range models {
		for _, v := range m.Versions {
			q := "describe from " + v.Object
			if strings.Contains(v.Kind, "macro") {
				q += "()"
			}
			var got []string
			if err := db.SelectContext(context.Background(), &got, "select column_name from ("+q+")"); err != nil {
				t.Errorf("%s: %v", v.Object, err)
				continue
			}
			if !reflect.DeepEqual(got, v.Columns) {
				t.Errorf("%s: %s header declares columns\n%q\nthe database returns\n%q", v.Object, v.File, v.Columns, got)
			}
		}
		if m.Pointer != "" {
			var ptr, target []string
			q := "select column_name from (describe from %s())"
			if err := db.SelectContext(context.Background(), &ptr, strings.Replace(q, "%s", m.Name, 1)); err != nil {
				t.Errorf("pointer %s: %v", m.Name, err)
				continue
			}
			if err := db.SelectContext(context.Background(), &target, strings.Replace(q, "%s", m.Pointer, 1)); err != nil {
				t.Errorf("pointer %s: %v", m.Name, err)
				continue
			}
			if !reflect.DeepEqual(ptr, target) {
				t.Errorf("pointer %s returns %q, its target %s returns %q", m.Name, ptr, m.Pointer, target)
			}
		}
	}
}

func TestWriteTextGolden(t *testing.T) {
	models, err := Catalog(schema.FS)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, models); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "views.golden"), buf.Bytes())
}
