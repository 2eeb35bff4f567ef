package rfm

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/render"
)

// SnapshotSummary returns rfm_segment_summary_v1's table for a stored snapshot: per scheme and segment, customers,
// share of customers, revenue, margin and share of revenue. It reads the snapshot instead of recomputing it.
func SnapshotSummary(ctx context.Context, db *sqlx.DB, asOf time.Time) (*render.Result, error) {
	rows, err := db.QueryContext(ctx, mustSQL("snapshot_summary.sql"),
		sql.Named("as_of", asOf), sql.Named("model_version", ModelVersion))
	if err != nil {
		return nil, fmt.Errorf("summarize snapshot %s as of %s: %w", ModelVersion, asOf.Format(time.DateOnly), err)
	}
	defer rows.Close()
	res, err := readResult(rows)
	if err != nil {
		return nil, fmt.Errorf("summarize snapshot %s as of %s: %w", ModelVersion, asOf.Format(time.DateOnly), err)
	}
	return res, nil
}

// readResult holds a query result in memory with the column types render needs.
func readResult(rows *sql.Rows) (*render.Result, error) {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	res := &render.Result{}
	for _, ct := range cts {
		res.Columns = append(res.Columns, ct.Name())
		res.Types = append(res.Types, ct.DatabaseTypeName())
	}
	for rows.Next() {
		row := make([]any, len(cts))
		ptrs := make([]any, len(cts))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, row)
	}
	return res, rows.Err()
}

// SummaryForReading is a segment summary shaped for a terminal: without the as_of column (the run reports it)
// and with shares as percentages rounded to 0.1. Other formats get the summary's exact values.
func SummaryForReading(res *render.Result) *render.Result {
	out := &render.Result{}
	keep := []int{}
	for i, c := range res.Columns {
		switch c {
		case "as_of":
			continue
		case "customer_share", "revenue_share":
			out.Columns = append(out.Columns, strings.TrimSuffix(c, "_share")+" %")
			out.Types = append(out.Types, "DOUBLE")
		default:
			out.Columns = append(out.Columns, c)
			out.Types = append(out.Types, res.Types[i])
		}
		keep = append(keep, i)
	}
	for _, row := range res.Rows {
		r := make([]any, 0, len(keep))
		for _, i := range keep {
			v := row[i]
			if f, ok := v.(float64); ok && strings.HasSuffix(res.Columns[i], "_share") {
				v = math.Round(f*1000) / 10
			}
			r = append(r, v)
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}
