// Package bench times custval's stages against their DuckDB floor (the bare
// minimum DuckDB work on the same data) in one run, and writes the figures to
// docs/benchmarks.md.
package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/store"
)

// Stage is one measured step: Ours is custval's way, Floor the bare DuckDB work
// it is compared with. Both run against the same Env.
type Stage struct {
	Name      string
	FloorDesc string
	Setup     func(ctx context.Context, env *Env) error // untimed, once per scale
	Teardown  func(ctx context.Context, env *Env) error // untimed, once per scale after the runs
	Before    func(ctx context.Context, env *Env) error // untimed, before each run of Ours
	Ours      func(ctx context.Context, env *Env) error
	Floor     func(ctx context.Context, env *Env) error // nil: no floor, figure only
	// Timed, when set, replaces Ours and Floor: it runs both runs times, alternating, and returns
	// the times it measured itself, for a stage that runs in another process (the stock Node client).
	Timed func(ctx context.Context, env *Env, runs int) (ours, floor []time.Duration, err error)
}

// Env is one scale point: a demo database and a scratch directory.
type Env struct {
	Customers int
	DB        *sqlx.DB
	Dir       string
	Log       io.Writer
}

// Options choose the scale points and repetitions.
type Options struct {
	Scales []int // customers per scale point
	Runs   int   // timed runs per stage; the median is reported
	Dir    string
	Log    io.Writer
	Stages []Stage
}

// Row is one measured figure.
type Row struct {
	Customers int
	Stage     string
	FloorDesc string
	Ours      time.Duration
	Floor     time.Duration // 0 when the stage has no floor
	Runs      int
	Extra     string
}

// Ratio is Ours / Floor, or 0 without a floor.
func (r Row) Ratio() float64 {
	if r.Floor == 0 {
		return 0
	}
	return float64(r.Ours) / float64(r.Floor)
}

// Run measures every stage at every scale and returns the rows.
func Run(ctx context.Context, opts Options, setup func(ctx context.Context, env *Env) (Row, error)) ([]Row, error) {
	var rows []Row
	for _, n := range opts.Scales {
		dir := filepath.Join(opts.Dir, fmt.Sprintf("scale-%d", n))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, "bench.duckdb")
		os.Remove(path)
		os.Remove(path + ".wal")
		db, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			return nil, err
		}
		if _, err := store.Migrate(ctx, db); err != nil {
			db.Close()
			return nil, err
		}
		env := &Env{Customers: n, DB: db, Dir: dir, Log: opts.Log}
		fmt.Fprintf(opts.Log, "scale %d customers: generating demo data\n", n)
		genRow, err := setup(ctx, env)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("scale %d: generate: %w", n, err)
		}
		rows = append(rows, genRow)
		for _, st := range opts.Stages {
			row, err := measure(ctx, env, st, opts.Runs)
			if err != nil {
				db.Close()
				return nil, fmt.Errorf("scale %d: %s: %w", n, st.Name, err)
			}
			fmt.Fprintf(opts.Log, "  %-36s ours %9s  floor %9s  ratio %.2f\n", st.Name, round(row.Ours), round(row.Floor), row.Ratio())
			rows = append(rows, row)
		}
		db.Close()
	}
	return rows, nil
}

func measure(ctx context.Context, env *Env, st Stage, runs int) (Row, error) {
	if st.Setup != nil {
		if err := st.Setup(ctx, env); err != nil {
			return Row{}, fmt.Errorf("setup: %w", err)
		}
	}
	if st.Timed != nil {
		ours, floor, err := st.Timed(ctx, env, runs)
		if err != nil {
			return Row{}, err
		}
		return Row{Customers: env.Customers, Stage: st.Name, FloorDesc: st.FloorDesc, Ours: median(ours), Floor: median(floor), Runs: runs}, nil
	}
	var ours, floor []time.Duration
	// Alternate ours and floor so drift in machine load hits both alike.
	for i := 0; i < runs; i++ {
		if st.Before != nil {
			if err := st.Before(ctx, env); err != nil {
				return Row{}, fmt.Errorf("before: %w", err)
			}
		}
		d, err := timed(ctx, env, st.Ours)
		if err != nil {
			return Row{}, err
		}
		ours = append(ours, d)
		if st.Floor != nil {
			d, err := timed(ctx, env, st.Floor)
			if err != nil {
				return Row{}, fmt.Errorf("floor: %w", err)
			}
			floor = append(floor, d)
		}
	}
	if st.Teardown != nil {
		if err := st.Teardown(ctx, env); err != nil {
			return Row{}, fmt.Errorf("teardown: %w", err)
		}
	}
	return Row{Customers: env.Customers, Stage: st.Name, FloorDesc: st.FloorDesc, Ours: median(ours), Floor: median(floor), Runs: runs}, nil
}

