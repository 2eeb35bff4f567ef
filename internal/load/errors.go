package load

import "errors"

// Conditions callers may branch on; messages add the file, table or column.
var (
	ErrUnknownTable    = errors.New("not a custval table")
	ErrNoFiles         = errors.New("no files to load")
	ErrUnknownColumn   = errors.New("not a column of the table")
	ErrNoSuchSource    = errors.New("no such column in the file")
	ErrMissingColumns  = errors.New("missing required columns")
	ErrUnknownFormat   = errors.New("unknown file format")
	ErrDirectory       = errors.New("is a directory, not a file")
	ErrCreateCustomers = errors.New("--create-missing-customers applies only to tables with a customer_id that must exist in customers")
	ErrReconcile       = errors.New("counts do not reconcile")
	ErrUnknownZone     = errors.New("is not a time zone DuckDB knows (use a name like Europe/Berlin or UTC)")
)

// StrictError is the first problem of a --strict load; nothing was written.
type StrictError struct{ Reject Reject }

func (e *StrictError) Error() string { return e.Reject.Error() }

var (
	ErrHeaderEncoding  = errors.New("is not valid UTF-8")
	ErrDuplicateHeader = errors.New("appears twice in the header")
	ErrBadDelim        = errors.New("the delimiter must be one character other than a quote or line end (\\t for tab)")
)
