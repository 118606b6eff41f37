"""Differential checks of `linkage summary` against NetworkX on generated and random graphs."""
import csv
import os
import random

import networkx as nx
import pytest

from conftest import run, run_json

CONTEXT = {"funds", "supports", "partners", "is_type_of"}


def read_pair(folder):
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        nodes = [r["id"] for r in csv.DictReader(f)]
    with open(os.path.join(folder, "edges.csv"), newline="", encoding="utf-8") as f:
        edges = [(r["source"], r["target"], r.get("relation") or "supplies") for r in csv.DictReader(f)]
    return nodes, edges


def networkx_graphs(nodes, edges):
    every = nx.MultiDiGraph()
    every.add_nodes_from(nodes)
    flow = nx.MultiDiGraph()
    flow.add_nodes_from(nodes)
    for s, t, r in edges:
        every.add_edge(s, t)
        if r not in CONTEXT:
            flow.add_edge(s, t)
    return every, flow


def check_summary(folder):
    nodes, edges = read_pair(folder)
    every, flow = networkx_graphs(nodes, edges)
    result = run_json("summary", folder)["result"]
    assert result["nodes"] == every.number_of_nodes()
    assert result["edges"] == every.number_of_edges()
    assert result["flow_edges"] == flow.number_of_edges()
    assert result["weak_components"]["count"] == nx.number_weakly_connected_components(every)
    assert result["weak_components"]["largest"] == max(len(c) for c in nx.weakly_connected_components(every))
    acyclic = nx.is_directed_acyclic_graph(flow)
    assert result["flow_acyclic"] == acyclic
    origins = {v for v in flow if flow.in_degree(v) == 0 and flow.out_degree(v) > 0}
    sinks = {v for v in flow if flow.out_degree(v) == 0 and flow.in_degree(v) > 0}
    isolated = {v for v in flow if flow.degree(v) == 0}
    assert result["origins"]["count"] == len(origins)
    assert result["sinks"]["count"] == len(sinks)
    assert result["isolated"]["count"] == len(isolated)
    if not result["origins"]["truncated"]:
        assert set(result["origins"]["ids"]) == origins
    if acyclic:
        assert result["longest_chain"]["hops"] == nx.dag_longest_path_length(flow)
        chain = result["longest_chain"]["nodes"]
        assert all(flow.has_edge(a, b) for a, b in zip(chain, chain[1:]))
    else:
        cyclic = [c for c in nx.strongly_connected_components(flow) if len(c) > 1 or any(flow.has_edge(v, v) for v in c)]
        assert result["cycles"]["components"] == len(cyclic)
        assert result["cycles"]["nodes"] == sum(len(c) for c in cyclic)
        assert len(result["cycles"]["largest"]) == max(len(c) for c in cyclic)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("size", [60, 800, 5000])
def test_generated_ecosystems_match_networkx(tmp_path, seed, size):
    folder = str(tmp_path / "g")
    run("generate", "--nodes", str(size), "--seed", str(seed), "-o", folder, "--quiet")
    check_summary(folder)


def write_random_pair(folder, seed):
    rng = random.Random(seed)
    n = rng.randint(1, 40)
    m = rng.randint(0, 80)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "nodes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind"])
        for i in range(n):
            w.writerow([f"v{i}", rng.choice(["supplier", "startup", "integrator"])])
    with open(os.path.join(folder, "edges.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "relation"])
        for _ in range(m):
            w.writerow([f"v{rng.randrange(n)}", f"v{rng.randrange(n)}", rng.choice(["supplies", "supplies", "sells_to", "funds"])])


@pytest.mark.parametrize("seed", range(60))
def test_random_graphs_with_cycles_match_networkx(tmp_path, seed):
    folder = str(tmp_path / "r")
    write_random_pair(folder, seed)
    check_summary(folder)
