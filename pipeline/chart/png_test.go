package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/vg/vgimg"
)

// TestEncodePNGKeepsPixels: every kind of chart decodes to the pixels it
// was drawn with, as an opaque RGB image within a few percent of the size
// Go's own encoder writes.
func TestEncodePNGKeepsPixels(t *testing.T) {
	for _, c := range kindCases() {
		t.Run(c.name, func(t *testing.T) {
			l, err := Plan(c.spec, c.data)
			if err != nil {
				t.Fatal(err)
			}
			w, h := l.size()
			cv := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
			l.draw(cv)
			img := cv.Image()
			var own, std bytes.Buffer
			if err := encodePNG(&own, img); err != nil {
				t.Fatal(err)
			}
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&std, img); err != nil {
				t.Fatal(err)
			}
			got := decode(t, own.Bytes())
			if _, ok := got.(*image.RGBA); !ok {
				t.Errorf("decodes as %T, want 8-bit RGB (*image.RGBA)", got)
			}
			if !samePixels(got, img) {
				t.Error("decoded pixels differ from the drawn ones")
			}
			if r := float64(own.Len()) / float64(std.Len()); r > 1.1 {
				t.Errorf("%d bytes, %.2f × Go's encoder's %d", own.Len(), r, std.Len())
			}
		})
	}
}

// TestEncodePNGOtherImages: an image with transparency or of another
// type, or one whose bounds do not start at 0, keeps its pixels too.
func TestEncodePNGOtherImages(t *testing.T) {
	opaque := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range opaque.Pix {
		opaque.Pix[i] = byte(i * 7)
	}
	for i := 3; i < len(opaque.Pix); i += 4 {
		opaque.Pix[i] = 255
	}
	clear := image.NewRGBA(image.Rect(0, 0, 5, 4))
	clear.Set(1, 1, color.RGBA{10, 20, 30, 40})
	gray := image.NewGray(image.Rect(0, 0, 9, 3))
	gray.Pix[4] = 200
	for name, img := range map[string]image.Image{
		"sub-image":   opaque.SubImage(image.Rect(7, 5, 33, 29)),
		"transparent": clear,
		"gray":        gray,
		"one row":     opaque.SubImage(image.Rect(0, 3, 40, 4)),
	} {
		var buf bytes.Buffer
		if err := encodePNG(&buf, img); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !samePixels(decode(t, buf.Bytes()), img) {
			t.Errorf("%s: decoded pixels differ", name)
		}
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// samePixels compares two images as non-premultiplied RGBA, whatever
// their type and origin.
func samePixels(a, b image.Image) bool {
	if a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	rgba := func(m image.Image) []byte {
		r := image.NewNRGBA(image.Rectangle{Max: m.Bounds().Size()})
		draw.Draw(r, r.Bounds(), m, m.Bounds().Min, draw.Src)
		return r.Pix
	}
	return bytes.Equal(rgba(a), rgba(b))
}

// TestRenderReusesImagesCleanly: a chart drawn after others of other
// sizes, on an image they used, is the same file as when drawn first.
func TestRenderReusesImagesCleanly(t *testing.T) {
	dir := t.TempDir()
	cases := kindCases()
	first := filepath.Join(dir, "first.png")
	if _, err := Render(cases[0].spec, cases[0].data, first, ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases[1:] {
		if _, err := Render(c.spec, c.data, filepath.Join(dir, "other.png"), ""); err != nil {
			t.Fatal(err)
		}
	}
	again := filepath.Join(dir, "again.png")
	if _, err := Render(cases[0].spec, cases[0].data, again, ""); err != nil {
		t.Fatal(err)
	}
	a, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same chart drawn again on a used image differs")
	}
}
