package reports

import "errors"

// Sentinel errors; the wrapped message says which report, parameter or query.
var (
	// ErrUnknownReport: no report of that name in any source.
	ErrUnknownReport = errors.New("unknown report")
	// ErrUnknownParam: a --param the report does not declare.
	ErrUnknownParam = errors.New("unknown parameter")
	// ErrInvalidParam: a parameter value of the wrong type or not allowed.
	ErrInvalidParam = errors.New("invalid parameter")
	// ErrMissingParam: a required parameter was not given.
	ErrMissingParam = errors.New("missing parameter")
	// ErrUnknownQuery: --query names no query of the report.
	ErrUnknownQuery = errors.New("unknown query")
	// ErrQueryRequired: csv output of a report with several queries needs --query.
	ErrQueryRequired = errors.New("choose a query")
	// ErrUnknownFormat: an output format other than html, md, csv or json.
	ErrUnknownFormat = errors.New("unknown format")
	// ErrInvalidReport: the report folder itself is wrong (bad declaration, query or template).
	ErrInvalidReport = errors.New("invalid report")
)

// IsInputError reports whether err was caused by what the caller asked for
// (report name, parameters, format, query), rather than by the report or the
// database; the CLI exits 2 for these.
func IsInputError(err error) bool {
	for _, e := range []error{ErrUnknownReport, ErrUnknownParam, ErrInvalidParam, ErrMissingParam,
		ErrUnknownQuery, ErrQueryRequired, ErrUnknownFormat} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
