# resonanz — plain go build, go test and go install work too. The builds
# here add the duckdb_arrow tag (results converted to Arrow in C: less CPU
# on large exports, same tables) and leave out paths and symbols.
BUILDFLAGS := -trimpath -tags=duckdb_arrow -ldflags="-s -w"
# The demo keeps its pseudonym key beside, not inside, the data directory.
DEMO_KEY ?= .resonanz-demo-key
BIN := bin/resonanz

.PHONY: build test demo demo-waves bench fuzz lint testdata clean

build:
	go build $(BUILDFLAGS) -o $(BIN) ./cmd/resonanz

# crashtest compiles in the store's crash hook (RESONANZ_CRASH_AT) for the
# kill tests; the built command has none.
test:
	go test -tags=crashtest -timeout=30m ./...

# The organiser's job on the bundled sample: three years into ./resonanz-data.
# 2026 came from LimeSurvey with reworded questions: detect links them to the
# ids of the earlier years and drafts the definition the import uses. The
# report for 2026 lands in out/, a comparison of 2024 with 2026 in out/vergleich/.
demo: build
	rm -rf resonanz-data out
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) import testdata/mdk15-googleforms.xlsx --event mdk15 \
		--event-title "15. Mitteldeutsche Digitalisierungskonferenz" --event-date 2024-11-14 -q
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) run testdata/mdk16-msforms.xlsx --event mdk16 \
		--event-title "16. Mitteldeutsche Digitalisierungskonferenz" --event-date 2025-11-13 --out out
	./$(BIN) query "select count(*) as responses from responses"

# Three waves in their own data directory: the third, a LimeSurvey export with
# reworded questions, is linked to the earlier ones through detect's draft;
# then its report (out/waves) and a chosen comparison (out/vergleich).
WAVES := demo-waves-data
demo-waves: build
	rm -rf $(WAVES) out/waves out/vergleich
	mkdir -p out
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) --data $(WAVES) import testdata/mdk15-googleforms.xlsx --event mdk15 \
		--event-title "15. Mitteldeutsche Digitalisierungskonferenz" --event-date 2024-11-14 -q
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) --data $(WAVES) import testdata/mdk16-msforms.xlsx --event mdk16 \
		--event-title "16. Mitteldeutsche Digitalisierungskonferenz" --event-date 2025-11-13 -q
	./$(BIN) --data $(WAVES) detect testdata/mdk17-limesurvey.xlsx --write-survey out/mdk17.survey.yaml
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) --data $(WAVES) run testdata/mdk17-limesurvey.xlsx --event mdk17 \
		--event-title "17. Mitteldeutsche Digitalisierungskonferenz" --event-date 2026-11-12 \
		--survey out/mdk17.survey.yaml --out out/waves
	./$(BIN) --data $(WAVES) report --compare mdk15,mdk17 --out out/vergleich
	./$(BIN) --data $(WAVES) events

# Reading and importing a 200,000-row survey (xlsx with shared and inline
# strings, the same as a German Excel CSV) against the floor, excelize and
# DuckDB's read_csv, then `resonanz import` of 1,048,575 rows for memory.
# The generated files are cached in $TMPDIR/resonanz-bench-xlsx.
bench:
	go run ./bench/xlsx
	go run ./bench/limits

# Short fuzzing of the parsers, as CI runs it (FUZZTIME each): the xlsx
# reader against excelize, the xlsx reader on arbitrary bytes, the CSV reader,
# header detection and normalising of arbitrary sheets.
FUZZTIME ?= 10s
fuzz:
	go test ./pipeline/xlsx -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/xlsx -run '^$$' -fuzz '^FuzzOpenReader$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/ingest -run '^$$' -fuzz '^FuzzCSV$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/survey -run '^$$' -fuzz '^FuzzDetect$$' -fuzztime $(FUZZTIME)

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	go vet ./...
	go mod tidy -diff

# Regenerate the sample surveys and fixtures.
testdata:
	go run ./tools/gen -out testdata

clean:
	rm -rf bin out resonanz-data $(WAVES) $(DEMO_KEY)
