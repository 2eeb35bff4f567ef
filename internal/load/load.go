// Package load reads CSV, Parquet and JSON-lines files into the data contract
// tables. Every input row either lands in its table or is recorded in
// load_rejects with its file, row, column, raw value and reason; a load is one
// transaction. Checks run set-based in DuckDB with no per-row Go code. A file
// is first loaded optimistically: read, checked and inserted in one statement,
// which fails on the first row with a problem. Then the load starts over and
// reads that file the careful way: numbered into a typed temporary table, the
// bad rows described from a second read, the good rows inserted from the
// temporary table.
package load

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/custval/custval/internal/txn"
	"github.com/jmoiron/sqlx"
)

// Request describes one load: one table, one or more files.
type Request struct {
	Table string
	Files []string
	Map   map[string]string // target column -> source column in the file

	// Format forces the reader: "csv", "parquet" or "json". "" chooses by extension:
	// .csv .tsv .txt -> csv, .parquet -> parquet, .jsonl .ndjson .json -> json.
	Format string
	// DateFormat is a strptime format (e.g. "%d.%m.%Y") tried first for date and
	// timestamp columns; ISO 8601 values are accepted either way. "" = ISO only.
	DateFormat   string
	DecimalComma bool   // "1.234,50" means 1234.50
	Delim        string // CSV delimiter, one character or `\t`; "" = detected from the header line (tab for .tsv)
	Strict       bool   // the first problem fails the whole load
	// CreateMissingCustomers adds unknown customer_ids to customers instead of rejecting the rows.
	CreateMissingCustomers bool
	// AsOf: dates and timestamps after it are rejected; only its wall-clock
	// reading is used. The zero value means the load's start time, local time,
	// like the zone-less timestamps in the files. It is recorded in loads.as_of.
	AsOf time.Time
	// TimeZone is the zone of the shop's local time, e.g. "Europe/Berlin": a timestamp
	// written with a UTC offset or zone ("...Z", "...+02:00", "... CET") is converted to
	// it. "" means DuckDB's TimeZone setting, the machine's zone.
	TimeZone string
	Replace  bool      // delete the table's rows first, in the same transaction
	Progress io.Writer // nil = silent

	now func() time.Time // for tests
}

// Result counts what a load did. Read = Loaded + Rejected, per file and in total.
type Result struct {
	LoadID           int64
	AsOf             time.Time
	Read             int64
	Loaded           int64
	Rejected         int64
	CustomersCreated int64
	PerFile          []FileResult
	// FirstRejects are the first few rejects of the load in file and row order.
	FirstRejects []Reject
	// Warnings are the first few of the load's warnings (all are in load_warnings);
	// WarningsTotal counts them all.
	Warnings      []Warning
	WarningsTotal int64
}

// FileResult is one file's share of a load.
type FileResult struct {
	File             string
	Format           string
	Read             int64
	Loaded           int64
	Rejected         int64
	CustomersCreated int64
	Ignored          []string // file columns that are not in the table
	Empty            bool     // the file has no header and no rows
	Warnings         []Warning
	WarningsTotal    int64
}

// Warning is something a load normalized or noticed in rows it loaded, as
// stored in load_warnings: an order category spelled differently from
// categories or missing there, a customer_id differing from another only in case.
type Warning struct {
	File   string
	Column string
	Value  *string
	Rows   int64
	Text   string
}

// String renders the warning like a reject:
// `load orders.csv: column category: "spa" (3 rows) not in categories: ...`.
func (w Warning) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "load %s: column %s: ", w.File, w.Column)
	if w.Value != nil {
		fmt.Fprintf(&b, "%q ", *w.Value)
	}
	if w.Rows != 1 {
		fmt.Fprintf(&b, "(%d rows) ", w.Rows)
	}
	b.WriteString(w.Text)
	return b.String()
}

// Reject is one problem with one input row, as stored in load_rejects.
type Reject struct {
	File   string
	Row    int64 // data record in the file, 1 = first after the header
	Line   int64 // DuckDB's CSV line, for malformed rows only; else 0
	Column string
	Raw    *string
	Reason string
}