func timed(ctx context.Context, env *Env, f func(context.Context, *Env) error) (time.Duration, error) {
	start := time.Now()
	err := f(ctx, env)
	return time.Since(start), err
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func round(d time.Duration) time.Duration {
	if d == 0 {
		return 0
	}
	return d.Round(time.Millisecond)
}

// Machine describes where the figures were measured.
func Machine(ctx context.Context) string {
	cpu := "unknown cpu"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				if _, v, ok := strings.Cut(line, ":"); ok {
					cpu = strings.TrimSpace(v)
				}
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.SplitN(string(b), "\n", 2)[0], "MemTotal: %d kB", &kb)
		mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/1024/1024)
	}
	duck, _ := store.DuckDBVersion(ctx)
	return fmt.Sprintf("%s, %d cores%s, %s %s/%s, DuckDB %s", cpu, runtime.NumCPU(), mem, runtime.Version(), runtime.GOOS, runtime.GOARCH, duck)
}

// readersNotes is the heading of the hand-written section of docs/benchmarks.md that reads a run's figures against
// the issues' targets. It names its own date, so a later run keeps it (KeptNotes) instead of erasing it.
const readersNotes = "## Reading these figures"

// KeptNotes returns the hand-written section of a previous benchmarks page, from its readersNotes heading to the end,
// or "" when the page has none.
func KeptNotes(previous string) string {
	i := strings.Index(previous, "\n"+readersNotes)
	if i < 0 {
		return ""
	}
	return previous[i+1:]
}

