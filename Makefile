# Linkage: the two commands are `make demo` and `make test` (see README.md).
# Both install what is missing first (system packages with apt, Python test packages with
# pip), so they work on a fresh Debian/Ubuntu machine that has the Swift toolchain.

SWIFT ?= swift
PYTHON ?= python3
SHELL := /bin/bash
# System packages (checked with dpkg, installed with apt): what building and drawing need,
# then what only the tests (the dot command to check DOT exports, headless Chromium for the brief page, poppler-utils to read its PDF) and benchmarks (GNU time) add.
BUILD_APT ?= pkg-config libgraphviz-dev zlib1g-dev fonts-noto-cjk
TEST_APT ?= graphviz chromium poppler-utils
BENCH_APT ?= time
# Python modules only the tests need (import name=pip name); the demo needs none.
TEST_PY ?= networkx=networkx igraph=igraph pandas=pandas pydot=pydot openpyxl=openpyxl pytest=pytest jsonschema=jsonschema nbformat=nbformat nbclient=nbclient ipykernel=ipykernel
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
RELEASE_BIN := .build/release/linkage
PREFIX ?= /usr/local

.PHONY: demo test deps deps-test deps-bench build release bundle bundle-check swift-test python-test install bench graphs format lint clean

demo: deps bundle release
	@echo
	@echo "Each analysis on its own:"
	@echo "  $(RELEASE_BIN) spof                      # single points of failure"
	@echo "  $(RELEASE_BIN) paths --from argos-vision -k 3"
	@echo "  $(RELEASE_BIN) reach --robust            # dual-use reach"
	@echo "  $(RELEASE_BIN) spof Datasets/eto-semiconductor --node asml"
	@echo "  $(RELEASE_BIN) render --view spof -o spof.png   # a diagram for the briefing"
	@echo
	@echo "== linkage brief (the default dataset, Datasets/korea-ax) =="
	@$(RELEASE_BIN) brief -o brief

# The tests check the bundled copy of the default dataset; they never regenerate it, so a
# drifted copy fails `make test` (run `make bundle` to regenerate it).
test: deps-test bundle-check swift-test python-test

# Installs the missing ones of $(1) with apt.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_APT))

deps-test: deps
	$(call apt_install,$(TEST_APT))
	@for m in $(TEST_PY); do mod=$${m%%=*}; pkg=$${m#*=}; \
	  $(PYTHON) -c "import $$mod" 2>/dev/null || { echo "installing Python package $$pkg"; $(PYTHON) -m pip install -q $$pkg; }; \
	done

deps-bench: deps
	$(call apt_install,$(BENCH_APT))

bundle:
	@$(PYTHON) scripts/bundle_dataset.py

bundle-check:
	@$(PYTHON) scripts/bundle_dataset.py --check

build: bundle
	$(SWIFT) build

release: bundle
	$(SWIFT) build -c release

# Test output: build progress and per-test "started/passed" lines are dropped; every suite's
# result, every failure in full and the totals are kept (scripts/test_summary.py).
swift-test: bundle-check
	@set -o pipefail; $(SWIFT) build 2>&1 | $(PYTHON) scripts/test_summary.py
	@set -o pipefail; $(SWIFT) test 2>&1 | $(PYTHON) scripts/test_summary.py

python-test: bundle-check
	@set -o pipefail; $(SWIFT) build 2>&1 | $(PYTHON) scripts/test_summary.py
	LINKAGE_BIN=$(CURDIR)/.build/debug/linkage $(PYTHON) -m pytest -q -p no:cacheprovider Tests/python

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/linkage/Datasets
	install -m 755 $(RELEASE_BIN) $(PREFIX)/bin/linkage
	cp -R Datasets/korea-ax Datasets/eto-semiconductor $(PREFIX)/share/linkage/Datasets/

graphs: deps-test release
	@grep -v '^#' Graphs/graphs.txt | while read -r file args; do \
	  [ -n "$$file" ] || continue; \
	  $(RELEASE_BIN) render $$args -o Graphs/$$file --quiet && echo "drew Graphs/$$file"; \
	done
	@tmp=$$(mktemp -d) && $(RELEASE_BIN) brief -o $$tmp/pack --quiet >/dev/null && \
	  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1800 \
	    --screenshot=$(CURDIR)/Graphs/brief.png file://$$tmp/pack/index.html 2>/dev/null && \
	  rm -rf $$tmp && echo "drew Graphs/brief.png (index.html of make demo, in Chromium)"

bench: deps-bench release
	bash Benchmarks/run.sh

SWIFT_FILES = $(shell git ls-files 'Sources/*.swift' 'Tests/*.swift' Package.swift | grep -v BundledDatasets.swift)

format:
	$(SWIFT) format -i $(SWIFT_FILES)

lint:
	$(SWIFT) format lint $(SWIFT_FILES)

clean:
	rm -rf .build