// Error renders the reject the way every custval message names a bad value:
// `load orders.csv: row 17, column amount: "12,5x" is not a number`.
func (r Reject) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "load %s: row %d", r.File, r.Row)
	if r.Line > 0 {
		fmt.Fprintf(&b, " (line %d)", r.Line)
	}
	if r.Column != "" {
		fmt.Fprintf(&b, ", column %s", r.Column)
	}
	b.WriteString(": ")
	if r.Raw != nil && r.Column != "" && r.Line == 0 { // a malformed row's raw value is the whole record
		fmt.Fprintf(&b, "%q ", *r.Raw)
	}
	b.WriteString(r.Reason)
	return b.String()
}

const firstRejects = 5

// Load runs req in one transaction: on any error no table changes (only
// load_id_seq, which DuckDB does not roll back, has advanced).
func Load(ctx context.Context, db *sqlx.DB, req Request) (Result, error) {
	tbl, ok := contract[req.Table]
	if !ok {
		return Result{}, fmt.Errorf("load %s: %w (tables: %s)", req.Table, ErrUnknownTable, strings.Join(Tables(), ", "))
	}
	if len(req.Files) == 0 {
		return Result{}, fmt.Errorf("load %s: %w", req.Table, ErrNoFiles)
	}
	for target := range req.Map {
		if _, ok := tbl.column(target); !ok {
			return Result{}, fmt.Errorf("load %s: --map %s=%s: %w; columns: %s", req.Table, target, req.Map[target], ErrUnknownColumn, columnNames(tbl))
		}
	}
	if req.CreateMissingCustomers && !tbl.RefCustomers {
		return Result{}, fmt.Errorf("load %s: %w", req.Table, ErrCreateCustomers)
	}
	now := time.Now
	if req.now != nil {
		now = req.now
	}
	started := wallClock(now())
	asOf := req.AsOf
	if asOf.IsZero() {
		asOf = started
	}
	asOf = wallClock(asOf)

	// One connection: the load's temp tables and its transaction live on it.
	conn, err := db.Connx(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("load %s: %w", req.Table, err)
	}
	defer conn.Close()
	// The id is taken once, outside the attempts: sequences are not transactional anyway.
	var loadID int64
	q, _, err := sqlFor("next_id", nil, nil)
	if err == nil {
		err = conn.QueryRowxContext(ctx, q).Scan(&loadID)
	}
	if err != nil {
		return Result{}, fmt.Errorf("load %s: %w", req.Table, err)
	}
	zone, err := timeZone(ctx, conn, req.TimeZone)
	if err != nil {
		return Result{}, fmt.Errorf("load %s: %w", req.Table, err)
	}
	l := &loader{req: req, tbl: tbl, asOf: asOf, started: started, loadID: loadID, zone: zone, carefulFrom: len(req.Files)}
	// Files are loaded optimistically: a file is read once, straight into its table, and a
	// row with a problem aborts the transaction (DuckDB cannot roll back one statement). The
	// load then starts over, reading that file and the ones after it the careful way, which
	// describes every problem. carefulFrom only decreases, so this ends.
	for {
		res, err := l.attempt(ctx, conn)
		var redo *redoCareful
		if errors.As(err, &redo) && redo.file < l.carefulFrom {
			l.carefulFrom = redo.file
			l.progress("%s: %s; loading again from this file, describing every problem", req.Files[redo.file], redo.why)
			continue
		}
		return res, err
	}
}

// redoCareful aborts an optimistic attempt: file number file has a row with a
// problem (why), so the load must be redone reading it the careful way.
type redoCareful struct {
	file int
	why  string
}

func (e *redoCareful) Error() string { return "load again carefully: " + e.why }

