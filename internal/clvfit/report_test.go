package clvfit

import (
	"bytes"
	"context"
	"testing"

	"github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/sqltest"
)

// What `custval fit clv` prints for the three purchase models on CDNOW with the papers' 39-week holdout: the
// fits, the holdout check in purchases and in customers. The figures are cross-checked elsewhere
// (TestFitCDNOWThroughDatabase, internal/clv TestCDNOWHoldout); this holds the layout.
func TestReportOnCDNOW(t *testing.T) {
	db := sqltest.Open(t)
	loadCDNOW(t, db)
	res, err := Run(context.Background(), db, Options{AsOf: cdnowAsOf, HoldoutMonths: 9,
		Models: []string{"bgnbd", "mbgnbd", "paretonbd", "gammagamma"}, Now: fixedFitted})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteReport(&b, res); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/report_cdnow.golden", b.Bytes())
}
