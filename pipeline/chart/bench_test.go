package chart

import (
	"path/filepath"
	"testing"
)

// BenchmarkRender draws and writes a chart of each kind, PNG and SVG, as
// the report does for each of its charts.
func BenchmarkRender(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		for _, c := range kindCases() {
			if _, err := Render(c.spec, c.data, filepath.Join(dir, "c.png"), filepath.Join(dir, "c.svg")); err != nil {
				b.Fatal(err)
			}
		}
	}
}
