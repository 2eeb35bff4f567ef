package chart

import (
	"encoding/xml"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// parsed is what a chart's SVG holds, read back with a strict XML parser.
type parsed struct {
	marks int      // rect, circle and path elements that carry data (rects with a tooltip)
	texts []string // text content of <text> elements
	title string
}

func parse(t *testing.T, svg string) parsed {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var p parsed
	var stack []string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("svg does not parse as XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && tok.Name.Local != "svg" {
				t.Fatalf("root element = %s, want svg", tok.Name.Local)
			}
			if tok.Name.Local == "script" || tok.Name.Local == "foreignObject" {
				t.Fatalf("svg contains <%s>", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Name.Local, "on") || a.Name.Local == "href" {
					t.Fatalf("svg has attribute %s", a.Name.Local)
				}
			}
			if tok.Name.Local == "path" {
				p.marks++
			}
			stack = append(stack, tok.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch {
			case name == "text":
				p.texts = append(p.texts, text.String())
			case name == "title" && len(stack) == 1:
				p.title = text.String()
			case name == "title" && (stack[len(stack)-1] == "rect" || stack[len(stack)-1] == "circle"):
				p.marks++
			}
		}
	}
	return p
}

func (p parsed) hasText(s string) bool {
	for _, t := range p.texts {
		if t == s {
			return true
		}
	}
	return false
}

func TestChartsDrawDataAndLabels(t *testing.T) {
	months := []time.Time{
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
	}
	tests := []struct {
		name      string
		chart     interface{ SVG() (string, error) }
		marks     int
		wantTexts []string
	}{
		{"bar", Bar{Title: "Revenue", Labels: []string{"tyres", "repair"}, Values: []float64{1200, 350.5}},
			2, []string{"Revenue", "tyres", "repair", "1,200", "351"}},
		{"bar negative", Bar{Labels: []string{"refunds", "sales"}, Values: []float64{-40, 100}},
			2, []string{"refunds", "-40", "100"}},
		{"bar missing value", Bar{Labels: []string{"a", "b"}, Values: []float64{math.NaN(), 2}},
			1, []string{"a", "–", "2"}},
		{"stacked", StackedBar{Title: "By store", Labels: []string{"S1", "S2"}, Series: []string{"new", "repeat"},
			Values: [][]float64{{10, 30}, {5, 0}}}, 3, []string{"new", "repeat", "S1", "S2", "40", "5"}},
		{"histogram", Histogram{Title: "Ticket", Values: []float64{1, 2, 2, 3, 10}, Bins: 3},
			3, []string{"Ticket", "4", "1"}},
		{"heatmap", Heatmap{Title: "R x F", XLabels: []string{"F1", "F2"}, YLabels: []string{"R1", "R2"},
			Values: [][]float64{{1, 2}, {3, math.NaN()}}}, 4, []string{"F1", "F2", "R1", "R2", "1", "2", "3"}},
		{"funnel", Funnel{Title: "Gates", Stages: []string{"all", "contactable", "chosen"}, Values: []float64{200, 50, 10}},
			3, []string{"all", "chosen", "200 (100.0%)", "50 (25.0%)", "10 (5.0%)"}},
		{"line", Line{Title: "Orders", X: months, Series: []Series{{Name: "orders", Values: []float64{3, 5, 4}}}},
			4, []string{"2026-01", "2026-02", "2026-03", "3", "5", "4"}},
		{"line two series", Line{X: months, Series: []Series{{Name: "a", Values: []float64{1, 2, 3}}, {Name: "b", Values: []float64{3, math.NaN(), 1}}}},
			2 + 5, []string{"a", "b"}},
		// A numeric x axis (a Pareto curve): round ticks in the x format, not the data points.
		{"line numeric x", Line{XNum: []float64{0, 0.25, 0.5, 1}, XNumFmt: Percent, Format: Percent,
			Series: []Series{{Name: "margin", Values: []float64{0, 0.6, 0.85, 1}}}},
			5, []string{"0.0%", "20.0%", "100.0%", "60.0%", "85.0%"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg, err := tt.chart.SVG()
			if err != nil {
				t.Fatal(err)
			}
			p := parse(t, svg)
			if p.marks != tt.marks {
				t.Errorf("data marks = %d, want %d\n%s", p.marks, tt.marks, svg)
			}
			for _, want := range tt.wantTexts {
				if !p.hasText(want) {
					t.Errorf("no text %q among %q", want, p.texts)
				}
			}
			again, _ := tt.chart.SVG()
			if again != svg {
				t.Errorf("second rendering differs: output is not deterministic")
			}
		})
	}
}

