#!/usr/bin/env python3
"""Filters `swift build` / `swift test` output for people: drops build progress lines and the
per-test "started" and "passed" lines, keeps every suite's result, every failure with its
details, warnings, errors and the totals. Reads stdin, writes stdout; the caller keeps the
exit status (`set -o pipefail`)."""
import re
import sys

DROP = [
    re.compile(r"^\[\d+/\d+\] "),                      # [12/80] Compiling ...
    re.compile(r"^(Building for|Build complete|Planning build|Fetching|Computing|Creating working copy|Working copy)"),
    re.compile(r"^.\s*(Test|Suite) .* started\.$"),      # ◇ Test "…" started.
    re.compile(r"^.\s*Test (?!run ).* passed after [\d.]+ seconds\.$"),  # ✔ Test "…" passed after …
    re.compile(r"^.\s*Test (?!run ).* with \d+ test cases? passed after"),
    re.compile(r"^Test Suite '.*' (started|passed) at "),  # XCTest chatter
    re.compile(r"^Test Case '.*' (started|passed)"),
    re.compile(r"^\s*Executed 0 tests"),
    re.compile(r"^.\s*Test run started\.$"),
    re.compile(r"^.\s*Testing Library Version"),
    re.compile(r"^.\s*Target Platform"),
]

for line in sys.stdin:
    if any(p.search(line.rstrip("\n")) for p in DROP):
        continue
    sys.stdout.write(line)
    sys.stdout.flush()
