//go:build !crashtest

package store

// CrashHook says whether this build has the crash tests' hook: this one
// has not (see crash.go).
const CrashHook = false

func crashPoint(string) {}
