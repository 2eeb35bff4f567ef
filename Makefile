# custval: see README.md. `make demo` and `make test` work on a fresh machine with Go and gcc.
GO      ?= go
BIN     := bin/custval
export CGO_ENABLED := 1

# Packages that define -update for golden files.
GOLDEN_PKGS := $(shell grep -rlE --include=*_test.go 'flag.Bool..update' . | xargs -r -n1 dirname | sort -u)

.PHONY: build demo test bench fmt vet golden fmt-check clean

build:
	$(GO) build -o $(BIN) ./cmd/custval

# Build custval, generate the built-in demo data and run the main job on it.
demo: build
	@mkdir -p demo
	rm -f demo/demo.duckdb demo/demo.duckdb.wal
	$(BIN) demo --db demo/demo.duckdb

test: fmt-check vet
	$(GO) test ./...

bench: build
	$(GO) run ./cmd/custval-bench -out docs/benchmarks.md $(BENCHFLAGS)

fmt:
	gofmt -w $$(git ls-files -co --exclude-standard '*.go')

fmt-check:
	@bad=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt needed: $$bad"; exit 1; fi

vet:
	$(GO) vet ./...

# Regenerate golden files; review the diff like code.
golden:
	$(GO) test $(GOLDEN_PKGS) -update

clean:
	rm -rf bin demo