// WriteMarkdown renders the rows as the docs/benchmarks.md page, followed by kept (see KeptNotes) when not empty.
func WriteMarkdown(w io.Writer, machine, command string, when time.Time, runs int, rows []Row, kept string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `%s` on %s.\n\n", command, when.UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "Machine: %s.\n\n", machine)
	fmt.Fprintf(&b, "Each figure is the median of %d runs in one process; custval's stage and its floor run alternately on the same data, so the ratio is measured, not estimated. ", runs)
	fmt.Fprintf(&b, "The floor is DuckDB doing the bare minimum for the same result. Lower ratio is better; 1.00 means custval adds nothing over the floor.\n\n")
	fmt.Fprintf(&b, "| customers | stage | custval | floor | ratio | floor is | note |\n|---:|---|---:|---:|---:|---|---|\n")
	for _, r := range rows {
		floor, ratio := "", ""
		if r.Floor > 0 {
			floor = fmtDur(r.Floor)
			ratio = fmt.Sprintf("%.2f", r.Ratio())
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s |\n", r.Customers, r.Stage, fmtDur(r.Ours), floor, ratio, r.FloorDesc, r.Extra)
	}
	writeHostComparison(&b, rows)
	b.WriteString(benchNotes)
	if kept != "" {
		b.WriteString("\n" + kept)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeHostComparison sets each function's duckdb-go UDF stage beside its
// extension stage of the same run and scale: both hosts' times, each one's ratio
// to plain SQL in its own host, and the UDF's time over the extension's.
func writeHostComparison(b *strings.Builder, rows []Row) {
	ext := map[string]Row{}
	for _, r := range rows {
		if name, ok := strings.CutPrefix(r.Stage, "extension "); ok {
			ext[fmt.Sprintf("%d %s", r.Customers, name)] = r
		}
	}
	if len(ext) == 0 {
		return
	}
	b.WriteString("\n## The same functions in both hosts\n\n")
	b.WriteString("From the rows above: each function through duckdb-go inside custval and in the loadable extension in the stock Node client, ")
	b.WriteString("each against plain SQL in its own host.\n\n")
	b.WriteString("| customers | function | duckdb-go UDF | its ratio to SQL | extension | its ratio to SQL | UDF / extension |\n|---:|---|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		name, ok := strings.CutPrefix(r.Stage, "udf ")
		if !ok {
			continue
		}
		e, ok := ext[fmt.Sprintf("%d %s", r.Customers, name)]
		if !ok || e.Ours == 0 {
			continue
		}
		fmt.Fprintf(b, "| %d | %s | %s | %.2f | %s | %.2f | %.2f |\n", r.Customers, name, fmtDur(r.Ours), r.Ratio(),
			fmtDur(e.Ours), e.Ratio(), float64(r.Ours)/float64(e.Ours))
	}
}

// benchNotes explains the stages; it is part of every docs/benchmarks.md written.
const benchNotes = `
## What each stage measures

- **demo generate**: ` + "`custval demo`" + ` filling every contract table in SQL over range(), timed once per scale point (no floor).
- **load orders.csv**: ` + "`custval load orders`" + ` of the demo orders exported to CSV (every check, rejects bookkeeping, one
  transaction) against DuckDB reading the same file into a new table with no checks at all.
- **rfm_v1 scores and segments**: every rfm_v1 column for every customer, materialized, against the bare
  per-customer aggregate (max date, count, sum) materialized the same way. At small scales the fixed cost of
  planning the macros dominates; the ratio that matters is at 1M customers and above.
- **rfm_v1 part: ...**: two parts of the rfm_v1 stage timed on their own against the same floor, to show what
  any body of rfm_v1 must pay: *its aggregate* is the per-customer aggregate rfm_v1 cannot do without (five
  aggregates over the four columns it reads), materialized; *writing its 17 columns* copies the finished result
  into a new temp table with nothing computed. Their ratios add up to the least rfm_v1 can cost (docs/rfm.md#speed).
- **fit clv**: ` + "`custval fit clv`" + ` (the customer summary in SQL, BG/NBD and Gamma-Gamma fitted on the distinct
  histories, both stored) against the per-customer, per-day aggregate the summary is built from.
- **clv_v1 materialized**: every clv_v1 column for every customer (clv_p_alive, 12-month expected purchases,
  expected spend and clv_value from the fitted models), materialized, against the same summary and margin rows
  materialized without the four model functions; the difference is what the model functions cost.
- **clv_v2 materialized**: the same for clv_v2, which adds P(purchase) over 90 days and 12 months (two more model
  function calls per customer), against the same floor.
- **udf NAME**: the custval function as custval registers it (vectorized through DuckDB's C API, udf/vector.go) against
  the same rule written as plain SQL with DOUBLE literals, over 10 rows per customer (10M rows at the 1M scale point); the cases are
  ` + "`udf/benchcases/*.sql`" + `, and each run first checks that the function and the SQL agree on every row.
- **extension NAME**: the same case in the loadable extension (` + "`make extension`" + `), loaded into the stock DuckDB
  Node client (` + "`@duckdb/node-api`" + `, ` + "`make node-client`" + `), against the same plain SQL in that client; the
  times are taken inside Node around each query, alternating, after the same agreement check.

The scale points are 10k and 1M customers (` + "`-scales`" + `); ` + "`make bench BENCHFLAGS=-big`" + ` adds 10M customers and about
100M orders, which needs about 40 GB of disk.

Other measurements, run separately (figures in the docs they belong to):
` + "`go test ./internal/ext -run '^$' -bench Extension -benchtime 1x`" + ` (the extension, the duckdb-go UDFs and plain SQL
on one thread), ` + "`go test ./internal/clv -run '^$' -bench . -benchtime 1x`" + ` (model fits and
predictions, docs/clv.md), ` + "`go test ./internal/render -run '^$' -bench .`" + ` (output formats, docs/query.md).
`

func fmtDur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
}
