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


KERNELS = {
    "igraph": """
import csv, time, igraph as ig
CONTEXT = {"funds", "supports", "partners", "is_type_of"}
with open(N, newline='') as f:
    r = csv.reader(f); next(r)
    index = {row[0]: i for i, row in enumerate(r)}
n = len(index)
with open(E, newline='') as f:
    r = csv.reader(f); header = next(r); rel = header.index("relation") if "relation" in header else -1
    pairs = [(index[row[0]], index[row[1]]) for row in r if rel < 0 or row[rel] not in CONTEXT]
g = ig.Graph(n=n + 1, edges=pairs, directed=True)
indeg = g.indegree()
g.add_edges([(n, v) for v in range(n) if indeg[v] == 0])
t0 = time.perf_counter(); g.dominator(n, mode="out"); dom = time.perf_counter() - t0
u = ig.Graph(n=n, edges=pairs, directed=False)
t0 = time.perf_counter(); u.articulation_points(); ap = time.perf_counter() - t0
t0 = time.perf_counter(); u.bridges(); br = time.perf_counter() - t0
""",
    "rustworkx": """
import csv, time, rustworkx as rx
CONTEXT = {"funds", "supports", "partners", "is_type_of"}
with open(N, newline='') as f:
    r = csv.reader(f); next(r)
    index = {row[0]: i for i, row in enumerate(r)}
n = len(index)
with open(E, newline='') as f:
    r = csv.reader(f); header = next(r); rel = header.index("relation") if "relation" in header else -1
    pairs = [(index[row[0]], index[row[1]]) for row in r if rel < 0 or row[rel] not in CONTEXT]
g = rx.PyDiGraph()
g.add_nodes_from(range(n + 1))
g.extend_from_edge_list(pairs)
indeg = [0] * n
for a, b in pairs: indeg[b] += 1
g.extend_from_edge_list([(n, v) for v in range(n) if indeg[v] == 0])
t0 = time.perf_counter(); rx.immediate_dominators(g, n); dom = time.perf_counter() - t0
u = rx.PyGraph()
u.add_nodes_from(range(n))
u.extend_from_edge_list(pairs)
t0 = time.perf_counter(); rx.articulation_points(u); ap = time.perf_counter() - t0
t0 = time.perf_counter(); rx.bridges(u); br = time.perf_counter() - t0
""",
}

REACH = {
    "igraph": """
import csv, time, igraph as ig
CONTEXT = {"funds", "supports", "partners", "is_type_of"}
with open(N, newline='') as f:
    r = csv.reader(f); header = next(r); kind = header.index("kind"); sector = header.index("sector")
    rows = list(r)
index = {row[0]: i for i, row in enumerate(rows)}
n = len(index)
with open(E, newline='') as f:
    r = csv.reader(f); header = next(r); rel = header.index("relation")
    pairs = [(index[row[0]], index[row[1]]) for row in r if row[rel] not in CONTEXT]
D, I = n, n + 1
pairs += [(i, D) for i, row in enumerate(rows) if row[kind] == "buyer" and row[sector] == "defense"]
pairs += [(i, I) for i, row in enumerate(rows) if row[kind] == "buyer" and row[sector] == "industry"]
g = ig.Graph(n=n + 2, edges=pairs, directed=True)
t0 = time.perf_counter()
d = set(g.subcomponent(D, mode="in")); i = set(g.subcomponent(I, mode="in"))
dual = sum(1 for v in range(n) if v in d and v in i)
seconds = time.perf_counter() - t0
""",
    "rustworkx": """
import csv, time, rustworkx as rx
CONTEXT = {"funds", "supports", "partners", "is_type_of"}
with open(N, newline='') as f:
    r = csv.reader(f); header = next(r); kind = header.index("kind"); sector = header.index("sector")
    rows = list(r)
index = {row[0]: i for i, row in enumerate(rows)}
n = len(index)
with open(E, newline='') as f:
    r = csv.reader(f); header = next(r); rel = header.index("relation")
    pairs = [(index[row[0]], index[row[1]]) for row in r if row[rel] not in CONTEXT]
D, I = n, n + 1
pairs += [(i, D) for i, row in enumerate(rows) if row[kind] == "buyer" and row[sector] == "defense"]
pairs += [(i, I) for i, row in enumerate(rows) if row[kind] == "buyer" and row[sector] == "industry"]
g = rx.PyDiGraph(); g.add_nodes_from(range(n + 2)); g.extend_from_edge_list(pairs)
t0 = time.perf_counter()
d = rx.ancestors(g, D); i = rx.ancestors(g, I)
dual = sum(1 for v in range(n) if v in d and v in i)
seconds = time.perf_counter() - t0
""",
    "networkit": """
import csv, time, numpy as np, networkit as nk
CONTEXT = {"funds", "supports", "partners", "is_type_of"}
with open(N, newline='') as f:
    r = csv.reader(f); header = next(r); kind = header.index("kind"); sector = header.index("sector")
    rows = list(r)
index = {row[0]: i for i, row in enumerate(rows)}
n = len(index)
with open(E, newline='') as f:
    r = csv.reader(f); header = next(r); rel = header.index("relation")
    pairs = [(index[row[1]], index[row[0]]) for row in r if row[rel] not in CONTEXT]  # reversed
D, I = n, n + 1
pairs += [(D, i) for i, row in enumerate(rows) if row[kind] == "buyer" and row[sector] == "defense"]
pairs += [(I, i) for i, row in enumerate(rows) if row[kind] == "buyer" and row[sector] == "industry"]
g = nk.graph.Graph(n + 2, directed=True)
g.addEdges((np.array([p[0] for p in pairs], dtype=np.uint64), np.array([p[1] for p in pairs], dtype=np.uint64)))
t0 = time.perf_counter()
bd = nk.distance.BFS(g, D, storePaths=False); bd.run()
bi = nk.distance.BFS(g, I, storePaths=False); bi.run()
dd = np.array(bd.getDistances()); di = np.array(bi.getDistances())
reach_d = dd[:n] < 1e300; reach_i = di[:n] < 1e300
dual = int(np.count_nonzero(reach_d & reach_i))
seconds = time.perf_counter() - t0
""",
}

