//go:build crashtest

package store

import (
	"os"
	"syscall"
	"time"
)

// CrashHook says whether this build has the crash tests' hook: only test
// builds with -tags crashtest (make test) do; the shipped binary has none.
const CrashHook = true

// crashPoint kills the process (SIGKILL) right after a publishing step
// when CrashEnv names it, as a power cut or an impatient user would.
func crashPoint(step string) {
	if os.Getenv(CrashEnv) != step {
		return
	}
	_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
	time.Sleep(time.Minute) // the signal is on its way
}
