"""NetworkX node-link JSON in and out, and convert's refusals (issue 12)."""
import json
import os
import random
import re

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
    assert "edges" in data and "links" not in data  # NetworkX >= 3.6's default key
    G = nx.node_link_graph(data, edges="edges")
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
    H = nx.node_link_graph(json.load(open(out)), edges="edges")
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
    # A .csv output path names the pair in its folder: the same files.
    proc = run("convert", str(folder), str(folder / "nodes.csv"), check=False)
    assert proc.returncode == 64 and "overwrite the input" in proc.stderr
    # A different file is fine, and --to names the encoding whatever the extension.
    run("convert", str(src), str(tmp_path / "copy.txt"), "--to", "yaml", "--quiet")
    assert (tmp_path / "copy.txt").exists()


# GraphML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", DATASETS)
def test_round_trip_through_graphml(tmp_path, dataset):
    native = tmp_path / "native.json"
    run("convert", dataset, str(native), "--quiet")
    graphml = tmp_path / "g.graphml"
    run("convert", dataset, str(graphml), "--quiet")
    back = tmp_path / "back.json"
    run("convert", str(graphml), str(back), "--quiet")
    assert back.read_bytes() == native.read_bytes()  # the same graph, byte for byte
    G = nx.read_graphml(graphml)
    doc = json.load(open(native))
    assert G.number_of_nodes() == len(doc["nodes"]) and G.number_of_edges() == len(doc["edges"])
    for node in doc["nodes"]:
        assert G.nodes[node["id"]] == {k: v for k, v in node.items() if k != "id"}
    assert G.graph["name"] == doc["name"]
    for command in (["spof"], ["reach", "--robust"]):
        assert run_json(*command, str(native))["result"] == run_json(*command, str(graphml))["result"]


@pytest.mark.parametrize("seed", range(12))
def test_networkx_graphml_files_load_with_the_same_answers(tmp_path, seed):
    G = random_graph(seed)
    path = tmp_path / "g.graphml"
    nx.write_graphml(G, path)
    doc = run_json("summary", str(path))
    assert doc["result"]["nodes"] == G.number_of_nodes()
    assert doc["result"]["edges"] == G.number_of_edges()
    assert [d for d in doc["diagnostics"] if d["severity"] == "error"] == []
    native = tmp_path / "native.yaml"
    run("convert", str(path), str(native), "--quiet")
    assert run_json("spof", str(path))["result"] == run_json("spof", str(native))["result"]
    # Typed keys: lead_time is a number, not text.
    back = tmp_path / "back.json"
    run("convert", str(path), str(back), "--quiet")
    edges = json.load(open(back))["edges"]
    assert all(isinstance(e["lead_time"], (int, float)) for e in edges if "lead_time" in e)
    # And Linkage's GraphML gives NetworkX ints back as ints.
    out = tmp_path / "out.graphml"
    run("convert", str(path), str(out), "--quiet")
    H = nx.read_graphml(out)
    for u, v, attrs in G.edges(data=True):
        if "lead_time" in attrs:
            got = H.edges[str(u), str(v)]["lead_time"]
            assert got == attrs["lead_time"] and isinstance(got, int)


def test_graphml_flavours_defaults_and_missing_for(tmp_path):
    """yEd-style keys without `for=`, a <default>, an undirected edgedefault, nested data."""
    path = tmp_path / "y.graphml"
    path.write_text("""<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="k" attr.name="kind" attr.type="string"><default>supplier</default></key>
  <key id="w" for="edge" attr.name="lead_time" attr.type="double"/>
  <key id="g" for="node" yfiles.type="nodegraphics"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="g"><y:ShapeNode><y:NodeLabel>Acme &amp; Co</y:NodeLabel></y:ShapeNode></data></node>
    <node id="b"><data key="k">integrator</data></node>
    <edge source="a" target="b"><data key="w">12.5</data></edge>
  </graph>
</graphml>
""")
    doc = run_json("validate", str(path))
    messages = [d["message"] for d in doc["diagnostics"]]
    assert any("undirected" in m for m in messages)
    assert any("only their text is kept" in m for m in messages)
    out = tmp_path / "y.json"
    run("convert", str(path), str(out), "--quiet")
    g = json.load(open(out))
    a = next(n for n in g["nodes"] if n["id"] == "a")
    assert a["kind"] == "supplier" and a["g"] == "Acme & Co"
    assert g["edges"][0]["lead_time"] == 12.5


