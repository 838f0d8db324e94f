# wincspec developer targets. CI runs "make test" through .ci/run.
GO       ?= go
CUE      := $(GO) run cuelang.org/go/cmd/cue@v0.17.1
FUZZTIME ?= 30s

.PHONY: all build test verify lint fmt generate update-golden bench bench-cli fuzz inventory sonobuoy screenshots

# The releases whose e2e inventories are committed under embedded/inventory.
RELEASES ?= v1.34.12 v1.35.8 v1.36.5 v1.37.2

all: build test

build:
	$(GO) build -o bin/ ./cmd/wincspec ./cmd/wincspec-full

# test is what CI runs. It builds the real sonobuoy binary first, and
# the plugin tests fail rather than skip without it.
test: bin/sonobuoy
	WINCSPEC_REQUIRE_SONOBUOY=1 $(GO) test -race ./...

# verify checks formatting, vet, a 32-bit build, staticcheck (pinned by the tool directive
# in go.mod), go.mod tidiness, the stock cue tool on the specification and
# the report schema, and generated-file drift. CI runs it.
verify lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOARCH=386 $(GO) build ./...
	$(GO) tool staticcheck ./...
	$(GO) mod tidy -diff
	cd spec && $(CUE) vet -c ./... && $(CUE) fmt --check ./...
	$(CUE) vet report/schema.cue && $(CUE) fmt --check report/schema.cue
	$(GO) test -run 'TestGenerated' ./...

fmt:
	gofmt -w $$(git ls-files '*.go')
	cd spec && $(CUE) fmt ./...

# generate rewrites the generated files of package embedded (the compiled
# specification and the packed inventories), then the committed outputs
# under generated/.
generate:
	$(GO) run ./embedded/internal/gen
	$(GO) run ./cmd/wincspec-full gen --all --out generated

# sonobuoy builds the real sonobuoy binary (v0.57.5) from its module into
# bin/, so that tests can check generated plugins with it. "go install"
# of that version fails on a deprecation look-up; building a copy of the
# module works.
SONOBUOY_VERSION ?= v0.57.5
sonobuoy: bin/sonobuoy
bin/sonobuoy:
	@set -e; dir=$$($(GO) mod download -json github.com/vmware-tanzu/sonobuoy@$(SONOBUOY_VERSION) | sed -n 's/.*"Dir": "\(.*\)",/\1/p'); \
	tmp=$$(mktemp -d); cp -r "$$dir"/. "$$tmp"; chmod -R u+w "$$tmp"; \
	(cd "$$tmp" && GOFLAGS=-mod=mod GOWORK=off $(GO) build -o "$(CURDIR)/bin/sonobuoy" .); rm -rf "$$tmp"

# update-golden rewrites golden files and expected CLI output after an
# intended change; review the diff.
update-golden:
	$(GO) test ./compiler/... ./report ./cmd/... -update

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# bench-cli times whole processes with hyperfine and GNU time; see
# hack/bench-cli.sh for its settings (BASE, E2E_TEST, JUNIT, RUNS).
bench-cli: build
	WINCSPEC=bin/wincspec hack/bench-cli.sh

fuzz:
	$(GO) test ./spec/cueload -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME)
	$(GO) test ./inventory -run '^$$' -fuzz FuzzSpecDecoder -fuzztime $(FUZZTIME)
	$(GO) test ./inventory -run '^$$' -fuzz FuzzOpenPacked -fuzztime $(FUZZTIME)
	$(GO) test ./focus -run '^$$' -fuzz FuzzSynthesize -fuzztime $(FUZZTIME)
	$(GO) test ./internal/junit -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./report -run '^$$' -fuzz FuzzGinkgoJSON -fuzztime $(FUZZTIME) -fuzzminimizetime 20x
	$(GO) test ./report -run '^$$' -fuzz FuzzReadTarball -fuzztime $(FUZZTIME) -fuzzminimizetime 20x
	$(GO) test ./report -run '^$$' -fuzz FuzzVerify -fuzztime $(FUZZTIME) -fuzzminimizetime 20x
	$(GO) test ./report -run '^$$' -fuzz FuzzParseNodes -fuzztime $(FUZZTIME) -fuzzminimizetime 20x

# inventory rebuilds the committed e2e inventories from real e2e.test
# binaries (slow: 10 to 20 minutes per release on a cold cache). CI never
# runs it. It also refreshes the conformance codename fixtures and runs the
# real-data tests of the static analysis and the image manifest reader
# against the newest release's source.
E2E_CACHE ?= $(HOME)/.cache/wincspec/e2e
inventory:
	@for r in $(RELEASES); do \
		$(GO) run ./cmd/wincspec-full inventory build --kubernetes $$r --out embedded/inventory || exit 1; \
	done
	$(GO) run ./embedded/internal/gen
	$(GO) test ./mapping -run TestConformanceCodenames -update-conformance
	r=$(lastword $(RELEASES)); \
	WINCSPEC_K8S_MODULE_DIR=$(E2E_CACHE)/$$r/build \
	WINCSPEC_K8S_REPO=$$($(GO) mod download -json k8s.io/kubernetes@$$r | sed -n 's/.*"Dir": "\(.*\)",/\1/p') \
	$(GO) test ./mapping/internal/facts ./mapping/builder -run 'TestRelease|TestReadImageRefs' -v

# screenshots renders the site's overview and core pages with headless
# Chromium (Debian's chromium package) into bin/screenshots, and fails on
# any message the pages print to the browser console.
CHROMIUM ?= chromium
CHROMIUM_FLAGS = --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--hide-scrollbars --enable-logging=stderr --v=0
screenshots:
	@mkdir -p bin/screenshots
	@for page in index core; do \
		$(CHROMIUM) $(CHROMIUM_FLAGS) --user-data-dir=$$(mktemp -d) --window-size=1280,2000 \
			--screenshot=bin/screenshots/$$page.png file://$(CURDIR)/generated/site/$$page.html \
			2> bin/screenshots/$$page.log || { cat bin/screenshots/$$page.log; exit 1; }; \
		if grep CONSOLE bin/screenshots/$$page.log; then echo "$$page.html: console messages"; exit 1; fi; \
		test -s bin/screenshots/$$page.png || { echo "$$page.html: no screenshot"; exit 1; }; \
		echo "bin/screenshots/$$page.png"; \
	done
