// Package atomicfile writes files and folders so that a reader, or the
// next run after a crash, sees the old content or the new, never a mix.
// It is the project's one way to replace an output: the dataset's
// manifest, query and export results, the report's folder.
//
//   - Write writes a file through a temporary file beside it
//     (.NAME.tmp-PID-RANDOM): write, fsync, rename over the name, fsync the
//     folder. On an error the old file stays and the temporary one is gone.
//   - ReplaceDir fills a fresh temporary folder beside a folder and swaps
//     it into place (atomically where the system can exchange two names,
//     Linux's renameat2; else with two renames that the next run repairs),
//     so every file of one run appears together or none does.
//   - Clean removes what interrupted writes of earlier runs left beside a
//     name: temporary files and folders of processes no longer running.
//     Write and ReplaceDir call it for their name first.
//
// Example:
//
//	err := atomicfile.Write("out/result.csv", func(w io.Writer) error {
//		_, err := io.WriteString(w, "state,n\nDE-SN,68\n")
//		return err
//	})
//	// out/result.csv holds the two lines, or what it held before.
//
//	err = atomicfile.ReplaceDir("bericht", isReportFile, func(tmp string) error {
//		return writeReport(tmp) // report.xlsx, report.html, charts/
//	})
package atomicfile
