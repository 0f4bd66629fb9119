# resonanz — plain go build, go install, go vet and go test work too. The
# builds here add the duckdb_arrow tag (results converted to Arrow in C: less
# CPU on large exports, same tables), leave out paths and symbols and stamp
# the commit into `resonanz version`.
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
LDFLAGS := -s -w -X main.commit=$(COMMIT)
BUILDFLAGS := -trimpath -tags=duckdb_arrow -ldflags="$(LDFLAGS)"
BIN := bin/resonanz

.PHONY: build install dist cgo test test-short test-full adversary test-arrow test-race demo demo-waves bench fuzz lint testdata clean

# DuckDB is C++: without cgo nothing builds, and Go's own message ("build
# constraints exclude all Go files") does not say why.
cgo:
	@test "$$(go env CGO_ENABLED)" = 1 || { echo "resonanz needs cgo (DuckDB is a C++ library): install gcc and build with CGO_ENABLED=1" >&2; exit 1; }

build: cgo
	@test -e $(BIN) || echo "building resonanz (first time: several minutes — DuckDB is compiled and linked; later builds take seconds)…" >&2
	go build $(BUILDFLAGS) -o $(BIN) ./cmd/resonanz

install: cgo
	go install $(BUILDFLAGS) ./cmd/resonanz

# Release binaries: linux-amd64 and windows-amd64, cross-compiled with
# Debian's MinGW-w64 (gcc- and g++-mingw-w64-x86-64-posix: DuckDB's Windows
# library needs libstdc++ with posix threads). That library was built
# against the UCRT, so the Windows binary links it (-lucrt) and
# internal/winshim's one libstdc++ symbol.
WINCC ?= x86_64-w64-mingw32-gcc-posix
WINCXX ?= x86_64-w64-mingw32-g++-posix
dist: cgo
	@mkdir -p dist
	go build $(BUILDFLAGS) -o dist/resonanz-linux-amd64 ./cmd/resonanz
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(WINCC) CXX=$(WINCXX) \
		go build -trimpath -tags=duckdb_arrow -ldflags="$(LDFLAGS) -extldflags=-lucrt" -o dist/resonanz-windows-amd64.exe ./cmd/resonanz

# make test: the README's test command, the quick run while working (-short):
# every package, without the tests marked slow (testtool.Slow, [short] in a
# testscript: the adversary over many runs, R's survey package, the
# browsers, the end-to-end report runs). make test-full runs every test, the
# slow ones too; .ci/run runs both, and with CI set a test whose tool is
# missing fails instead of skipping. crashtest compiles in the store's crash
# hook (RESONANZ_CRASH_AT) for the kill tests; the built command has none. A
# loaded machine needs more than the default 10 minutes for cmd/resonanz.
test:
	go test -short -tags=crashtest -timeout=30m ./...

test-full:
	go test -tags=crashtest -timeout=60m ./...

# The report-level adversary of #14 over 200 random surveys (make test-full
# runs 8 of them): ≈ 40 minutes on 2 cores.
adversary:
	RESONANZ_ADVERSARY_SURVEYS=200 go test -timeout=3h -run '^TestAdversaryReportRandom$$' -v ./pipeline/disclosure/

# Kept for habit: the same as make test.
test-short: test

# The duckdb_arrow build (the binaries above) gives the same tables as the
# plain one that make test runs.
test-arrow:
	go test -tags=duckdb_arrow -timeout=30m -run '^TestRowsMatchDuckDBArrow$$' ./pipeline/query/

# The packages that run goroutines (the query watchdog and cancellation, the
# store's lock, the progress bar, charts drawn in parallel) and, of package
# pipeline, the tests of its own goroutines (prefetching reader, async sink,
# imports): the rest of pipeline is end-to-end runs, 8 minutes under the race
# detector for nothing concurrent. CI runs this.
test-race:
	go test -race -short -timeout=30m ./pipeline/query ./pipeline/store ./pipeline/progress ./pipeline/report
	go test -race -timeout=30m -run '^(TestPrefetch|TestAsyncSink|TestImportSameBytesTwice|TestMultiFileImportAllOrNothing|TestReplaceCorrectedFile)$$' ./pipeline

