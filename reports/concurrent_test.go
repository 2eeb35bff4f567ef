package reports

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/custval/custval/internal/demo"
	"github.com/custval/custval/internal/rfm"
)

// TestReportsRunConcurrently runs reports side by side on one database, on
// several connections, while a scoring run writes a new snapshot: every run
// must give the output the report gives alone (each report reads its own
// snapshot of the data; the scores it reads are computed live, not from
// score_snapshots). Under `make race` this is the check that the runner and
// the UDFs it calls share no unguarded state across DuckDB's threads.
func TestReportsRunConcurrently(t *testing.T) {
	db := renderDB(t)
	c := builtins()
	names := []string{"segments", "win-back", "upsell", "campaign-lists"}
	alone := map[string][]byte{}
	for _, name := range names {
		alone[name] = render(t, runReport(t, db, c, name), JSON, "")
	}

	const rounds = 3
	var wg sync.WaitGroup
	errs := make(chan string, len(names)*rounds+1)
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep, err := c.Load(name)
			if err != nil {
				errs <- err.Error()
				return
			}
			values, err := rep.Values(nil, time.Now)
			if err != nil {
				errs <- err.Error()
				return
			}
			for range rounds {
				out, err := (&Runner{DB: db}).Run(context.Background(), rep, values)
				if err != nil {
					errs <- name + ": " + err.Error()
					return
				}
				var b bytes.Buffer
				if err := out.Write(&b, JSON, ""); err != nil {
					errs <- name + ": " + err.Error()
					return
				}
				if !bytes.Equal(b.Bytes(), alone[name]) {
					errs <- name + ": output differs from the report run alone"
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := rfm.Score(context.Background(), db, rfm.Options{AsOf: demo.DefaultAsOf.AddDate(0, -3, 0)}); err != nil {
			errs <- "score: " + err.Error()
		}
	}()
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
