# Mesh-in-Go. `make demo` shows the toolchain; `make test` runs every test.
GO      ?= go
BIN     := bin/meshc
PREFIX  ?= $(HOME)/.local
# Sized for CI: 90 minutes on 2 cores, cluster scripts run one at a time.
TEST_TIMEOUT ?= 60m

.PHONY: build install test bench demo clean

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags="-s -w" -o $(BIN) ./cmd/meshc

install: build
	mkdir -p $(PREFIX)/bin
	install -m 0755 $(BIN) $(PREFIX)/bin/meshc

# The end-to-end scripts run last and alone: cluster scripts detect node
# failure by timing, and other packages' tests competing for the two CI
# cores could fake one.
#
# The packages where goroutines share memory run again under the race
# detector, which needs cgo and so a C compiler (.ci/run installs gcc).
RACE_PKGS := ./vm/... ./store/... ./cluster ./cluster/continuity/... ./lang/...

test:
	$(GO) vet ./...
	$(GO) test -timeout $(TEST_TIMEOUT) $$($(GO) list ./... | grep -v /testscripts$$)
	@if command -v "$$($(GO) env CC)" >/dev/null 2>&1; then \
		echo "$(GO) test -race $(RACE_PKGS)"; \
		CGO_ENABLED=1 $(GO) test -race -timeout $(TEST_TIMEOUT) $(RACE_PKGS); \
	else \
		echo "warning: no C compiler ($$($(GO) env CC)): the -race run needs cgo and is left out" >&2; \
	fi
	$(GO) test -timeout $(TEST_TIMEOUT) ./testscripts

# The cluster benchmarks start real nodes and kill them: a few timed runs
# each (ms to failure detection, to promotion, to completed work).
bench:
	$(GO) test -run '^$$' -bench . -skip 'FailureDetection|Failover' -timeout 30m ./...
	$(GO) test -run '^$$' -bench FailureDetection -benchtime 5x -timeout 10m ./cluster/
	$(GO) test -run '^$$' -bench Failover -benchtime 5x -timeout 10m ./cluster/clustertest/

demo: build
	bash scripts/demo.sh $(BIN)

clean:
	rm -rf bin
