package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
)

// ExportOptions configure Export.
type ExportOptions struct {
	DataDir     string
	Events      []string // default: the latest event; "all": every event
	Format      string   // xlsx, csv, parquet
	Out         string
	Lang        string // language of the codebook's texts
	Timeout     time.Duration
	MemoryLimit string
	Threads     int
}

// Exported says what Export wrote.
type Exported struct {
	Files   []string // the data file, then the codebook file if separate
	Rows    int      // respondents (not counted for parquet)
	Columns int
}

// Export writes the wide table (one row per respondent, one column per
// question or item; see query.Engine.Wide) to Out, with its codebook as a
// second sheet (xlsx) or beside it as <Out>.codebook.csv (csv, parquet).
// The files are written under temporary names and renamed at the end, so a
// failure leaves no half file.
func Export(ctx context.Context, opt ExportOptions) (*Exported, error) {
	switch opt.Format {
	case "xlsx", "csv", "parquet":
	default:
		return nil, fmt.Errorf("export: unknown format %q (xlsx, csv, parquet)", opt.Format)
	}
	if opt.Out == "" {
		return nil, fmt.Errorf("export: --out FILE is needed")
	}
	events, err := resolveEvents(ctx, opt.DataDir, opt.Events)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	e, err := query.Open(ctx, query.Options{
		DataDir: opt.DataDir, Events: events, Lang: opt.Lang,
		MemoryLimit: opt.MemoryLimit, Threads: opt.Threads, Timeout: opt.Timeout,
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer e.Close()
	w, err := e.Wide(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	codebook := w.Codebook(opt.Lang)
	rr, done, err := e.WideReader(ctx, w)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer done()
	res := &Exported{Files: []string{opt.Out}, Columns: len(w.Columns)}
	// Rows stream from DuckDB into the file; nothing holds the table.
	limit := MaxRows[opt.Format]
	if opt.Format == "xlsx" && len(w.Columns) > maxXLSXColumns {
		rr.Release()
		return nil, fmt.Errorf("export: %d columns, more than an Excel sheet holds (%d); use --format csv or parquet", len(w.Columns), maxXLSXColumns)
	}
	if opt.Format == "parquet" {
		err = atomicfile.Write(opt.Out, func(f io.Writer) error { return query.WriteParquet(f, rr, limit) })
	} else {
		rows := query.Stream(rr, limit)
		defer rows.Close()
		if opt.Format == "xlsx" {
			data, book := i18n.T(opt.Lang, "export.data_sheet"), i18n.T(opt.Lang, "codebook")
			err = atomicfile.Write(opt.Out, func(f io.Writer) error {
				return query.WriteXLSX(f, query.Sheet{Name: data, Rows: rows}, query.Sheet{Name: book, Rows: codebook.Scan()})
			})
		} else {
			err = atomicfile.Write(opt.Out, func(f io.Writer) error { return query.WriteCSV(f, rows) })
		}
		res.Rows = rows.Rows()
	}
	if err != nil {
		return nil, fmt.Errorf("export: %w", tooLarge(err, opt.Format))
	}
	if opt.Format != "xlsx" {
		side := opt.Out + ".codebook.csv"
		if err := atomicfile.Write(side, func(f io.Writer) error { return query.WriteCSV(f, codebook.Scan()) }); err != nil {
			os.Remove(opt.Out)
			return nil, fmt.Errorf("export: %w", err)
		}
		res.Files = append(res.Files, side)
	}
	return res, nil
}
