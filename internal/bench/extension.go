package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/custval/custval/internal/benchcase"
	"github.com/custval/custval/internal/ext"
	"github.com/custval/custval/udf"
)

// ExtensionCases times each custval function in the loadable extension, in the
// stock DuckDB Node client (nodeDir, as `make node-client` installs it), against
// the same rule as plain SQL in that client: the cases and row counts of
// UDFCases, so the two stages can be compared row by row. All runs of a case
// happen in one Node process (setting up 10M rows once), alternating the rule
// and the floor; the times are measured inside Node, around the query alone.
func ExtensionCases(rowsPerCustomer int, extension, nodeDir string) ([]Stage, error) {
	cases, err := benchcase.Read(udf.BenchCases())
	if err != nil {
		return nil, err
	}
	var out []Stage
	for _, c := range cases {
		out = append(out, Stage{
			Name:      "extension " + c.Name,
			FloorDesc: "the same rule as plain SQL in the stock Node client",
			Timed: func(ctx context.Context, env *Env, runs int) (ours, floor []time.Duration, err error) {
				t, err := ext.TimeInNode(ctx, nodeDir, extension, env.Customers*rowsPerCustomer, 0, runs, []benchcase.Case{c})
				if err != nil {
					return nil, nil, err
				}
				if t[0].Mismatches != 0 {
					return nil, nil, fmt.Errorf("%s: the extension and plain SQL disagree on %d rows", c.Name, t[0].Mismatches)
				}
				return t[0].Ext, t[0].SQL, nil
			},
		})
	}
	return out, nil
}
