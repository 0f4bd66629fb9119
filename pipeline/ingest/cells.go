package ingest

import "github.com/resonanz/resonanz/pipeline/xlsx"

// CellSchema is the schema of raw cells that every reader hands on; see
// xlsx.CellSchema for what a value holds.
var CellSchema = xlsx.CellSchema

// BatchCells is how many cells a reader puts into one record batch.
const BatchCells = xlsx.BatchCells
