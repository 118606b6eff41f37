#!/usr/bin/env python3
"""Converts the ETO/CSET semiconductor supply chain CSVs to Linkage's graph.yaml.

Usage: python3 convert.py [SOURCE_DIR] [OUT_FILE]
Default SOURCE_DIR: ../../../shared/datasets/eto_semiconductor (the team's shared copy).
Standard library only; the output is deterministic (same input, same bytes).

Modeling (see README.md):
  * organization -> supplier node; country -> region node; every input, process, stage and
    the final chip -> input node. Source ids, kinds, countries and stages stay as attributes.
  * a firm's `provides` row -> `supplies` flow edge, part `producer` (any one producer of an
    input suffices), share as a fraction, `negligible: true` where the source says so.
  * `goes_into` and `is_type_of` rows -> `goes_into` flow edges, each its own part (a process
    needs all its inputs; leading-edge production needs every listed subtype).
  * a country's `provides` row aggregates the firm rows -> `provides` context edge from the
    region node (declared in context_relations).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "datasets", "eto_semiconductor")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "graph.yaml")

KIND = {"organization": "supplier", "country": "region"}


def slug(text):
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "node"


def yaml_scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    s = str(value)
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 _()/&'.-]*", s) is not None
    if plain and s.lower() not in {"true", "false", "yes", "no", "on", "off", "y", "n", "null"} and not s.endswith(" "):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mapping(fields):
    return "{" + ", ".join(f"{k}: {yaml_scalar(v)}" for k, v in fields if v is not None and v != "") + "}"


def main():
    with open(os.path.join(SOURCE, "nodes.csv"), newline="", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(SOURCE, "edges.csv"), newline="", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))

    ids = {}
    used = set()
    for n in nodes:
        base = slug(n["name"])
        if n["kind"] == "country":
            base = "country-" + base
        ident = base if base not in used else f"{base}-{n['id'].lower()}"
        used.add(ident)
        ids[n["id"]] = ident
    kind_of = {n["id"]: n["kind"] for n in nodes}

    out = []
    out.append("name: eto-semiconductor")
    out.append(
        'description: "ETO/CSET advanced semiconductor supply chain (Chip Explorer), converted for Linkage. '
        'CC BY-NC 4.0, attribution: Emerging Technology Observatory, Georgetown CSET. See README.md."'
    )
    out.append("context_relations: [provides]")
    out.append("nodes:")
    for n in nodes:
        fields = [
            ("id", ids[n["id"]]),
            ("name", n["name"]),
            ("kind", KIND.get(n["kind"], "input")),
            ("eto_id", n["id"]),
            ("eto_kind", n["kind"]),
            # A country node's own country is its name (ISO code, as the firms' `country`), so
            # its provision shares count as that country's declared share (concentration --by).
            ("country", (n["name"] if n["kind"] == "country" else n["country"]) or None),
            ("eto_stage", n["stage"] or None),
        ]
        out.append("  - " + mapping(fields))
    out.append("edges:")
    for e in edges:
        share = None
        if e["share"]:
            share = round(float(e["share"].rstrip("%")) / 100, 6)
        source, target, relation = e["source"], e["target"], e["relation"]
        if relation == "provides":
            if kind_of[source] == "country":
                fields = [("source", ids[source]), ("target", ids[target]), ("relation", "provides")]
            else:
                fields = [("source", ids[source]), ("target", ids[target]), ("relation", "supplies"), ("part", "producer")]
            fields += [("share", share), ("negligible", True if e["negligible"] == "negligible" else None)]
        else:
            # goes_into / is_type_of: the target needs this input as a part of its own.
            fields = [("source", ids[source]), ("target", ids[target]), ("relation", "goes_into"), ("part", ids[source])]
        fields.append(("eto_relation", relation))
        out.append("  - " + mapping(fields))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {OUT}: {len(nodes)} nodes, {len(edges)} edges")


if __name__ == "__main__":
    main()
