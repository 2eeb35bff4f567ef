//go:build unix

package reports

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/clvfit"
	"github.com/custval/custval/internal/demo"
	"github.com/custval/custval/internal/rfm"
	"github.com/custval/custval/sql/sqltest"
)

var screenshots = flag.String("screenshots", "", "also write a desktop and a phone PNG of every built-in report into this directory (docs/img)")

// renderArgs are --param values for built-in reports that have a required
// parameter; every other parameter keeps its default.
var renderArgs = map[string][]string{}

// The windows reports are rendered in, in CSS pixels.
var viewports = []struct {
	name          string
	width, height int
	mobile        bool
	docsHeight    int // -screenshots keeps the top of the page, this high
}{
	{"desktop", 1200, 900, false, maxShotHeight},
	{"phone", 390, 844, true, 2 * 844},
}

// maxShotHeight caps a screenshot; a longer page is checked on its top part.
const maxShotHeight = 12000

// renderDB is the data every built-in report is rendered on: the demo shop
// (fixed seed, small), its RFM snapshots at two dates (so migration-style
// reports have two snapshots), and loads with rejected rows, which the demo
// lacks. A report that needs more data to draw every chart adds it here.
func renderDB(t *testing.T) *sqlx.DB {
	t.Helper()
	ctx := context.Background()
	db := sqltest.Open(t)
	if _, err := demo.Generate(ctx, db, demo.Options{Customers: 300, Seed: 1}); err != nil {
		t.Fatalf("demo data: %v", err)
	}
	for _, asOf := range []time.Time{demo.DefaultAsOf.AddDate(0, -6, 0), demo.DefaultAsOf} {
		if _, err := rfm.Score(ctx, db, rfm.Options{AsOf: asOf}); err != nil {
			t.Fatalf("rfm snapshot %s: %v", asOf.Format(time.DateOnly), err)
		}
	}
	loads, err := os.ReadFile(filepath.Join("testdata", "render_loads.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, string(loads)); err != nil {
		t.Fatalf("load testdata/render_loads.sql: %v", err)
	}
	// value-matrix reads potential value from a fitted CLV model.
	fitted := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	if _, err := clvfit.Run(ctx, db, clvfit.Options{AsOf: demo.DefaultAsOf, Now: func() time.Time { return fitted }}); err != nil {
		t.Fatalf("fit clv: %v", err)
	}
	return db
}

// TestRenderInChromium renders every built-in report to HTML, opens it in a
// real headless chromium at desktop and phone width, and checks the pixels of
// the screenshots, then prints it to PDF. The browser work of all reports runs
// in parallel subtests (go test -parallel, GOMAXPROCS by default).
func TestRenderInChromium(t *testing.T) {
	chromium := chromiumPath(t) // skips before the slow part when there is no browser
	db := renderDB(t)
	b := startBrowser(t, chromium)
	entries, err := builtins().List()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no built-in reports")
	}
	dir := t.TempDir()
	controlled := false
	for _, e := range entries {
		t.Run(e.Name, func(t *testing.T) {
			if e.Err != nil {
				t.Fatalf("load: %v", e.Err)
			}
			values, err := e.Report.Values(renderArgs[e.Name], func() time.Time { t.Fatal("clock read"); return time.Time{} })
			if err != nil {
				t.Fatalf("%v (give the report's required parameters in renderArgs)", err)
			}
			out, err := (&Runner{DB: db}).Run(context.Background(), e.Report, values)
			if err != nil {
				t.Fatal(err)
			}
			html := render(t, out, HTML, "")
			doc := parsePage(t, html)
			if doc.svgsWithData != doc.svgs {
				t.Errorf("%d of %d charts have data; give every chart data in renderDB", doc.svgsWithData, doc.svgs)
			}
			file := filepath.Join(dir, e.Name+".html")
			if err := os.WriteFile(file, html, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, vp := range viewports {
				t.Run(vp.name, func(t *testing.T) {
					t.Parallel()
					shot, err := screenshot(b, file, vp.width, vp.height, vp.mobile)
					if err != nil {
						t.Fatal(err)
					}
					if shot.width > float64(vp.width)+0.5 {
						t.Errorf("the page is %.0f px wide in a %d px window; something does not shrink to the screen", shot.width, vp.width)
					}
					img, err := png.Decode(bytes.NewReader(shot.png))
					if err != nil {
						t.Fatalf("decode screenshot: %v", err)
					}
					for _, problem := range checkPixels(img, doc.svgsWithData, shot.complete) {
						t.Errorf("screenshot: %s", problem)
					}
					if *screenshots != "" {
						name, err := writeScreenshot(*screenshots, e.Name, vp.name, img, vp.docsHeight)
						if err != nil {
							t.Fatal(err)
						}
						t.Logf("wrote %s", name)
					}
				})
			}
			if !controlled && doc.svgsWithData > 0 {
				// Once: the same page with its charts hidden must fail the pixel
				// checks, or they could not tell a page without its charts.
				controlled = true
				hidden := bytes.Replace(html, []byte("</head>"), []byte("<style>svg.chart { visibility: hidden; }</style></head>"), 1)
				control := filepath.Join(dir, e.Name+"-charts-hidden.html")
				if err := os.WriteFile(control, hidden, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Run("charts-hidden", func(t *testing.T) {
					t.Parallel()
					shot, err := screenshot(b, control, viewports[0].width, viewports[0].height, viewports[0].mobile)
					if err != nil {
						t.Fatal(err)
					}
					img, err := png.Decode(bytes.NewReader(shot.png))
					if err != nil {
						t.Fatalf("decode screenshot: %v", err)
					}
					got := checkPixels(img, doc.svgsWithData, shot.complete)
					if len(got) == 0 {
						t.Fatalf("the page with its charts hidden passes the pixel checks; they cannot see charts")
					}
					t.Logf("charts hidden, as expected: %s", strings.Join(got, "; "))
				})
			}
			t.Run("print", func(t *testing.T) {
				t.Parallel()
				pdf, err := printPDF(b, file)
				if err != nil {
					t.Fatal(err)
				}
				if problem := checkPDF(pdf); problem != "" {
					t.Errorf("print to PDF: %s", problem)
				}
			})
		})
	}
}

type shot struct {
	png           []byte
	width, height float64 // the laid-out page, CSS pixels
	complete      bool    // the screenshot holds the whole page height
}

// screenshot opens file in a new tab of a width x height window and captures
// the whole page (up to maxShotHeight).
func screenshot(b *browser, file string, width, height int, mobile bool) (shot, error) {
	p, err := b.newPage()
	if err != nil {
		return shot{}, err
	}
	defer p.close()
	if err := p.viewport(width, height, mobile); err != nil {
		return shot{}, err
	}
	if err := p.open("file://" + file); err != nil {
		return shot{}, err
	}
	w, h, err := p.contentSize()
	if err != nil {
		return shot{}, err
	}
	s := shot{width: w, height: h, complete: h <= maxShotHeight}
	s.png, err = p.screenshot(float64(width), math.Min(h, maxShotHeight))
	return s, err
}

func printPDF(b *browser, file string) ([]byte, error) {
	p, err := b.newPage()
	if err != nil {
		return nil, err
	}
	defer p.close()
	if err := p.open("file://" + file); err != nil {
		return nil, err
	}
	return p.pdf()
}

// checkPixels says what is wrong with a report's screenshot: it must not be
// blank, and when the page has charts, coloured marks must be painted and the
// region they span must hold several colours and real contrast. Only charts
// use saturated colour on the page (text and rules are slate grey), so
// saturated pixels locate the charts.
func checkPixels(screenshot image.Image, charts int, complete bool) []string {
	var problems []string
	img := opaque(screenshot)
	bounds := img.Bounds()
	total := bounds.Dx() * bounds.Dy()
	if total == 0 {
		return []string{"empty image"}
	}
	ink, saturated := 0, 0
	box := image.Rectangle{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b := rgb8(img, x, y)
			if r < 248 || g < 248 || b < 248 { // not the page's white
				ink++
			}
			if isSaturated(r, g, b) {
				saturated++
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if share := float64(ink) / float64(total); share < 0.01 {
		problems = append(problems, fmt.Sprintf("%.2f%% of the pixels are not background, want at least 1%%: the page looks blank", 100*share))
	}
	if complete {
		// The last rows are page margin: the screenshot reached the end of the page.
		for y := bounds.Max.Y - 8; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				if r, g, b := rgb8(img, x, y); r < 248 || g < 248 || b < 248 {
					problems = append(problems, fmt.Sprintf("row %d is not background: the screenshot is cut off", y))
					y, x = bounds.Max.Y, bounds.Max.X
				}
			}
		}
	}
	if charts == 0 {
		return problems
	}
	// A chart's marks cover far more than this even scaled down to a phone.
	if min := 300 * charts; saturated < min {
		return append(problems, fmt.Sprintf("%d coloured pixels for %d charts, want at least %d: the charts are not drawn", saturated, charts, min))
	}
	colours := map[[3]uint8]bool{}
	var sum, sumSq float64
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			r, g, b := rgb8(img, x, y)
			colours[[3]uint8{r >> 4, g >> 4, b >> 4}] = true
			l := 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)
			sum += l
			sumSq += l * l
		}
	}
	n := float64(box.Dx() * box.Dy())
	sd := math.Sqrt(math.Max(0, sumSq/n-(sum/n)*(sum/n)))
	if len(colours) < 8 {
		problems = append(problems, fmt.Sprintf("the chart region %v has %d distinct colours, want at least 8", box, len(colours)))
	}
	if sd < 20 {
		problems = append(problems, fmt.Sprintf("the chart region %v is nearly uniform: luminance deviation %.1f, want at least 20", box, sd))
	}
	return problems
}

