package store

import (
	"os"
	"time"
)

// CrashEnv names the environment variable of the crash tests' hook: when it
// holds the name of a publishing step, the process kills itself (SIGKILL,
// TerminateProcess on Windows) right after that step, as a power cut or an
// impatient user would. Steps, in order: after-stage (every file written and fsynced in .staging),
// after-rename-N (the Nth Parquet file moved into place), after-manifest-tmp
// (the new manifest written beside the old), after-manifest-rename (the
// publish point), after-publish (before removing replaced files).
const CrashEnv = "RESONANZ_CRASH_AT"

func crashPoint(step string) {
	if os.Getenv(CrashEnv) != step {
		return
	}
	killSelf()
	time.Sleep(time.Minute) // the signal is on its way
}