// attempt runs the whole load in one transaction, files before l.carefulFrom
// optimistically; on any error the transaction is rolled back.
func (l *loader) attempt(ctx context.Context, conn *sqlx.Conn) (Result, error) {
	req := l.req
	tx, err := txn.Beginx(ctx, conn)
	if err != nil {
		return Result{}, fmt.Errorf("load %s: %w", req.Table, err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	l.tx = tx
	res := Result{AsOf: l.asOf, LoadID: l.loadID}
	if req.Replace {
		if _, err := l.exec(ctx, "replace", &plan{Table: l.tbl}, nil); err != nil {
			return Result{}, fmt.Errorf("load %s: replace: %w", req.Table, err)
		}
	}
	for i, file := range req.Files {
		fr, rejects, err := l.file(ctx, file, i >= l.carefulFrom)
		if errors.Is(err, errNeedsCareful) {
			return Result{}, &redoCareful{file: i, why: strings.TrimPrefix(err.Error(), "load "+file+": ")}
		}
		if err != nil {
			return Result{}, err
		}
		res.PerFile = append(res.PerFile, fr)
		res.Read += fr.Read
		res.Loaded += fr.Loaded
		res.Rejected += fr.Rejected
		res.CustomersCreated += fr.CustomersCreated
		for _, r := range rejects {
			if len(res.FirstRejects) < firstRejects {
				res.FirstRejects = append(res.FirstRejects, r)
			}
		}
		res.WarningsTotal += fr.WarningsTotal
		for _, w := range fr.Warnings {
			if len(res.Warnings) < firstRejects {
				res.Warnings = append(res.Warnings, w)
			}
		}
	}
	args := map[string]any{
		"load_id": res.LoadID, "table": req.Table, "files": req.Files, "as_of": sqlTimestamp(l.asOf), "started_at": sqlTimestamp(l.started),
		"read": res.Read, "loaded": res.Loaded, "rejected": res.Rejected, "created": res.CustomersCreated,
	}
	if _, err := l.exec(ctx, "record_load", nil, args); err != nil {
		return Result{}, fmt.Errorf("load %s: record the load: %w", req.Table, err)
	}
	if err := tx.Commit(); err != nil {
		return Result{}, fmt.Errorf("load %s: commit: %w", req.Table, err)
	}
	return res, nil
}

// wallClock keeps t's wall-clock reading and drops its zone: the files'
// timestamps are zone-less, and so is DuckDB's timestamp.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1000*1000, time.UTC)
}

// sqlTimestamp renders a wall-clock time for a $param cast to timestamp: a
// time.Time would bind as timestamp with time zone, and comparing every row's
// timestamp with one converts each through the session's time zone.
func sqlTimestamp(t time.Time) string {
	return t.Format("2006-01-02 15:04:05.999999")
}

func columnNames(t table) string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// plan is what the SQL templates are rendered from.
type plan struct {
	Table           table
	Format          string
	CSVColumns      []string // the CSV header, read by csvHeader
	HasDateFormat   bool
	DecimalComma    bool
	CreateCustomers bool
	Numbered        bool // the reader numbers rows (s.ordinality, rn): only files with bad rows need it
	HasDups         bool // pass 1 found a key hash more than once: dups.sql finds the real repeats
	DupsKnown       bool // load_dups is filled: pass 2 reports duplicates
	// WasEmpty: the table had no rows before this file, so every row in it is the file's
	// and the checks after the insert need no "rowid > before" filter (which doubles their cost).
	WasEmpty bool
	Cols     []planCol
	KeyCol   *planCol
	CustCol  *planCol
}

// planCol is one target column and where it comes from in the file.
type planCol struct {
	column
	Ord     int
	Src     string // the file's column; "" when the file lacks this optional column
	SrcJSON bool   // the file's column has DuckDB type JSON
	P       *plan
}

// Checked reports whether the column has any value check: the file has it, and
// it is required or typed.
func (c planCol) Checked() bool { return c.Src != "" && (c.Required || c.Kind != kindText) }

// FromTyped reports whether the value inserted is the checked typed_N of
// checked_rows; else (unchecked columns, and text kept untrimmed) it is val_N.
func (c planCol) FromTyped() bool { return c.Checked() && !(c.Kind == kindText && !c.Trim()) }

type loader struct {
	tx          *sqlx.Tx // the current attempt's
	req         Request
	tbl         table
	asOf        time.Time
	started     time.Time
	loadID      int64
	zone        string // timestamps with a zone are converted to this one
	carefulFrom int    // files from this index on are read the careful way
}

func (l *loader) progress(format string, args ...any) {
	if l.req.Progress != nil {
		fmt.Fprintf(l.req.Progress, format+"\n", args...)
	}
}

// errNeedsCareful marks an optimistic read that met a problem row.
var errNeedsCareful = errors.New("a row has a problem")

// fastMarker is the message of the error() the optimistic insert raises on a
// row with a problem; DuckDB returns it inside its own message.
const fastMarker = "custval-load: a row has a problem"

// file loads one file inside the load's transaction. Optimistically (careful
// false) the file is read once, checked and inserted in one statement that
// fails on the first row with a problem (errNeedsCareful); malformed CSV
// records, which the reader sets aside by itself, do not stop it. Carefully,
// the file is read numbered into a typed temporary table, every problem of
// every bad row is described from a second read, and the good rows are
// inserted from the temporary table.
func (l *loader) file(ctx context.Context, file string, careful bool) (FileResult, []Reject, error) {
	name := file
	fr := FileResult{File: name}
	wrap := func(err error) error { return fmt.Errorf("load %s: %w", name, err) }

	format, err := formatOf(file, l.req.Format)
	if err != nil {
		return fr, nil, wrap(err)
	}
	fr.Format = format
	info, err := os.Stat(file)
	if err != nil {
		return fr, nil, wrap(err)
	}
	if info.IsDir() {
		return fr, nil, wrap(ErrDirectory)
	}
	if format == "csv" && emptyFile(file, info) {
		fr.Empty = true
		l.progress("%s: empty file, nothing to load", name)
		return fr, nil, nil
	}
	p := &plan{
		Table: l.tbl, Format: format,
		HasDateFormat: l.req.DateFormat != "", DecimalComma: l.req.DecimalComma,
		CreateCustomers: l.req.CreateMissingCustomers,
	}
	args := map[string]any{
		"file": file, "date_format": l.req.DateFormat, "as_of": sqlTimestamp(l.asOf),
		"load_id": l.loadID, "table": l.tbl.Name, "n": firstRejects, "time_zone": l.zone,
	}
	if _, err := l.exec(ctx, "cleanup", nil, nil); err != nil {
		return fr, nil, wrap(err)
	}
	var (
		cols      []string
		jsonTyped map[string]bool
	)
	if format == "csv" {
		var delim rune
		cols, delim, err = csvHeader(file, l.delim(file))
		p.CSVColumns, args["delim"] = cols, string(delim)
	} else {
		cols, jsonTyped, err = l.columns(ctx, p, args)
	}
	if err != nil {
		return fr, nil, wrap(err)
	}
	if err := l.bind(p, cols, jsonTyped, &fr); err != nil {
		return fr, nil, wrap(err)
	}
	// Rows appended in this transaction get row ids above every row already in the
	// table: the checks after the insert look at this file's rows only.
	var before int64
	if err := l.queryRow(ctx, "rowid_before", p, args, &before); err != nil {
		return fr, nil, wrap(err)
	}
	args["before"] = before
	p.WasEmpty = before < 0

	var first []Reject
	if careful {
		first, err = l.careful(ctx, &fr, p, args)
	} else {
		first, err = l.optimistic(ctx, &fr, p, args)
	}
	var strict *StrictError
	if errors.As(err, &strict) {
		return fr, nil, err // it names the file itself
	}
	if err != nil {
		return fr, nil, wrap(err)
	}
	if err := l.warnings(ctx, &fr, p, args); err != nil {
		return fr, nil, wrap(err)
	}
	if _, err := l.exec(ctx, "cleanup", nil, nil); err != nil {
		return fr, nil, wrap(err)
	}
	if fr.Read != fr.Loaded+fr.Rejected {
		// Every pass reads the same records in the same order; a mismatch is a bug, never data.
		return fr, nil, wrap(fmt.Errorf("%w: read %d, loaded %d, rejected %d", ErrReconcile, fr.Read, fr.Loaded, fr.Rejected))
	}
	return fr, first, nil
}

// optimistic reads, checks and inserts the file in one statement, then checks
// the keys of the rows it inserted for repeats. A row with a problem or a
// repeated key returns errNeedsCareful; the caller rolls back.
func (l *loader) optimistic(ctx context.Context, fr *FileResult, p *plan, args map[string]any) ([]Reject, error) {
	file := fr.File
	l.progress("%s: reading, checking and inserting the rows", file)
	loaded, err := l.exec(ctx, "fast_insert", p, args)
	if err != nil {
		if strings.Contains(err.Error(), fastMarker) {
			return nil, errNeedsCareful
		}
		return nil, readError(err)
	}
	if p.KeyCol != nil {
		var repeats int64
		if err := l.queryRow(ctx, "fast_repeats", p, args, &repeats); err != nil {
			return nil, err
		}
		if repeats > 0 {
			return nil, fmt.Errorf("%w: some %s occurs twice in the file", errNeedsCareful, p.KeyCol.Name)
		}
	}
	// Malformed CSV records are the only rejects left; they are described by line.
	if err := l.structural(ctx, file, p, args); err != nil {
		return nil, err
	}
	for _, name := range []string{"no_rejects", "out", "save_rejects"} {
		if _, err := l.exec(ctx, name, p, args); err != nil {
			return nil, err
		}
	}
	var rejected int64
	if err := l.queryRow(ctx, "fast_counts", p, args, &rejected); err != nil {
		return nil, err
	}
	first, err := l.firstRejects(ctx, p, args, file)
	if err != nil {
		return nil, err
	}
	fr.Read, fr.Loaded, fr.Rejected = loaded+rejected, loaded, rejected
	return first, nil
}

// careful describes every problem of every row: one numbered read types and
// checks the rows into load_rows, duplicates are found there, a second read
// describes the bad rows, and the good rows are inserted from load_rows.
func (l *loader) careful(ctx context.Context, fr *FileResult, p *plan, args map[string]any) ([]Reject, error) {
	file := fr.File
	l.progress("%s: pass 1/3: reading and checking the rows", file)
	p.Numbered = true
	if _, err := l.exec(ctx, "rows", p, args); err != nil {
		return nil, readError(err)
	}
	if err := l.structural(ctx, file, p, args); err != nil {
		return nil, err
	}
	var badRows, repeats int64
	if err := l.queryRow(ctx, "pass1_summary", p, args, &badRows, &repeats); err != nil {
		return nil, err
	}
	p.HasDups = repeats > 0
	if _, err := l.exec(ctx, "dups", p, args); err != nil {
		return nil, err
	}
	p.DupsKnown = true
	// Pass 2 describes the problems; a file without any skips it.
	pass2 := "no_rejects"
	if badRows > 0 || p.HasDups {
		l.progress("%s: pass 2/3: describing the problems of %d rows", file, badRows)
		pass2 = "rejects"
	}
	if _, err := l.exec(ctx, pass2, p, args); err != nil {
		return nil, readError(err)
	}
	if p.CreateCustomers {
		n, err := l.exec(ctx, "create_customers", p, args)
		if err != nil {
			return nil, fmt.Errorf("create missing customers: %w", err)
		}
		fr.CustomersCreated = n
		if _, err := l.exec(ctx, "drop_create_marks", p, args); err != nil {
			return nil, err
		}
	}
	if err := l.queryRow(ctx, "counts", p, args, &fr.Read, &fr.Rejected); err != nil {
		return nil, err
	}
	if _, err := l.exec(ctx, "out", p, args); err != nil {
		return nil, err
	}
	first, err := l.firstRejects(ctx, p, args, file)
	if err != nil {
		return nil, err
	}
	l.progress("%s: pass 3/3: inserting %d rows", file, fr.Read-fr.Rejected)
	if fr.Loaded, err = l.exec(ctx, "insert", p, args); err != nil {
		return nil, readError(err)
	}
	if _, err := l.exec(ctx, "save_rejects", p, args); err != nil {
		return nil, err
	}
	return first, nil
}

// warnings looks at the rows this file added (row id above args["before"]):
// order categories are given the spelling of the category they mean, and
// unknown ones are counted; new customer_ids equal to others but for case are
// noted. Each goes to load_warnings.
func (l *loader) warnings(ctx context.Context, fr *FileResult, p *plan, args map[string]any) error {
	if fr.Loaded == 0 {
		return nil
	}
	if c, ok := l.tbl.column("category"); ok && l.tbl.Key != "category" && p.Cols[indexOf(l.tbl, c.Name)].Src != "" {
		if _, err := l.exec(ctx, "category_values", p, args); err != nil {
			return fmt.Errorf("check categories: %w", err)
		}
		var known, all int64
		if err := l.queryRow(ctx, "category_counts", p, args, &known, &all); err != nil {
			return fmt.Errorf("check categories: %w", err)
		}
		if known > 0 {
			if _, err := l.exec(ctx, "normalize_categories", p, args); err != nil {
				return fmt.Errorf("normalize categories: %w", err)
			}
		}
		if all > 0 {
			if _, err := l.exec(ctx, "category_warnings", p, args); err != nil {
				return err
			}
		}
	}
	if l.tbl.Name == "customers" {
		if _, err := l.exec(ctx, "customer_case_warnings", p, args); err != nil {
			return fmt.Errorf("compare customer_ids: %w", err)
		}
	}
	q, bound, err := sqlFor("file_warnings", p, args)
	if err != nil {
		return err
	}
	rows, err := l.tx.QueryContext(ctx, q, bound...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			w     = Warning{File: fr.File}
			value sql.NullString
		)
		if err := rows.Scan(&w.Column, &value, &w.Rows, &w.Text, &fr.WarningsTotal); err != nil {
			return err
		}
		if value.Valid {
			w.Value = &value.String
		}
		fr.Warnings = append(fr.Warnings, w)
	}
	return rows.Err()
}