// opaque is img as 8-bit RGBA, whose pixels are read without an interface
// call each; a screenshot is opaque, so premultiplying changes nothing.
func opaque(img image.Image) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}

func rgb8(img *image.RGBA, x, y int) (r, g, b uint8) {
	i := img.PixOffset(x, y)
	return img.Pix[i], img.Pix[i+1], img.Pix[i+2]
}

// isSaturated is true for a clearly coloured pixel, as chart marks are; the
// page's slate greys differ by at most 0x27 between channels.
func isSaturated(r, g, b uint8) bool {
	hi := max(r, g, b)
	lo := min(r, g, b)
	return hi-lo >= 60
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// checkPDF says what is wrong with a printed report, or "".
func checkPDF(pdf []byte) string {
	switch {
	case !bytes.HasPrefix(pdf, []byte("%PDF-")):
		return fmt.Sprintf("%d bytes that do not start with %%PDF-", len(pdf))
	case !bytes.Contains(pdf[max(0, len(pdf)-64):], []byte("%%EOF")):
		return "no %%EOF at the end: truncated"
	case len(pdf) < 4096:
		return fmt.Sprintf("only %d bytes: nothing printed", len(pdf))
	case len(pdfPage.FindAll(pdf, -1)) == 0:
		return "no pages"
	}
	return ""
}

// TestCheckPixels shows that the pixel checks fail the pictures they are
// meant to catch: a blank page, text without its charts, a cut-off page.
func TestCheckPixels(t *testing.T) {
	const w, h = 200, 400
	page := func(paint func(img *image.RGBA)) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
		paint(img)
		return img
	}
	fill := func(img *image.RGBA, r image.Rectangle, c color.RGBA) {
		draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
	}
	text := func(img *image.RGBA) { // slate "text" lines: 4% of the page
		for y := 20; y < 340; y += 40 {
			fill(img, image.Rect(10, y, 190, y+4), color.RGBA{0x1e, 0x29, 0x3b, 0xff})
		}
	}
	chart := func(img *image.RGBA) { // bars of two palette colours with grey gridlines
		for i, c := range []color.RGBA{{0x00, 0x72, 0xb2, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0x00, 0x9e, 0x73, 0xff}} {
			fill(img, image.Rect(20, 100+30*i, 60+50*i, 120+30*i), c)
		}
		for x := 20; x < 180; x += 40 {
			fill(img, image.Rect(x, 95, x+1, 190), color.RGBA{0xe2, 0xe8, 0xf0, 0xff})
		}
		for i, c := range []color.RGBA{{0x64, 0x74, 0x8b, 0xff}, {0x94, 0xa3, 0xb8, 0xff}, {0xcb, 0xd5, 0xe1, 0xff}} {
			fill(img, image.Rect(70+10*i, 105, 75+10*i, 110), c) // anti-aliased label pixels
		}
	}
	tests := []struct {
		name     string
		img      *image.RGBA
		charts   int
		complete bool
		want     string // part of the one problem expected; "" for none
	}{
		{"blank", page(func(*image.RGBA) {}), 0, true, "looks blank"},
		{"text only", page(text), 0, true, ""},
		{"text and chart", page(func(img *image.RGBA) { text(img); chart(img) }), 1, true, ""},
		{"chart missing", page(text), 1, true, "the charts are not drawn"},
		{"chart one flat block", page(func(img *image.RGBA) {
			text(img)
			fill(img, image.Rect(20, 100, 180, 190), color.RGBA{0x00, 0x72, 0xb2, 0xff})
		}), 1, true, "distinct colours"},
		{"cut off", page(func(img *image.RGBA) {
			text(img)
			fill(img, image.Rect(10, h-3, 190, h), color.RGBA{0x1e, 0x29, 0x3b, 0xff})
		}), 0, true, "cut off"},
		{"long page, bottom not shown", page(func(img *image.RGBA) {
			text(img)
			fill(img, image.Rect(10, h-3, 190, h), color.RGBA{0x1e, 0x29, 0x3b, 0xff})
		}), 0, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkPixels(tt.img, tt.charts, tt.complete)
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("checkPixels = %q, want no problem", got)
			case tt.want != "" && (len(got) == 0 || !strings.Contains(strings.Join(got, "; "), tt.want)):
				t.Errorf("checkPixels = %q, want a problem containing %q", got, tt.want)
			}
		})
	}
}

func TestCheckPDF(t *testing.T) {
	page := "1 0 obj << /Type /Page /Parent 2 0 R >> endobj\n"
	body := strings.Repeat("% padding to a realistic size\n", 200)
	tests := []struct {
		name, pdf, want string
	}{
		{"ok", "%PDF-1.4\n" + page + body + "%%EOF\n", ""},
		{"not a pdf", "<html>" + body, "do not start with %PDF-"},
		{"truncated", "%PDF-1.4\n" + page + body, "truncated"},
		{"tiny", "%PDF-1.4\n" + page + "%%EOF\n", "nothing printed"},
		{"no pages", "%PDF-1.4\n<< /Type /Pages /Kids [] >>\n" + body + "%%EOF\n", "no pages"},
	}
	for _, tt := range tests {
		got := checkPDF([]byte(tt.pdf))
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: checkPDF = %q, want %q", tt.name, got, tt.want)
		}
	}
}
