#!/usr/bin/env python3
"""Writes a copy of a generated CSV graph whose edges carry `share`: within each target's part
group the suppliers' shares are random and sum to 1 (two decimals), the way purchase data
splits a part among sources. For the `spof --loss` benchmark. With `--times`, nodes.csv also
gets `ttr` (days to recover, 1–180) and `inventory_days` (0–60), for `spof --stress`. Seeded.

Usage: python3 Benchmarks/with_shares.py DATA OUT [SEED] [--times]
"""
import csv
import os
import random
import shutil
import sys
from collections import defaultdict


def main():
    args = [a for a in sys.argv[1:] if a != "--times"]
    times = "--times" in sys.argv[1:]
    data, out = args[0], args[1]
    rng = random.Random(int(args[2]) if len(args) > 2 else 5)
    os.makedirs(out, exist_ok=True)
    if os.path.exists(os.path.join(data, "meta.csv")):
        shutil.copyfile(os.path.join(data, "meta.csv"), os.path.join(out, "meta.csv"))
    if not times:
        shutil.copyfile(os.path.join(data, "nodes.csv"), os.path.join(out, "nodes.csv"))
    else:
        with open(os.path.join(data, "nodes.csv"), newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            node_header = next(reader)
            node_rows = list(reader)
        with open(os.path.join(out, "nodes.csv"), "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(node_header + ["ttr", "inventory_days"])
            for row in node_rows:
                writer.writerow(row + [rng.randint(1, 180), rng.randint(0, 60)])
    with open(os.path.join(data, "edges.csv"), newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    target, part = header.index("target"), header.index("part") if "part" in header else None
    groups = defaultdict(list)
    for k, row in enumerate(rows):
        groups[(row[target], row[part] if part is not None else "")].append(k)
    share = [""] * len(rows)
    for members in groups.values():
        weights = [rng.random() + 0.05 for _ in members]
        total = sum(weights)
        for k, w in zip(members, weights):
            share[k] = f"{w / total:.2f}"
    with open(os.path.join(out, "edges.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header + ["share"])
        for k, row in enumerate(rows):
            writer.writerow(row + [share[k]])
    print(f"{out}: {len(rows)} edges, {len(groups)} groups with shares summing to 1")


if __name__ == "__main__":
    main()
