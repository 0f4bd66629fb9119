package chart

import (
	"image"
	"sync"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// images are chart images for reuse: a report draws thirty or more of
// 1600 × 900 px (5.8 MB each), and vgimg.NewWith allocates two per chart
// (gg copies the image it is given), so the garbage collector ran through
// the whole drawing.
var images sync.Pool

// newCanvas is vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi)) on an
// image from the pool, which release gives back once it is encoded.
func newCanvas(w, h vg.Length) *vgimg.Canvas {
	r := image.Rect(0, 0, pixels(w), pixels(h))
	n := 4 * r.Dx() * r.Dy()
	img, _ := images.Get().(*image.RGBA)
	if img == nil || cap(img.Pix) < n {
		img = image.NewRGBA(r)
	} else {
		img = &image.RGBA{Pix: img.Pix[:n], Stride: 4 * r.Dx(), Rect: r}
	}
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	return vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
}

func release(img image.Image) {
	if m, ok := img.(*image.RGBA); ok {
		images.Put(m)
	}
}
