package atomicfile

import (
	"errors"
	"os"
)

func exchange(a, b string) error { return errors.ErrUnsupported }

// alive: FindProcess opens the process on Windows, and fails when there is
// none.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