func indexOf(t table, column string) int {
	for i, c := range t.Columns {
		if c.Name == column {
			return i
		}
	}
	return -1
}

// timeZone checks a --time-zone name, or reads DuckDB's TimeZone setting when it is "".
func timeZone(ctx context.Context, conn *sqlx.Conn, zone string) (string, error) {
	name := "check_time_zone"
	if zone == "" {
		name = "time_zone"
	}
	q, bound, err := sqlFor(name, nil, map[string]any{"time_zone": zone})
	if err != nil {
		return "", err
	}
	var got string
	if err := conn.QueryRowxContext(ctx, q, bound...).Scan(&got); err != nil {
		return "", fmt.Errorf("time zone %q: %w", zone, ErrUnknownZone)
	}
	return got, nil
}

// structural collects the malformed CSV records the last read set aside.
func (l *loader) structural(ctx context.Context, file string, p *plan, args map[string]any) error {
	if _, err := l.exec(ctx, "structural", p, args); err != nil {
		return err
	}
	return l.countBlankLines(ctx, file, p, args)
}

// countBlankLines tells load_structural how many blank lines precede each
// malformed record, so its row number counts records only. It reads the file
// up to the last malformed record, and only when there is one.
func (l *loader) countBlankLines(ctx context.Context, file string, p *plan, args map[string]any) error {
	q, bound, err := sqlFor("malformed_positions", p, args)
	if err != nil {
		return err
	}
	var pos []struct {
		Line int64 `db:"line"`
		Byte int64 `db:"byte_position"`
	}
	if err := l.tx.SelectContext(ctx, &pos, q, bound...); err != nil || len(pos) == 0 {
		return err
	}
	offsets := make([]int64, len(pos))
	for i, p := range pos {
		offsets[i] = p.Byte
	}
	blanks, err := blankLinesBefore(file, offsets)
	if err != nil {
		return err
	}
	lines := make([]int64, len(pos))
	for i, p := range pos {
		lines[i] = p.Line
	}
	_, err = l.exec(ctx, "blank_lines", p, map[string]any{"lines": lines, "blanks": blanks})
	return err
}

