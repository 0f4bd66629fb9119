// Package store keeps the dataset: Parquet files under a data directory in
// a Hive layout, <table>/event=<id>/<import>.parquet, and manifest.json,
// which names the published files. Readers trust the manifest alone.
//
// # Contract
//
//   - Publishing is atomic. An import is staged in .staging/<id>/, every file
//     fsynced, the plan written to the journal (.journal/<id>.json: the
//     files to move in, the replaced files to delete), the files moved into
//     place, and published by replacing manifest.json (atomicfile: write,
//     fsync, rename, fsync the directory). CommitAll publishes several
//     imports with one manifest write: all of them or none.
//   - A crash at any moment leaves the dataset as it was or as it would be
//     after the import; Cleanup, run by the next import under the lock,
//     finishes or undoes what the journal names (and removes staging and
//     temporary manifests). It deletes no other file: a Parquet file the
//     manifest does not list and no journal names (a manifest restored from
//     a backup, or emptied) is kept and returned for the caller to report.
//   - Check verifies the dataset without changing it: each listed file
//     present, of its recorded size and SHA-256, with its table's columns;
//     no journal left; no unlisted file. Each Finding says what to do.
//     Verify is its quick part (presence, size) that readers run first: a
//     missing file is ErrDamaged, "the dataset is damaged: FILE missing;
//     run resonanz check".
//   - The manifest records the pseudonym key's fingerprint (Store.KeyID on
//     commit); Manifest.CheckKey refuses imports made with another key
//     (ErrKeyChanged) unless a new key is asked for.
//   - Writers hold Lock (lock files per platform); a second writer waits,
//     told once. Readers need no lock: they read the manifest once and see
//     either the old or the new one.
//   - Manifest.Find(event, sha256) tells whether the same bytes were already
//     imported into the event; CommitAll's Replace drops earlier imports from
//     the manifest and removes their files.
//   - Files: zstd (an encoder with a 1 MiB window, see zstd.go), dictionary
//     encoding but for mostly distinct columns, one row group per batch
//     written (the survey stage hands on 64k-row batches), no stored Arrow
//     schema: the answers' and responses' dictionary columns are plain
//     strings to every reader. A Txn's Write is not safe for concurrent use.
//   - Builds with -tags crashtest have a hook: the environment variable
//     RESONANZ_CRASH_AT (CrashEnv) makes the process kill itself after a
//     named publishing step; the crash tests use it. Other builds have none.
//
// # Example
//
//	st, _ := store.Open("resonanz-data")
//	unlock, _ := st.Lock(ctx, func() { fmt.Println("waiting for another import …") })
//	defer unlock()
//	kept, _ := st.Cleanup() // unlisted files, kept: report them
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
