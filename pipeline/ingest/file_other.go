//go:build !unix

package ingest

import "os"

// openNoWait opens a file for reading (Windows has no FIFOs that block an
// open; named pipes are refused by the regular-file check after it).
func openNoWait(path string) (*os.File, error) { return os.Open(path) }
