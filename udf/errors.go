package udf

import "errors"

// Errors a custval function returns; DuckDB turns them into query errors.
var (
	ErrUnknownSetting  = errors.New("unknown setting")
	ErrSettingRange    = errors.New("setting out of range")
	ErrUnknownRating   = errors.New("unknown survey rating")
	ErrUnknownKind     = errors.New("unknown interaction kind")
	ErrLengthMismatch  = errors.New("lists differ in length")
	ErrUnexpectedValue = errors.New("unexpected value type")
)