REACH_WRAPPER = """
import json, sys
N, E = sys.argv[1], sys.argv[2]
{body}
print(json.dumps({{"seconds": seconds, "dual": dual}}))
"""


def reach_classes(folder, binary, libraries):
    nodes, edges = os.path.join(folder, "nodes.csv"), os.path.join(folder, "edges.csv")
    mine = json.loads(subprocess.run([binary, "benchmark-kernels", folder, "--repetitions", "5"], capture_output=True, text=True, check=True).stdout)
    print("\nclass of every node (reaches defense / industry buyers; seconds, load not timed)")
    print(f"{'linkage':<11} {mine['reach_classes_seconds']:>8.2f}   dual nodes: {mine['reach_dual_nodes']}")
    best = None
    for name in libraries:
        if name not in REACH:
            continue
        out = subprocess.run([sys.executable, "-c", REACH_WRAPPER.format(body=REACH[name]), nodes, edges], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{name:<11} error: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else 'failed'}")
            continue
        r = json.loads(out.stdout)
        print(f"{name:<11} {r['seconds']:>8.2f}   dual nodes: {r['dual']}")
        best = r["seconds"] if best is None else min(best, r["seconds"])
    if best:
        print(f"ratio: {best / mine['reach_classes_seconds']:.1f}x faster than the fastest library")


ROUTES = """
import csv, itertools, json, sys, time
N, E = sys.argv[1], sys.argv[2]
pairs = json.loads(sys.argv[3])
CONTEXT = {"funds", "supports", "partners", "is_type_of"}
with open(N, newline='') as f:
    r = csv.reader(f); next(r)
    ids = [row[0] for row in r]
index = {v: i for i, v in enumerate(ids)}
with open(E, newline='') as f:
    r = csv.reader(f); header = next(r); rel = header.index("relation"); lt = header.index("lead_time")
    rows = [(index[row[0]], index[row[1]], float(row[lt] or 0)) for row in r if row[rel] not in CONTEXT]
out = {}
if LIB == "igraph":
    import igraph as ig
    g = ig.Graph(n=len(ids), edges=[(a, b) for a, b, _ in rows], directed=True)
    g.es["lead_time"] = [w for _, _, w in rows]
    for label, s, t in pairs:
        t0 = time.perf_counter(); g.distances(source=index[s], weights="lead_time", mode="out"); sssp = time.perf_counter() - t0
        t0 = time.perf_counter(); hp = g.get_k_shortest_paths(index[s], to=index[t], k=10, mode="out"); k10h = time.perf_counter() - t0
        t0 = time.perf_counter(); lp = g.get_k_shortest_paths(index[s], to=index[t], k=10, weights="lead_time", mode="out"); k10l = time.perf_counter() - t0
        out[label] = {"sssp": sssp, "k10_hops": k10h, "k10_lead_time": k10l, "found": len(lp)}
elif LIB == "networkx":
    import networkx as nx
    g = nx.DiGraph()
    g.add_nodes_from(range(len(ids)))
    for a, b, w in rows:
        if not g.has_edge(a, b) or g[a][b]["lead_time"] > w:
            g.add_edge(a, b, lead_time=w)
    for label, s, t in pairs:
        t0 = time.perf_counter(); nx.single_source_dijkstra_path_length(g, index[s], weight="lead_time"); sssp = time.perf_counter() - t0
        t0 = time.perf_counter(); h = list(itertools.islice(nx.shortest_simple_paths(g, index[s], index[t]), 10)); k10h = time.perf_counter() - t0
        t0 = time.perf_counter(); l = list(itertools.islice(nx.shortest_simple_paths(g, index[s], index[t], weight="lead_time"), 10)); k10l = time.perf_counter() - t0
        out[label] = {"sssp": sssp, "k10_hops": k10h, "k10_lead_time": k10l, "found": len(l)}
print(json.dumps(out))
"""


