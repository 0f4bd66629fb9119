package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/store"
)

func defaultKeyFile() string {
	if k := os.Getenv("RESONANZ_KEY"); k != "" {
		return k
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ".resonanz-key"
	}
	return filepath.Join(dir, "resonanz", "key")
}

// protect finds the pseudonym key, or makes one. The key lives
// outside the data directory — also when a symbolic link makes the data
// directory lie in the key's folder — so the dataset alone cannot be
// re-identified by recomputing hashes of guessed ids. A dataset made with
// a key is not given a new one silently: a missing key file (a new
// machine, a new $HOME) is an error unless --new-key, and so is another
// key (checked against the manifest under the lock, in pipeline.Import).
func protect(o *importOptions) error {
	key, err := resolve(o.KeyFile)
	if err != nil {
		return err
	}
	data, err := resolve(o.DataDir)
	if err != nil {
		return err
	}
	if key == data || strings.HasPrefix(key, data+string(filepath.Separator)) {
		return usageError{fmt.Errorf("import: the pseudonym key %s must not lie inside the data directory %s (%s)", o.KeyFile, o.DataDir, data)}
	}
	if _, err := os.Stat(key); errors.Is(err, fs.ErrNotExist) && !o.NewKey {
		if st, err := store.Open(o.DataDir); err == nil {
			if m, err := st.Manifest(); err == nil && len(m.Imports) > 0 {
				return fmt.Errorf("import: pseudonym key %s: %w: it does not exist, but %s was made with a key (id %s); give that key with --key FILE or $RESONANZ_KEY, or --new-key to start a new one (pseudonyms then change, and duplicates across imports go unnoticed)",
					o.KeyFile, store.ErrKeyChanged, o.DataDir, keyName(m.Key))
			}
		}
	}
	k, err := disclosure.LoadOrCreateKey(key)
	if err != nil {
		return fmt.Errorf("import: pseudonym key: %w", err)
	}
	o.Key = k
	return nil
}

func keyName(id string) string {
	if id == "" {
		return "not recorded"
	}
	return id
}

// resolve makes a path absolute with its symbolic links resolved, also
// when its last parts do not exist yet (a data directory or key file made
// by this run).
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}
