package cli

import (
	"context"
	"io"
	"os"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/store"
)

// Factory carries what every command needs: its streams and a way to open the database.
type Factory struct {
	In     io.Reader
	Out    io.Writer // data
	ErrOut io.Writer // progress and logs

	dbFlag string
	store  store.Options
	getenv func(string) string
}

func newFactory(in io.Reader, out, errOut io.Writer) *Factory {
	return &Factory{In: in, Out: out, ErrOut: errOut, getenv: os.Getenv}
}

// DBPath resolves the database file: --db, else $CUSTVAL_DB, else custval.duckdb.
func (f *Factory) DBPath() string {
	if f.dbFlag != "" {
		return f.dbFlag
	}
	if env := f.getenv("CUSTVAL_DB"); env != "" {
		return env
	}
	return "custval.duckdb"
}

// OpenDB opens the database for writing and applies pending migrations.
func (f *Factory) OpenDB(ctx context.Context) (*sqlx.DB, error) {
	db, err := store.Open(ctx, f.DBPath(), f.store)
	if err != nil {
		return nil, err
	}
	if _, err := store.Migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenReadOnly opens the database without writing to it; several processes may do so at once.
func (f *Factory) OpenReadOnly(ctx context.Context) (*sqlx.DB, error) {
	opts := f.store
	opts.ReadOnly = true
	return store.Open(ctx, f.DBPath(), opts)
}
