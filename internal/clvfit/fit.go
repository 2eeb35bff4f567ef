// Package clvfit connects the CLV models of internal/clv to a custval
// database: it reads the customer summary of clv_summary_v1, computed and
// collapsed to distinct histories in one SQL pass (sql/inputs.sql, held equal
// to the macro by a test), fits the requested models, checks
// them on a holdout period, and stores them in clv_models and clv_holdout,
// where the SQL functions clv_p_alive, clv_value, clv_v1 and value_matrix_v1
// find them. See docs/clv.md.
package clvfit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/clv"
	"github.com/custval/custval/internal/txn"
)

// DefaultModels are fitted when Options.Models is empty.
var DefaultModels = []string{clv.NameBGNBD, clv.NameGammaGamma}

// HoldoutTop is the last frequency bucket of the holdout check: x >= 7, as in the papers.
const HoldoutTop = 7

// Options says what to fit.
type Options struct {
	AsOf             time.Time    // end of the data; the calibration ends HoldoutMonths earlier
	TimeUnit         clv.TimeUnit // clv.Week (default) or clv.Day
	HoldoutMonths    int          // 0: fit on everything up to AsOf, no holdout check
	CalibrationStart time.Time    // zero: all history; else lines before it are ignored
	Models           []string     // bgnbd, mbgnbd, paretonbd, gammagamma; default DefaultModels
	Now              func() time.Time
}

