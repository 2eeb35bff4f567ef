package load

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/custval/custval/sql/sqltest"
)

var (
	benchRows     = flag.Int("load.rows", 100_000, "orders rows generated for BenchmarkLoadOrders")
	benchProgress = flag.Bool("load.progress", false, "print BenchmarkLoadOrders' pass timings")
)

// BenchmarkLoadOrders times Load of a generated orders CSV against DuckDB's own
// floor on the same file, `create table t as select * from read_csv(file)`,
// in the same database, and reports the ratios of wall and process CPU time.
func BenchmarkLoadOrders(b *testing.B) {
	ctx := context.Background()
	db, _ := sqltest.OpenFile(b)
	dir := b.TempDir()
	orders := filepath.Join(dir, "orders.csv")
	customers := filepath.Join(dir, "customers.csv")
	for _, q := range []string{
		`copy (select 'c' || i as customer_id, 'name ' || i as name from range(100000) t(i)) to '` + customers + `' (header)`,
		fmt.Sprintf(`copy (select 'o' || i as order_id, 'c' || (i %% 100000) as customer_id,
			timestamp '2020-01-01' + to_seconds(i * 97 %% 150000000) as order_ts,
			round((i %% 50000) / 100.0 - 20, 2) as amount, round((i %% 30000) / 100.0, 2) as cost,
			['maintenance', 'repair', 'parts', 'accessories'][1 + i %% 4] as category,
			's' || (i %% 20) as store_id, 'web' as channel, i %% 7 = 0 as promo
			from range(%d) t(i)) to '%s' (header)`, *benchRows, orders),
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := Load(ctx, db, Request{Table: "customers", Files: []string{customers}}); err != nil {
		b.Fatal(err)
	}
	var floor, load, floorCPU, loadCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Like internal/bench's LoadOrders stage: the table is emptied outside the timing.
		b.StopTimer()
		if _, err := db.ExecContext(ctx, `delete from orders; drop table if exists floor_t; checkpoint`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()

		start, cpu := time.Now(), processCPU()
		if _, err := db.ExecContext(ctx, `create table floor_t as select * from read_csv($1)`, orders); err != nil {
			b.Fatal(err)
		}
		floor += time.Since(start)
		floorCPU += processCPU() - cpu

		start, cpu = time.Now(), processCPU()
		req := Request{Table: "orders", Files: []string{orders}}
		if *benchProgress {
			req.Progress = timestamped{}
		}
		res, err := Load(ctx, db, req)
		if err != nil || res.Loaded != int64(*benchRows) {
			b.Fatalf("load: %+v, %v", res, err)
		}
		load += time.Since(start)
		loadCPU += processCPU() - cpu
	}
	b.ReportMetric(float64(floor.Milliseconds())/float64(b.N), "floor-ms/op")
	b.ReportMetric(float64(load.Milliseconds())/float64(b.N), "load-ms/op")
	b.ReportMetric(float64(load)/float64(floor), "load/floor")
	// Process CPU time (DuckDB's threads included) is steadier than wall time on a shared machine.
	if floorCPU > 0 {
		b.ReportMetric(float64(floorCPU.Milliseconds())/float64(b.N), "floor-cpu-ms/op")
		b.ReportMetric(float64(loadCPU.Milliseconds())/float64(b.N), "load-cpu-ms/op")
		b.ReportMetric(float64(loadCPU)/float64(floorCPU), "cpu-load/floor")
	}
}

// timestamped prints progress lines with the time, to see each pass's share.
type timestamped struct{}

func (timestamped) Write(p []byte) (int, error) {
	fmt.Print(time.Now().Format("15:04:05.000 "), string(p))
	return len(p), nil
}
