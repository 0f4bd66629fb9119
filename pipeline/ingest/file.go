package ingest

import (
	"errors"
	"fmt"
	"os"
)

// ErrNotRegular means an input path that is not a regular file once its
// symbolic links are followed: a device (/dev/zero never ends), a FIFO
// (blocks until someone writes), a socket, a folder.
var ErrNotRegular = errors.New("not a regular file")

// OpenFile opens an input file for reading and refuses anything but a
// regular file before a byte is read: the file is opened without waiting
// for a FIFO's writer (O_NONBLOCK where the system has it), and the opened
// file itself is checked, so a name swapped for a device between a check
// and the open is caught too.
func OpenFile(path string) (*os.File, error) {
	f, err := openNoWait(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrNotFound)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		what := "a device, FIFO or socket"
		if st.IsDir() {
			what = "a directory"
		}
		return nil, fmt.Errorf("%s: %w (%s), not a survey file", path, ErrNotRegular, what)
	}
	return f, nil
}

// CheckFile reports whether path can be opened as an input file (OpenFile)
// without reading it: import checks every file before it takes the lock.
func CheckFile(path string) error {
	f, err := OpenFile(path)
	if err != nil {
		return err
	}
	return f.Close()
}
