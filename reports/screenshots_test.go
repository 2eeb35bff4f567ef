//go:build unix

package reports

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
)

// writeScreenshot stores the top maxHeight pixels of a report's screenshot
// for the docs as report-NAME-VIEWPORT.png in dir. A page is flat colours and
// their anti-aliased edges, so its 256 most frequent colours keep it looking
// the same at a third of the size of chromium's true-colour PNG.
func writeScreenshot(dir, report, viewport string, img image.Image, maxHeight int) (string, error) {
	name := filepath.Join(dir, fmt.Sprintf("report-%s-%s.png", report, viewport))
	if r := img.Bounds(); r.Dy() > maxHeight {
		r.Max.Y = r.Min.Y + maxHeight
		top := image.NewRGBA(r)
		draw.Draw(top, r, img, r.Min, draw.Src)
		img = top
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, paletted(img)); err != nil {
		return "", fmt.Errorf("encode %s: %w", name, err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		return "", err
	}
	return name, nil
}

// paletted maps img onto its 256 most frequent colours, each pixel to the
// nearest of them.
func paletted(img image.Image) *image.Paletted {
	bounds := img.Bounds()
	counts := map[color.RGBA]int{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colours := make([]color.RGBA, 0, len(counts))
	for c := range counts {
		colours = append(colours, c)
	}
	slices.SortFunc(colours, func(a, b color.RGBA) int {
		if n := cmp.Compare(counts[b], counts[a]); n != 0 {
			return n
		}
		// Equal counts: a fixed order, so the same page gives the same bytes.
		return cmp.Compare(uint32(a.R)<<24|uint32(a.G)<<16|uint32(a.B)<<8|uint32(a.A),
			uint32(b.R)<<24|uint32(b.G)<<16|uint32(b.B)<<8|uint32(b.A))
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range colours[:min(256, len(colours))] {
		pal = append(pal, c)
	}
	out := image.NewPaletted(bounds, pal)
	index := map[color.RGBA]uint8{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := index[c]
			if !ok {
				i = uint8(pal.Index(c))
				index[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	return out
}
