package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// tempName is the name of a temporary file or folder for base: hidden,
// with the writing process's id, so Clean can tell whose it is.
func tempName(base, kind string) string {
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	return fmt.Sprintf(".%s.%s-%d-%s", base, kind, os.Getpid(), hex.EncodeToString(rnd[:]))
}

var tempRE = regexp.MustCompile(`^\.(.+)\.(tmp|old)-(\d+)-[0-9a-f]{8}$`)

// legacyRE matches the temporary names of earlier versions
// (.NAME.123456, .NAME.123456.tmp), which carry no process id.
var legacyRE = regexp.MustCompile(`^\.(.+)\.\d{4,}(\.tmp)?$`)

// legacyAge is how old a temporary file of an earlier version must be
// before Clean removes it.
const legacyAge = time.Minute

// Write writes path through a temporary file in the same folder; the file
// gets mode 0644. write gets a plain io.Writer (not the *os.File), so a
// writer that closes what it can (Parquet's) does not close the file.
func Write(path string, write func(io.Writer) error) error {
	return WriteAll(File{path, write})
}

// File is one file of WriteAll: its path and what writes its content.
type File struct {
	Path  string
	Write func(io.Writer) error
}

// WriteAll writes each file as Write does, but renames only when every one
// is written, so a failure leaves none of them changed (not a chart's PNG
// beside the SVG of another).
func WriteAll(files ...File) error {
	tmps := make([]string, 0, len(files))
	defer func() {
		for _, t := range tmps {
			os.Remove(t) // no-op after the rename
		}
	}()
	for _, f := range files {
		tmp, err := writeTemp(f)
		if tmp != "" {
			tmps = append(tmps, tmp)
		}
		if err != nil {
			return err
		}
	}
	dirs := map[string]bool{}
	for i, f := range files {
		if err := os.Rename(tmps[i], f.Path); err != nil {
			return err
		}
		dirs[filepath.Dir(f.Path)] = true
	}
	for d := range dirs {
		if err := SyncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// writeTemp writes f to a temporary file beside it and returns its name
// (also on an error, for the caller to remove).
func writeTemp(f File) (string, error) {
	dir, base := filepath.Split(f.Path)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	Clean(dir, base)
	tmp := filepath.Join(dir, tempName(base, "tmp"))
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return "", err
	}
	err = f.Write(struct{ io.Writer }{out})
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return tmp, err
}

// WriteFile is Write of bytes.
func WriteFile(path string, b []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// ErrNotOurs means a folder ReplaceDir would replace holds files that are
// not its own.
var ErrNotOurs = errors.New("holds files that are not part of it")

// ReplaceDir writes a folder whole: fill writes into a fresh temporary
// folder beside dir, which then takes dir's place, and the old folder is
// removed. A dir holding an entry that own does not claim is left alone
// (ErrNotOurs): replacing it would delete someone's files. After a crash
// the next ReplaceDir (or Clean) restores the old folder or finishes the
// swap.
func ReplaceDir(dir string, own func(name string) bool, fill func(tmp string) error) error {
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	Clean(parent, base)
	entries, err := os.ReadDir(dir)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, e := range entries {
		if !own(e.Name()) {
			return fmt.Errorf("%s %w (%s): give a folder of its own", dir, ErrNotOurs, e.Name())
		}
	}
	tmp := filepath.Join(parent, tempName(base, "tmp"))
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			RemoveAll(tmp)
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	if err := syncTree(tmp); err != nil {
		return err
	}
	if !exists {
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
		done = true
		return SyncDir(parent)
	}
	if err := exchange(tmp, dir); err == nil {
		done = true
		SyncDir(parent)
		return RemoveAll(tmp) // the old folder, now under the temporary name
	}
	// Two renames; a crash between them leaves .BASE.old-PID-… and no
	// BASE, which Clean puts back.
	old := filepath.Join(parent, tempName(base, "old"))
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		return err
	}
	done = true
	SyncDir(parent)
	return RemoveAll(old)
}

// Clean removes what interrupted writes of base left in dir: temporary
// files and folders of processes that no longer run (and of earlier
// versions, once a minute old). When a crash came between ReplaceDir's
// two renames, it puts the old folder back. Errors are ignored: what
// cannot be removed now is tried again next time.
func Clean(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		if m := tempRE.FindStringSubmatch(name); m != nil && m[1] == base {
			pid, _ := strconv.Atoi(m[3])
			if pid == os.Getpid() || alive(pid) {
				continue
			}
			if m[2] == "old" {
				if _, err := os.Lstat(filepath.Join(dir, base)); errors.Is(err, fs.ErrNotExist) {
					os.Rename(path, filepath.Join(dir, base))
					continue
				}
			}
			RemoveAll(path)
			continue
		}
		if m := legacyRE.FindStringSubmatch(name); m != nil && m[1] == base && !e.IsDir() {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > legacyAge {
				os.Remove(path)
			}
		}
	}
}

// IsTemp reports whether name is a temporary name of this package, for
// listings that should not show them.
func IsTemp(name string) bool {
	return tempRE.MatchString(name) || (strings.HasPrefix(name, ".") && legacyRE.MatchString(name))
}

// SyncDir fsyncs a folder, so a rename in it survives a power cut. Windows
// cannot open a folder to sync it; its renames are durable as they are.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// syncTree fsyncs every file and folder below root, so that after the
// swap a power cut cannot leave the new names with empty files.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return SyncDir(p)
		}
		// Read-write: Windows flushes only a handle that may write.
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}

// RemoveAll is os.RemoveAll, except that on Windows, when that fails, it
// removes the tree entry by entry, deepest first: Wine (8, Debian's) has
// not the call Go's RemoveAll deletes folders with there ("Invalid
// function"), and CI runs the Windows binary under Wine.
func RemoveAll(path string) error {
	err := os.RemoveAll(path)
	if err == nil || runtime.GOOS != "windows" {
		return err
	}
	var paths []string
	if werr := filepath.WalkDir(path, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	}); werr != nil {
		if errors.Is(werr, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for i := len(paths) - 1; i >= 0; i-- {
		if rerr := os.Remove(paths[i]); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			return rerr
		}
	}
	return nil
}
