// Package store keeps the dataset: Parquet files under a data directory in
// a Hive layout, <table>/event=<id>/<import>.parquet, and manifest.json,
// which names the published files. Readers trust the manifest alone.
//
// # Contract
//
//   - Publishing is atomic. An import is staged in .staging/<id>/, every file
//     fsynced, moved into place, and published by replacing manifest.json
//     (write, fsync, rename, fsync the directory). CommitAll publishes
//     several imports with one manifest write: all of them or none.
//   - A crash at any moment leaves the dataset as it was or as it would be
//     after the import; Cleanup, run by the next import under the lock,
//     removes what the crash left (staging, unlisted files, manifest.json.tmp).
//     A manifest exists before the first file is moved into place, so
//     Parquet files without a manifest mean it was lost: Cleanup then
//     deletes nothing and returns ErrNoManifest.
//   - Writers hold Lock (flock on .lock); a second writer waits, told once.
//     Readers need no lock: they read the manifest once and see either the
//     old or the new one.
//   - Manifest.Find(event, sha256) tells whether the same bytes were already
//     imported into the event; CommitAll's Replace drops earlier imports from
//     the manifest and removes their files.
//   - Files: zstd (an encoder with a 1 MiB window, see zstd.go), dictionary
//     encoding but for mostly distinct columns, one row group per batch
//     written (the survey stage hands on 64k-row batches), no stored Arrow
//     schema: the answers' and responses' dictionary columns are plain
//     strings to every reader. A Txn's Write is not safe for concurrent use.
//   - The environment variable RESONANZ_CRASH_AT (CrashEnv) makes the process
//     kill itself after a named publishing step; the crash tests use it.
//
// # Example
//
//	st, _ := store.Open("resonanz-data")
//	unlock, _ := st.Lock(ctx, func() { fmt.Println("waiting for another import …") })
//	defer unlock()
//	_ = st.Cleanup()
//	a, _ := st.Begin("mdk16")
//	_ = a.Write("responses", rec) // rec has model.Schema("responses")
//	b, _ := st.Begin("mdk16")
//	_ = b.Write("responses", rec2)
//	ims, err := st.CommitAll(&store.Event{Title: "16. MDK"},
//		store.Staged{Txn: a, Record: store.Record{File: "a.xlsx", SHA256: shaA}},
//		store.Staged{Txn: b, Record: store.Record{File: "b.xlsx", SHA256: shaB}})
//	// err == nil: manifest.json lists ims[0] and ims[1], 7 files each
//	// (the 6 data model tables and imports); err != nil: it lists neither.
package store