def routes(folder, binary, libraries):
    nodes, edges = os.path.join(folder, "nodes.csv"), os.path.join(folder, "edges.csv")
    mine = json.loads(subprocess.run([binary, "benchmark-kernels", folder, "--repetitions", "5"], capture_output=True, text=True, check=True).stdout)
    pairs = [[r["label"], r["source"], r["target"]] for r in mine["routes"]]
    print("\nroutes (seconds; load not timed): single-source by lead_time; 10 best loopless routes by hops and by lead_time")
    print(f"{'pair':<26} {'tool':<10} {'sssp':>7} {'k10 hops':>9} {'k10 lead':>9} {'k10 via':>8}")
    theirs = {}
    for name in ("igraph", "networkx"):
        if name not in libraries:
            continue
        out = subprocess.run([sys.executable, "-c", f"LIB = {name!r}\n" + ROUTES, nodes, edges, json.dumps(pairs)], capture_output=True, text=True)
        theirs[name] = json.loads(out.stdout) if out.returncode == 0 else {}
    for r in mine["routes"]:
        label = f"{r['label']} ({r['downstream']} downstream)"
        print(f"{label:<26} {'linkage':<10} {r['sssp_lead_time_seconds']:>7.3f} {r['k10_hops_seconds']:>9.3f} {r['k10_lead_time_seconds']:>9.3f} {r['k10_via_seconds']:>8.3f}")
        for name, res in theirs.items():
            x = res.get(r["label"])
            if x:
                print(f"{'':<26} {name:<10} {x['sssp']:>7.3f} {x['k10_hops']:>9.3f} {x['k10_lead_time']:>9.3f}")
    print(f"readiness of every startup: {mine['readiness_seconds']:.2f} s (load not counted)")


KERNEL_WRAPPER = """
import json, sys
N, E = sys.argv[1], sys.argv[2]
{body}
print(json.dumps({{"dominators": dom, "articulation": ap, "bridges": br}}))
"""


def run_kernels(name, nodes, edges):
    out = subprocess.run([sys.executable, "-c", KERNEL_WRAPPER.format(body=KERNELS[name]), nodes, edges],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout)


def kernels(folder, binary, libraries):
    nodes, edges = os.path.join(folder, "nodes.csv"), os.path.join(folder, "edges.csv")
    mine = json.loads(subprocess.run([binary, "benchmark-kernels", folder, "--repetitions", "5"], capture_output=True, text=True, check=True).stdout)
    results = {name: run_kernels(name, nodes, edges) for name in libraries if name in KERNELS}
    print("\nkernels on the loaded graph (seconds; Linkage best of 5, libraries one run, load not timed)")
    print(f"{'tool':<11} {'dominators':>11} {'AP':>7} {'bridges':>8} {'AP+bridges':>11}")
    print(f"{'linkage':<11} {mine['dominator_tree_seconds']:>11.2f} {'':>7} {'':>8} {mine['articulation_bridges_seconds']:>11.2f}   (one pass)")
    best_dom = best_both = None
    for name, r in results.items():
        if "error" in r:
            print(f"{name:<11} error: {r['error']}")
            continue
        both = r["articulation"] + r["bridges"]
        print(f"{name:<11} {r['dominators']:>11.2f} {r['articulation']:>7.2f} {r['bridges']:>8.2f} {both:>11.2f}")
        best_dom = r["dominators"] if best_dom is None else min(best_dom, r["dominators"])
        best_both = both if best_both is None else min(best_both, both)
    if best_dom:
        print(f"ratios: dominators {best_dom / mine['dominator_tree_seconds']:.1f}x faster than the fastest library; "
              f"articulation points + bridges {best_both / mine['articulation_bridges_seconds']:.1f}x")


def main():
    folder, binary, *libraries = sys.argv[1:]
    if os.environ.get("KERNELS_ONLY"):
        kernels(folder, binary, libraries)
        reach_classes(folder, binary, libraries)
        routes(folder, binary, libraries)
        return
    if os.environ.get("ROUTES_ONLY"):
        routes(folder, binary, libraries)
        return
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
    kernels(folder, binary, libraries)
    reach_classes(folder, binary, libraries)
    routes(folder, binary, libraries)


if __name__ == "__main__":
    main()