@pytest.mark.parametrize("name,text,says", [
    ("laughs", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
               '<graphml><graph><node id="&lol2;"/></graph></graphml>', "document type declaration"),
    ("xxe", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<graphml><graph><node id="&xxe;"/></graph></graphml>', "document type declaration"),
    ("entity", '<graphml><graph><node id="&xxe;"/></graph></graphml>', "unknown entity"),
    ("deep", "DEEP", "nested deeper"),
    ("unclosed", "<graphml><graph><node id='a'></graph></graphml>", "does not match"),
    ("badtype", '<graphml><key id="t" for="edge" attr.name="lead_time" attr.type="double"/>'
                '<graph><node id="a"/><node id="b"/><edge source="a" target="b"><data key="t">soon</data>'
                '</edge></graph></graphml>', "not a valid double"),
    ("nokey", '<graphml><graph><node id="a"><data key="zz">1</data></node></graph></graphml>',
     "names no <key>"),
    ("fraction", '<graphml><key id="t" for="node" attr.name="tier" attr.type="long"/>'
                 '<graph><node id="a"><data key="t">1.5</data></node></graph></graphml>',
     "not a valid long"),
    ("huge", '<graphml><key id="t" for="node" attr.name="value" attr.type="int"/>'
             '<graph><node id="a"><data key="t">9007199254740993</data></node></graph></graphml>',
     "not a valid int"),
])
def test_hostile_graphml_gets_a_located_error(tmp_path, name, text, says):
    if text == "DEEP":  # 100,000 levels: refused at the bound, not by a stack overflow
        text = "<graphml>" + "<x>" * 100000 + "</x>" * 100000 + "</graphml>"
    path = tmp_path / f"{name}.graphml"
    path.write_text(text)
    proc = run("validate", str(path), check=False)
    assert proc.returncode == 65, proc.stdout + proc.stderr
    assert says in proc.stdout, proc.stdout
    assert f"{name}.graphml:1:" in proc.stdout  # located


def test_mutated_graphml_never_crashes(tmp_path):
    """Seeded byte mutations of a real GraphML file: a graph or a located error, never a crash."""
    source = tmp_path / "k.graphml"
    run("convert", "Datasets/korea-ax", str(source), "--quiet")
    original = source.read_bytes()
    rng = random.Random(11)
    for trial in range(150):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data))
            op = rng.randrange(3)
            if op == 0:
                data[at] = rng.choice(b'<>&"/=;x\x00\xff ')
            elif op == 1:
                del data[at:at + rng.randint(1, 40)]
            else:
                data[at:at] = rng.choice([b"<", b"</graph>", b"&", b"<!DOCTYPE x>", b"<node id='z'>"])
        path = tmp_path / f"m{trial}.graphml"
        path.write_bytes(bytes(data))
        proc = run("validate", str(path), check=False)
        assert proc.returncode in (0, 65), (trial, proc.returncode, proc.stderr[-500:])
        if proc.returncode == 65:
            assert f"m{trial}.graphml:" in proc.stdout


def test_graphml_value_errors_are_collected_and_nan_left_out(tmp_path):
    path = tmp_path / "bad.graphml"
    path.write_text("""<graphml>
<key id="t" for="edge" attr.name="lead_time" attr.type="double"/>
<key id="v" for="node" attr.name="value" attr.type="double"/>
<graph>
<node id="a"><data key="v">NaN</data></node><node id="b"/>
<edge source="a" target="b"><data key="t">soon</data></edge>
<edge source="a" target="c"><data key="t">later</data></edge>
</graph></graphml>
""")
    doc = run_json("validate", str(path)) if False else json.loads(
        run("validate", str(path), "--format", "json", check=False).stdout)
    errors = [d for d in doc["diagnostics"] if d["severity"] == "error"]
    # Both bad values and the unknown endpoint, not only the first problem.
    assert len(errors) == 3, errors
    assert [e["line"] for e in errors] == [6, 7, 7]
    assert any("value is NaN" in d["message"] and d["severity"] == "warning"
               for d in doc["diagnostics"])


# GEXF ------------------------------------------------------------------------------------


