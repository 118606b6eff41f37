"""Share-weighted supply against a linear program of the same production network.

For an acyclic network the supplied fractions are the greatest y with 0 <= y <= 1, y = 1 at
origins, 0 at failed nodes, and y(v) <= sum of share(e) * y(source) over each part group of v:
SciPy's HiGHS `linprog` maximizes sum(y) under exactly those constraints, written here from the
edge list and independent of Linkage's code. `spof --loss` must print the same fractions for the
targets, with nothing failed and with each node failed in turn (as a `--fail` scenario).
"""
import json
import os
import random

import pytest

from conftest import run_json

scipy_optimize = pytest.importorskip("scipy.optimize")


def random_dag(seed, parts):
    rng = random.Random(seed)
    n = rng.randint(4, 12)
    kinds = ["supplier", "integrator", "buyer"]
    nodes = [{"id": f"n{i}", "kind": kinds[i % 3]} for i in range(n)]
    for node in nodes:
        if node["kind"] == "buyer":
            node["sector"] = rng.choice(["defense", "industry"])
            node["value"] = rng.randint(1, 9)
        if parts and rng.random() < 0.15:
            node["requires"] = "all"
    edges = []
    for _ in range(rng.randint(3, 3 * n)):
        a, b = sorted(rng.sample(range(n), 2))
        edge = {"source": f"n{a}", "target": f"n{b}", "relation": "supplies"}
        if parts and rng.random() < 0.6:
            edge["part"] = rng.choice(["x", "y"])
        if rng.random() < 0.7:
            edge["share"] = rng.choice([0.1, 0.25, 0.3, 0.5, 0.6, 0.75, 1.0])
        edges.append(edge)
    return {"name": f"dag{seed}", "nodes": nodes, "edges": edges}


def lp_fractions(graph, parts, failed=()):
    ids = [node["id"] for node in graph["nodes"]]
    index = {v: k for k, v in enumerate(ids)}
    requires_all = {node["id"] for node in graph["nodes"] if node.get("requires") == "all"}
    groups = {}
    for k, e in enumerate(graph["edges"]):
        t = e["target"]
        if not parts:
            key = "all"
        elif t in requires_all:
            key = f"edge{k}"
        else:
            key = e.get("part", "")
        groups.setdefault((t, key), []).append((index[e["source"]], e.get("share", 1.0)))
    n = len(ids)
    rows, rhs = [], []
    for (t, _), members in groups.items():
        row = [0.0] * n
        row[index[t]] += 1.0
        for s, share in members:
            row[s] -= share
        rows.append(row)
        rhs.append(0.0)
    has_input = {t for (t, _) in groups}
    bounds = []
    for v in ids:
        if v in failed:
            bounds.append((0, 0))
        elif v not in has_input:
            bounds.append((1, 1))
        else:
            bounds.append((0, 1))
    result = scipy_optimize.linprog([-1.0] * n, A_ub=rows or None, b_ub=rhs or None,
                                    bounds=bounds, method="highs")
    assert result.status == 0, result.message
    return dict(zip(ids, result.x))


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("semantics", ["or", "parts"])
def test_loss_fractions_equal_the_linear_program(tmp_path, seed, semantics):
    graph = random_dag(seed, semantics == "parts")
    path = tmp_path / "g.json"
    path.write_text(json.dumps(graph))
    loss = run_json("spof", str(path), "--loss", "--semantics", semantics)["result"]["loss"]
    lp = lp_fractions(graph, semantics == "parts")
    for target in loss["targets"]:
        assert target["supplied"] == pytest.approx(lp[target["id"]], abs=1e-6), target["id"]
    # Each reported failure: the fractions after equal the program with that node failed.
    targets = [t["id"] for t in loss["targets"]]
    for node in loss["nodes"]:
        after = lp_fractions(graph, semantics == "parts", failed={node["id"]})
        reported = {t["id"]: t["after"] for t in node["targets"]}
        for t in targets:
            if t == node["id"]:
                continue
            expected = after[t]
            got = reported.get(t, next(x["supplied"] for x in loss["targets"] if x["id"] == t))
            assert got == pytest.approx(expected, abs=1e-6), (node["id"], t)
        value = {n["id"]: n.get("value", 1) for n in graph["nodes"]}
        before = {x["id"]: x["supplied"] for x in loss["targets"]}
        lost = sum(value[t] * (before[t] - after[t]) for t in targets if t != node["id"])
        assert node["value_lost"] == pytest.approx(lost, abs=1e-6)
    # And no failure that loses value is missing from the ranking.
    reported = {node["id"] for node in loss["nodes"]}
    value = {n["id"]: n.get("value", 1) for n in graph["nodes"]}
    before = {x["id"]: x["supplied"] for x in loss["targets"]}
    for v in value:
        after = lp_fractions(graph, semantics == "parts", failed={v})
        lost = sum(value[t] * (before[t] - after[t]) for t in targets if t != v)
        assert (lost > 1e-6) == (v in reported), v