# The demo lives in demo/ and nowhere else: its dataset demo/data, its key
# demo/key (beside the data, not in it), its report demo/out. It never
# touches ./resonanz-data, the default a user's own data goes to.
DEMO := demo
DEMO_KEY := $(DEMO)/key
# The organiser's job on the bundled sample: last year's conference (Google
# Forms) imported, then this year's (Microsoft Forms) imported and reported.
demo: build
	rm -rf $(DEMO)
	mkdir -p $(DEMO)
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) --data $(DEMO)/data import testdata/mdk15-googleforms.xlsx --event mdk15 \
		--event-title "15. Mitteldeutsche Digitalisierungskonferenz" --event-date 14.11.2024 -q
	RESONANZ_KEY=$(DEMO_KEY) ./$(BIN) --data $(DEMO)/data run testdata/mdk16-msforms.xlsx --event mdk16 \
		--event-title "16. Mitteldeutsche Digitalisierungskonferenz" --event-date 13.11.2025 --out $(DEMO)/out
	./$(BIN) --data $(DEMO)/data query "select count(*) as responses from responses"
	@echo
	@echo "Open $(DEMO)/out/report.xlsx (Excel or LibreOffice) or $(DEMO)/out/report.html (a browser)."
	@echo "Next: ./$(BIN) --data $(DEMO)/data schema       (the views you can query)"
	@echo "      ./$(BIN) --data $(DEMO)/data query \"select * from key_figures\""
	@echo "      make demo-waves                          (three years, one with reworded questions)"
	@echo "      ./$(BIN) run IHRE-UMFRAGE.xlsx --event ID --out bericht   (your own survey, into ./resonanz-data)"

# Three waves: the third, a LimeSurvey export with reworded questions, is
# linked to the earlier ones through detect's draft; then its report
# (demo/waves/out) and a chosen comparison of 2024 with 2026
# (demo/waves/vergleich).
WAVES := $(DEMO)/waves
demo-waves: build
	rm -rf $(WAVES)
	mkdir -p $(WAVES)
	RESONANZ_KEY=$(WAVES)/key ./$(BIN) --data $(WAVES)/data import testdata/mdk15-googleforms.xlsx --event mdk15 \
		--event-title "15. Mitteldeutsche Digitalisierungskonferenz" --event-date 14.11.2024 -q
	RESONANZ_KEY=$(WAVES)/key ./$(BIN) --data $(WAVES)/data import testdata/mdk16-msforms.xlsx --event mdk16 \
		--event-title "16. Mitteldeutsche Digitalisierungskonferenz" --event-date 13.11.2025 -q
	./$(BIN) --data $(WAVES)/data detect testdata/mdk17-limesurvey.xlsx --write-survey $(WAVES)/mdk17.survey.yaml
	RESONANZ_KEY=$(WAVES)/key ./$(BIN) --data $(WAVES)/data run testdata/mdk17-limesurvey.xlsx --event mdk17 \
		--event-title "17. Mitteldeutsche Digitalisierungskonferenz" --event-date 12.11.2026 \
		--survey $(WAVES)/mdk17.survey.yaml --out $(WAVES)/out
	./$(BIN) --data $(WAVES)/data report --compare mdk15,mdk17 --out $(WAVES)/vergleich
	./$(BIN) --data $(WAVES)/data events

# Reading and importing a 200,000-row survey (xlsx with shared and inline
# strings, the same as a German Excel CSV) against the floor, excelize and
# DuckDB's read_csv, then `resonanz import` of 1,048,575 rows for memory;
# then bench/report: import + report of the sample and of 200,000 rows side by side.
# The generated files are cached in $TMPDIR/resonanz-bench-xlsx. Each bench
# runs even when one before it misses a target (its table still prints);
# make bench fails at the end if any did.
bench:
	@status=0; \
	go run ./bench/xlsx || status=1; \
	go run ./bench/limits || status=1; \
	go run ./bench/report || status=1; \
	exit $$status

# Fuzzing, as CI runs it: the xlsx reader against excelize, the xlsx reader
# on arbitrary bytes, the CSV reader, header detection and normalising of
# arbitrary sheets, and of sheets mixed from real exports' headers and
# answers (no panic, no merged columns); and of analyst SQL: statement
# splitting, and calls of every DuckDB function with random arguments through
# the sandbox and the engine (its ~2,950 seeds run first). FUZZTIME is a
# number of inputs (NNNx), not seconds: on a loaded machine seconds go to
# building and few inputs run. Each target's instrumented test binary is
# built once and cached.
FUZZTIME ?= 2000x
fuzz:
	go test ./pipeline/query -run '^$$' -fuzz '^FuzzStatements$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/query -run '^$$' -fuzz '^FuzzCalls$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/xlsx -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/xlsx -run '^$$' -fuzz '^FuzzOpenReader$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/ingest -run '^$$' -fuzz '^FuzzCSV$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/survey -run '^$$' -fuzz '^FuzzDetect$$' -fuzztime $(FUZZTIME)
	go test ./pipeline/survey -run '^$$' -fuzz '^FuzzDetectMix$$' -fuzztime $(FUZZTIME)

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	go vet ./...
	go mod tidy -diff

# Regenerate the sample surveys and fixtures.
testdata:
	go run ./tools/gen -out testdata

# Leaves ./resonanz-data alone: that is a user's dataset.
clean:
	rm -rf bin dist $(DEMO)
