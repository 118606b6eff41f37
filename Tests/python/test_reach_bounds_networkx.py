"""Differential checks of bounded `linkage reach` (hop and lead-time bounds) against NetworkX.

Bounded counts, the nearest-buyer lists and the witness routes come from Linkage's per-query
search (GraphSearch) and its label-propagating lists; NetworkX answers the same questions with
single-source shortest paths on the flow graph.
"""
import csv
import os
import random

import networkx as nx
import pytest

from conftest import run_json

CONTEXT = {"funds", "supports", "partners", "is_type_of"}


def write_graph(folder, seed):
    """A random graph with cycles, parallel edges, context edges, buyers of both sectors and
    lead times (some missing, some zero). Returns (ids, kinds, sectors, edges)."""
    rng = random.Random(seed)
    n = rng.randint(2, 30)
    m = rng.randint(0, 90)
    ids = [f"v{i}" for i in range(n)]
    kinds = [rng.choice(["supplier", "startup", "integrator", "buyer", "buyer"]) for _ in range(n)]
    sectors = [rng.choice(["defense", "industry"]) if k == "buyer" else "" for k in kinds]
    edges = []
    for _ in range(m):
        s, t = rng.randrange(n), rng.randrange(n)
        relation = rng.choice(["supplies", "supplies", "sells_to", "funds"])
        lead = rng.choice(["", "0", "1", "2", "5", "12.5"])
        edges.append((s, t, relation, lead))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "nodes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "sector"])
        for i in range(n):
            w.writerow([ids[i], kinds[i], sectors[i]])
    with open(os.path.join(folder, "edges.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "relation", "lead_time"])
        for s, t, r, lead in edges:
            w.writerow([ids[s], ids[t], r, lead])
    return ids, kinds, sectors, edges


def flow_graph(ids, edges):
    g = nx.MultiDiGraph()
    g.add_nodes_from(range(len(ids)))
    for s, t, r, lead in edges:
        if r not in CONTEXT:
            g.add_edge(s, t, lead_time=float(lead) if lead else 0.0)
    return g


def distances(g, v, weight):
    """Shortest distance from v to every node it reaches, v itself only through a cycle."""
    if weight:
        first = nx.single_source_dijkstra_path_length(g, v, weight="lead_time")
    else:
        first = nx.single_source_shortest_path_length(g, v)
    out = {u: d for u, d in first.items() if u != v}
    # v reaches itself only by leaving it: the shortest way back through a successor.
    back = []
    for _, w, data in g.out_edges(v, data=True):
        step = data["lead_time"] if weight else 1
        if w == v:
            back.append(step)
        elif w in first:
            rest = (nx.dijkstra_path_length(g, w, v, weight="lead_time") if weight
                    else nx.shortest_path_length(g, w, v)) if nx.has_path(g, w, v) else None
            if rest is not None:
                back.append(step + rest)
    if back:
        out[v] = min(back)
    return out


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("bound", [("--max-hops", 1), ("--max-hops", 3), ("--max-lead-time", 4.0)])
def test_bounded_reach_matches_networkx(tmp_path, seed, bound):
    folder = str(tmp_path / "g")
    ids, kinds, sectors, edges = write_graph(folder, seed)
    g = flow_graph(ids, edges)
    option, limit = bound
    weighted = option == "--max-lead-time"
    result = run_json("reach", folder, option, str(limit), "--list", "3", "--quiet")["result"]
    by_id = {node["id"]: node for node in result["nodes"]}
    assert len(by_id) == len(ids)
    index = {i: k for k, i in enumerate(ids)}
    for v in range(len(ids)):
        node = by_id[ids[v]]
        dist = {u: d for u, d in distances(g, v, weighted).items() if d <= limit}
        for sector in ("defense", "industry"):
            # A node does not reach itself as a buyer.
            reached = {u: d for u, d in dist.items() if kinds[u] == "buyer" and sectors[u] == sector and u != v}
            assert node[f"{sector}_buyers"] == len(reached), (seed, ids[v], sector)
            expected = sorted(reached, key=lambda u: (reached[u], u))[:3]
            assert node[f"{sector}_list"] == [ids[u] for u in expected], (seed, ids[v], sector)
            witness = node["witness"][sector]
            if not reached:
                assert witness is None
                continue
            route = [index[i] for i in witness]
            assert route[0] == v and route[-1] in reached
            assert all(g.has_edge(a, b) for a, b in zip(route, route[1:]))
            if weighted:
                cost = sum(min(d["lead_time"] for d in g.get_edge_data(a, b).values()) for a, b in zip(route, route[1:]))
                assert cost == pytest.approx(min(reached.values()))
            else:
                assert len(route) - 1 == min(reached.values())
        expected_class = {(True, True): "dual", (True, False): "defense-only",
                          (False, True): "industry-only", (False, False): "none"}
        has = tuple(any(kinds[u] == "buyer" and sectors[u] == s and u != v for u in dist)
                    for s in ("defense", "industry"))
        assert node["class"] == expected_class[has]
