#!/usr/bin/env python3
"""Whole commands as a user runs them, in every output format, on one graph: seconds (wall)
and peak memory per run, and each format's time over the table's. Not a test.

    python3 Benchmarks/outputs.py DATA [--bin .build/release/linkage] [--bin OTHER ...]

DATA is a dataset folder (e.g. one written by `linkage generate --nodes 1000000
--buyer-share 0.07 --numeric-ids --shuffle-edges --extra-columns 3`). With several --bin,
the binaries run side by side (e.g. before and after a change)."""
import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time


def first_startup(data):
    with open(os.path.join(data, "nodes.csv"), newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row.get("kind") == "startup":
                return row["id"]
    return None


def run(binary, args, env=None):
    """Seconds and peak KB of one run; stdout to /dev/null, stderr kept for errors."""
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([binary, *args], stdout=sink, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            sys.exit(f"{binary} {' '.join(args)} exited {code}: {err.read().decode()[-400:]}")
        return seconds, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--bin", action="append", default=None)
    parser.add_argument("--only", help="comma-separated command labels to run")
    options = parser.parse_args()
    binaries = options.bin or [".build/release/linkage"]
    data = options.data
    start = first_startup(data)
    commands = [
        ("summary", ["summary", data]),
        ("validate", ["validate", data]),
        ("spof", ["spof", data]),
        ("paths --readiness", ["paths", data, "--readiness"]),
        ("paths --from", ["paths", data, "--from", start, "-k", "3", "--by", "lead_time"]),
        ("reach", ["reach", data]),
        ("reach --robust", ["reach", data, "--robust"]),
    ]
    if options.only:
        wanted = set(options.only.split(","))
        commands = [c for c in commands if c[0] in wanted]
    print(f"graph: {data}")
    print("| binary | command | table s | json s | csv s | json/table | csv/table | peak MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for label, args in commands:
        for binary in binaries:
            times = {}
            peak = 0
            for fmt in ("table", "json", "csv"):
                seconds, kb = run(binary, args + ["--format", fmt, "--quiet"])
                times[fmt] = seconds
                peak = max(peak, kb)
            print(f"| {binary} | {label} | {times['table']:.2f} | {times['json']:.2f} | "
                  f"{times['csv']:.2f} | {times['json'] / times['table']:.2f} | "
                  f"{times['csv'] / times['table']:.2f} | {peak / 1024:.0f} |", flush=True)


if __name__ == "__main__":
    main()
