package udf

import (
	"github.com/custval/custval/internal/clvfunc"
	"github.com/custval/custval/internal/vector"
)

// clvVector is the vectorized form of a CLV function: eval is one of
// clvfunc.Models' ...Row methods, the code the row adapters (clv.go) and the
// extension call too. A row with a NULL argument gives NULL without a call,
// as DuckDB's default NULL handling does for the row executor. One Models per
// chunk: rows sharing a params text (the usual case) parse nothing and look
// nothing up after the first.
func clvVector(eval func(*clvfunc.Models, vector.Row) (float64, error)) vectorFunc {
	return func(in *vector.Chunk, out *result) error {
		var m clvfunc.Models
		for i := range in.N {
			if in.AnyNull(i) {
				out.setNull(i)
				continue
			}
			v, err := eval(&m, row{C: in, I: i})
			if err != nil {
				return err
			}
			out.setFloat(i, v)
		}
		return nil
	}
}
