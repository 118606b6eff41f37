"""NetworkX and pandas in and out: :func:`from_networkx`, :func:`from_dataframes`,
:func:`to_networkx`.

Graphs go to the CLI as NetworkX node-link JSON, which Linkage reads with every attribute,
and come back through ``linkage convert --to node-link``, parsed here (so every NetworkX
version works the same).
"""
from __future__ import annotations

import json
import math
import numbers
import os
import subprocess
import tempfile
import warnings
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

__all__ = ["GraphFile", "from_networkx", "from_dataframes", "to_networkx", "as_input"]

#: Node fields Linkage reads as its own (the rest are attributes).
NODE_FIELDS = ("name", "kind", "sector", "stage", "tier", "requires")
#: Edge fields Linkage reads as its own.
EDGE_FIELDS = ("relation", "part")
#: Column names :func:`from_dataframes` takes for an edge's ends, in order of preference.
EDGE_END_COLUMNS = (("source", "target"), ("src", "dst"), ("from", "to"), ("u", "v"))


class GraphFile:
    """A graph written to a file Linkage reads (NetworkX node-link JSON).

    Pass it wherever the helper takes a path (``linkage.spof(g)``); it is an
    ``os.PathLike``. A file made in a temporary folder lives as long as this object.
    """

    def __init__(self, path: str, folder: Optional[tempfile.TemporaryDirectory] = None,
                 id_map: Optional[Dict[str, Any]] = None) -> None:
        self.path = path
        self._folder = folder
        #: Linkage's text id → the original node (NetworkX ids that were not strings).
        self.id_map: Dict[str, Any] = id_map or {}

    def __fspath__(self) -> str:
        return self.path

    def __repr__(self) -> str:
        return f"<GraphFile {self.path}>"


def _plain(value: Any, where: str) -> Any:
    """``value`` as a JSON scalar Linkage holds; ``None`` for a missing value.

    Raises ``TypeError`` for values Linkage cannot hold (lists, dicts, objects), never
    dropping them silently.
    """
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            value = value.item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else number if math.isfinite(number) else _refuse(value, where)
    if isinstance(value, str):
        return value
    try:  # pandas.NA, NaT
        import pandas
        if value is pandas.NA or value is pandas.NaT:
            return None
    except ImportError:
        pass
    return _refuse(value, where)


def _refuse(value: Any, where: str) -> Any:
    raise TypeError(
        f"{where} is {value!r} ({type(value).__name__}): Linkage holds text, numbers and "
        "booleans; convert it (e.g. join a list into text) or drop it")


def _write(nodes: List[Dict[str, Any]], edges: List[Dict[str, Any]], graph: Dict[str, Any],
           path: Optional[Union[str, os.PathLike]], multigraph: bool,
           id_map: Dict[str, Any]) -> GraphFile:
    document = {"directed": True, "multigraph": multigraph, "graph": graph,
                "nodes": nodes, "edges": edges}
    folder = None
    if path is None:
        folder = tempfile.TemporaryDirectory(prefix="linkage-graph-")
        path = os.path.join(folder.name, "graph.json")
    path = os.fspath(path)
    temporary = path + ".partial"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)
    os.replace(temporary, path)  # written whole or not at all
    return GraphFile(path, folder, id_map)


def _text_id(node: Any, seen: Dict[str, Any]) -> str:
    text = node if isinstance(node, str) else str(node)
    if text in seen and seen[text] != node:
        raise ValueError(
            f"nodes {seen[text]!r} and {node!r} have the same text id {text!r}: Linkage ids are text")
    seen[text] = node
    return text


