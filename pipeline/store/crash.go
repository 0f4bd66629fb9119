//go:build crashtest

package store

import (
	"os"
	"time"
)

// CrashHook says whether this build has the crash tests' hook: only test
// builds with -tags crashtest (make test) do; the shipped binary has none.
const CrashHook = true

// crashPoint kills the process (SIGKILL, TerminateProcess on Windows)
// right after a publishing step when CrashEnv names it, as a power cut or
// an impatient user would.
func crashPoint(step string) {
	if os.Getenv(CrashEnv) != step {
		return
	}
	killSelf()              // lock_unix.go, lock_windows.go
	time.Sleep(time.Minute) // the signal is on its way
}
