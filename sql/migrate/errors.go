package migrate

import (
	"errors"
	"fmt"
)

var (
	// ErrChecksumMismatch means a migration file changed after it was applied.
	ErrChecksumMismatch = errors.New("changed after it was applied (checksum mismatch)")
	// ErrDuplicateVersion means two files carry the same version number.
	ErrDuplicateVersion = errors.New("duplicate migration version")
	// ErrBadName means a file name does not follow NNNN_name.sql.
	ErrBadName = errors.New("migration file name must look like 0001_name.sql")
	// ErrUnknownVersion means the database has a migration this binary does not know (a newer custval wrote it).
	ErrUnknownVersion = errors.New("database has a migration this custval does not know")
)

// PartialError is returned when a migration fails after others were applied.
// The failed migration itself left nothing behind: each runs in its own transaction.
type PartialError struct {
	Applied []Migration
	Failed  Migration
	Err     error
}

func (e *PartialError) Error() string {
	return fmt.Sprintf("apply %s: %v (%d earlier migrations applied)", e.Failed.Name, e.Err, len(e.Applied))
}

func (e *PartialError) Unwrap() error { return e.Err }