// delim is the CSV delimiter to force, or "" to detect it from the header line.
func (l *loader) delim(file string) string {
	if l.req.Delim != "" {
		return l.req.Delim
	}
	if strings.EqualFold(filepath.Ext(file), ".tsv") {
		return "\t"
	}
	return ""
}

// columns describes a Parquet or JSON file: its column names, and which are of type JSON.
func (l *loader) columns(ctx context.Context, p *plan, args map[string]any) ([]string, map[string]bool, error) {
	q, bound, err := sqlFor("columns", p, args)
	if err != nil {
		return nil, nil, err
	}
	var desc []struct {
		Name string `db:"column_name"`
		Type string `db:"column_type"`
	}
	if err := l.tx.SelectContext(ctx, &desc, q, bound...); err != nil {
		return nil, nil, readError(err)
	}
	var cols []string
	jsonTyped := map[string]bool{}
	for _, d := range desc {
		if d.Name == "ordinality" {
			continue
		}
		cols = append(cols, d.Name)
		jsonTyped[d.Name] = d.Type == "JSON"
	}
	return cols, jsonTyped, nil
}

// bind matches the file's columns to the table's: --map first, then the same
// name ignoring case and surrounding spaces.
func (l *loader) bind(p *plan, fileCols []string, jsonTyped map[string]bool, fr *FileResult) error {
	used := map[string]bool{}
	find := func(want string) string {
		for _, c := range fileCols {
			if c == want {
				return c
			}
		}
		for _, c := range fileCols {
			if strings.EqualFold(strings.TrimSpace(c), strings.TrimSpace(want)) {
				return c
			}
		}
		return ""
	}
	var missing []string
	for i, c := range l.tbl.Columns {
		pc := planCol{column: c, Ord: i, P: p}
		if src, ok := l.req.Map[c.Name]; ok {
			pc.Src = find(src)
			if pc.Src == "" {
				return fmt.Errorf("--map %s=%s: %w; the file has columns: %s", c.Name, src, ErrNoSuchSource, strings.Join(fileCols, ", "))
			}
		} else {
			pc.Src = find(c.Name)
		}
		if pc.Src != "" {
			used[pc.Src] = true
			pc.SrcJSON = jsonTyped[pc.Src]
		} else if c.Required {
			missing = append(missing, c.Name)
		}
		p.Cols = append(p.Cols, pc)
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s; the file has columns: %s; name them with --map %s=SOURCE_COLUMN",
			ErrMissingColumns, strings.Join(missing, ", "), strings.Join(fileCols, ", "), missing[0])
	}
	for _, c := range fileCols {
		if !used[c] {
			fr.Ignored = append(fr.Ignored, c)
		}
	}
	for i := range p.Cols {
		if p.Cols[i].Name == l.tbl.Key {
			p.KeyCol = &p.Cols[i]
		}
		if l.tbl.RefCustomers && p.Cols[i].Name == "customer_id" {
			p.CustCol = &p.Cols[i]
		}
	}
	return nil
}

