"""NetworkX and pandas in and out of the Python helper (issue 12)."""
import json
import math
import os
import random
import sys
import warnings

import networkx as nx
import pytest

from conftest import ROOT, linkage_binary

sys.path.insert(0, os.path.join(ROOT, "python"))
import linkage  # noqa: E402


@pytest.fixture(autouse=True)
def use_built_binary(monkeypatch):
    monkeypatch.setenv("LINKAGE_BIN", os.path.abspath(os.path.join(ROOT, linkage_binary())))

KINDS = ["supplier", "integrator", "buyer", "startup"]


def random_graph(seed, multigraph=False):
    rng = random.Random(seed)
    G = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    G.graph["name"] = f"random-{seed}"
    n = rng.randint(4, 25)
    for i in range(n):
        node = i if i % 3 == 0 else f"n{i}"  # int and text ids
        attrs = {"kind": KINDS[i % 4], "score": rng.random(), "units": rng.randint(0, 9)}
        if i % 4 == 2:
            attrs["sector"] = rng.choice(["defense", "industry"])
        if rng.random() < 0.4:
            attrs["certified"] = rng.random() < 0.5
        if rng.random() < 0.3:
            attrs["country"] = rng.choice(["KOR", "USA", "NLD", "a, \"quoted\"\nname"])
        G.add_node(node, **attrs)
    nodes = list(G.nodes)
    for _ in range(rng.randint(n, 3 * n)):
        a, b = rng.sample(nodes, 2)
        attrs = {}
        if rng.random() < 0.4:
            attrs["part"] = rng.choice(["chip", "frame", "code"])
        if rng.random() < 0.5:
            attrs["lead_time"] = rng.randint(1, 90)
        G.add_edge(a, b, **attrs)
    return G


def multisets(G):
    def canon(attrs):
        return json.dumps({k: attrs[k] for k in sorted(attrs)}, sort_keys=True, default=str)
    nodes = sorted(f"{n!r}|{canon(a)}" for n, a in G.nodes(data=True))
    edges = sorted(f"{u!r}|{v!r}|{canon({k: x for k, x in a.items() if k != 'relation' or x != 'supplies'})}"
                   for u, v, a in G.edges(data=True))
    return nodes, edges


@pytest.mark.parametrize("seed", range(8))
def test_networkx_round_trip_keeps_ids_and_attributes(seed):
    for multigraph in (False, True):
        G = random_graph(seed, multigraph)
        if multigraph:  # parallel edges
            u, v = next(iter(G.edges()))
            G.add_edge(u, v, lead_time=5)
        H = linkage.to_networkx(linkage.from_networkx(G))
        assert isinstance(H, nx.MultiDiGraph)
        assert multisets(H) == multisets(G)  # ints stay ints, text ids text, every attribute
        assert H.graph["name"] == G.graph["name"]


@pytest.mark.parametrize("seed", range(8))
def test_answers_equal_the_same_graph_written_by_networkx(tmp_path, seed):
    G = random_graph(seed)
    path = tmp_path / "g.graphml"
    nx.write_graphml(G, path)
    for fn in (linkage.spof, lambda p: linkage.reach(p, robust=True)):
        assert dict(fn(G)) == dict(fn(path))  # a graph passes wherever a path goes
    counts = linkage.summary(linkage.from_networkx(G))
    assert (counts["nodes"], counts["edges"]) == (G.number_of_nodes(), G.number_of_edges())


def test_result_to_networkx_carries_result_columns():
    G = nx.DiGraph()
    G.add_node("s", kind="startup")
    G.add_node("i", kind="integrator")
    G.add_node("b", kind="buyer", sector="defense")
    G.add_node("c", kind="buyer", sector="industry")
    G.add_edges_from([("s", "i"), ("i", "b"), ("i", "c")])
    spof = linkage.spof(G)
    H = linkage.to_networkx(spof)
    assert H.nodes["i"]["spof_targets_cut"] == 2 and "spof_rank" in H.nodes["i"]
    assert "spof_rank" not in H.nodes["b"]
    R = linkage.to_networkx(linkage.reach(G))
    assert R.nodes["s"]["reach_class"] == "dual"
    D = linkage.to_networkx(os.path.join(ROOT, "Datasets/korea-ax"), multigraph=False)
    assert isinstance(D, nx.DiGraph) and D.number_of_nodes() == 69


