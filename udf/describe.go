package udf

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Describe writes every custval function with its signature, one-line doc and
// documentation page; with settings, also each function's tunable settings and
// their defaults. `custval udfs` prints it.
func Describe(w io.Writer, settings bool) error {
	all := Settings()
	listed := map[string]string{} // score -> function whose entry lists its settings
	for i, f := range registry {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n  %s\n  docs/scores/%s.md\n", f.Signature(), f.Doc, f.Name)
		if !settings {
			continue
		}
		if first, ok := listed[f.Score]; ok {
			fmt.Fprintf(w, "  settings: as %s\n", first)
			continue
		}
		listed[f.Score] = f.Name
		fmt.Fprintf(w, "  settings (score_settings where score = '%s'):\n", f.Score)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, s := range all {
			if s.Score == f.Score {
				fmt.Fprintf(tw, "    %s\t%v\t%s\n", s.Name, s.Default, s.Doc)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	// The CLV functions take a stored model's params; the SQL macros clv_p_alive, clv_expected_purchases,
	// clv_p_purchase, clv_expected_spend and clv_value look the model up and call them.
	for _, f := range clvFuncs {
		fmt.Fprintf(w, "\n%s\n  %s\n  docs/clv.md (SQL interface; everyday form: the macro %s)\n",
			f.Signature(), f.Doc, strings.TrimSuffix(f.Name, "_params"))
	}
	return nil
}