// firstRejects reads the first rejected rows of file for the report; in strict mode the first one fails the load.
func (l *loader) firstRejects(ctx context.Context, p *plan, args map[string]any, file string) ([]Reject, error) {
	q, bound, err := sqlFor("first_rejects", p, args)
	if err != nil {
		return nil, err
	}
	rows, err := l.tx.QueryContext(ctx, q, bound...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reject
	for rows.Next() {
		var (
			row, line sql.NullInt64
			col, raw  sql.NullString
			r         = Reject{File: file}
		)
		if err := rows.Scan(&row, &line, &col, &raw, &r.Reason); err != nil {
			return nil, err
		}
		r.Row, r.Line, r.Column = row.Int64, line.Int64, col.String
		if raw.Valid {
			r.Raw = &raw.String
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if l.req.Strict && len(out) > 0 {
		return nil, &StrictError{Reject: out[0]}
	}
	return out, nil
}

func (l *loader) exec(ctx context.Context, name string, p *plan, args map[string]any) (int64, error) {
	q, bound, err := sqlFor(name, p, args)
	if err != nil {
		return 0, err
	}
	res, err := l.tx.ExecContext(ctx, q, bound...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	return res.RowsAffected()
}

func (l *loader) queryRow(ctx context.Context, name string, p *plan, args map[string]any, dest ...any) error {
	q, bound, err := sqlFor(name, p, args)
	if err != nil {
		return err
	}
	return l.tx.QueryRowContext(ctx, q, bound...).Scan(dest...)
}

func namedArg(name string, v any) any { return sql.Named(name, v) }

// formatOf picks the reader from the forced format or the file's extension.
func formatOf(file, forced string) (string, error) {
	if forced != "" {
		switch f := strings.ToLower(forced); f {
		case "csv", "parquet", "json":
			return f, nil
		}
		return "", fmt.Errorf("--format %s: %w", forced, ErrUnknownFormat)
	}
	ext := strings.ToLower(filepath.Ext(file))
	switch ext {
	case ".csv", ".tsv", ".txt":
		return "csv", nil
	case ".parquet":
		return "parquet", nil
	case ".jsonl", ".ndjson", ".json":
		return "json", nil
	}
	return "", fmt.Errorf("%w %q; use --format csv, parquet or json", ErrUnknownFormat, ext)
}

// emptyFile reports a CSV file with nothing but a BOM and white space: no header, no rows.
func emptyFile(file string, info os.FileInfo) bool {
	if info.Size() > 64 {
		return false
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return false
	}
	return strings.TrimSpace(strings.TrimPrefix(string(b), "\ufeff")) == ""
}

// readError keeps DuckDB's reader message but drops its long dump of options.
func readError(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, "\n\n"); i > 0 {
		return errors.New(strings.TrimSpace(msg[:i]))
	}
	return err
}
