//go:build !linux && !windows

package atomicfile

import (
	"errors"
	"syscall"
)

func exchange(a, b string) error { return errors.ErrUnsupported }

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
