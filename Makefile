# resonanz — the Arrow API of duckdb-go needs the duckdb_arrow build tag.
export GOFLAGS := -tags=duckdb_arrow
# The demo keeps its pseudonym key beside, not inside, the data directory.
DEMO_KEY ?= .resonanz-demo-key
BIN := bin/resonanz

.PHONY: build test demo bench fuzz lint testdata clean

build:
	go build -o $(BIN) ./cmd/resonanz

test:
	go test ./...

# The organiser's job on the bundled sample: last year's event, then this
# year's, into ./resonanz-data; the report for this year lands in out/.
demo: build
	rm -rf resonanz-data out
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) import testdata/mdk15-googleforms.xlsx --event mdk15 \
		--event-title "15. Mitteldeutsche Digitalisierungskonferenz" --event-date 2024-11-14 -q
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) run testdata/mdk16-msforms.xlsx --event mdk16 \
		--event-title "16. Mitteldeutsche Digitalisierungskonferenz" --event-date 2025-11-13 --out out
	./$(BIN) query "select count(*) as responses from responses"

# Reading and importing a 200,000-row survey (xlsx with shared and inline
# strings, the same as a German Excel CSV) against the floor, excelize and
# DuckDB's read_csv, then `resonanz import` of 1,048,575 rows for memory.
# The generated files are cached in $TMPDIR/resonanz-bench-xlsx.
bench:
	go run ./bench/xlsx

# Short fuzzing of the parsers, as CI runs it (FUZZTIME each): the xlsx
# reader against excelize, the xlsx reader on arbitrary bytes, the CSV reader.
FUZZTIME ?= 10s
fuzz:
	go test ./pipeline/xlsx -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/xlsx -run '^$$' -fuzz '^FuzzOpenReader$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/ingest -run '^$$' -fuzz '^FuzzCSV$$' -fuzztime $(FUZZTIME)

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	go vet ./...
	go mod tidy -diff

# Regenerate the sample surveys and fixtures.
testdata:
	go run ./tools/gen -out testdata

clean:
	rm -rf bin out resonanz-data $(DEMO_KEY)
