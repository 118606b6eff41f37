"""Run the ``linkage`` CLI from Python.

Every call runs ``linkage <command> --format json --quiet`` and returns the document's
``result`` as a :class:`Result` (a ``dict`` that also carries the envelope). Tables inside a
result come out as pandas DataFrames through :meth:`Result.table` when pandas is installed,
and as lists of dicts otherwise. :func:`render` returns an :class:`SVG` (or an :class:`Image` of PNG/PDF bytes) that
Jupyter shows inline. Errors from the CLI raise :class:`LinkageError` with the message, file, line, column
and exit code.

Graphs come in from NetworkX (:func:`from_networkx`, or a graph passed wherever a path goes)
and pandas (:func:`from_dataframes`), and go back with :func:`to_networkx`.

The binary is ``$LINKAGE_BIN`` when set, else ``linkage`` on ``PATH``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from typing import Any, Dict, List, Optional, Union

__all__ = [
    "GraphFile",
    "from_networkx",
    "from_dataframes",
    "to_networkx",
    "TABLES",
    "Image",
    "LinkageError",
    "LinkageNotFound",
    "Result",
    "SVG",
    "binary",
    "run",
    "summary",
    "validate",
    "spof",
    "paths",
    "reach",
    "brief",
    "diff",
    "render",
]

__version__ = "0.1.0"

# `file:line:column: error: message`, as the CLI prints bad-data errors.
_LOCATED = re.compile(
    r"^(?:linkage: )?(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|warning): (?P<message>.*)$")


#: The tables of each command's result, by key (:meth:`Result.table`), with what a row is.
#: Dotted keys reach into nested objects. ``diagnostics`` is a table of every result.
TABLES: Dict[str, Dict[str, str]] = {
    "summary": {
        "kinds": "kind, count", "sectors": "sector, count", "stages": "stage, count",
        "relations": "relation, role, known, count", "buyers": "sector, count",
        "origins": "id (nodes nothing flows into)", "sinks": "id (nodes nothing flows out of)",
        "isolated": "id (nodes with no edges)", "longest_chain": "id, in chain order",
    },
    "validate": {},
    "spof": {
        "critical_nodes": "rank, id, name, kind, targets_cut, value_cut, cut, why",
        "critical_links": "rank, source, target, relation, part, targets_cut, value_cut, cut, why",
        "targets": "id, name, supplied, redundancy, redundancy_bound, witness_cut, direct_suppliers, single_points",
        "hidden_single_sourcing": "id, name, kind, direct_suppliers, single_points",
        "structural.bridges": "source, target, relation",
        "structural.articulation_points": "id",
        "mitigations.proposals": "rank, links, cost, points_removed, removes, verified, redundancy, summary, … (with mitigate=True)",
        "mitigations.not_mitigated": "point, target, relevant_candidates, why (with mitigate=True)",
    },
    "paths": {
        "paths": "rank, nodes, names, relations, cost, hops, lead_time",
        "startups": "id, name, defense, industry, no_route (with --readiness)",
    },
    "reach": {
        "nodes": "id, name, kind, class, defense_buyers, industry_buyers, estimated, …",
        "summary.by_kind": "label, total, dual, defense-only, industry-only, none, dual_fragile",
        "summary.by_stage": "label, total, dual, defense-only, industry-only, none, dual_fragile",
    },
    "brief": {"files": "file", "findings": "finding"},
    "diff": {
        "answers": "rank, change, node, sector, old, new, involves, impact",
        "nodes.added": "id, name, kind", "nodes.removed": "id, name, kind",
        "nodes.changed": "id, changes", "edges.added": "source, target, relation, part",
        "edges.removed": "source, target, relation, part",
        "edges.changed": "source, target, relation, part, changes",
    },
    "convert": {"losses": "loss", "next_steps": "step"},
}

#: How each table is read out of its JSON value: (path in the result, column names).
_TABLE_SHAPES: Dict[str, Any] = {
    "kinds": ("kinds", ("kind", "count")), "sectors": ("sectors", ("sector", "count")),
    "stages": ("stages", ("stage", "count")), "buyers": ("buyers.by_sector", ("sector", "count")),
    "origins": ("origins.ids", ("id",)), "sinks": ("sinks.ids", ("id",)),
    "isolated": ("isolated.ids", ("id",)), "longest_chain": ("longest_chain.nodes", ("id",)),
    "structural.articulation_points": ("structural.articulation_points", ("id",)),
    "files": ("files", ("file",)), "findings": ("findings", ("finding",)),
    "losses": ("losses", ("loss",)), "next_steps": ("next_steps", ("step",)),
}


class LinkageNotFound(RuntimeError):
    """No ``linkage`` binary: set ``LINKAGE_BIN`` or put it on ``PATH``."""


class LinkageError(RuntimeError):
    """The CLI exited non-zero.

    ``message`` is the first error line, ``file``/``line``/``column`` its location when the
    CLI named one, ``errors`` every located error as dicts (from the JSON diagnostics when the
    CLI printed a document, else from stderr), ``result`` that document as a :class:`Result`
    (or None), ``exit_code`` the sysexits code (64 usage, 65 bad data, 66 missing input, 74
    I/O) and ``stderr`` the full text.
    """

    def __init__(self, exit_code: int, stderr: str, argv: List[str],
                 envelope: Optional[Dict[str, Any]] = None) -> None:
        self.exit_code = exit_code
        self.stderr = stderr
        self.argv = list(argv)
        # The JSON document the CLI printed anyway, as a Result; None when there was none.
        self.result = Result(envelope) if envelope is not None else None
        lines = [line for line in stderr.splitlines() if line.strip()]
        #: Every diagnostic, errors and warnings, as dicts with ``severity``, ``file``,
        #: ``line``, ``column`` and ``message`` (from the JSON document, else from stderr).
        self.diagnostics = _diagnostics(envelope, stderr)
        #: The located errors among them.
        self.errors = [d for d in self.diagnostics
                       if d["severity"] == "error" and d["file"] is not None]
        first = self.errors[0] if self.errors else None
        self.file = first["file"] if first else None
        self.line = first["line"] if first else None
        self.column = first["column"] if first else None
        if first:
            self.message = first["message"]
        elif lines:
            self.message = re.sub(r"^(linkage: |Error: )", "", lines[0])
        else:
            self.message = f"linkage exited {exit_code}"
        where = f"{self.file}:{self.line}:{self.column}: " if first else ""
        super().__init__(f"{where}{self.message} (exit {exit_code})")


def _diagnostics(envelope: Optional[Dict[str, Any]], stderr: str) -> List[Dict[str, Any]]:
    """Every diagnostic of a run: the JSON document's when there is one, else the located
    ``file:line:column: error|warning: message`` lines of stderr."""
    out = []
    for item in (envelope or {}).get("diagnostics", []):
        out.append({
            "severity": item.get("severity", "error"),
            "file": item.get("file"),
            "line": item.get("line"),
            "column": item.get("column"),
            "message": item.get("message", ""),
            **({"cell": item["cell"]} if "cell" in item else {}),
        })
    if envelope is None or not out:
        for line in stderr.splitlines():
            match = _LOCATED.match(line)
            if match:
                out.append({
                    "severity": "warning" if ": warning: " in line else "error",
                    "file": match["file"],
                    "line": int(match["line"]),
                    "column": int(match["column"]),
                    "message": match["message"],
                })
    return out


class Result(dict):
    """The ``result`` of one command, with the envelope around it.

    ``envelope`` is the whole JSON document (``linkage``, ``schema``, ``command``, ``input``,
    ``result``, ``diagnostics``); ``diagnostics`` its warnings.
    """

    def __init__(self, envelope: Dict[str, Any]) -> None:
        super().__init__(envelope.get("result") or {})
        self.envelope = envelope
        self.command = envelope.get("command")
        #: Every diagnostic (dicts with severity, file, line, column, message).
        self.diagnostics = _diagnostics(envelope, "")
        #: The errors among them (``validate`` of invalid data has some).
        self.errors = [d for d in self.diagnostics if d["severity"] == "error"]

        #: The graph the result was computed on, when the helper wrote it (a GraphFile).
        self.source: Any = None

    def tables(self) -> List[str]:
        """The keys :meth:`table` accepts for this result (documented per command in
        :data:`TABLES`), and ``diagnostics``."""
        known = TABLES.get(self.command)
        if known is None:  # a command without a documented list: every list of records
            keys = [key for key, value in self.items() if _rows(value) is not None]
        else:
            keys = [key for key in known if self._value(key) is not None]
        return keys + ["diagnostics"]

    def _value(self, key: str) -> Any:
        path = _TABLE_SHAPES.get(key, (key, None))[0] if self.command in TABLES else key
        value: Any = self
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value

    def table(self, key: str) -> Any:
        """The table under ``key`` as a pandas DataFrame (a list of dicts without pandas).

        ``"diagnostics"`` has the columns severity, file, line, column, (cell, for a
        workbook: ``nodes!C12``) and message.

        Keys are documented per command in :data:`TABLES` (``summary().table("kinds")`` has
        the columns ``kind`` and ``count``; ``spof().table("critical_nodes")`` one row per
        single point of failure; dotted keys such as ``"structural.bridges"`` reach into
        nested objects); ``"diagnostics"`` is every result's warnings and errors.
        """
        if key == "diagnostics":
            rows = [dict(d) for d in self.diagnostics]
            columns = ["severity", "file", "line", "column", "message"]
            if any("cell" in d for d in rows):  # a workbook: the sheet and cell too
                columns.insert(4, "cell")
        else:
            value = self._value(key) if key in self.tables() else None
            shape = _TABLE_SHAPES.get(key)
            columns = None
            if value is not None and shape is not None:
                columns = list(shape[1])
                if isinstance(value, dict):
                    rows = [dict(zip(columns, item)) for item in value.items()]
                else:
                    rows = [{columns[0]: item} for item in value]
            else:
                rows = _rows(value) if value is not None else None
            if rows is None:
                raise TypeError(
                    f"{key!r} is not a table in the {self.command} result "
                    f"(tables: {', '.join(self.tables())})")
        try:
            import pandas
        except ImportError:
            return rows
        return pandas.DataFrame(rows, columns=columns) if columns else pandas.DataFrame(rows)


def _rows(value: Any) -> Optional[List[Dict[str, Any]]]:
    """``value`` as a list of dict rows, or None when it is not table-shaped."""
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return value
        return [{"value": item} for item in value] if value else []
    return None


class Image:
    """A PNG or PDF drawing as bytes (``data``); Jupyter displays a PNG inline."""

    def __init__(self, data: bytes, format: str) -> None:
        self.data = data
        self.format = format

    def _repr_png_(self):
        return self.data if self.format == "png" else None

    def save(self, path):
        """Write the drawing to ``path``."""
        with open(path, "wb") as handle:
            handle.write(self.data)

    def __bytes__(self):
        return self.data

    def __repr__(self):
        return f"<{self.format.upper()} {len(self.data)} bytes>"


class SVG:
    """An SVG drawing; Jupyter displays it inline."""

    def __init__(self, data: str) -> None:
        self.data = data

    def _repr_svg_(self):
        return self.data

    def save(self, path):
        """Write the drawing to ``path``."""
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.data)

    def __repr__(self):
        return f"<SVG {len(self.data)} characters>"


def binary() -> str:
    """The path of the ``linkage`` binary (``$LINKAGE_BIN``, else ``PATH``)."""
    env = os.environ.get("LINKAGE_BIN")
    if env:
        if not (os.path.isfile(env) and os.access(env, os.X_OK)):
            raise LinkageNotFound(f"LINKAGE_BIN={env} is not an executable file")
        return env
    found = shutil.which("linkage")
    if not found:
        raise LinkageNotFound("no `linkage` on PATH: build it (`make install`) or set LINKAGE_BIN")
    return found


def _options(options: Dict[str, Any]) -> List[str]:
    argv = []
    for name, value in options.items():
        name = name.rstrip("_").replace("_", "-")
        flag = ("-" if len(name) == 1 else "--") + name
        if value is None or value is False:
            continue
        if value is True:
            argv.append(flag)
        elif isinstance(value, (list, tuple)):
            for item in value:
                argv += [flag, str(item)]
        else:
            argv += [flag, str(value)]
    return argv


def _execute(argv: List[str]) -> subprocess.CompletedProcess:
    proc = subprocess.run(argv, capture_output=True, text=True)
    if proc.returncode != 0:
        envelope = None
        if proc.stdout.lstrip().startswith("{"):
            try:
                envelope = json.loads(proc.stdout)
            except ValueError:
                envelope = None
        raise LinkageError(proc.returncode, proc.stderr, argv, envelope)
    return proc


def run(command: str, path: Any = None, **options: Any) -> "Result":
    """Run ``linkage <command> [path] --format json --quiet`` with ``options`` as flags.

    ``path`` is a file or folder, a :class:`GraphFile`, a NetworkX graph (written with
    :func:`from_networkx`), or None for the bundled dataset. Keyword names become flags (``max_hops=3`` → ``--max-hops 3``; ``True`` → a bare flag;
    ``None``/``False`` → left out; a list → the flag repeated; a trailing underscore is dropped,
    so ``from_="x"`` → ``--from x``; one letter → a short flag, ``k=3`` → ``-k 3``). Returns a :class:`Result`.
    """
    path = as_input(path)
    argv = [binary(), command]
    if path is not None:
        argv.append(os.fspath(path))
    argv += _options(options) + ["--format", "json", "--quiet"]
    proc = _execute(argv)
    try:
        envelope = json.loads(proc.stdout)
    except ValueError as error:
        raise LinkageError(70, f"linkage {command} printed no JSON: {error}", argv) from None
    result = Result(envelope)
    result.source = path if isinstance(path, GraphFile) else (
        os.fspath(path) if path is not None else None)
    return result


def summary(path: Any = None, **options: Any) -> Result:
    """Dataset summary: node and edge counts by kind, sector, stage; cycles; semantics."""
    return run("summary", path, **options)


def validate(path: Any = None, **options: Any) -> Result:
    """Validation report, valid or not: ``result["valid"]``, counts, and ``result.diagnostics``
    / ``result.errors`` listing every problem with its file, line and column. Only a run that
    produced no report (a missing file, a bad option) raises :class:`LinkageError`."""
    try:
        return run("validate", path, **options)
    except LinkageError as error:
        if error.result is not None and error.exit_code == 65:
            error.result.source = path
            return error.result
        raise


def spof(path: Any = None, **options: Any) -> Result:
    """Single points of failure: ``critical_nodes``, ``critical_links``, ``targets`` …"""
    return run("spof", path, **options)


def paths(path: Any = None, **options: Any) -> Result:
    """Reference paths (``from_=…`` or ``readiness=True``); ``from`` is spelled ``from_``."""
    return run("paths", path, **options)


def reach(path: Any = None, **options: Any) -> Result:
    """Dual-use reach: ``nodes`` with their class, buyer counts and witnesses."""
    return run("reach", path, **options)


def brief(path: Any = None, output: Union[str, os.PathLike] = "brief", **options: Any) -> Result:
    """Write the briefing pack into ``output``; the result has ``index``, ``files``, ``findings``."""
    return run("brief", path, output=output, **options)


def diff(old: Any = None, new: Any = None, **options: Any) -> Result:
    """What changed between ``old`` and ``new`` (files, folders, :class:`GraphFile` s or
    NetworkX graphs), or between ``old`` and a scenario on it (``diff(path, fail="x")``): the
    data (``nodes``, ``edges``: added, removed, changed) and the ``answers`` that changed,
    ranked by impact. ``old`` None is the bundled dataset."""
    if new is None:
        return run("diff", old, **options)
    if old is None:
        raise ValueError("diff(None, new): name the old graph when giving a new one")
    old_path = as_input(old)
    new_path = as_input(new)
    argv = [binary(), "diff", os.fspath(old_path), os.fspath(new_path)]
    argv += _options(options) + ["--format", "json", "--quiet"]
    proc = _execute(argv)
    try:
        envelope = json.loads(proc.stdout)
    except ValueError as error:
        raise LinkageError(70, f"linkage diff printed no JSON: {error}", argv) from None
    result = Result(envelope)
    result.source = os.fspath(new_path)
    return result


def render(path: Any = None, view: str = "structure", format: str = "svg",
           **options: Any) -> Union["SVG", "Image", str, None]:
    """Draw a view (structure, spof, paths, reach): an :class:`SVG` for ``format="svg"``, an
    :class:`Image` (bytes) for ``"png"`` and ``"pdf"``, DOT text (str) for ``"dot"``. Other
    keywords are ``render``'s options (``size="1280x720"``, ``only="kind=buyer"``, …)."""
    if format not in ("svg", "png", "pdf", "dot"):
        raise ValueError(f"format must be svg, png, pdf or dot, not {format!r}")
    path = as_input(path)
    with tempfile.TemporaryDirectory(prefix="linkage-") as folder:
        output = os.path.join(folder, "view." + format)
        argv = [binary(), "render"]
        if path is not None:
            argv.append(os.fspath(path))
        argv += ["--view", view] + _options(options) + ["--output", output, "--quiet"]
        _execute(argv)
        if not os.path.exists(output):
            return None  # the paths view with no route draws nothing (as the CLI says)
        if format in ("png", "pdf"):
            with open(output, "rb") as handle:
                return Image(handle.read(), format)
        with open(output, encoding="utf-8") as handle:
            text = handle.read()
        return SVG(text) if format == "svg" else text


from ._bridge import GraphFile, as_input, from_dataframes, from_networkx, to_networkx  # noqa: E402
