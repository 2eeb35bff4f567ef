// Package ext holds what the custval DuckDB extension needs outside its cgo
// code: the metadata footer DuckDB reads before it loads an extension file.
// The extension itself is the c-shared main package in ./cshared.
package ext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// FooterSize is how many bytes Append adds: a 22-byte WebAssembly custom
// section header, then the 512 bytes DuckDB reads from the end of the file
// (256 bytes of metadata fields, 256 bytes of signature).
const FooterSize = len(sectionHeader) + metadataSize + signatureSize

const (
	fieldSize     = 32
	fieldCount    = 8
	metadataSize  = fieldSize * fieldCount
	signatureSize = 256
	magic         = "4" // metadata format version DuckDB expects in the last field
)

// sectionHeader wraps the footer as a WebAssembly custom section named
// "duckdb_signature" so the same layout also works for DuckDB-Wasm: section id 0,
// LEB128 section length 531 (= 1+16+2+512), name length 16, the name, LEB128
// payload length 512.
const sectionHeader = "\x00\x93\x04\x10duckdb_signature\x80\x04"

// Metadata is what DuckDB checks before loading an extension file.
type Metadata struct {
	ABI       string // "C_STRUCT" for extensions on the stable C API
	Version   string // the extension's own version, shown by duckdb_extensions()
	MinCAPI   string // oldest C API version the extension needs, e.g. "v1.2.0"
	Platform  string // must equal the loading DuckDB's platform, e.g. "linux_amd64"
	Signature []byte // nil: unsigned (needs allow_unsigned_extensions)
}

// Footer renders m as the bytes to append to the shared library.
func Footer(m Metadata) ([]byte, error) {
	// DuckDB stores the fields last-to-first: the magic value ends the block.
	fields := []struct{ name, value string }{
		{"unused field 8", ""},
		{"unused field 7", ""},
		{"unused field 6", ""},
		{"abi", m.ABI},
		{"version", m.Version},
		{"minimum C API version", m.MinCAPI},
		{"platform", m.Platform},
		{"magic", magic},
	}
	if len(m.Signature) > signatureSize {
		return nil, fmt.Errorf("build extension footer: signature is %d bytes, at most %d fit", len(m.Signature), signatureSize)
	}
	b := make([]byte, 0, FooterSize)
	b = append(b, sectionHeader...)
	for _, f := range fields {
		// A field fills its 32 bytes; DuckDB reads it up to the first NUL.
		if len(f.value) >= fieldSize || bytes.IndexByte([]byte(f.value), 0) >= 0 {
			return nil, fmt.Errorf("build extension footer: %s %q must be shorter than %d bytes and hold no NUL", f.name, f.value, fieldSize)
		}
		field := make([]byte, fieldSize)
		copy(field, f.value)
		b = append(b, field...)
	}
	sig := make([]byte, signatureSize)
	copy(sig, m.Signature)
	return append(b, sig...), nil
}

// ErrNoFooter means a file does not end with an extension footer.
var ErrNoFooter = errors.New("no extension footer")

// ReadFooter parses the footer at the end of an extension file's bytes.
func ReadFooter(file []byte) (Metadata, error) {
	if len(file) < FooterSize || string(file[len(file)-FooterSize:][:len(sectionHeader)]) != sectionHeader {
		return Metadata{}, ErrNoFooter
	}
	meta := file[len(file)-metadataSize-signatureSize:]
	field := func(i int) string {
		f := meta[i*fieldSize : (i+1)*fieldSize]
		if n := bytes.IndexByte(f, 0); n >= 0 {
			f = f[:n]
		}
		return string(f)
	}
	if field(7) != magic {
		return Metadata{}, fmt.Errorf("read extension footer: magic field is %q, want %q", field(7), magic)
	}
	m := Metadata{ABI: field(3), Version: field(4), MinCAPI: field(5), Platform: field(6)}
	sig := meta[metadataSize:]
	if !bytes.Equal(sig, make([]byte, signatureSize)) {
		m.Signature = append([]byte(nil), sig...)
	}
	return m, nil
}

// AppendFile appends m's footer to the shared library at path, replacing a
// footer already there so that running it twice is harmless.
func AppendFile(path string, m Metadata) error {
	footer, err := Footer(m)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("append extension footer: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("append extension footer to %s: %w", path, err)
	}
	end := st.Size()
	if end >= int64(FooterSize) {
		tail := make([]byte, FooterSize)
		if _, err := f.ReadAt(tail, end-int64(FooterSize)); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("append extension footer to %s: %w", path, err)
		}
		if _, err := ReadFooter(tail); err == nil {
			end -= int64(FooterSize)
		}
	}
	if err := f.Truncate(end); err != nil {
		return fmt.Errorf("append extension footer to %s: %w", path, err)
	}
	if _, err := f.WriteAt(footer, end); err != nil {
		return fmt.Errorf("append extension footer to %s: %w", path, err)
	}
	return f.Close()
}
