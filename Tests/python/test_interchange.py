"""NetworkX node-link JSON in and out, and convert's refusals (issue 12)."""
import json
import os
import random

import networkx as nx
import pytest

from conftest import ROOT, run, run_json

DATASETS = ["Datasets/korea-ax", "Datasets/eto-semiconductor"]


def as_multisets(json_path):
    doc = json.load(open(json_path))
    nodes = sorted(json.dumps(n, sort_keys=True) for n in doc["nodes"])
    edges = sorted(json.dumps(e, sort_keys=True) for e in doc.get("edges", doc.get("links", [])))
    return doc.get("name") or doc.get("graph", {}).get("name"), nodes, edges


@pytest.mark.parametrize("dataset", DATASETS)
def test_round_trip_through_node_link(tmp_path, dataset):
    native = tmp_path / "native.json"
    run("convert", dataset, str(native), "--quiet")
    link = tmp_path / "graph.nodelink.json"
    run("convert", dataset, str(link), "--to", "node-link", "--quiet")
    back = tmp_path / "back.json"
    run("convert", str(link), str(back), "--quiet")
    assert as_multisets(native) == as_multisets(back)
    # NetworkX reads it with the same counts and every attribute.
    data = json.load(open(link))
    assert data["directed"] is True and data["multigraph"] is True
    G = nx.node_link_graph(data, edges="links")
    doc = json.load(open(native))
    assert G.number_of_nodes() == len(doc["nodes"]) and G.number_of_edges() == len(doc["edges"])
    for node in doc["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id"}
        assert G.nodes[node["id"]] == attrs
    assert G.graph.get("name") == doc.get("name")
    # The same answers as the native encoding.
    for command in (["spof"], ["reach", "--robust"]):
        a = run_json(*command, str(native))["result"]
        b = run_json(*command, str(link))["result"]
        assert a == b, command


def random_graph(seed):
    rng = random.Random(seed)
    G = nx.DiGraph(name=f"random-{seed}")
    kinds = ["supplier", "integrator", "buyer", "startup"]
    n = rng.randint(4, 30)
    for i in range(n):
        # NetworkX ids are often ints; Linkage reads them as text.
        node = i if i % 3 == 0 else f"n{i}"
        attrs = {"kind": kinds[i % 4]}
        if i % 4 == 2:
            attrs["sector"] = rng.choice(["defense", "industry"])
        if rng.random() < 0.3:
            attrs["country"] = rng.choice(["KOR", "USA", "NLD"])
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


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("key", ["links", "edges"])
def test_networkx_node_link_files_load_with_every_edge(tmp_path, seed, key):
    """The networkx#8611 trap: a `links` file must not load with no edges."""
    G = random_graph(seed)
    path = tmp_path / "g.json"
    json.dump(nx.node_link_data(G, edges=key), open(path, "w"))
    summary = run_json("summary", str(path))
    assert summary["result"]["nodes"] == G.number_of_nodes()
    assert summary["result"]["edges"] == G.number_of_edges()
    assert summary["diagnostics"] == []
    # Linkage's spof on it agrees with the same graph written natively by Linkage.
    native = tmp_path / "native.yaml"
    run("convert", str(path), str(native), "--quiet")
    assert run_json("spof", str(path))["result"] == run_json("spof", str(native))["result"]
    # And back to NetworkX: the same graph, attributes included (ids as text).
    out = tmp_path / "out.json"
    run("convert", str(path), str(out), "--to", "node-link", "--quiet")
    H = nx.node_link_graph(json.load(open(out)), edges="links")
    assert sorted(map(str, G.nodes)) == sorted(H.nodes)
    for node, attrs in G.nodes(data=True):
        assert H.nodes[str(node)] == attrs
    for u, v, attrs in G.edges(data=True):
        # An edge without a relation is a `supplies` edge, and Linkage writes it so.
        got = list(H.get_edge_data(str(u), str(v)).values())
        assert got == [{"relation": "supplies", **attrs}]


def test_undirected_and_both_keys_are_reported(tmp_path):
    G = nx.Graph()
    G.add_edge("a", "b")
    path = tmp_path / "u.json"
    json.dump(nx.node_link_data(G, edges="links"), open(path, "w"))
    doc = run_json("summary", str(path))
    assert doc["result"]["edges"] == 1
    [warning] = doc["diagnostics"]
    assert warning["severity"] == "warning" and "undirected" in warning["message"]
    both = json.loads(open(path).read())
    both["edges"] = both["links"]
    path.write_text(json.dumps(both))
    proc = run("validate", str(path), check=False)
    assert proc.returncode == 65 and "both `edges:` and `links:`" in proc.stdout


def test_convert_refuses_its_input_and_unknown_extensions(tmp_path):
    src = tmp_path / "c.yaml"
    src.write_text(open(os.path.join(ROOT, "Datasets/korea-ax/graph.yaml")).read())
    before = src.read_bytes()
    for out in (src, tmp_path / "./c.yaml"):
        proc = run("convert", str(src), str(out), check=False)
        assert proc.returncode == 64 and "overwrite the input" in proc.stderr
    assert src.read_bytes() == before
    proc = run("convert", str(src), str(tmp_path / "out.txt"), check=False)
    assert proc.returncode == 64 and "cannot tell the encoding" in proc.stderr
    assert not (tmp_path / "out.txt").exists()
    folder = tmp_path / "csv"
    run("convert", str(src), str(folder), "--quiet")
    for out in (folder, str(folder) + "/"):
        proc = run("convert", str(folder), str(out), check=False)
        assert proc.returncode == 64 and "overwrite the input" in proc.stderr
    proc = run("convert", str(folder / "nodes.csv"), str(folder), check=False)
    assert proc.returncode == 64
    # A different file is fine, and --to names the encoding whatever the extension.
    run("convert", str(src), str(tmp_path / "copy.txt"), "--to", "yaml", "--quiet")
    assert (tmp_path / "copy.txt").exists()
