package ingest_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/testfiles"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/xlsx"
)

func TestIsInput(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("import: %w", &ingest.CellError{File: "a.xlsx", Sheet: "S", Row: 2, Col: 3, Err: errors.New("not a number")}), true},
		{fmt.Errorf("import: %w", &xlsx.CellError{File: "a.xlsx", Sheet: "S", Row: 2, Col: 3, Msg: "too long", Err: xlsx.ErrTooLarge}), true},
		{fmt.Errorf("import: %w", &ingest.ParseError{File: "a.csv", Line: 3, Column: 4, Err: ingest.ErrQuote}), true},
		{fmt.Errorf("a.xlsx: %w", xlsx.ErrZipBomb), true},
		{fmt.Errorf("a.xlsx: %w", xlsx.ErrCorrupt), true},
		{fmt.Errorf("a.xlsx: %w", xlsx.ErrNotZip), true},
		{fmt.Errorf("a.csv: %w", ingest.ErrEmpty), true},
		{fmt.Errorf("a.csv: %w", ingest.ErrEncoding), true},
		{fmt.Errorf("a.csv: %w", fs.ErrPermission), false},
		{errors.New("disk full"), false},
		{nil, false},
	} {
		if got := ingest.IsInput(tt.err); got != tt.want {
			t.Errorf("IsInput(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// The reference reader (excelize) says "not a valid zip file" for all of
// these; Open tells them apart as the streaming reader does.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, f func(string) error) string {
		p := filepath.Join(dir, name)
		if err := f(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range []struct {
		path string
		want error
		msg  string
	}{
		{write("text.xlsx", func(p string) error { return os.WriteFile(p, []byte("ID;Name\n1;x\n"), 0o644) }), ingest.ErrNotZip, "text.xlsx: not an xlsx file"},
		{write("cut.xlsx", func(p string) error { return testfiles.Truncate("../../testdata/mdk16-msforms.xlsx", p, 9000) }), ingest.ErrCorrupt, "cut.xlsx: "},
		{write("secret.xlsx", func(p string) error { return testfiles.CFB(p, true) }), ingest.ErrEncrypted, "secret.xlsx: workbook is encrypted: save it without a password"},
		{write("old.xlsx", func(p string) error { return testfiles.CFB(p, false) }), ingest.ErrNotZip, "old.xlsx: an old binary .xls workbook: save it as .xlsx"},
		{write("empty.xlsx", func(p string) error { return os.WriteFile(p, nil, 0o644) }), ingest.ErrEmpty, "empty.xlsx: file is empty"},
	} {
		for _, ref := range []bool{true, false} {
			b, err := ingest.Open(tt.path, ingest.Options{Reference: ref})
			if err == nil {
				b.Close()
			}
			if !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), tt.msg) || !ingest.IsInput(err) {
				t.Errorf("Open(%s, reference %v): %v, want %v starting %q", filepath.Base(tt.path), ref, err, tt.want, tt.msg)
			}
		}
	}
}

func TestColName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 28: "AB", 702: "ZZ", 703: "AAA", 16384: "XFD", 0: "col0", 16385: "col16385"} {
		if got := ingest.ColName(col); got != want {
			t.Errorf("ColName(%d) = %q, want %q", col, got, want)
		}
	}
}
