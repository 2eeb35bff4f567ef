// Package clv fits probabilistic customer-lifetime-value models to per-customer
// summaries and predicts from them: BG/NBD (Fader, Hardie & Lee 2005), MBG/NBD
// (Batislam, Denizel & Filiztekin 2007), Pareto/NBD (Schmittlein, Morrison &
// Colombo 1987) and the Gamma-Gamma spend model (Fader & Hardie 2013).
//
// The package is pure Go with no database types, so the same code can back
// custval's UDFs and a future DuckDB extension. Time is in whatever unit the
// summary was built in (weeks, as in the papers, or days); a fitted model's
// rates are per that unit, and the TimeUnit recorded with it converts calendar
// horizons. See docs/clv.md for the formulas, policies and validation.
package clv
