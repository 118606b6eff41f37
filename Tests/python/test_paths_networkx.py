"""Differential checks of `linkage paths`: k best loopless routes against NetworkX
(`shortest_simple_paths`, `dijkstra_path_length`), and `--via` patterns against an
independent oracle: every simple path, filtered by Python's `re` on an encoding of the route."""
import csv
import itertools
import os
import random
import re

import networkx as nx
import pytest

from conftest import run_json

RELATIONS = ["supplies", "sells_to", "verified_in", "qualifies"]


def write_graph(folder, seed, parallel=False):
    rng = random.Random(seed)
    n = rng.randint(4, 12)
    os.makedirs(folder, exist_ok=True)
    nodes = []
    with open(os.path.join(folder, "nodes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "sector", "stage"])
        for i in range(n):
            kind = "buyer" if i % 3 == 2 else rng.choice(["startup", "supplier", "program", "integrator"])
            sector = rng.choice(["defense", "industry"])
            stage = rng.choice(["verification", "application", ""]) if kind == "program" else ""
            nodes.append({"id": f"v{i}", "kind": kind, "sector": sector, "stage": stage})
            w.writerow([f"v{i}", kind, sector, stage])
    edges = []
    seen = set()
    for _ in range(rng.randint(n, 3 * n)):
        s, t = rng.randrange(n), rng.randrange(n)
        if s == t or (not parallel and (s, t) in seen):
            continue
        seen.add((s, t))
        edges.append((f"v{s}", f"v{t}", rng.choice(RELATIONS), rng.randint(0, 5)))
    with open(os.path.join(folder, "edges.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "relation", "lead_time"])
        for e in edges:
            w.writerow(e)
    return nodes, edges


@pytest.mark.parametrize("seed", range(40))
def test_k_best_costs_match_networkx(tmp_path, seed):
    folder = str(tmp_path / "g")
    nodes, edges = write_graph(folder, seed)
    g = nx.DiGraph()
    g.add_nodes_from(n["id"] for n in nodes)
    for s, t, r, lt in edges:
        g.add_edge(s, t, lead_time=lt)
    source, target = "v0", "v2"
    for by, weight in (("hops", None), ("lead_time", "lead_time")):
        result = run_json("paths", folder, "--from", source, "--to", target, "--by", by, "-k", "6")["result"]
        got = [p["cost"] for p in result["paths"]]
        if not nx.has_path(g, source, target):
            assert got == []
            continue
        expected = [nx.path_weight(g, p, weight) if weight else len(p) - 1
                    for p in itertools.islice(nx.shortest_simple_paths(g, source, target, weight=weight), 6)]
        assert got == sorted(expected)
        first = nx.dijkstra_path_length(g, source, target, weight=weight) if weight else nx.shortest_path_length(g, source, target)
        assert got[0] == first
        assert not result["truncated"]


def encode(path_nodes, path_relations, info):
    """The route as text: node tokens between edge tokens, fields delimited by ';'."""
    def node(v):
        d = info[v]
        return f"<;k={d['kind']};s={d['sector']};g={d['stage']};i={v};>"
    out = node(path_nodes[0])
    for r, v in zip(path_relations, path_nodes[1:]):
        out += "{" + r + "}" + node(v)
    return out


def translate(pattern):
    """Translates a --via pattern to a Python regex over encode(): node tests are lookaheads at the
    current node token; an edge test consumes the current node token and the edge."""
    tokens = re.findall(r"\(|\)|\||\*\[[^\]]*\]|[A-Za-z_]+\[[^\]]*\]|[A-Za-z_]+|\.|[*+?]", pattern)
    out = ""
    for t in tokens:
        if t in "()|*+?":
            out += t
        elif t == ".":
            out += r"(?:<[^>]*>\{[^}]*\})"
        elif "[" in t:
            kind, conds = t.split("[", 1)
            conds = [c for c in conds.rstrip("]").split(",") if c]
            look = "" if kind == "*" else rf"(?=<;k={kind};)"
            for c in conds:
                field, value = c.split("=")
                key = {"sector": "s", "stage": "g", "kind": "k", "id": "i"}[field]
                look += rf"(?=<[^>]*;{key}={re.escape(value)};)"
            out += f"(?:{look})"
        elif t in RELATIONS:
            out += rf"(?:<[^>]*>\{{{t}\}})"
        else:
            out += rf"(?:(?=<;k={t};))"
    return "^" + out + r"<[^>]*>$"


PATTERNS = [
    "startup .* buyer",
    "supplies+ buyer[sector=industry]",
    "(supplies | sells_to)* program[stage=verification] .* buyer",
    "*[sector=defense] . .*",
    ". qualifies",
]


@pytest.mark.parametrize("seed", range(30))
def test_patterns_match_an_independent_regex_oracle(tmp_path, seed):
    folder = str(tmp_path / "g")
    nodes, edges = write_graph(folder, seed, parallel=True)
    info = {n["id"]: n for n in nodes}
    g = nx.MultiDiGraph()
    g.add_nodes_from(info)
    for s, t, r, lt in edges:
        g.add_edge(s, t, relation=r, lead_time=lt)
    for pattern in PATTERNS:
        regex = re.compile(translate(pattern))
        expected = []
        for target in info:
            if target == "v0":
                continue
            for p in nx.all_simple_edge_paths(g, "v0", target):
                path_nodes = ["v0"] + [e[1] for e in p]
                rels = [g.edges[e]["relation"] for e in p]
                if regex.match(encode(path_nodes, rels, info)):
                    expected.append(sum(g.edges[e]["lead_time"] for e in p))
        result = run_json("paths", folder, "--from", "v0", "--to", ",".join(info), "--by", "lead_time",
                          "--via", pattern, "-k", "1000")["result"]
        got = [p["cost"] for p in result["paths"]]
        assert got == sorted(expected), pattern
