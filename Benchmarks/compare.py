"""Times loading the same CSV pair into Linkage and the reference libraries, side by side.

Each measurement runs in a fresh process (best of RUNS) so peak memory is the process's own.
Loading means: read nodes.csv and edges.csv, map ids to dense indices, and build a directed
graph ready for algorithms. Linkage does this through `linkage validate` (load, every
schema check and the duplicate-edge scan); the libraries through their usual Python APIs.
"""
import json
import os
import subprocess
import sys
import time

RUNS = int(os.environ.get("RUNS", "3"))

LOADERS = {
    "igraph": """
import csv, igraph as ig
with open(E, newline='') as f:
    r = csv.reader(f); next(r)
    edges = [(row[0], row[1]) for row in r]
g = ig.Graph.TupleList(edges, directed=True)
n, m = g.vcount(), g.ecount()
""",
    "rustworkx": """
import csv, rustworkx as rx
with open(N, newline='') as f:
    r = csv.reader(f); next(r)
    ids = [row[0] for row in r]
index = {v: i for i, v in enumerate(ids)}
g = rx.PyDiGraph(multigraph=True)
g.add_nodes_from(ids)
with open(E, newline='') as f:
    r = csv.reader(f); next(r)
    g.extend_from_edge_list([(index[row[0]], index[row[1]]) for row in r])
n, m = g.num_nodes(), g.num_edges()
""",
    "networkit": """
import csv, numpy as np, networkit as nk
with open(N, newline='') as f:
    r = csv.reader(f); next(r)
    index = {row[0]: i for i, row in enumerate(r)}
with open(E, newline='') as f:
    r = csv.reader(f); next(r)
    pairs = [(index[row[0]], index[row[1]]) for row in r]
src = np.fromiter((p[0] for p in pairs), dtype=np.uint64, count=len(pairs))
dst = np.fromiter((p[1] for p in pairs), dtype=np.uint64, count=len(pairs))
g = nk.graph.Graph(len(index), directed=True)
g.addEdges((src, dst))
n, m = g.numberOfNodes(), g.numberOfEdges()
""",
    "networkx": """
import csv, networkx as nx
g = nx.MultiDiGraph()
with open(N, newline='') as f:
    r = csv.reader(f); next(r)
    g.add_nodes_from(row[0] for row in r)
with open(E, newline='') as f:
    r = csv.reader(f); next(r)
    g.add_edges_from((row[0], row[1]) for row in r)
n, m = g.number_of_nodes(), g.number_of_edges()
""",
}

WRAPPER = """
import json, resource, sys, time
N, E = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
{body}
t1 = time.perf_counter()
print(json.dumps({{"seconds": t1 - t0, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "nodes": n, "edges": m}}))
"""


def run_library(name, nodes, edges):
    best = None
    for _ in range(RUNS if name != "networkx" else 1):
        out = subprocess.run([sys.executable, "-c", WRAPPER.format(body=LOADERS[name]), nodes, edges],
                             capture_output=True, text=True)
        if out.returncode != 0:
            return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
        result = json.loads(out.stdout)
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    return best


def run_linkage(binary, folder):
    best = None
    for _ in range(RUNS):
        t0 = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "validate", folder, "--quiet"],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            return {"error": proc.stderr.strip()}
        result = {"seconds": seconds, "peak_kb": int(proc.stderr.strip().splitlines()[-1])}
        if best is None or seconds < best["seconds"]:
            best = result
    return best


def main():
    folder, binary, *libraries = sys.argv[1:]
    nodes, edges = os.path.join(folder, "nodes.csv"), os.path.join(folder, "edges.csv")
    results = {"linkage": run_linkage(binary, folder)}
    for name in libraries:
        results[name] = run_library(name, nodes, edges)
    base = results["linkage"]["seconds"]
    print(f"\nload a CSV pair into a ready graph (best of {RUNS}; networkx once)")
    print(f"{'tool':<11} {'seconds':>8} {'peak MB':>8} {'× linkage':>10}")
    for name, r in results.items():
        if "error" in r:
            print(f"{name:<11} error: {r['error']}")
            continue
        print(f"{name:<11} {r['seconds']:>8.2f} {r['peak_kb'] / 1024:>8.0f} {r['seconds'] / base:>10.1f}")


if __name__ == "__main__":
    main()