func TestChartsEscapeText(t *testing.T) {
	evil := `</text><script>alert("x")</script>&` + "\x00"
	charts := map[string]interface{ SVG() (string, error) }{
		"bar":       Bar{Title: evil, Labels: []string{evil}, Values: []float64{1}},
		"stacked":   StackedBar{Title: evil, Labels: []string{evil}, Series: []string{evil}, Values: [][]float64{{1}}},
		"histogram": Histogram{Title: evil, Values: []float64{1, 2}},
		"heatmap":   Heatmap{Title: evil, XLabels: []string{evil}, YLabels: []string{evil}, Values: [][]float64{{1}}},
		"funnel":    Funnel{Title: evil, Stages: []string{evil}, Values: []float64{1}},
		"line":      Line{Title: evil, X: []time.Time{time.Unix(0, 0).UTC()}, Series: []Series{{Name: evil, Values: []float64{1}}}},
	}
	for name, c := range charts {
		t.Run(name, func(t *testing.T) {
			svg, err := c.SVG()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(svg, "<script") {
				t.Errorf("unescaped markup in %s", svg)
			}
			p := parse(t, svg) // fails on any stray tag
			if want := strings.Replace(evil, "\x00", "\uFFFD", 1); p.title != want {
				t.Errorf("title = %q, want %q", p.title, want)
			}
		})
	}
}

func TestChartsRejectMismatchedData(t *testing.T) {
	charts := map[string]interface{ SVG() (string, error) }{
		"bar":     Bar{Labels: []string{"a"}, Values: []float64{1, 2}},
		"stacked": StackedBar{Labels: []string{"a"}, Series: []string{"x", "y"}, Values: [][]float64{{1}}},
		"heatmap": Heatmap{XLabels: []string{"a"}, YLabels: []string{"r"}, Values: [][]float64{{1, 2}}},
		"funnel":  Funnel{Stages: []string{"a", "b"}, Values: []float64{1}},
		"line":    Line{X: []time.Time{{}}, Series: []Series{{Values: []float64{1, 2}}}},
		"bins":    Histogram{Values: []float64{1}, Bins: -1},
	}
	for name, c := range charts {
		if _, err := c.SVG(); err == nil {
			t.Errorf("%s: no error for mismatched data", name)
		}
	}
}

func TestEmptyChartsSayNoData(t *testing.T) {
	for name, c := range map[string]interface{ SVG() (string, error) }{
		"bar": Bar{Title: "x"}, "histogram": Histogram{}, "heatmap": Heatmap{}, "funnel": Funnel{}, "line": Line{},
		"stacked": StackedBar{},
	} {
		svg, err := c.SVG()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p := parse(t, svg); !p.hasText("no data") || p.marks != 0 {
			t.Errorf("%s: texts %q, marks %d; want only \"no data\"", name, p.texts, p.marks)
		}
	}
}

func TestBins(t *testing.T) {
	tests := []struct {
		values     []float64
		n          int
		wantEdges  []float64
		wantCounts []int
	}{
		{[]float64{0, 1, 2, 3, 4}, 2, []float64{0, 2, 4}, []int{2, 3}},
		{[]float64{5, 5, 5}, 4, []float64{5, 5}, []int{3}},
		{[]float64{math.NaN(), 1, 3}, 1, []float64{1, 3}, []int{2}},
		{nil, 3, nil, nil},
	}
	for _, tt := range tests {
		edges, counts := Bins(tt.values, tt.n)
		if !reflect.DeepEqual(edges, tt.wantEdges) || !reflect.DeepEqual(counts, tt.wantCounts) {
			t.Errorf("Bins(%v, %d) = %v, %v; want %v, %v", tt.values, tt.n, edges, counts, tt.wantEdges, tt.wantCounts)
		}
		total := 0
		for _, c := range counts {
			total += c
		}
		finite := 0
		for _, v := range tt.values {
			if !math.IsNaN(v) {
				finite++
			}
		}
		if total != finite {
			t.Errorf("Bins(%v) counted %d values, want %d", tt.values, total, finite)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 95, []float64{0, 20, 40, 60, 80, 100}},
		{-40, 100, []float64{-50, 0, 50, 100}},
		{0, 0.3, []float64{0, 0.1, 0.2, 0.3}},
		{0, 0, []float64{0, 1}},
		{7, 7, []float64{0, 2, 4, 6, 8}},
	}
	for _, tt := range tests {
		if got := niceTicks(tt.lo, tt.hi, 5); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("niceTicks(%v, %v, 5) = %v, want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		f    Format
		v    float64
		want string
	}{
		{Number, 1234567, "1,234,567"},
		{Number, 12.5, "12.5"},
		{Number, 0.125, "0.13"},
		{Number, -1500.4, "-1,500"},
		{Money, 1234.5, "1,234.50"},
		{Money, -0.001, "0.00"},
		{Integer, 2.5, "3"},
		{Percent, 0.256, "25.6%"},
		{Compact, 12345, "12.3k"},
		{Compact, 2500000, "2.5M"},
		{Compact, 999, "999"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.v); got != tt.want {
			t.Errorf("format(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
