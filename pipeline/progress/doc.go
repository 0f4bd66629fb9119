// Package progress shows how far a long step (an import, the report) has
// got, as a bar on a terminal, and nothing anywhere else.
//
// Contract:
//
//   - New(w, Options{}) draws bars on w only when w is a terminal (an
//     *os.File for which term.IsTerminal holds), TERM is not "dumb", the
//     CI variable is unset (or "false"/"0") and Quiet is false. Otherwise it
//     returns Nop: pipes, log files, CI output and --quiet stay clean.
//   - Start(description, total) begins one bar; total < 0 means "unknown"
//     and shows a spinner with the count. Add moves it on, Describe renames
//     it, Finish clears it from the line. A Bar is safe for one goroutine.
//   - Stages take a Tracker (nil means Nop, see Or), so they report progress
//     without knowing whether anyone watches.
//
// Example:
//
//	t := progress.New(os.Stderr, progress.Options{Quiet: quiet})
//	bar := t.Start("Bericht", len(steps))
//	for _, s := range steps {
//		s()
//		bar.Add(1)
//	}
//	bar.Finish()
//
// On a terminal this draws "Bericht  50% |██████      | (4/8)" and clears
// it when done; into a pipe it writes nothing.
package progress
