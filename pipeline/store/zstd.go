package store

import (
	"io"
	"sync"

	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/klauspost/compress/zstd"
)

// zstdCodec is arrow-go's zstd codec with encoders sized for Parquet pages.
// arrow-go's own encoders have zstd's default 8 MiB window and so allocate
// a 16 MiB history each, a tenth of an import's memory (and twice that in
// the garbage collector's goal), although every page is compressed on its
// own and is about 1 MiB: a 1 MiB window finds the same matches. Decoding
// and streams stay arrow-go's.
type zstdCodec struct {
	compress.Codec
	mu  sync.Mutex
	enc map[zstd.EncoderLevel]*zstd.Encoder
}

// arrow-go registers its codecs in init functions and reads the registry
// without a lock, so replacing one is only safe here.
func init() {
	orig, err := compress.GetCodec(compress.Codecs.Zstd)
	if err != nil {
		panic(err) // arrow-go registers zstd itself
	}
	compress.RegisterCodec(compress.Codecs.Zstd, &zstdCodec{Codec: orig, enc: map[zstd.EncoderLevel]*zstd.Encoder{}})
}

func (c *zstdCodec) Encode(dst, src []byte) []byte {
	return c.EncodeLevel(dst, src, compress.DefaultCompressionLevel)
}

// EncodeLevel maps levels as arrow-go does. An encoder serves concurrent
// calls (one per core), so there is one per level.
func (c *zstdCodec) EncodeLevel(dst, src []byte, level int) []byte {
	l := zstd.EncoderLevelFromZstd(level)
	if level == compress.DefaultCompressionLevel {
		l = zstd.SpeedDefault
	}
	c.mu.Lock()
	enc, ok := c.enc[l]
	if !ok {
		enc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(l), zstd.WithWindowSize(1<<20),
			zstd.WithZeroFrames(true), zstd.WithAllLitEntropyCompression(true)) // valid options: no error
		c.enc[l] = enc
	}
	c.mu.Unlock()
	return enc.EncodeAll(src, dst[:0])
}

func (c *zstdCodec) DecodeWithError(dst, src []byte) ([]byte, error) {
	return c.Codec.(compress.ErrorCodec).DecodeWithError(dst, src)
}

func (c *zstdCodec) NewReader(r io.Reader) io.ReadCloser {
	return c.Codec.(compress.StreamingCodec).NewReader(r)
}

func (c *zstdCodec) NewWriter(w io.Writer) io.WriteCloser {
	return c.Codec.(compress.StreamingCodec).NewWriter(w)
}

func (c *zstdCodec) NewWriterLevel(w io.Writer, level int) (io.WriteCloser, error) {
	return c.Codec.(compress.StreamingCodec).NewWriterLevel(w, level)
}
