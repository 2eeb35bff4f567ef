// Package chart draws the small set of charts custval reports need as inline
// SVG: bar, stacked bar, histogram, heat map, funnel and line over time.
// Output is deterministic (fixed coordinates precision, no randomness) and every
// piece of text is escaped, so data can never inject markup into a report.
package chart

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Width is the width of every chart's coordinate system; charts scale to their
// container through viewBox, so this only sets proportions and text size.
const Width = 640

// Palette is Okabe-Ito's colour-blind safe palette, darkest first; yellow, the
// weakest on white paper, is last.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442"}

const (
	fontSize  = 12
	charWidth = 6.8 // average glyph width of the default sans-serif at fontSize, for layout only
	gridColor = "#e2e8f0"
	axisColor = "#64748b"
	textColor = "#1e293b"
)

// svg accumulates markup. Every text and attribute value goes through esc.
type svg struct {
	b strings.Builder
}

func newSVG(width, height float64, title string) *svg {
	s := &svg{}
	s.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 `)
	s.b.WriteString(num(width) + " " + num(height))
	s.b.WriteString(`" width="` + num(width) + `" height="` + num(height) + `" aria-label="` + esc(title) + `"`)
	s.b.WriteString(` font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="` + strconv.Itoa(fontSize) + `">`)
	s.b.WriteString("<title>" + esc(title) + "</title>")
	return s
}

func (s *svg) String() string { return s.b.String() + "</svg>" }

// rect draws a data mark; tip is its tooltip (an SVG <title>), empty for none.
func (s *svg) rect(x, y, w, h float64, fill, tip string) {
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	s.b.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(h) + `" fill="` + esc(fill) + `"`)
	if tip == "" {
		s.b.WriteString("/>")
		return
	}
	s.b.WriteString("><title>" + esc(tip) + "</title></rect>")
}

func (s *svg) line(x1, y1, x2, y2 float64, stroke string) {
	s.b.WriteString(`<line x1="` + num(x1) + `" y1="` + num(y1) + `" x2="` + num(x2) + `" y2="` + num(y2) + `" stroke="` + esc(stroke) + `"/>`)
}

func (s *svg) path(d, stroke string, width float64) {
	s.b.WriteString(`<path d="` + esc(d) + `" fill="none" stroke="` + esc(stroke) + `" stroke-width="` + num(width) + `" stroke-linejoin="round"/>`)
}

func (s *svg) circle(cx, cy, r float64, fill, tip string) {
	s.b.WriteString(`<circle cx="` + num(cx) + `" cy="` + num(cy) + `" r="` + num(r) + `" fill="` + esc(fill) + `"><title>` + esc(tip) + `</title></circle>`)
}

// text draws a label; anchor is start, middle or end.
func (s *svg) text(x, y float64, anchor, fill, txt string) {
	s.textAttr(x, y, anchor, fill, "", txt)
}

func (s *svg) textAttr(x, y float64, anchor, fill, extra, txt string) {
	s.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `" text-anchor="` + anchor + `" fill="` + esc(fill) + `"` + extra + ">" + esc(txt) + "</text>")
}

// num formats a coordinate with one decimal, trimmed, so output is stable.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// esc escapes text for XML content and attributes and replaces characters XML
// cannot carry (control characters) with U+FFFD.
func esc(s string) string {
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF && !(r >= 0xD800 && r <= 0xDFFF)) {
			return r
		}
		return utf8.RuneError
	}, s)
	return html.EscapeString(clean)
}

// textWidth estimates the rendered width of s in user units.
func textWidth(s string) float64 {
	return float64(utf8.RuneCountInString(s)) * charWidth
}

// clip shortens s to at most n runes with an ellipsis; the full text stays in tooltips.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// empty is the chart drawn when there is nothing to draw.
func empty(title string) string {
	s := newSVG(Width, 60, title)
	s.text(Width/2, 34, "middle", axisColor, "no data")
	return s.String()
}

func heading(s *svg, title string) {
	if title != "" {
		s.textAttr(0, 16, "start", textColor, ` font-weight="600" font-size="14"`, title)
	}
}