def order_free(result):
    """A spof/reach result with the lists that follow file order (bridges, articulation points:
    in edge and node order) sorted, to compare files whose nodes or edges come in another order."""
    result = json.loads(json.dumps(result))
    structural = result.get("structural")
    if structural:
        structural["bridges"] = sorted(structural["bridges"], key=lambda b: json.dumps(b, sort_keys=True))
        structural["articulation_points"] = sorted(structural["articulation_points"])
    return result


def multisets_of(path, tmp_path, name):
    """Node and edge multisets of any readable file, through Linkage's JSON."""
    out = tmp_path / f"{name}.json"
    run("convert", str(path), str(out), "--quiet")
    return as_multisets(out)


@pytest.mark.parametrize("dataset", DATASETS)
def test_round_trip_through_gexf(tmp_path, dataset):
    native = tmp_path / "native.json"
    run("convert", dataset, str(native), "--quiet")
    gexf = tmp_path / "g.gexf"
    run("convert", dataset, str(gexf), "--quiet")
    back = tmp_path / "back.json"
    run("convert", str(gexf), str(back), "--quiet")
    assert back.read_bytes() == native.read_bytes()  # the same graph, byte for byte
    # NetworkX reads it with the same counts and every attribute (plus GEXF's label).
    G = nx.read_gexf(gexf)
    doc = json.load(open(native))
    assert G.number_of_nodes() == len(doc["nodes"]) and G.number_of_edges() == len(doc["edges"])
    for node in doc["nodes"]:
        got = dict(G.nodes[node["id"]])
        assert got.pop("label") == node.get("name", node["id"])
        assert got == {k: v for k, v in node.items() if k != "id"}
    # A file NetworkX writes back loads with the same nodes and edges, and the same answers.
    again = tmp_path / "nx.gexf"
    nx.write_gexf(G, again)
    _, nodes, edges = multisets_of(again, tmp_path, "again")
    _, native_nodes, native_edges = as_multisets(native)
    assert (nodes, edges) == (native_nodes, native_edges)
    commands = [["spof"], ["reach", "--robust"]]
    if dataset.endswith("korea-ax"):
        commands.append(["paths", "--from", "argos-vision", "-k", "3"])
    for command in commands:
        assert order_free(run_json(*command, str(native))["result"]) == order_free(
            run_json(*command, str(again))["result"])


@pytest.mark.parametrize("seed", range(12))
def test_networkx_gexf_files_load_with_the_same_answers(tmp_path, seed):
    G = random_graph(seed)
    path = tmp_path / "g.gexf"
    nx.write_gexf(G, path)
    doc = run_json("summary", str(path))
    assert doc["result"]["nodes"] == G.number_of_nodes()
    assert doc["result"]["edges"] == G.number_of_edges()
    assert [d for d in doc["diagnostics"] if d["severity"] == "error"] == []
    native = tmp_path / "native.yaml"
    nx_native = tmp_path / "nx.graphml"
    nx.write_graphml(G, nx_native)
    for command in (["spof"], ["reach", "--robust"]):
        assert run_json(*command, str(path))["result"] == run_json(*command, str(nx_native))["result"]
    run("convert", str(path), str(native), "--quiet")
    back = tmp_path / "back.json"
    run("convert", str(path), str(back), "--quiet")
    edges = json.load(open(back))["edges"]
    assert all(isinstance(e["lead_time"], (int, float)) for e in edges if "lead_time" in e)
    # Linkage's GEXF gives NetworkX ints back as ints.
    out = tmp_path / "out.gexf"
    run("convert", str(path), str(out), "--quiet")
    H = nx.read_gexf(out)
    for u, v, attrs in G.edges(data=True):
        if "lead_time" in attrs:
            got = H.edges[str(u), str(v)]["lead_time"]
            assert got == attrs["lead_time"] and isinstance(got, int)