def test_values_linkage_cannot_hold_are_refused_not_dropped():
    G = nx.DiGraph()
    G.add_node("a", tags=["x", "y"])
    with pytest.raises(TypeError, match="tags"):
        linkage.from_networkx(G)
    G = nx.DiGraph()
    G.add_node(1)
    G.add_node("1")
    with pytest.raises(ValueError, match="same text id"):
        linkage.from_networkx(G)
    U = nx.Graph()
    U.add_edge("a", "b")
    with pytest.warns(UserWarning, match="undirected"):
        linkage.from_networkx(U)
    G = nx.DiGraph()
    G.add_node("a", score=float("nan"), note=None)  # missing values, not text
    H = linkage.to_networkx(linkage.from_networkx(G))
    assert dict(H.nodes["a"]) == {}


def test_dataframes_round_trip_with_missing_values():
    pd = pytest.importorskip("pandas")
    nodes = pd.DataFrame({
        "id": ["s", "i", "b", 7],
        "kind": ["startup", "integrator", "buyer", "supplier"],
        "sector": [None, None, "defense", None],
        "score": [1.5, float("nan"), 2.0, 3.25],
        "units": pd.array([1, None, 3, 4], dtype="Int64"),
        "ok": [True, False, True, True],
    })
    edges = pd.DataFrame({"src": [7, "s", "i"], "dst": ["s", "i", "b"], "lead_time": [3, 4, 5],
                          "part": ["chip", None, None]})
    g = linkage.from_dataframes(nodes, edges, name="frames")
    H = linkage.to_networkx(g)
    assert H.graph["name"] == "frames"
    assert dict(H.nodes["i"]) == {"kind": "integrator", "ok": False}  # NaN, None, NA left out
    assert dict(H.nodes[7]) == {"kind": "supplier", "score": 3.25, "units": 4, "ok": True}
    assert {(u, v): d.get("part") for u, v, d in H.edges(data=True)} == {
        (7, "s"): "chip", ("s", "i"): None, ("i", "b"): None}
    assert linkage.spof(g)["target_count"] == 1
    with pytest.raises(ValueError, match="source and target"):
        linkage.from_dataframes(nodes, edges.rename(columns={"src": "a"}))


def test_every_documented_table_is_a_dataframe(tmp_path):
    pd = pytest.importorskip("pandas")
    results = {
        "summary": linkage.summary(),
        "validate": linkage.validate(),
        "spof": linkage.spof(),
        "paths": linkage.paths(readiness=True),
        "reach": linkage.reach(),
        "brief": linkage.brief(output=tmp_path / "brief"),
    }
    results["paths-from"] = linkage.paths(from_="argos-vision")
    results["spof-mitigate"] = linkage.spof(mitigate=True, candidates=os.path.join(
        ROOT, "Datasets", "korea-ax", "npu-candidates.csv"))
    results["diff"] = linkage.diff(os.path.join(ROOT, "Datasets", "korea-ax"), fail="kseed-silicon",
                                   add=os.path.join(ROOT, "Datasets", "korea-ax", "npu-candidates.csv"))
    for command, result in results.items():
        documented = linkage.TABLES[result.command]
        for key in result.tables():
            frame = result.table(key)
            assert isinstance(frame, pd.DataFrame), (command, key)
            if key != "diagnostics":
                assert key in documented, (command, key)
        present = set(result.tables())
        if command == "paths":
            assert "startups" in present
        elif command == "paths-from":
            assert "paths" in present
        else:
            # Keys documented "(with …)" appear only with that option.
            required = {k for k, v in documented.items() if "(with" not in v}
            if command == "spof-mitigate":
                required = set(documented)
            if command == "diff":  # lists that are empty are still tables
                required = {"answers", "nodes.changed", "nodes.added", "edges.added"}
            assert present >= required, (command, required - present)
    kinds = results["summary"].table("kinds")
    assert list(kinds.columns) == ["kind", "count"] and kinds["count"].sum() == 69
    assert list(results["spof"].table("structural.bridges").columns) == ["source", "target", "relation"]