def from_networkx(G: Any, path: Optional[Union[str, os.PathLike]] = None) -> GraphFile:
    """Write a NetworkX graph for Linkage, with every node, edge and attribute.

    Node attributes ``name``, ``kind``, ``sector``, ``stage``, ``tier`` and ``requires`` are
    Linkage's fields, edge attributes ``relation`` and ``part`` too; every other attribute
    is kept as an attribute column. ``G.graph["name"]``, ``["description"]`` and
    ``["context_relations"]`` name the graph. Node ids that are not strings become their
    text (``7`` → ``"7"``; the mapping back is ``GraphFile.id_map``), and two ids with the
    same text are an error. Parallel edges of a ``MultiDiGraph`` are kept (their keys are
    not: Linkage's edges have no ids). An undirected graph is read with each edge as NetworkX
    stores it, with a warning, as the CLI does: supply follows direction. ``None`` and NaN
    values are missing values; lists, dicts and other objects raise ``TypeError``.

    Returns a :class:`GraphFile` (in a temporary folder unless ``path`` is given) that every
    helper function takes in place of a path.
    """
    if not G.is_directed():
        warnings.warn(
            "an undirected graph: each edge is read from the end NetworkX lists first to the other, "
            "and supply follows that direction; use G.to_directed() for both directions",
            UserWarning, stacklevel=2)
    seen: Dict[str, Any] = {}
    nodes = []
    for node, attrs in G.nodes(data=True):
        record: Dict[str, Any] = {"id": _text_id(node, seen)}
        for key, value in attrs.items():
            if key == "id":
                raise ValueError(f"node {node!r} has an attribute named 'id': rename it")
            plain = _plain(value, f"node {node!r} attribute {key!r}")
            if plain is not None:
                record[str(key)] = plain
        nodes.append(record)
    edges = []
    for u, v, attrs in G.edges(data=True):
        record = {"source": _text_id(u, seen), "target": _text_id(v, seen)}
        for key, value in attrs.items():
            if key in ("source", "target"):
                raise ValueError(f"edge {u!r} → {v!r} has an attribute named {key!r}: rename it")
            plain = _plain(value, f"edge {u!r} → {v!r} attribute {key!r}")
            if plain is not None:
                record[str(key)] = plain
        edges.append(record)
    graph = {}
    for key in ("name", "description"):
        if G.graph.get(key) is not None:
            graph[key] = str(G.graph[key])
    if G.graph.get("context_relations"):
        graph["context_relations"] = [str(r) for r in G.graph["context_relations"]]
    id_map = {text: node for text, node in seen.items() if not isinstance(node, str)}
    return _write(nodes, edges, graph, path, G.is_multigraph(), id_map)


def from_dataframes(nodes: Any, edges: Any, path: Optional[Union[str, os.PathLike]] = None,
                    name: Optional[str] = None, description: Optional[str] = None,
                    context_relations: Optional[Iterable[str]] = None) -> GraphFile:
    """Write two pandas DataFrames for Linkage: one row per node, one row per edge.

    ``nodes`` has an ``id`` column (else its index is the id); ``edges`` has ``source`` and
    ``target`` columns (or ``src``/``dst``, ``from``/``to``, ``u``/``v``). Every other
    column is a field (``kind``, ``sector``, ``relation``, ``part``, … as in
    :func:`from_networkx`) or an attribute. NaN, ``None`` and ``pandas.NA`` are missing
    values, never the text ``"nan"``. Returns a :class:`GraphFile`.
    """
    if "id" in nodes.columns:
        ids = list(nodes["id"])
        rest = nodes.drop(columns=["id"])
    else:
        ids = list(nodes.index)
        rest = nodes
    ends = next((pair for pair in EDGE_END_COLUMNS
                 if pair[0] in edges.columns and pair[1] in edges.columns), None)
    if ends is None:
        raise ValueError(
            "edges needs source and target columns (or src/dst, from/to, u/v); it has "
            + ", ".join(map(str, edges.columns)))
    seen: Dict[str, Any] = {}
    node_records = []
    columns = [str(c) for c in rest.columns]
    for node, row in zip(ids, rest.itertuples(index=False, name=None)):
        if _plain(node, "a node id") is None:
            raise ValueError("a node id is missing (NaN or None)")
        record: Dict[str, Any] = {"id": _text_id(node, seen)}
        for key, value in zip(columns, row):
            plain = _plain(value, f"node {node!r} column {key!r}")
            if plain is not None:
                record[key] = plain
        node_records.append(record)
    edge_rest = edges.drop(columns=list(ends))
    edge_columns = [str(c) for c in edge_rest.columns]
    edge_records = []
    for (u, v), row in zip(zip(edges[ends[0]], edges[ends[1]]),
                           edge_rest.itertuples(index=False, name=None)):
        record = {"source": _text_id(u, seen), "target": _text_id(v, seen)}
        for key, value in zip(edge_columns, row):
            plain = _plain(value, f"edge {u!r} → {v!r} column {key!r}")
            if plain is not None:
                record[key] = plain
        edge_records.append(record)
    graph: Dict[str, Any] = {}
    if name is not None:
        graph["name"] = name
    if description is not None:
        graph["description"] = description
    if context_relations:
        graph["context_relations"] = list(context_relations)
    id_map = {text: node for text, node in seen.items() if not isinstance(node, str)}
    return _write(node_records, edge_records, graph, path, True, id_map)


