"""Differential checks of `linkage reach` against NetworkX: classes and counts equal
`descendants` intersected with each sector's buyers; `fragile_to` equals brute force."""
import csv
import os
import random

import networkx as nx
import pytest

from conftest import run, run_json

CONTEXT = {"funds", "supports", "partners", "is_type_of"}


def write_pair(folder, seed):
    rng = random.Random(seed)
    n = rng.randint(2, 30)
    m = rng.randint(0, 70)
    os.makedirs(folder, exist_ok=True)
    kinds = {}
    with open(os.path.join(folder, "nodes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "sector"])
        for i in range(n):
            kind = rng.choice(["startup", "supplier", "integrator", "buyer"])
            sector = rng.choice(["defense", "industry"]) if kind == "buyer" else ""
            kinds[f"v{i}"] = (kind, sector)
            w.writerow([f"v{i}", kind, sector])
    with open(os.path.join(folder, "edges.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "relation"])
        for _ in range(m):
            w.writerow([f"v{rng.randrange(n)}", f"v{rng.randrange(n)}", rng.choice(["supplies", "sells_to", "qualifies", "funds"])])


def load(folder):
    g = nx.MultiDiGraph()
    sector = {}
    with open(os.path.join(folder, "nodes.csv"), newline="") as f:
        for row in csv.DictReader(f):
            g.add_node(row["id"])
            if row["kind"] == "buyer":
                sector[row["id"]] = row["sector"]
    with open(os.path.join(folder, "edges.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if (row.get("relation") or "supplies") not in CONTEXT:
                g.add_edge(row["source"], row["target"])
    return g, sector


def expected_class(d, i):
    return "dual" if d and i else "defense-only" if d else "industry-only" if i else "none"


def check(folder, robust=True):
    g, sector = load(folder)
    defense = {b for b, s in sector.items() if s == "defense"}
    industry = {b for b, s in sector.items() if s == "industry"}
    args = ["reach", folder, "--list", "1000"] + (["--robust"] if robust else [])
    result = run_json(*args)["result"]
    assert result["defense_buyers"] == len(defense) and result["industry_buyers"] == len(industry)
    assert not result["counts"]["estimated"]
    nodes = {n["id"]: n for n in result["nodes"]}
    assert set(nodes) == set(g.nodes)
    for v in g.nodes:
        desc = nx.descendants(g, v)
        d, i = desc & defense, desc & industry
        node = nodes[v]
        assert node["class"] == expected_class(d, i), v
        assert node["defense_buyers"] == len(d) and node["industry_buyers"] == len(i), v
        assert set(node["defense_list"]) == d and set(node["industry_list"]) == i, v
        for key, buyers in (("defense", defense), ("industry", industry)):
            witness = node["witness"][key]
            reached = d if key == "defense" else i
            if not reached:
                assert witness is None
                continue
            assert witness[0] == v and witness[-1] in reached
            assert all(g.has_edge(a, b) for a, b in zip(witness, witness[1:]))
            shortest = min(nx.shortest_path_length(g, v, b) for b in reached if b != v)
            assert len(witness) - 1 == shortest
            if robust:
                fragile = set(node["fragile_to"][key])
                for x in g.nodes:
                    if x == v:
                        continue
                    h = g.copy()
                    h.remove_node(x)
                    gone = not (nx.descendants(h, v) & (buyers - {x}))
                    assert (x in fragile) == gone, (v, key, x)


@pytest.mark.parametrize("seed", range(40))
def test_random_graphs_with_cycles(tmp_path, seed):
    folder = str(tmp_path / "r")
    write_pair(folder, seed)
    check(folder)


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_graphs(tmp_path, seed):
    folder = str(tmp_path / "g")
    run("generate", "--nodes", "400", "--seed", str(seed), "-o", folder, "--quiet")
    check(folder, robust=False)
