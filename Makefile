# Linkage: the two commands are `make demo` and `make test` (see README.md).
# Both install what is missing first (system packages with apt, Python test packages with
# pip), so they work on a fresh Debian/Ubuntu machine that has the Swift toolchain.

SWIFT ?= swift
PYTHON ?= python3
# System packages the build and tests need (checked with dpkg, installed with apt).
APT_PACKAGES ?= pkg-config time libgraphviz-dev fonts-noto-cjk chromium
# Python modules the tests need (import name=pip name).
PY_MODULES ?= networkx=networkx pytest=pytest jsonschema=jsonschema nbformat=nbformat nbclient=nbclient ipykernel=ipykernel
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
RELEASE_BIN := .build/release/linkage
PREFIX ?= /usr/local

.PHONY: demo test deps build release bundle swift-test python-test install bench graphs format lint clean

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

test: deps bundle swift-test python-test

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@for m in $(PY_MODULES); do mod=$${m%%=*}; pkg=$${m#*=}; \
	  $(PYTHON) -c "import $$mod" 2>/dev/null || { echo "installing Python package $$pkg"; $(PYTHON) -m pip install -q $$pkg; }; \
	done

bundle:
	@$(PYTHON) scripts/bundle_dataset.py

build: bundle
	$(SWIFT) build

release: bundle
	$(SWIFT) build -c release

swift-test: bundle
	$(SWIFT) build
	$(SWIFT) test

python-test: build
	LINKAGE_BIN=$(CURDIR)/.build/debug/linkage $(PYTHON) -m pytest -q Tests/python

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/linkage/Datasets
	install -m 755 $(RELEASE_BIN) $(PREFIX)/bin/linkage
	cp -R Datasets/korea-ax Datasets/eto-semiconductor $(PREFIX)/share/linkage/Datasets/

graphs: deps release
	@grep -v '^#' Graphs/graphs.txt | while read -r file args; do \
	  [ -n "$$file" ] || continue; \
	  $(RELEASE_BIN) render $$args -o Graphs/$$file --quiet && echo "drew Graphs/$$file"; \
	done
	@tmp=$$(mktemp -d) && $(RELEASE_BIN) brief -o $$tmp/pack --quiet >/dev/null && \
	  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1800 \
	    --screenshot=$(CURDIR)/Graphs/brief.png file://$$tmp/pack/index.html 2>/dev/null && \
	  rm -rf $$tmp && echo "drew Graphs/brief.png (index.html of make demo, in Chromium)"

bench: deps release
	bash Benchmarks/run.sh

SWIFT_FILES = $(shell git ls-files 'Sources/*.swift' 'Tests/*.swift' Package.swift | grep -v BundledDatasets.swift)

format:
	$(SWIFT) format -i $(SWIFT_FILES)

lint:
	$(SWIFT) format lint $(SWIFT_FILES)

clean:
	rm -rf .build
