package pipeline

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/pipeline/store"
)

// Checked is what Check found.
type Checked struct {
	Imports, Files int
	Findings       []store.Finding // none: the dataset is sound
}

// Check verifies the dataset in dataDir without changing it: every file
// the manifest lists is there with its size, checksum and columns, no
// import stopped half way, no Parquet file lies there unlisted. Each
// finding says what to do. A dataset with findings is an error wrapping
// store.ErrDamaged, after the findings are returned.
func Check(ctx context.Context, dataDir string) (*Checked, error) {
	st, err := store.Open(dataDir)
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	m, err := st.Manifest()
	if err == nil && len(m.Imports) == 0 {
		return nil, fmt.Errorf("check: %s: %w", dataDir, store.ErrNoData)
	}
	f, err := st.Check(ctx)
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	c := &Checked{Findings: f}
	if m != nil {
		c.Imports = len(m.Imports)
		c.Files = len(m.Imports) * len(model.TableNames(""))
	}
	if len(f) > 0 {
		return c, fmt.Errorf("check: %w: %d problem(s) in %s", store.ErrDamaged, len(f), dataDir)
	}
	return c, nil
}
