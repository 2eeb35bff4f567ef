// Package migrate applies numbered, up-only SQL migrations from an fs.FS and
// records each one with its checksum, so an edited, already-applied file is
// refused instead of silently diverging from the database.
package migrate

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/custval/custval/internal/txn"
)

// Migration is one numbered SQL file.
type Migration struct {
	Version  int
	Name     string // file name, e.g. 0001_contract_v1.sql
	SQL      string
	Checksum string // hex sha256 of the file bytes
}

// Collect reads every *.sql file at the root of fsys, ordered by version.
func Collect(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	seen := map[int]string{}
	var out []Migration
	for _, name := range names {
		version, err := versionOf(name)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[version]; ok {
			return nil, fmt.Errorf("%w %d: %s and %s", ErrDuplicateVersion, version, prev, name)
		}
		seen[version] = name
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		sum := sha256.Sum256(body)
		out = append(out, Migration{Version: version, Name: name, SQL: string(body), Checksum: hex.EncodeToString(sum[:])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

func versionOf(name string) (int, error) {
	base := path.Base(name)
	digits, _, ok := strings.Cut(base, "_")
	if !ok || len(digits) != 4 {
		return 0, fmt.Errorf("%s: %w", base, ErrBadName)
	}
	v, err := strconv.Atoi(digits)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%s: %w", base, ErrBadName)
	}
	return v, nil
}

const createVersionTable = `create table if not exists schema_version (
    version    integer primary key,
    name       varchar not null,
    checksum   varchar not null,
    applied_at timestamp not null default current_timestamp
)`

// Applied returns the migrations recorded in the database, by version.
func Applied(ctx context.Context, db *sql.DB) (map[int]Migration, error) {
	if _, err := db.ExecContext(ctx, createVersionTable); err != nil {
		return nil, fmt.Errorf("create schema_version: %w", err)
	}
	rows, err := db.QueryContext(ctx, `select version, name, checksum from schema_version order by version`)
	if err != nil {
		return nil, fmt.Errorf("read schema_version: %w", err)
	}
	defer rows.Close()
	out := map[int]Migration{}
	for rows.Next() {
		var m Migration
		if err := rows.Scan(&m.Version, &m.Name, &m.Checksum); err != nil {
			return nil, fmt.Errorf("read schema_version: %w", err)
		}
		out[m.Version] = m
	}
	return out, rows.Err()
}

// Up verifies every applied migration against its file and applies the
// pending ones in order, each in its own transaction. It returns what it applied.
func Up(ctx context.Context, db *sql.DB, fsys fs.FS) ([]Migration, error) {
	all, err := Collect(fsys)
	if err != nil {
		return nil, err
	}
	applied, err := Applied(ctx, db)
	if err != nil {
		return nil, err
	}
	known := map[int]bool{}
	for _, m := range all {
		known[m.Version] = true
	}
	for v, m := range applied {
		if !known[v] {
			return nil, fmt.Errorf("%s: %w; upgrade custval", m.Name, ErrUnknownVersion)
		}
	}
	var done []Migration
	for _, m := range all {
		if prev, ok := applied[m.Version]; ok {
			if prev.Checksum != m.Checksum {
				return done, fmt.Errorf("%s %w; add a new migration instead of editing a published one", m.Name, ErrChecksumMismatch)
			}
			continue
		}
		if err := apply(ctx, db, m); err != nil {
			return done, &PartialError{Applied: done, Failed: m, Err: err}
		}
		done = append(done, m)
	}
	return done, nil
}

func apply(ctx context.Context, db *sql.DB, m Migration) error {
	tx, err := txn.Begin(ctx, db)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `insert into schema_version (version, name, checksum) values ($1, $2, $3)`,
		m.Version, m.Name, m.Checksum); err != nil {
		return err
	}
	return tx.Commit()
}
