// Package rfm runs custval's RFM model (the rfm_v1 table macro in sql/schema): it checks segment rule sets,
// materializes scores into score snapshots, and reads segment summaries back. The scores themselves are plain SQL,
// so any DuckDB client gets the same numbers from the same file; docs/rfm.md explains every column.
package rfm

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ModelVersion is the model `custval score` snapshots, and the model_version of its snapshot rows.
const ModelVersion = "rfm_v1"

// Bounds of the bin count per dimension.
const (
	MinBins     = 3
	MaxBins     = 10
	DefaultBins = 5
)

// Options are the arguments of rfm_v1. Zero fields take the macro's defaults.
type Options struct {
	AsOf      time.Time // the scoring day; zero means the day of the latest order
	Months    int       // window in months ending on AsOf; 0 means all history
	K         int       // bins per dimension; 0 means DefaultBins
	RBins     int       // bins for recency; 0 means K
	FBins     int       // bins for frequency; 0 means K
	MBins     int       // bins for monetary; 0 means K
	RCuts     []float64 // explicit recency thresholds in days (inclusive upper bounds, increasing); override RBins
	FCuts     []float64 // explicit frequency thresholds
	MCuts     []float64 // explicit monetary thresholds
	Statistic string    // segment_8 compares with the "mean" (default) or the "median"
	Rules     string    // rule_set of segment_rules for segment_named; "" means "default"
}

func (o Options) withDefaults() Options {
	if o.K == 0 {
		o.K = DefaultBins
	}
	if o.Statistic == "" {
		o.Statistic = "mean"
	}
	if o.Rules == "" {
		o.Rules = "default"
	}
	if !o.AsOf.IsZero() {
		y, m, d := o.AsOf.Date()
		o.AsOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return o
}

// Validate reports arguments rfm_v1 would refuse, in the words of the command-line flags.
func (o Options) Validate() error {
	o = o.withDefaults()
	if o.Months < 0 {
		return fmt.Errorf("months %d: want 1 or more, or 0 for all history", o.Months)
	}
	for _, b := range []struct {
		name string
		n    int
	}{{"k", o.K}, {"r-bins", o.RBins}, {"f-bins", o.FBins}, {"m-bins", o.MBins}} {
		if b.n != 0 && (b.n < MinBins || b.n > MaxBins) {
			return fmt.Errorf("%s %d: want %d to %d bins", b.name, b.n, MinBins, MaxBins)
		}
	}
	for _, c := range []struct {
		name string
		cuts []float64
	}{{"r-cuts", o.RCuts}, {"f-cuts", o.FCuts}, {"m-cuts", o.MCuts}} {
		if c.cuts == nil {
			continue
		}
		if len(c.cuts) < MinBins-1 || len(c.cuts) > MaxBins-1 {
			return fmt.Errorf("%s: %d cut points: want %d to %d (so %d to %d bins)", c.name, len(c.cuts), MinBins-1, MaxBins-1, MinBins, MaxBins)
		}
		for i := 1; i < len(c.cuts); i++ {
			if c.cuts[i] <= c.cuts[i-1] {
				return fmt.Errorf("%s: %v is not strictly increasing", c.name, c.cuts)
			}
		}
	}
	if o.Statistic != "mean" && o.Statistic != "median" {
		return fmt.Errorf("statistic %q: want mean or median", o.Statistic)
	}
	return nil
}

// Grid is the number of score bins per dimension: the size of the R x F x M cell grid.
type Grid struct{ R, F, M int }

// Grid returns the bins rfm_v1 uses with these options.
func (o Options) Grid() Grid {
	o = o.withDefaults()
	bins := func(n int, cuts []float64) int {
		switch {
		case cuts != nil:
			return len(cuts) + 1
		case n != 0:
			return n
		}
		return o.K
	}
	return Grid{R: bins(o.RBins, o.RCuts), F: bins(o.FBins, o.FCuts), M: bins(o.MBins, o.MCuts)}
}

func (g Grid) String() string { return fmt.Sprintf("%dx%dx%d", g.R, g.F, g.M) }

// ParseCuts reads a comma-separated list of thresholds such as "30,90,180,365".
func ParseCuts(s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return nil, fmt.Errorf("cut points %q: %q is not a number", s, strings.TrimSpace(f))
		}
		out = append(out, v)
	}
	return out, nil
}

// args returns the macro arguments as bind parameters for sql/score.sql and friends.
func (o Options) args() []any {
	o = o.withDefaults()
	var asOf any
	if !o.AsOf.IsZero() {
		asOf = o.AsOf
	}
	return []any{
		sql.Named("as_of", asOf),
		sql.Named("months", nullInt(o.Months)),
		sql.Named("k", o.K),
		sql.Named("r_bins", nullInt(o.RBins)),
		sql.Named("f_bins", nullInt(o.FBins)),
		sql.Named("m_bins", nullInt(o.MBins)),
		sql.Named("r_cuts", cutsText(o.RCuts)),
		sql.Named("f_cuts", cutsText(o.FCuts)),
		sql.Named("m_cuts", cutsText(o.MCuts)),
		sql.Named("statistic", o.Statistic),
		sql.Named("rules", o.Rules),
	}
}

// parameters is what a snapshot run records: the arguments rfm_v1 was called with, as JSON.
func (o Options) parameters(asOf time.Time) string {
	o = o.withDefaults()
	p := struct {
		AsOf      string    `json:"as_of"`
		Months    *int      `json:"months"`
		K         int       `json:"k"`
		RBins     *int      `json:"r_bins"`
		FBins     *int      `json:"f_bins"`
		MBins     *int      `json:"m_bins"`
		RCuts     []float64 `json:"r_cuts"`
		FCuts     []float64 `json:"f_cuts"`
		MCuts     []float64 `json:"m_cuts"`
		Statistic string    `json:"statistic"`
		Rules     string    `json:"rules"`
	}{asOf.Format(time.DateOnly), ptr(o.Months), o.K, ptr(o.RBins), ptr(o.FBins), ptr(o.MBins),
		o.RCuts, o.FCuts, o.MCuts, o.Statistic, o.Rules}
	b, _ := json.Marshal(p) // cannot fail: plain fields
	return string(b)
}

func ptr(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// cutsText renders cut points as a DuckDB list literal for a `::double[]` cast, or NULL.
func cutsText(cuts []float64) any {
	if cuts == nil {
		return nil
	}
	parts := make([]string, len(cuts))
	for i, c := range cuts {
		parts[i] = strconv.FormatFloat(c, 'g', -1, 64)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
