package shell

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/custval/custval/internal/render"
)

// errCancelled reports a statement stopped by Ctrl-C.
var errCancelled = errors.New("query cancelled")

// exec runs one statement and renders its result, if it has one worth showing.
func (s *Shell) exec(ctx context.Context, stmt string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var interrupted atomic.Bool
	if s.cfg.Interrupt != nil {
		// A signal that came in while idle belongs to no statement.
		for len(s.cfg.Interrupt) > 0 {
			<-s.cfg.Interrupt
		}
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-s.cfg.Interrupt:
				interrupted.Store(true)
				cancel() // duckdb-go interrupts the running query
			case <-done:
			}
		}()
	}
	start := time.Now()
	err := s.query(ctx, stmt)
	if s.timer {
		fmt.Fprintf(s.cfg.Out, "Run Time (s): real %.3f\n", time.Since(start).Seconds())
	}
	cancel()
	if err != nil && interrupted.Load() {
		return errCancelled
	}
	return err
}

func (s *Shell) query(ctx context.Context, stmt string) error {
	show := s.showsResult(ctx, stmt)
	rows, err := render.Query(ctx, s.conn, stmt)
	if err != nil {
		return cleanError(err)
	}
	defer rows.Close()
	if !show {
		// Reading to the end surfaces errors raised while the statement runs.
		for {
			if _, err := rows.Next(); err != nil {
				if errors.Is(err, io.EOF) {
					return nil
				}
				return cleanError(err)
			}
		}
	}
	width := s.width
	if width <= 0 && s.cfg.Width != nil {
		width = s.cfg.Width()
	}
	if err := s.mode.write(s.out, rows, render.Options{MaxWidth: width, MaxRows: s.maxRows}); err != nil {
		return cleanError(err)
	}
	return nil
}

// showsResult tells whether stmt returns rows to show. DuckDB answers DDL and
// DML with a "Count" or "Success" column that its own shell does not print,
// so neither do we. A statement that does not prepare shows whatever it
// returns; running it reports the error.
func (s *Shell) showsResult(ctx context.Context, stmt string) bool {
	show := true
	_ = s.conn.Raw(func(dc any) error {
		pc, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return nil
		}
		ps, err := pc.PrepareContext(ctx, stmt)
		if err != nil {
			return nil
		}
		defer ps.Close()
		if st, ok := ps.(*duckdb.Stmt); ok {
			if t, err := st.StatementType(); err == nil {
				show = returnsRows(t)
			}
		}
		return nil
	})
	return show
}

func returnsRows(t duckdb.StmtType) bool {
	switch t {
	case duckdb.STATEMENT_TYPE_INSERT, duckdb.STATEMENT_TYPE_UPDATE, duckdb.STATEMENT_TYPE_DELETE,
		duckdb.STATEMENT_TYPE_CREATE, duckdb.STATEMENT_TYPE_CREATE_FUNC, duckdb.STATEMENT_TYPE_DROP,
		duckdb.STATEMENT_TYPE_ALTER, duckdb.STATEMENT_TYPE_TRANSACTION, duckdb.STATEMENT_TYPE_COPY,
		duckdb.STATEMENT_TYPE_ANALYZE, duckdb.STATEMENT_TYPE_VARIABLE_SET, duckdb.STATEMENT_TYPE_SET,
		duckdb.STATEMENT_TYPE_LOAD, duckdb.STATEMENT_TYPE_ATTACH, duckdb.STATEMENT_TYPE_DETACH,
		duckdb.STATEMENT_TYPE_VACUUM, duckdb.STATEMENT_TYPE_EXPORT, duckdb.STATEMENT_TYPE_PREPARE:
		return false
	}
	return true
}

// cleanError drops render's "run query: " prefix: in the shell every error comes from a query.
func cleanError(err error) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "run query: "); ok {
		return errors.New(rest)
	}
	return err
}
