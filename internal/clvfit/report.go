package clvfit

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteReport prints a run: one line per model with its parameters,
// log-likelihood, iterations and convergence, the message of any fit that did
// not converge, and the holdout check with one predicted column per purchase model.
func WriteReport(w io.Writer, res Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "id\tmodel\tparams\tlog_likelihood\thistories\titerations\tconverged\n")
	for _, m := range res.Models {
		var ps []string
		for _, p := range m.Fit.Params {
			ps = append(ps, p.Name+"="+strconv.FormatFloat(p.Value, 'f', 4, 64))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.4f\t%d\t%d\t%t\n", m.ID, m.Fit.Model, strings.Join(ps, " "),
			m.Fit.LogLikelihood, m.Fit.Histories, m.Fit.Iterations, m.Fit.Converged)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, m := range res.Models {
		if !m.Fit.Converged {
			fmt.Fprintf(w, "model %d (%s) did not converge, stored with converged = false and never used: %s\n",
				m.ID, m.Fit.Model, m.Fit.Message)
		}
	}
	var checked []Model
	for _, m := range res.Models {
		if m.Holdout != nil {
			checked = append(checked, m)
		}
	}
	if len(checked) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nholdout %s to %s (%.4g %ss): purchase days by calibration repeat purchases x\n",
		day(res.CalibrationEnd.AddDate(0, 0, 1)), day(res.AsOf), res.HoldoutLength, res.TimeUnit)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "x\tcustomers\tactual\t")
	for _, m := range checked {
		fmt.Fprintf(tw, "%s\t", m.Fit.Model)
	}
	fmt.Fprintln(tw)
	rows := make([][]HoldoutRow, len(checked))
	for i, m := range checked {
		rows[i] = HoldoutRows(*m.Holdout)
	}
	for j, r := range rows[0] {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t", r.Bucket, r.Customers, r.Actual)
		for i := range checked {
			fmt.Fprintf(tw, "%.1f\t", rows[i][j].Predicted)
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, "tracking\t\t\t")
	for _, m := range checked {
		fmt.Fprintf(tw, "%.1f\t", m.Holdout.Tracking)
	}
	fmt.Fprintln(tw)
	if err := tw.Flush(); err != nil {
		return err
	}

	// The same buckets counted in customers: who bought at all, against Σ P(purchase in the holdout), the
	// figure a list ranked by clv_p_purchase relies on.
	fmt.Fprintf(w, "\ncustomers with a purchase day in the holdout, against the sum of P(purchase)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "x\tcustomers\tbuyers\t")
	for _, m := range checked {
		fmt.Fprintf(tw, "%s\t", m.Fit.Model)
	}
	fmt.Fprintln(tw)
	for j, r := range rows[0] {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t", r.Bucket, r.Customers, r.Buyers)
		for i := range checked {
			fmt.Fprintf(tw, "%.1f\t", rows[i][j].PredictedBuyers)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
