package main

import (
	"fmt"
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

// protect sets up pseudonyms and the free-text scrubber. The key lives
// outside the data directory, so the dataset alone cannot be re-identified
// by recomputing hashes of guessed ids.
func protect(o *importOptions) error {
	key, err := filepath.Abs(o.KeyFile)
	if err != nil {
		return err
	}
	data, err := filepath.Abs(o.DataDir)
	if err != nil {
		return err
	}
	if key == data || strings.HasPrefix(key, data+string(filepath.Separator)) {
		return usageError{fmt.Errorf("import: the pseudonym key %s must not lie inside the data directory %s", key, data)}
	}
	k, err := disclosure.LoadOrCreateKey(key)
	if err != nil {
		return fmt.Errorf("import: pseudonym key: %w", err)
	}
	if err := store.CheckEvent(o.Event); err != nil {
		return fmt.Errorf("import: %w", err) // before Pseudonyms sees it
	}
	o.Pseudonym = disclosure.Pseudonyms(k, o.Event)
	o.Scrub = disclosure.ScrubPII
	return nil
}