def as_input(path: Any) -> Any:
    """What a helper function passes to the CLI: a NetworkX graph becomes a
    :class:`GraphFile`; anything else is returned as given."""
    if hasattr(path, "nodes") and hasattr(path, "is_directed") and hasattr(path, "graph"):
        return from_networkx(path)
    return path


#: The per-node columns :func:`to_networkx` attaches from a result, by command:
#: ``{command: (list key, {result field: node attribute})}``.
RESULT_COLUMNS: Mapping[str, Tuple[str, Mapping[str, str]]] = {
    "spof": ("critical_nodes", {"rank": "spof_rank", "targets_cut": "spof_targets_cut",
                                "value_cut": "spof_value_cut"}),
    "reach": ("nodes", {"class": "reach_class", "defense_buyers": "reach_defense_buyers",
                        "industry_buyers": "reach_industry_buyers"}),
}


def to_networkx(source: Any, multigraph: bool = True) -> Any:
    """The graph at ``source`` as a NetworkX ``MultiDiGraph`` with every field and attribute.

    ``source`` is a path, a :class:`GraphFile`, or a :class:`~linkage.Result`: then the graph
    the result was computed on, with per-node result columns as node attributes —
    from ``spof``: ``spof_rank``, ``spof_targets_cut``, ``spof_value_cut`` on each single
    point of failure; from ``reach``: ``reach_class``, ``reach_defense_buyers``,
    ``reach_industry_buyers`` on every node. ``G.graph`` holds ``name``, ``description`` and
    ``context_relations``. With ``multigraph=False`` a ``DiGraph`` is returned, and parallel
    edges raise ``ValueError``. Ids that :func:`from_networkx` turned into text come back as
    the original objects.
    """
    import networkx as nx
    from . import Result, binary, _execute  # noqa: F401 (import cycle resolved at call time)

    result = source if isinstance(source, Result) else None
    if result is not None:
        source = getattr(result, "source", None) or result.envelope.get("input")
        if source is None:
            raise ValueError("this result names no input graph")
    id_map = getattr(source, "id_map", {})
    with tempfile.TemporaryDirectory(prefix="linkage-") as folder:
        out = os.path.join(folder, "graph.json")
        argv = [binary(), "convert"]
        text = os.fspath(source)
        if text.startswith("bundled:"):
            raise ValueError(f"{text} is compiled into the binary: pass the dataset's folder instead")
        argv += [text, out, "--to", "node-link", "--quiet"]
        _execute(argv)
        with open(out, encoding="utf-8") as handle:
            document = json.load(handle)
    G = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    G.graph.update(document.get("graph", {}))

    def original(text_id: str) -> Any:
        return id_map.get(text_id, text_id)
    for record in document["nodes"]:
        attrs = {k: v for k, v in record.items() if k != "id"}
        G.add_node(original(record["id"]), **attrs)
    for record in document.get("edges", document.get("links", [])):
        u, v = original(record["source"]), original(record["target"])
        attrs = {k: val for k, val in record.items() if k not in ("source", "target")}
        if not multigraph and G.has_edge(u, v):
            raise ValueError(f"parallel edges {u!r} → {v!r}: use multigraph=True")
        G.add_edge(u, v, **attrs)
    if result is not None and result.command in RESULT_COLUMNS:
        key, columns = RESULT_COLUMNS[result.command]
        for row in result.get(key, []):
            node = original(row["id"])
            if node in G:
                for field, attribute in columns.items():
                    if field in row:
                        G.nodes[node][attribute] = row[field]
    return G
