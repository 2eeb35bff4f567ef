# custval: see README.md. `make demo` and `make test` work on a fresh machine with Go and gcc.
GO      ?= go
BIN     := bin/custval
export CGO_ENABLED := 1

# Packages whose tests use internal/golden (or define their own -update flag): `make golden` rewrites their files.
GOLDEN_PKGS := $(shell grep -rlE --include=*_test.go 'flag.Bool..update|custval/internal/golden"' . | xargs -r -n1 dirname | sort -u)

.PHONY: build demo test race bench fmt vet golden fmt-check clean chromium screenshots extension extension-headers node-client fuzz

build:
	$(GO) build -o $(BIN) ./cmd/custval

# Build custval, generate the demo data, fit CLV, score two dates and render the reports into demo/.
demo: build
	@mkdir -p demo
	rm -f demo/demo.duckdb demo/demo.duckdb.wal demo/*.html
	$(BIN) demo --db demo/demo.duckdb
	$(BIN) fit clv --db demo/demo.duckdb --as-of 2026-06-30
	$(BIN) score --db demo/demo.duckdb --as-of 2025-12-31 > /dev/null
	$(BIN) score --db demo/demo.duckdb --as-of 2026-06-30
	for r in segments win-back service-due migration upsell campaign-lists value-matrix prospect-funnel data-quality; do \
		$(BIN) report run $$r --db demo/demo.duckdb -o demo/$$r.html --quiet || exit 1; \
	done
	$(BIN) report run overview --db demo/demo.duckdb -o demo/report.html --quiet
	@echo "report: demo/report.html"

# node-client first: the parity tests would otherwise each install it, racing.
test: fmt-check vet node-client
	$(GO) test ./...

# The packages whose code runs on DuckDB's worker threads or in goroutines of its own (UDFs, scoring,
# fitting, loading, reports, the shell), under the race detector. The browser test is left out: it
# drives chromium, not our concurrency. cmd/internal/cli and internal/ext build and run other
# processes, which the detector does not see into. CI runs this after make test.
RACE_PKGS := ./udf ./internal/clv ./internal/clvfit ./internal/rfm ./internal/custvalue ./internal/load \
	./internal/shell ./internal/store ./internal/render ./internal/vector ./internal/txn ./reports ./reports/chart
race:
	$(GO) test -race -count=1 -skip 'TestRenderInChromium' $(RACE_PKGS)

bench: build extension node-client
	$(GO) run ./cmd/custval-bench -out docs/benchmarks.md -extension $(EXT) -node build/node $(BENCHFLAGS)

fmt:
	gofmt -w $$(git ls-files -co --exclude-standard '*.go')

fmt-check:
	@bad=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt needed: $$bad"; exit 1; fi

vet:
	$(GO) vet ./...

# Fuzz each target for FUZZTIME; a crash is saved under <pkg>/testdata/fuzz/<FuzzName>/ and then runs with go test.
FUZZTIME ?= 20s
fuzz:
	$(GO) test ./internal/load -run '^$$' -fuzz '^FuzzLoadCSV$$' -fuzztime $(FUZZTIME)
	$(GO) test ./reports -run '^$$' -fuzz '^FuzzParamValue$$' -fuzztime $(FUZZTIME)
	$(GO) test ./reports -run '^$$' -fuzz '^FuzzParamDecl$$' -fuzztime $(FUZZTIME)
	$(GO) test ./udf -run '^$$' -fuzz '^FuzzFuncs$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/clv -run '^$$' -fuzz '^FuzzModels$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/clv -run '^$$' -fuzz '^FuzzGammaGamma$$' -fuzztime $(FUZZTIME)

# Regenerate golden files; review the diff like code.
golden:
	$(GO) test $(GOLDEN_PKGS) -update

clean:
	rm -rf bin demo build

# Debian's chromium, and the fonts the screenshots are drawn with (a CJK one for segment_8_zh), for
# the report rendering test (reports/render_chromium_test.go). Installs only what is missing; needs
# root or sudo.
chromium:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
		echo "installing Debian's chromium and fonts for the report rendering test"; \
		sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update -q && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
			chromium fonts-dejavu-core fonts-wqy-microhei; \
	fi

# Rewrite docs/img/report-*.png from the built-in reports.
screenshots: chromium
	CUSTVAL_REQUIRE_CHROMIUM=1 $(GO) test ./reports -run TestRenderInChromium -count=1 -args -screenshots=$(CURDIR)/docs/img

# The custval DuckDB extension for this platform (linux_amd64 here): package udf's pure Go
# functions behind DuckDB's stable C API v1.2.0; see docs/duckdb-clients.md. The overlay leaves
# out udf's duckdb-go adapters, which must not be linked into an extension.
EXT         := build/custval.duckdb_extension
EXT_VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
NODE_API    := 1.5.6-r.1

extension:
	@mkdir -p build
	$(GO) run ./cmd/custval-extfooter -overlay ./udf > build/extension-overlay.json
	$(GO) build -buildmode=c-shared -overlay build/extension-overlay.json -o $(EXT) ./internal/ext/cshared
	rm -f build/custval.h
	$(GO) run ./cmd/custval-extfooter -version $(EXT_VERSION) $(EXT)

# Refresh the DuckDB headers the extension compiles against (committed, MIT: internal/ext/include/LICENSE).
extension-headers:
	@mkdir -p build/duckdb-npm
	cd build/duckdb-npm && npm pack duckdb@1.4.4 && tar -xzf duckdb-1.4.4.tgz package/LICENSE \
		package/src/duckdb/src/include/duckdb.h package/src/duckdb/src/include/duckdb_extension.h
	cp build/duckdb-npm/package/src/duckdb/src/include/duckdb.h \
		build/duckdb-npm/package/src/duckdb/src/include/duckdb_extension.h internal/ext/include/
	cp build/duckdb-npm/package/LICENSE internal/ext/include/LICENSE

# The stock DuckDB client the parity tests compare with (DuckDB 1.5.6, as go.mod's duckdb-go).
node-client:
	@if [ ! -d build/node/node_modules/@duckdb/node-api ]; then \
		npm install --prefix build/node --no-audit --no-fund @duckdb/node-api@$(NODE_API); \
	fi
