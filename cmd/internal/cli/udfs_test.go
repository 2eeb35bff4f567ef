package cli

import "testing"

func TestUDFs(t *testing.T) {
	tests := []struct {
		name string
		args []string
		file string
	}{
		{"list", []string{"udfs"}, "udfs.golden"},
		{"with settings", []string{"udfs", "--settings"}, "udfs_settings.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := run(t, "", tt.args...)
			if code != exitOK {
				t.Fatalf("custval %v: exit %d; stderr:\n%s", tt.args, code, stderr)
			}
			golden(t, tt.file, out)
		})
	}
}

func TestUDFsRejectsArguments(t *testing.T) {
	if _, _, code := run(t, "", "udfs", "extra"); code != exitUsage {
		t.Errorf("custval udfs extra: exit %d, want %d", code, exitUsage)
	}
}
