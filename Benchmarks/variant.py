#!/usr/bin/env python3
"""Writes "next quarter's" copy of a generated CSV graph for the diff benchmark: the same nodes,
with a share of the edge rows removed and as many new rows (an existing row's relation, part
and attributes, rewired to another target) appended. Seeded, so reruns give the same files.

Usage: python3 Benchmarks/variant.py DATA OUT [SHARE] [SEED]   (SHARE default 0.01)
"""
import os
import random
import shutil
import sys


def main():
    data, out = sys.argv[1], sys.argv[2]
    share = float(sys.argv[3]) if len(sys.argv) > 3 else 0.01
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    os.makedirs(out, exist_ok=True)
    for name in ("nodes.csv", "meta.csv"):
        if os.path.exists(os.path.join(data, name)):
            shutil.copyfile(os.path.join(data, name), os.path.join(out, name))
    with open(os.path.join(data, "edges.csv"), encoding="utf-8") as handle:
        header = handle.readline()
        rows = handle.readlines()
    changed = int(len(rows) * share)
    drop = set(rng.sample(range(len(rows)), changed))
    targets = [row.split(",", 2)[1] for row in rng.sample(rows, changed)]
    added = []
    for k, i in enumerate(rng.sample(range(len(rows)), changed)):
        source, _, rest = rows[i].split(",", 2)
        added.append(f"{source},{targets[k]},{rest}")
    with open(os.path.join(out, "edges.csv"), "w", encoding="utf-8") as handle:
        handle.write(header)
        handle.writelines(row for i, row in enumerate(rows) if i not in drop)
        handle.writelines(added)
    print(f"{out}: {changed} of {len(rows)} edge rows removed, {changed} added")


if __name__ == "__main__":
    main()