// Validate reports the first problem with the options, or nil.
func (o Options) Validate() error {
	if o.AsOf.IsZero() {
		return errors.New("as-of date is required")
	}
	if o.TimeUnit != "" {
		if _, err := o.TimeUnit.Days(); err != nil {
			return err
		}
	}
	if o.HoldoutMonths < 0 {
		return fmt.Errorf("holdout months %d: must be >= 0", o.HoldoutMonths)
	}
	if !o.CalibrationStart.IsZero() && !o.CalibrationStart.Before(o.AsOf) {
		return fmt.Errorf("calibration start %s: must be before as-of %s", day(o.CalibrationStart), day(o.AsOf))
	}
	seen := map[string]bool{}
	for _, m := range o.Models {
		switch m {
		case clv.NameBGNBD, clv.NameMBGNBD, clv.NameParetoNBD, clv.NameGammaGamma:
		default:
			return fmt.Errorf("model %q: %w (want %s, %s, %s or %s)", m, clv.ErrUnknownModel,
				clv.NameBGNBD, clv.NameMBGNBD, clv.NameParetoNBD, clv.NameGammaGamma)
		}
		if seen[m] {
			return fmt.Errorf("model %q given twice", m)
		}
		seen[m] = true
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.TimeUnit == "" {
		o.TimeUnit = clv.Week
	}
	if len(o.Models) == 0 {
		o.Models = DefaultModels
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Result is one stored run of fits.
type Result struct {
	RunID          int64
	AsOf           time.Time
	CalibrationEnd time.Time
	HoldoutMonths  int
	TimeUnit       clv.TimeUnit
	HoldoutLength  float64 // the holdout (CalibrationEnd, AsOf] in TimeUnit
	Customers      float64 // customers in the calibration summary
	Histories      int     // their distinct (x, t_x, T)
	Fingerprint    string
	Models         []Model
}

// Model is one stored fit.
type Model struct {
	ID      int64
	Fit     clv.Fit
	Holdout *clv.Holdout // purchase models with a holdout period; nil otherwise
}

// Err joins the errors of the fits that did not converge; nil when all did.
func (r Result) Err() error {
	var errs []error
	for _, m := range r.Models {
		if err := m.Fit.Err(); err != nil {
			errs = append(errs, fmt.Errorf("model %d %w (stored with converged = false, never used)", m.ID, err))
		}
	}
	return errors.Join(errs...)
}

// history is one distinct calibration history with its customers' holdout purchases.
type history struct {
	X, TX, T  float64
	Customers float64
	Holdout   float64 // purchase days in the holdout, summed over the customers
	Buyers    float64 // customers with a purchase day in the holdout
}

// Run fits the requested models on the summary as of AsOf minus HoldoutMonths
// and stores every fit, converged or not, with its holdout check in one
// transaction. Fits that did not converge are in the result: see Result.Err.
func Run(ctx context.Context, db *sqlx.DB, opts Options) (Result, error) {
	if err := opts.Validate(); err != nil {
		return Result{}, fmt.Errorf("fit clv: %w", err)
	}
	opts = opts.withDefaults()
	res := Result{AsOf: opts.AsOf, HoldoutMonths: opts.HoldoutMonths, TimeUnit: opts.TimeUnit}
	fail := func(step string, err error) (Result, error) {
		return Result{}, fmt.Errorf("fit clv as of %s: %s: %w", day(opts.AsOf), step, err)
	}
	if err := db.GetContext(ctx, &res.CalibrationEnd, mustSQL("calibration_end.sql"),
		sql.Named("as_of", day(opts.AsOf)), sql.Named("holdout_months", opts.HoldoutMonths)); err != nil {
		return fail("compute the calibration end", err)
	}
	unitDays, _ := opts.TimeUnit.Days()
	res.HoldoutLength = float64(res.AsOf.Sub(res.CalibrationEnd)/(24*time.Hour)) / unitDays

	withSpend := slices.Contains(opts.Models, clv.NameGammaGamma)
	hs, spend, err := readInputs(ctx, db, opts, res.CalibrationEnd, withSpend)
	if err != nil {
		return fail("read the customer summary", err)
	}
	if len(hs) == 0 {
		return fail("read the customer summary", fmt.Errorf("%w: no customer has a purchase on or before %s", clv.ErrNoData, day(res.CalibrationEnd)))
	}
	res.Histories = len(hs)
	fits := make([]clv.History, len(hs))
	for i, h := range hs {
		fits[i] = clv.History{X: h.X, TX: h.TX, T: h.T, Count: h.Customers}
		res.Customers += h.Customers
	}
	res.Fingerprint = fingerprint(opts, res.CalibrationEnd, fits, spend)

	for _, name := range opts.Models {
		f, err := fitOne(name, fits, spend)
		if err != nil {
			return fail("fit "+name, err)
		}
		m := Model{Fit: f}
		if opts.HoldoutMonths > 0 && name != clv.NameGammaGamma && f.Converged {
			model, err := f.Transactions()
			if err != nil {
				return fail("check "+name+" on the holdout", err)
			}
			h := checkHoldout(model, hs, res.HoldoutLength)
			m.Holdout = &h
		}
		res.Models = append(res.Models, m)
	}
	if err := store(ctx, db, opts, &res); err != nil {
		return fail("store the fits", err)
	}
	return res, nil
}

func fitOne(name string, hs []clv.History, spend []clv.Spend) (clv.Fit, error) {
	switch name {
	case clv.NameBGNBD:
		return clv.FitBGNBD(hs)
	case clv.NameMBGNBD:
		return clv.FitMBGNBD(hs)
	case clv.NameParetoNBD:
		return clv.FitParetoNBD(hs)
	case clv.NameGammaGamma:
		if len(spend) == 0 {
			return clv.Fit{}, fmt.Errorf("%w: no customer has a repeat purchase with a positive spend", clv.ErrNoData)
		}
		return clv.FitGammaGamma(spend)
	}
	return clv.Fit{}, fmt.Errorf("model %q: %w", name, clv.ErrUnknownModel)
}

func summaryArgs(opts Options, calibrationEnd time.Time) []any {
	var start any
	if !opts.CalibrationStart.IsZero() {
		start = day(opts.CalibrationStart)
	}
	return []any{
		sql.Named("calibration_end", day(calibrationEnd)),
		sql.Named("time_unit", string(opts.TimeUnit)),
		sql.Named("calibration_start", start),
	}
}

// readInputs reads the distinct histories and, when withSpend, the distinct
// (x, m_x) of the repeat customers, from one evaluation of the summary.
func readInputs(ctx context.Context, db *sqlx.DB, opts Options, calibrationEnd time.Time, withSpend bool) ([]history, []clv.Spend, error) {
	var holdoutEnd any
	if opts.HoldoutMonths > 0 {
		holdoutEnd = day(opts.AsOf)
	}
	args := append(summaryArgs(opts, calibrationEnd), sql.Named("holdout_end", holdoutEnd), sql.Named("with_spend", withSpend))
	rows, err := db.QueryContext(ctx, mustSQL("inputs.sql"), args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var (
		hs      []history
		spend   []clv.Spend
		isSpend bool
		mx      float64
	)
	for rows.Next() {
		var h history
		if err := rows.Scan(&isSpend, &h.X, &h.TX, &h.T, &mx, &h.Customers, &h.Holdout, &h.Buyers); err != nil {
			return nil, nil, err
		}
		if isSpend {
			spend = append(spend, clv.Spend{X: h.X, MX: mx, Count: h.Customers})
		} else {
			hs = append(hs, h)
		}
	}
	return hs, spend, rows.Err()
}

// fingerprint is the sha256 of what the fits saw: the settings and every
// distinct history and spend with its count, in the order SQL sorted them.
func fingerprint(opts Options, calibrationEnd time.Time, hs []clv.History, spend []clv.Spend) string {
	h := sha256.New()
	fmt.Fprintf(h, "clv_summary_v1 %s %s %s\n", day(calibrationEnd), opts.TimeUnit, day(opts.CalibrationStart))
	// The lines are "h x t_x T count" and "s x m_x count", numbers in strconv's
	// shortest 'g' form, appended to one buffer: at 1M customers fmt would
	// take a noticeable share of the fit.
	var b []byte
	line := func(kind byte, vs ...float64) {
		b = append(b[:0], kind)
		for _, v := range vs {
			b = strconv.AppendFloat(append(b, ' '), v, 'g', -1, 64)
		}
		h.Write(append(b, '\n'))
	}
	for _, r := range hs {
		line('h', r.X, r.TX, r.T, r.Count)
	}
	for _, s := range spend {
		line('s', s.X, s.MX, s.Count)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// checkHoldout is clv.CheckHoldout on distinct histories: each history's
// expectation is computed once and weighted by its customers.
func checkHoldout(m clv.Model, hs []history, t float64) clv.Holdout {
	out := clv.Holdout{Rows: make([]clv.HoldoutRow, HoldoutTop+1)}
	for i := range out.Rows {
		out.Rows[i].X = i
	}
	out.Rows[HoldoutTop].OrMore = true
	for _, h := range hs {
		b := min(int(h.X), HoldoutTop)
		e := h.Customers * m.ExpectedPurchases(t, h.X, h.TX, h.T)
		p := h.Customers * m.PPurchase(t, h.X, h.TX, h.T)
		out.Rows[b].Customers += h.Customers
		out.Rows[b].Actual += h.Holdout
		out.Rows[b].Predicted += e
		out.Rows[b].Buyers += h.Buyers
		out.Rows[b].PredictedBuyers += p
		out.Actual += h.Holdout
		out.Predicted += e
		out.Buyers += h.Buyers
		out.PredictedBuyers += p
		out.Tracking += h.Customers * (m.ExpectedPurchasesNew(h.T+t) - m.ExpectedPurchasesNew(h.T))
	}
	return out
}

func store(ctx context.Context, db *sqlx.DB, opts Options, res *Result) error {
	tx, err := txn.Beginx(ctx, db)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	if err := tx.GetContext(ctx, &res.RunID, mustSQL("next_run.sql")); err != nil {
		return fmt.Errorf("next run id: %w", err)
	}
	var start any
	if !opts.CalibrationStart.IsZero() {
		start = day(opts.CalibrationStart)
	}
	fittedAt := opts.Now().UTC()
	for i := range res.Models {
		m := &res.Models[i]
		params, err := json.Marshal(m.Fit.Store(opts.TimeUnit))
		if err != nil {
			return fmt.Errorf("encode %s params: %w", m.Fit.Model, err)
		}
		var ll any = m.Fit.LogLikelihood
		if math.IsNaN(m.Fit.LogLikelihood) || math.IsInf(m.Fit.LogLikelihood, 0) {
			ll = nil
		}
		if err := tx.GetContext(ctx, &m.ID, mustSQL("insert_model.sql"),
			sql.Named("run_id", res.RunID), sql.Named("position", i+1), sql.Named("model", m.Fit.Model),
			sql.Named("as_of", day(res.AsOf)), sql.Named("calibration_start", start),
			sql.Named("calibration_end", day(res.CalibrationEnd)), sql.Named("holdout_months", res.HoldoutMonths),
			sql.Named("time_unit", string(opts.TimeUnit)), sql.Named("params", string(params)),
			sql.Named("log_likelihood", ll), sql.Named("n_customers", int64(math.Round(m.Fit.Customers))),
			sql.Named("n_histories", m.Fit.Histories), sql.Named("converged", m.Fit.Converged),
			sql.Named("message", m.Fit.Message), sql.Named("iterations", m.Fit.Iterations),
			sql.Named("fitted_at", fittedAt), sql.Named("data_fingerprint", res.Fingerprint)); err != nil {
			return fmt.Errorf("insert %s: %w", m.Fit.Model, err)
		}
		if m.Holdout == nil {
			continue
		}
		for _, r := range HoldoutRows(*m.Holdout) {
			if _, err := tx.ExecContext(ctx, mustSQL("insert_holdout.sql"),
				sql.Named("model_id", m.ID), sql.Named("bucket", r.Bucket), sql.Named("bucket_order", r.Order),
				sql.Named("customers", int64(math.Round(r.Customers))), sql.Named("actual", r.Actual),
				sql.Named("predicted", r.Predicted), sql.Named("tracking", r.Tracking),
				sql.Named("buyers", int64(math.Round(r.Buyers))), sql.Named("predicted_buyers", r.PredictedBuyers)); err != nil {
				return fmt.Errorf("insert %s holdout bucket %s: %w", m.Fit.Model, r.Bucket, err)
			}
		}
	}
	return tx.Commit()
}

// HoldoutRow is one printed or stored row of a holdout check.
type HoldoutRow struct {
	Bucket          string // "0" .. "6", "7+", "total"
	Order           int
	Customers       float64
	Actual          float64
	Predicted       float64
	Tracking        any // float64 on the total row, nil otherwise
	Buyers          float64
	PredictedBuyers float64
}

// HoldoutRows lists a holdout check's buckets and then its total.
func HoldoutRows(h clv.Holdout) []HoldoutRow {
	var out []HoldoutRow
	total := HoldoutRow{Bucket: "total", Order: len(h.Rows), Actual: h.Actual, Predicted: h.Predicted, Tracking: h.Tracking,
		Buyers: h.Buyers, PredictedBuyers: h.PredictedBuyers}
	for i, r := range h.Rows {
		b := strconv.Itoa(r.X)
		if r.OrMore {
			b += "+"
		}
		out = append(out, HoldoutRow{Bucket: b, Order: i, Customers: r.Customers, Actual: r.Actual, Predicted: r.Predicted,
			Buyers: r.Buyers, PredictedBuyers: r.PredictedBuyers})
		total.Customers += r.Customers
	}
	return append(out, total)
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ParseModels splits a comma-separated --model value.
func ParseModels(s string) []string {
	var out []string
	for _, m := range strings.Split(s, ",") {
		if m = strings.ToLower(strings.TrimSpace(m)); m != "" {
			out = append(out, m)
		}
	}
	return out
}
