//go:build unix

package ingest

import (
	"os"
	"syscall"
)

// openNoWait opens a file for reading; O_NONBLOCK keeps open from waiting
// for a FIFO's writer (a regular file reads as ever).
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
