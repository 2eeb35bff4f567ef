package clv

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// blockRows is how many rows of a likelihood one goroutine sums at a time. The
// blocks, not the goroutines, fix the order of the additions: each block is
// summed in row order and the block sums are added in block order, so a fit
// gives bitwise the same result whatever GOMAXPROCS is. A variable so that
// tests can force many blocks on small data.
var blockRows = 8192

// partial is one block's share of a log-likelihood and of its gradient
// (with respect to the log-parameters, up to the model's own scaling).
type partial struct {
	ll float64
	g  [4]float64
}

// sumBlocks calls part on every block [lo, hi) of [0, n) — on up to
// GOMAXPROCS goroutines when there is more than one block — and adds the
// blocks' results in block order. part must write only its own *partial.
func sumBlocks(n int, part func(lo, hi int, p *partial)) partial {
	nb := (n + blockRows - 1) / blockRows
	parts := make([]partial, nb)
	run := func(b int) { part(b*blockRows, min(n, (b+1)*blockRows), &parts[b]) }
	if workers := min(runtime.GOMAXPROCS(0), nb); workers <= 1 {
		for b := range nb {
			run(b)
		}
	} else {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for b := int(next.Add(1) - 1); b < nb; b = int(next.Add(1) - 1) {
					run(b)
				}
			})
		}
		wg.Wait()
	}
	var out partial
	for _, p := range parts {
		out.ll += p.ll
		for i := range out.g {
			out.g[i] += p.g[i]
		}
	}
	return out
}