def test_gephi_style_gexf(tmp_path):
    """GEXF 1.3 as Gephi writes it: labels, kind, weight, viz, an undirected default."""
    path = tmp_path / "gephi.gexf"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta lastmodifieddate="2026-01-01"><creator>Gephi 0.10</creator><title>demo</title></meta>
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node">
      <attribute id="0" title="kind" type="string"><default>supplier</default></attribute>
      <attribute id="1" title="sector" type="string"/>
      <attribute id="2" title="employees" type="integer"/>
    </attributes>
    <nodes>
      <node id="s" label="Startup One"><attvalues><attvalue for="0" value="startup"/></attvalues>
        <viz:color r="10" g="20" b="30"/><viz:position x="1" y="2"/></node>
      <node id="p" label="p"><attvalues><attvalue for="2" value="40"/></attvalues></node>
      <node id="b" label="Navy"><attvalues><attvalue for="0" value="buyer"/><attvalue for="1" value="defense"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="0" source="s" target="p" kind="supplies" weight="2.5"/>
      <edge id="1" source="p" target="b" label="supplies" type="directed"/>
    </edges>
  </graph>
</gexf>
""")
    proc = run("convert", str(path), str(tmp_path / "out.json"), "--format", "json", check=False)
    doc = json.loads(proc.stdout)
    messages = " ".join(d["message"] for d in doc["diagnostics"])
    assert "undirected" in messages and "viz" in messages
    g = json.load(open(tmp_path / "out.json"))
    assert g["name"] == "demo"
    nodes = {n["id"]: n for n in g["nodes"]}
    assert nodes["s"] == {"id": "s", "name": "Startup One", "kind": "startup"}
    assert nodes["p"] == {"id": "p", "kind": "supplier", "employees": 40}  # label = id: no name
    assert nodes["b"]["sector"] == "defense" and nodes["b"]["name"] == "Navy"
    assert g["edges"][0] == {"source": "s", "target": "p", "relation": "supplies", "weight": 2.5}
    assert g["edges"][1] == {"source": "p", "target": "b", "relation": "supplies"}
    assert run_json("spof", str(path), "--quiet")["result"] == run_json(
        "spof", str(tmp_path / "out.json"))["result"]


@pytest.mark.parametrize("name,text,says", [
    ("notgexf", "<graphml/>", "expected a <gexf> document"),
    ("doctype", '<!DOCTYPE gexf [<!ENTITY a "aaaa">]><gexf/>', "DOCTYPE"),
    ("xxe", '<!DOCTYPE gexf [<!ENTITY x SYSTEM "file:///etc/passwd">]><gexf>&x;</gexf>', "DOCTYPE"),
    ("entity", '<gexf><graph><nodes><node id="&xxe;"/></nodes></graph></gexf>', "unknown entity"),
    ("deep", "DEEP", "nested deeper"),
    ("noid", "<gexf><graph><nodes><node label='x'/></nodes></graph></gexf>", "without an id"),
    ("badvalue", '<gexf><graph><attributes class="node"><attribute id="0" title="tier" type="integer"/>'
                 '</attributes><nodes><node id="a"><attvalues><attvalue for="0" value="high"/>'
                 '</attvalues></node></nodes></graph></gexf>', "not a valid integer"),
    ("undeclared", '<gexf><graph><nodes><node id="a"><attvalues><attvalue for="9" value="1"/>'
                   '</attvalues></node></nodes></graph></gexf>', "names no node <attribute>"),
])
def test_hostile_gexf_gets_a_located_error(tmp_path, name, text, says):
    if text == "DEEP":
        text = "<gexf>" + "<x>" * 100000 + "</x>" * 100000 + "</gexf>"
    path = tmp_path / f"{name}.gexf"
    path.write_text(text)
    proc = run("validate", str(path), check=False)
    assert proc.returncode == 65, proc.stdout + proc.stderr
    assert says in proc.stdout, proc.stdout
    assert f"{name}.gexf:1:" in proc.stdout  # located


def test_mutated_gexf_never_crashes(tmp_path):
    source = tmp_path / "k.gexf"
    run("convert", "Datasets/korea-ax", str(source), "--quiet")
    original = source.read_bytes()
    rng = random.Random(13)
    for trial in range(120):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data))
            op = rng.randrange(3)
            if op == 0:
                data[at] = rng.choice(b'<>&"/=;x\x00\xff ')
            elif op == 1:
                del data[at:at + rng.randint(1, 40)]
            else:
                data[at:at] = rng.choice([b"<", b"</nodes>", b"&", b"<attvalue for='n1'/>", b"<node id='z'>"])
        path = tmp_path / f"m{trial}.gexf"
        path.write_bytes(bytes(data))
        proc = run("validate", str(path), check=False)
        assert proc.returncode in (0, 65), (trial, proc.returncode, proc.stderr[-500:])
        if proc.returncode == 65:
            assert f"m{trial}.gexf:" in proc.stdout


# Forcing the encoding, sniffing, and mapping fields -----------------------------------------


def test_content_sniffing_and_input_format(tmp_path):
    gexf = tmp_path / "g.gexf"
    run("convert", "Datasets/korea-ax", str(gexf), "--quiet")
    expected = run_json("spof", str(gexf))["result"]
    for suffix in (".xml", ".txt", ""):  # recognised by content
        other = tmp_path / f"copy{suffix}"
        other.write_bytes(gexf.read_bytes())
        assert run_json("spof", str(other))["result"] == expected
    graphml = tmp_path / "g.xml"
    run("convert", "Datasets/korea-ax", str(tmp_path / "g.graphml"), "--quiet")
    graphml.write_bytes((tmp_path / "g.graphml").read_bytes())
    assert run_json("spof", str(graphml))["result"] == expected
    # --input-format (and convert --from) force it, whatever the name says.
    odd = tmp_path / "g.yaml"
    odd.write_bytes(gexf.read_bytes())
    assert run_json("spof", str(odd), "--input-format", "gexf")["result"] == expected
    run("convert", str(odd), str(tmp_path / "back.json"), "--from", "gexf", "--quiet")
    svg = tmp_path / "g.svg"
    run("render", str(odd), "--input-format", "gexf", "-o", str(svg), "--quiet")
    assert svg.read_text().startswith("<?xml")
    run("brief", str(odd), "--input-format", "gexf", "-o", str(tmp_path / "brief"), "--quiet")
    assert (tmp_path / "brief" / "index.html").exists()
    proc = run("spof", str(odd), "--input-format", "graphml", check=False)
    assert proc.returncode == 65 and "expected a <graphml> document" in proc.stderr
    proc = run("spof", str(odd), "--input-format", "excel", check=False)
    assert proc.returncode == 64


def test_map_reads_an_attribute_as_a_field(tmp_path):
    """A Neo4j-style export: the kind is in `type`, the relation in `label`."""
    G = nx.MultiDiGraph()
    G.add_node("s", type="startup")
    G.add_node("i", type="integrator")
    G.add_node("b", type="buyer", sector="defense")
    G.add_node("c", type="buyer", sector="industry")
    G.add_edge("s", "i", label="supplies")
    G.add_edge("i", "b", label="supplies")
    G.add_edge("i", "c", label="supplies")
    path = tmp_path / "neo.graphml"
    nx.write_graphml(G, path)
    # Automatic: no node has a kind, `type` holds known kinds.
    doc = run_json("summary", str(path))
    assert any("'type' attribute is read as the kind" in d["message"] for d in doc["diagnostics"])
    spof = run_json("spof", str(path), "--map", "relation=label", "--quiet")["result"]
    assert spof["critical_nodes"][0]["id"] == "i"  # the integrator cuts both buyers
    assert spof["target_count"] == 2
    out = tmp_path / "mapped.json"
    run("convert", str(path), str(out), "--map", "kind=type,relation=label", "--quiet")
    g = json.load(open(out))
    assert {n["id"]: n["kind"] for n in g["nodes"]} == {
        "s": "startup", "i": "integrator", "b": "buyer", "c": "buyer"}
    assert all("type" not in n for n in g["nodes"])
    assert all(e["relation"] == "supplies" and "label" not in e for e in g["edges"])
    # The CSV pair maps the same way.
    csv = tmp_path / "csv"
    csv.mkdir()
    (csv / "nodes.csv").write_text("id,type,sector\ns,startup,\nb,buyer,defense\n")
    (csv / "edges.csv").write_text("source,target,rel\ns,b,supplies\n")
    g2 = tmp_path / "csv.json"
    run("convert", str(csv), str(g2), "--map", "kind=type", "--map", "relation=rel", "--quiet")
    doc2 = json.load(open(g2))
    assert [n["kind"] for n in doc2["nodes"]] == ["startup", "buyer"]
    assert doc2["edges"] == [{"source": "s", "target": "b", "relation": "supplies"}]
    # A buyer without a sector is still an error when its kind came from a mapping.
    (csv / "nodes.csv").write_text("id,type\ns,startup\nb,buyer\n")
    proc = run("validate", str(csv), "--map", "kind=type", check=False)
    assert proc.returncode == 65 and "buyer 'b' needs sector" in proc.stdout
    # A mapping naming no attribute, or no field, is refused clearly.
    proc = run("validate", str(csv), "--map", "kind=category", check=False)
    assert proc.returncode == 65 and "no node has an attribute 'category'" in proc.stdout
    proc = run("validate", str(csv), "--map", "colour=type", check=False)
    assert proc.returncode == 64 and "not a field" in proc.stderr


# igraph ----------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", DATASETS)
def test_igraph_reads_linkage_graphml_and_its_files_give_the_same_answers(tmp_path, dataset):
    ig = pytest.importorskip("igraph")
    native = tmp_path / "native.json"
    run("convert", dataset, str(native), "--quiet")
    doc = json.load(open(native))
    graphml = tmp_path / "g.graphml"
    run("convert", dataset, str(graphml), "--quiet")
    g = ig.Graph.Read_GraphML(str(graphml))
    assert g.is_directed()
    assert (g.vcount(), g.ecount()) == (len(doc["nodes"]), len(doc["edges"]))
    # igraph fills a missing string with "" and a missing boolean with False; every value
    # Linkage wrote is there with its type.
    by_id = {v["id"]: v.attributes() for v in g.vs}
    for node in doc["nodes"]:
        got = by_id[node["id"]]
        for key, value in node.items():
            assert got[key] == value, (node["id"], key)
    # igraph writes its own ids (n0, n1, …) and keeps the real ones in `id`: Linkage reads
    # them back, with the same answers.
    again = tmp_path / "igraph.graphml"
    g.write_graphml(str(again))
    back = tmp_path / "back.json"
    run("convert", str(again), str(back), "--quiet")
    assert sorted(n["id"] for n in json.load(open(back))["nodes"]) == sorted(n["id"] for n in doc["nodes"])
    for command in (["spof"], ["reach", "--robust"], ["paths", "--from", doc["nodes"][-1]["id"]]):
        if command[0] == "paths" and dataset.endswith("eto-semiconductor"):
            continue
        assert order_free(run_json(*command, str(native))["result"]) == order_free(
            run_json(*command, str(again))["result"])


@pytest.mark.parametrize("seed", range(6))
def test_igraph_graphs_load_with_the_same_answers(tmp_path, seed):
    ig = pytest.importorskip("igraph")
    G = random_graph(seed)
    g = ig.Graph.from_networkx(G)  # vertex names in `_nx_name`
    g.vs["id"] = [str(name) for name in g.vs["_nx_name"]]
    del g.vs["_nx_name"]
    # A missing value as igraph itself has one after reading: "" for text, NaN for numbers.
    for seq in (g.vs, g.es):
        for key in seq.attributes():
            values = seq[key]
            numeric = any(isinstance(x, (int, float)) for x in values)
            seq[key] = [(float("nan") if numeric else "") if x is None else x for x in values]
    path = tmp_path / "ig.graphml"
    g.write_graphml(str(path))
    nx_path = tmp_path / "nx.graphml"
    nx.write_graphml(G, nx_path)
    doc = run_json("summary", str(path))
    assert (doc["result"]["nodes"], doc["result"]["edges"]) == (g.vcount(), g.ecount())
    for command in (["spof"], ["reach", "--robust"]):
        assert order_free(run_json(*command, str(path))["result"]) == order_free(
            run_json(*command, str(nx_path))["result"])


@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_named_edge_ids_are_kept_and_counters_are_not(tmp_path, suffix):
    G = nx.MultiDiGraph()
    G.add_edge("a", "b")
    G.add_edge("a", "b")  # keys 0 and 1: counters
    path = tmp_path / f"g.{suffix}"
    (nx.write_graphml if suffix == "graphml" else nx.write_gexf)(G, path)
    out = tmp_path / "g.json"
    run("convert", str(path), str(out), "--quiet")
    edges = json.load(open(out))["edges"]
    assert all("id" not in e and "networkx_key" not in e for e in edges), edges
    text = re.sub(r'(<edge [^>]*?)id="0"', r'\1id="contract-17"', path.read_text(), count=1)
    assert 'id="contract-17"' in text
    path.write_text(text)
    run("convert", str(path), str(out), "--quiet")
    assert [e.get("id") for e in json.load(open(out))["edges"]].count("contract-17") == 1
