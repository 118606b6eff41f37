#!/usr/bin/env python3
"""Writes a copy of a generated CSV graph whose edges carry `share`: within each target's part
group the suppliers' shares are random and sum to 1 (two decimals), the way purchase data
splits a part among sources. For the `spof --loss` benchmark. Seeded.

Usage: python3 Benchmarks/with_shares.py DATA OUT [SEED]
"""
import csv
import os
import random
import shutil
import sys
from collections import defaultdict


def main():
    data, out = sys.argv[1], sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    os.makedirs(out, exist_ok=True)
    for name in ("nodes.csv", "meta.csv"):
        if os.path.exists(os.path.join(data, name)):
            shutil.copyfile(os.path.join(data, name), os.path.join(out, name))
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
