package clv

import (
	"strings"
	"sync"
)

// Parsed is one stored model's params (clv_models.params) ready to predict
// with: a purchase model, or Gamma-Gamma for spend.
type Parsed struct {
	Unit  TimeUnit
	Model Model      // purchase models
	Spend GammaGamma // gammagamma
}

type parsedEntry struct {
	p   *Parsed
	err error
}

// parsedModels caches by params text: a query over a million customers reads
// one or two models, so each is parsed once. Safe for the concurrent chunks of
// a parallel query in either host (custval's UDFs, the extension).
var parsedModels sync.Map

// ParseCached parses params text as a purchase model, or as Gamma-Gamma when
// spend is set, once per distinct text; a text that fails keeps failing with
// the same error.
func ParseCached(text string, spend bool) (*Parsed, error) {
	key := text
	if spend {
		key = "spend:" + text
	}
	if v, ok := parsedModels.Load(key); ok {
		e := v.(parsedEntry)
		return e.p, e.err
	}
	p := &Parsed{}
	s, err := ParseStored([]byte(text))
	if err == nil {
		p.Unit = s.TimeUnit
		if spend {
			p.Spend, err = s.GammaGamma()
		} else {
			p.Model, err = s.Transactions()
		}
	}
	// The key outlives the call: text may alias memory the caller does not own.
	v, _ := parsedModels.LoadOrStore(strings.Clone(key), parsedEntry{p, err})
	e := v.(parsedEntry)
	return e.p, e.err
}
