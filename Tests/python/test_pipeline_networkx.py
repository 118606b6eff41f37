"""Differential checks of `linkage pipeline` gateways against NetworkX: the betweenness over
shortest startup -> buyer routes (`betweenness_centrality_subset`) and the startups with a
simple route of at most --bound hops to a staged program through each gateway
(`all_simple_paths` with a cutoff), on generated ecosystems and random graphs with cycles."""
import csv
import os
import random

import networkx as nx
import pytest

from conftest import run, run_json

CONTEXT = {"funds", "supports", "partners", "is_type_of"}
GATEWAY_KINDS = {"program", "integrator", "agency"}


def read_folder(folder):
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        nodes = {r["id"]: r for r in csv.DictReader(f)}
    flow = nx.DiGraph()
    flow.add_nodes_from(nodes)
    with open(os.path.join(folder, "edges.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if (r.get("relation") or "supplies") not in CONTEXT:
                flow.add_edge(r["source"], r["target"])
    return nodes, flow


def check_gateways(folder, bound):
    nodes, flow = read_folder(folder)
    startups = [v for v, r in nodes.items() if r["kind"] == "startup"]
    buyers = [v for v, r in nodes.items() if r["kind"] == "buyer"]
    staged = {v for v, r in nodes.items() if r["kind"] == "program" and r.get("stage")}
    result = run_json("pipeline", folder, "--bound", str(bound))["result"]
    assert result["bound"] == bound
    listed = {g["id"]: g for g in result["gateways"]}

    between = nx.betweenness_centrality_subset(flow, sources=startups, targets=buyers, normalized=False)
    within = dict.fromkeys(flow, 0)
    for s in startups:
        on = set()
        for path in nx.all_simple_paths(flow, s, staged, cutoff=bound):
            on.update(path)
        for v in on:
            within[v] += 1

    checked = 0
    for v, r in nodes.items():
        if r["kind"] not in GATEWAY_KINDS:
            continue
        g = listed.get(v)
        if g is None:
            assert within[v] == 0 and between[v] == pytest.approx(0, abs=1e-9), v
            continue
        assert g["within_bound"] == within[v], v
        assert g["betweenness"] == pytest.approx(between[v], rel=1e-9, abs=1e-9), v
        checked += 1
    return checked


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("size", [200, 2000])
def test_generated_ecosystems_match_networkx(tmp_path, seed, size):
    folder = str(tmp_path / "g")
    run("generate", "--nodes", str(size), "--seed", str(seed), "-o", folder, "--quiet")
    assert check_gateways(folder, 4) > 0


def write_random_ecosystem(folder, seed):
    rng = random.Random(seed)
    n = rng.randint(4, 30)
    kinds = [rng.choice(["startup", "startup", "program", "program", "integrator", "buyer"]) for _ in range(n)]
    os.makedirs(folder, exist_ok=True)
    stages = ["technology", "verification", "application", "diffusion", ""]
    with open(os.path.join(folder, "nodes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "stage", "sector"])
        for i, k in enumerate(kinds):
            w.writerow([f"v{i}", k, rng.choice(stages) if k == "program" else "",
                        rng.choice(["defense", "industry"]) if k == "buyer" else ""])
        w.writerow(["agency", "agency", "", ""])
    with open(os.path.join(folder, "edges.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "relation"])
        for _ in range(rng.randint(n, 4 * n)):
            s, t = rng.randrange(n), rng.randrange(n)
            if s != t:
                w.writerow([f"v{s}", f"v{t}", rng.choice(["supplies", "supplies", "verified_in", "qualifies", "partners"])])
        for i, k in enumerate(kinds):
            if k == "program":
                w.writerow(["agency", f"v{i}", "funds"])


@pytest.mark.parametrize("seed", range(40))
def test_random_ecosystems_with_cycles_match_networkx(tmp_path, seed):
    folder = str(tmp_path / "r")
    write_random_ecosystem(folder, seed)
    check_gateways(folder, 1 + seed % 5)
