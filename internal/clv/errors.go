package clv

import "errors"

var (
	// ErrNoData means a fit was given no usable histories.
	ErrNoData = errors.New("no customer histories to fit")
	// ErrBadHistory means a summary violates 0 <= t_x <= T, x >= 0 or count > 0.
	ErrBadHistory = errors.New("invalid customer history")
	// ErrUnknownModel means a stored model name is not one this package knows.
	ErrUnknownModel = errors.New("unknown clv model")
	// ErrBadParams means stored or supplied parameters are missing or not positive.
	ErrBadParams = errors.New("invalid model parameters")
	// ErrNotConverged means a fit ended without meeting its convergence test;
	// Fit.Err wraps it with the diagnostics. Such a fit must not be stored as valid.
	ErrNotConverged = errors.New("fit did not converge")
	// ErrUndefined means a quantity does not exist for these parameters, e.g. the
	// Gamma-Gamma mean spend when q <= 1.
	ErrUndefined = errors.New("undefined for these parameters")
)
