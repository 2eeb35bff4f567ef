package render

import "testing"

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"重要价值客户", 12},
		{"Café", 4},
		{"Cafe\u0301", 4}, // combining acute accent
		{"한국어", 6},
		{"ｆｕｌｌ", 8}, // full-width Latin
		{"🚗 car", 6},
		{"…·", 2},
	}
	for _, tt := range tests {
		if got := displayWidth(tt.s); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a bit too long", 10, "a bit too…"},
		{"重要价值客户", 12, "重要价值客户"},
		{"重要价值客户", 11, "重要价值客…"},
		{"重要价值客户", 10, "重要价值…"}, // 9 columns: a wide rune does not fit in the one left
		{"abc", 1, "…"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		got := truncate(tt.s, tt.width)
		if got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
		if displayWidth(got) > tt.width {
			t.Errorf("truncate(%q, %d) is %d columns wide", tt.s, tt.width, displayWidth(got))
		}
	}
}
