# swiftml — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
NOTEBOOKS := $(wildcard notebooks/*.md)

.PHONY: all setup build release demo test check bench templates lint clean

all: build

setup:            ## install missing system packages (libcmark, OpenBLAS, LAPACKE, TeX)
	@scripts/setup.sh

build: setup
	$(SWIFT) build

# --static-swift-stdlib: the Swift runtime and Foundation are linked in, so the binary runs on a machine
# without a Swift toolchain and starts with less memory (see benchmarks/README.md).
release: setup
	$(SWIFT) build -c release --static-swift-stdlib

demo: release     ## render every notebook in notebooks/ into output/
	.build/release/swiftml render notebooks/ -o output

test: setup       ## build and run every test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

check: release    ## validate every notebook without running it
	.build/release/swiftml check notebooks/

bench: release    ## swiftml vs Jupyter + papermill + nbconvert, printed as ratios
	python3 benchmarks/bench.py all --swiftml .build/release/swiftml

templates:        ## re-embed templates/ into the binary after editing them
	scripts/embed-templates.sh

clean:
	rm -rf .build output

lint:             ## swift-format with the project's rules (no force unwraps, documented API)
	$(SWIFT) format lint --strict --recursive Sources Tests
