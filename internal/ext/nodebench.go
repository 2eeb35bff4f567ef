package ext

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/custval/custval/internal/benchcase"
)

// benchScript times the cases in the stock Node client; see its header.
//
//go:embed node/bench.mjs
var benchScript []byte

// NodeTiming is one case timed in the stock Node client with the extension
// loaded: the rule as plain SQL and as the extension's function, once per run.
type NodeTiming struct {
	Name       string
	SQL, Ext   []time.Duration
	Mismatches int64 // rows where the extension and plain SQL disagree
}

// TimeInNode runs each case in a fresh in-memory DuckDB of the stock Node client
// (@duckdb/node-api installed in nodeDir, as `make node-client` does) with the
// extension file loaded: setup over rows rows, the agreement check, then plain
// SQL and the extension alternately, runs times. threads 0 means all cores.
func TimeInNode(ctx context.Context, nodeDir, extension string, rows, threads, runs int, cases []benchcase.Case) ([]NodeTiming, error) {
	dir, err := os.MkdirTemp("", "custval-nodebench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "bench.mjs")
	if err := os.WriteFile(script, benchScript, 0o644); err != nil {
		return nil, err
	}
	req, err := json.Marshal(map[string]any{"extension": extension, "rows": rows, "threads": threads, "runs": runs, "cases": cases})
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "node", script, nodeDir)
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("time in the node client (node %s %s): %w\n%s", script, nodeDir, err, stderr.String())
	}
	var res struct {
		Results []struct {
			Name       string    `json:"name"`
			SQLms      []float64 `json:"sql_ms"`
			ExtMs      []float64 `json:"ext_ms"`
			Mismatches int64     `json:"mismatches"`
		} `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Results) != len(cases) {
		return nil, fmt.Errorf("time in the node client: read its output (%v): %.200s", err, out)
	}
	ms := func(v []float64) []time.Duration {
		d := make([]time.Duration, len(v))
		for i, x := range v {
			d[i] = time.Duration(x * float64(time.Millisecond))
		}
		return d
	}
	timings := make([]NodeTiming, len(res.Results))
	for i, r := range res.Results {
		timings[i] = NodeTiming{Name: r.Name, SQL: ms(r.SQLms), Ext: ms(r.ExtMs), Mismatches: r.Mismatches}
	}
	return timings, nil
}
