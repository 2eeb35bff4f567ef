package ext

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var testMeta = Metadata{ABI: "C_STRUCT", Version: "v0.1.0", MinCAPI: "v1.2.0", Platform: "linux_amd64"}

// uleb128 decodes an unsigned LEB128 number, as a WebAssembly reader would.
func uleb128(b []byte) (v, n int) {
	for shift := 0; n < len(b); shift += 7 {
		c := b[n]
		n++
		v |= int(c&0x7f) << shift
		if c&0x80 == 0 {
			break
		}
	}
	return v, n
}

func TestFooterLayout(t *testing.T) {
	b, err := Footer(testMeta)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != FooterSize || FooterSize != 22+512 {
		t.Fatalf("footer is %d bytes (FooterSize %d), want 22+512", len(b), FooterSize)
	}

	// The header is a well-formed WebAssembly custom section spanning the rest of the footer.
	if b[0] != 0 {
		t.Errorf("section id = %d, want 0 (custom section)", b[0])
	}
	sectionLen, n := uleb128(b[1:])
	if rest := len(b) - 1 - n; sectionLen != rest {
		t.Errorf("section length = %d, want %d (bytes after it)", sectionLen, rest)
	}
	p := 1 + n
	nameLen := int(b[p])
	if name := string(b[p+1 : p+1+nameLen]); name != "duckdb_signature" {
		t.Errorf("section name = %q, want duckdb_signature", name)
	}
	p += 1 + nameLen
	payloadLen, n := uleb128(b[p:])
	p += n
	if p != 22 || payloadLen != 512 || len(b)-p != 512 {
		t.Errorf("payload starts at %d with length %d (%d bytes left), want 22, 512, 512", p, payloadLen, len(b)-p)
	}

	// What DuckDB reads: the last 512 bytes, eight 32-byte NUL-padded fields, then the signature.
	tail := b[len(b)-512:]
	want := []string{"", "", "", "C_STRUCT", "v0.1.0", "v1.2.0", "linux_amd64", "4"}
	for i, w := range want {
		field := tail[i*32 : (i+1)*32]
		got := string(bytes.TrimRight(field, "\x00"))
		if got != w {
			t.Errorf("field %d = %q, want %q", i, got, w)
		}
		if !bytes.Equal(field[len(w):], make([]byte, 32-len(w))) {
			t.Errorf("field %d is not NUL-padded: % x", i, field)
		}
	}
	if sig := tail[256:]; !bytes.Equal(sig, make([]byte, 256)) {
		t.Errorf("unsigned footer has a non-zero signature")
	}
}

func TestFooterRoundTrip(t *testing.T) {
	signed := testMeta
	signed.Signature = bytes.Repeat([]byte{7}, 256)
	for _, m := range []Metadata{testMeta, signed} {
		b, err := Footer(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadFooter(append([]byte("ELF library bytes"), b...))
		if err != nil {
			t.Fatal(err)
		}
		if got.ABI != m.ABI || got.Version != m.Version || got.MinCAPI != m.MinCAPI || got.Platform != m.Platform || !bytes.Equal(got.Signature, m.Signature) {
			t.Errorf("ReadFooter(Footer(%+v)) = %+v", m, got)
		}
	}
	if _, err := ReadFooter([]byte("no footer here")); err != ErrNoFooter {
		t.Errorf("ReadFooter(short file) error = %v, want ErrNoFooter", err)
	}
}

func TestFooterRejectsBadFields(t *testing.T) {
	tests := []struct {
		name    string
		m       Metadata
		wantErr string
	}{
		{"version too long", Metadata{ABI: "C_STRUCT", Version: strings.Repeat("v", 32), MinCAPI: "v1.2.0", Platform: "linux_amd64"}, "version"},
		{"NUL in platform", Metadata{ABI: "C_STRUCT", Version: "v1", MinCAPI: "v1.2.0", Platform: "linux\x00amd64"}, "platform"},
		{"signature too long", Metadata{ABI: "C_STRUCT", Signature: make([]byte, 257)}, "signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Footer(tt.m)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Footer() error = %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestAppendFileReplacesOldFooter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.duckdb_extension")
	lib := bytes.Repeat([]byte("lib"), 1000)
	if err := os.WriteFile(path, lib, 0o644); err != nil {
		t.Fatal(err)
	}
	first := testMeta
	second := testMeta
	second.Version = "v0.2.0"
	for _, m := range []Metadata{first, second} {
		if err := AppendFile(path, m); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(lib)+FooterSize || !bytes.Equal(got[:len(lib)], lib) {
		t.Fatalf("file is %d bytes, want the %d library bytes unchanged plus one %d-byte footer", len(got), len(lib), FooterSize)
	}
	m, err := ReadFooter(got)
	if err != nil || m.Version != "v0.2.0" {
		t.Errorf("ReadFooter after two appends = %+v, %v; want version v0.2.0", m, err)
	}
}
