"""Exports for the engines users run (issue 12): Neo4j import CSVs, GraphFrames CSVs, DOT data."""
import csv
import json
import re
import subprocess

import networkx as nx
import pytest

from conftest import run, run_json

DATASETS = ["Datasets/korea-ax", "Datasets/eto-semiconductor"]
# neo4j-admin database import header types (Neo4j operations manual, "CSV header format").
NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
               "point", "date", "localtime", "time", "localdatetime", "datetime", "duration"}


def native(tmp_path, dataset):
    out = tmp_path / "native.json"
    run("convert", dataset, str(out), "--quiet")
    return json.load(open(out))


def typed(text, kind):
    """A CSV cell read back as the type its header names."""
    if text == "":
        return None
    if kind in ("long", "int"):
        return int(text)
    if kind in ("double", "float"):
        return float(text)
    if kind == "boolean":
        return {"true": True, "false": False}[text]
    return text


def same(a, b):
    return a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and float(a) == float(b))


def check_neo4j(folder, doc):
    with open(folder / "nodes.csv", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    ids = [i for i, h in enumerate(header) if h.endswith(":ID")]
    assert len(ids) == 1 and header[-1] == ":LABEL"
    for h in header:
        name, _, kind = h.partition(":")
        assert kind == "" or kind in NEO4J_TYPES or h in (":LABEL",) or kind == "ID", h
    assert len(body) == len(doc["nodes"])
    by_id = {n["id"]: n for n in doc["nodes"]}
    for row in body:
        node = by_id[row[ids[0]]]
        got = {}
        for h, cell in zip(header, row):
            name, _, kind = h.partition(":")
            if h == ":LABEL" or kind == "ID":
                continue
            value = typed(cell, kind)
            if value is not None:
                got[name] = value
        expected = {k: v for k, v in node.items() if k != "id"}
        assert got.keys() == expected.keys() and all(same(got[k], expected[k]) for k in got)
        labels = row[-1].split(";")
        assert labels[0] == "Node" and all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", l) for l in labels)
        if "kind" in node:
            assert labels[1].lower() == re.sub(r"[^0-9A-Za-z]", "", node["kind"]).lower()
    with open(folder / "relationships.csv", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert len(body) == len(doc["edges"])
    def edge_key(e):
        return json.dumps(e, sort_keys=True)
    got_edges = []
    for row in body:
        assert re.fullmatch(r"[A-Z_][A-Z0-9_]*", row[2])
        assert row[0] in by_id and row[1] in by_id
        e = {"source": row[0], "target": row[1]}
        for h, cell in zip(header[3:], row[3:]):
            name, _, kind = h.partition(":")
            value = typed(cell, kind)
            if value is not None and name != "context":
                e[name] = float(value) if isinstance(value, int) and not isinstance(value, bool) else value
        got_edges.append(e)
    def norm(e):
        return {k: (float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v) for k, v in e.items()}
    assert sorted(map(edge_key, got_edges)) == sorted(edge_key(norm(e)) for e in doc["edges"])
    cypher = (folder / "load.cypher").read_text()
    for t in {row[2] for row in body}:
        assert f"[r:`{t}`]" in cypher
    assert "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv'" in cypher


@pytest.mark.parametrize("dataset", DATASETS)
def test_neo4j_export_has_the_import_header_format(tmp_path, dataset):
    doc = native(tmp_path, dataset)
    folder = tmp_path / "neo4j"
    proc = run("convert", dataset, str(folder), "--to", "neo4j")
    assert f"neo4j-admin database import full --nodes={folder}/nodes.csv --relationships={folder}/relationships.csv" in proc.stderr
    check_neo4j(folder, doc)
    report = run_json("convert", dataset, str(tmp_path / "again"), "--to", "neo4j")
    assert any("neo4j-admin database import full" in s for s in report["result"]["next_steps"])
    assert any("name and description" in s for s in report["result"]["losses"])


def test_neo4j_export_quotes_hostile_text(tmp_path):
    (tmp_path / "g.yaml").write_text('''
context_relations: [funds]
nodes:
  - {id: 'a,1', name: "say \\"hi\\"\\nthen go", kind: "r&d lab"}
  - {id: b, kind: buyer, sector: defense, note: "x;y"}
edges:
  - {source: 'a,1', target: b, relation: "sells-to 2"}
  - {source: 'a,1', target: b, relation: funds}
''')
    folder = tmp_path / "n"
    proc = run("convert", str(tmp_path / "g.yaml"), str(folder), "--to", "neo4j")
    assert "--multiline-fields=true" in proc.stderr  # a name holds a line break
    with open(folder / "nodes.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][0] == "a,1" and rows[1][1] == 'say "hi"\nthen go' and rows[1][-1] == "Node;RDLab"
    with open(folder / "relationships.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][-1] == "context:boolean"
    assert [r[2] for r in rows[1:]] == ["SELLS_TO_2", "FUNDS"] and [r[-1] for r in rows[1:]] == ["false", "true"]


@pytest.mark.parametrize("dataset", DATASETS)
def test_graphframes_export_loads_in_pandas_with_graphframes_columns(tmp_path, dataset):
    pd = pytest.importorskip("pandas")
    doc = native(tmp_path, dataset)
    folder = tmp_path / "gf"
    run("convert", dataset, str(folder), "--to", "graphframes", "--quiet")
    vertices = pd.read_csv(folder / "vertices.csv", keep_default_na=False, na_values=[""])
    edges = pd.read_csv(folder / "edges.csv", keep_default_na=False, na_values=[""])
    assert vertices.columns[0] == "id" and list(edges.columns[:2]) == ["src", "dst"]
    assert len(vertices) == len(doc["nodes"]) and len(edges) == len(doc["edges"])
    assert vertices["id"].is_unique and set(edges["src"]) | set(edges["dst"]) <= set(vertices["id"])
    records = vertices.to_dict("records")
    for row, node in zip(records, doc["nodes"]):
        got = {k: v for k, v in row.items() if not (isinstance(v, float) and v != v)}
        assert got.keys() == node.keys() and all(same(got[k], node[k]) for k in got)
    context = set(doc.get("context_relations", []))
    for row, edge in zip(edges.to_dict("records"), doc["edges"]):
        assert (row["src"], row["dst"], row["relation"]) == (edge["source"], edge["target"], edge["relation"])
        if context:
            assert bool(row["context"]) == (edge["relation"] in context)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("dataset", DATASETS)
def test_dot_export_is_read_by_graphviz_and_pydot(tmp_path, dataset):
    doc = native(tmp_path, dataset)
    path = tmp_path / "g.dot"
    run("convert", dataset, str(path), "--quiet")
    subprocess.run(["dot", "-Tcanon", str(path)], check=True, capture_output=True)
    pytest.importorskip("pydot")
    G = nx.nx_pydot.read_dot(path)
    assert G.number_of_nodes() == len(doc["nodes"]) and G.number_of_edges() == len(doc["edges"])

    def unquote(v):
        return v[1:-1].replace('\\"', '"').replace("\\\\", "\\") if v.startswith('"') else v
    def as_text(v):  # how Linkage writes a value: canonical numbers, true/false
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)) and float(v).is_integer():
            return str(int(v))
        return str(v)
    for node in doc["nodes"]:
        got = {unquote(k): unquote(v) for k, v in G.nodes[node["id"]].items()}
        assert got == {k: as_text(v) for k, v in node.items() if k != "id"}


def test_export_formats_are_not_read_and_overwrites_are_refused(tmp_path):
    folder = tmp_path / "n"
    run("convert", "Datasets/korea-ax", str(folder), "--to", "neo4j", "--quiet")
    proc = run("summary", str(folder / "nodes.csv"), "--input-format", "neo4j", check=False)
    assert proc.returncode == 64 and "does not read it" in proc.stderr
    proc = run("convert", str(folder), str(tmp_path / "x.yaml"), "--from", "graphframes", check=False)
    assert proc.returncode == 64
    # A CSV pair folder exported as neo4j into itself: its edges.csv is not touched, but the
    # graphframes export would overwrite it and is refused.
    pair = tmp_path / "pair"
    run("convert", "Datasets/korea-ax", str(pair), "--quiet")
    proc = run("convert", str(pair), str(pair), "--to", "graphframes", check=False)
    assert proc.returncode == 64 and "would overwrite the input" in proc.stderr
