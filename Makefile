# wincspec developer targets. CI runs "make test" through .ci/run.
GO       ?= go
CUE      := $(GO) run cuelang.org/go/cmd/cue@v0.17.1
FUZZTIME ?= 30s

.PHONY: all build test verify lint fmt generate update-golden bench fuzz

all: build test

build:
	$(GO) build -o bin/wincspec ./cmd/wincspec

# test is what CI runs.
test:
	$(GO) test -race ./...

# verify checks formatting, vet, go.mod tidiness, the stock cue tool on the
# specification, and generated-file drift.
verify lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@if command -v staticcheck >/dev/null; then staticcheck ./...; fi
	$(GO) mod tidy -diff
	cd spec && $(CUE) vet -c ./... && $(CUE) fmt --check ./...
	$(GO) test -run 'TestGenerated' ./...

fmt:
	gofmt -w $$(git ls-files '*.go')
	cd spec && $(CUE) fmt ./...

update-golden:
	$(GO) test ./... -update

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	$(GO) test ./spec -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME)
