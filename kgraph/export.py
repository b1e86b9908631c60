"""Export the graph from a store: GraphML (networkx) for Gephi/Cytoscape/yEd, CSV in the
neo4j-admin import format, or JSON lines. Everything is read page by page, by the schema.

Node keys in exports are "Label:id" (ids are unique per label); GraphML and JSONL carry the
label as `label`, CSV puts each label in its own ID space.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import KGraphError
from .graph import BOOL, FLOAT, INT, KEY, NODE_PROPERTIES, REL_SPECS, STRINGS
from .stores.base import GraphStore

EXPORT_FORMATS = ("graphml", "csv", "jsonl")
PAGE = 5000


def iter_nodes(store: GraphStore, label: str) -> Iterator[dict[str, Any]]:
    """All nodes of a label with their properties, in id order, a page at a time."""
    props = list(NODE_PROPERTIES[label])
    cols = ", ".join(f"n.{p} AS {p}" for p in props)
    after = ""
    while True:
        rows = store.run(f"MATCH (n:{label}) WHERE n.{KEY} > $after RETURN {cols} ORDER BY n.{KEY} LIMIT $page",
                         {"after": after, "page": PAGE})
        yield from rows
        if len(rows) < PAGE:
            return
        after = rows[-1][KEY]


def iter_relationships(store: GraphStore, rel_type: str, a: str, b: str) -> Iterator[dict[str, Any]]:
    """All relationships of a type between two labels, a page at a time (ordered by ends)."""
    props = list(REL_SPECS[rel_type].properties)
    cols = "".join(f", r.{p} AS {p}" for p in props)
    skip = 0
    while True:
        rows = store.run(f"MATCH (a:{a})-[r:{rel_type}]->(b:{b}) RETURN a.{KEY} AS src, b.{KEY} AS dst{cols} "
                         f"ORDER BY src, dst{''.join(f', {p}' for p in props)} SKIP $skip LIMIT $page",
                         {"skip": skip, "page": PAGE})
        yield from rows
        if len(rows) < PAGE:
            return
        skip += PAGE


def export_graph(store: GraphStore, fmt: str, output: str) -> dict[str, int]:
    """Write the whole graph to `output` (a file; a directory for csv). Returns counts."""
    if fmt not in EXPORT_FORMATS:
        raise KGraphError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return {"graphml": _graphml, "csv": _csv, "jsonl": _jsonl}[fmt](store, output)


def _atomic_file(output: str) -> tuple[int, str]:
    target = Path(output)
    if target.is_dir():
        raise KGraphError(f"{output} is a directory; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)


def _scalar(v: Any) -> Any:
    """GraphML takes scalars: lists and dicts become JSON strings."""
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def _graphml(store: GraphStore, output: str) -> dict[str, int]:
    import networkx as nx

    g = nx.MultiDiGraph()
    for label in NODE_PROPERTIES:
        for row in iter_nodes(store, label):
            attrs = {k: _scalar(v) for k, v in row.items() if v is not None}
            g.add_node(f"{label}:{row[KEY]}", label=str(label), **attrs)
    for spec in REL_SPECS.values():
        for a, b in spec.endpoints:
            for row in iter_relationships(store, spec.type, a, b):
                attrs = {k: _scalar(v) for k, v in row.items() if v is not None and k not in ("src", "dst")}
                g.add_edge(f"{a}:{row['src']}", f"{b}:{row['dst']}", key=None, type=str(spec.type), **attrs)
    fd, tmp = _atomic_file(output)
    try:
        with os.fdopen(fd, "wb") as f:
            nx.write_graphml(g, f, named_key_ids=True)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {"nodes": g.number_of_nodes(), "relationships": g.number_of_edges()}


def _jsonl(store: GraphStore, output: str) -> dict[str, int]:
    fd, tmp = _atomic_file(output)
    counts = {"nodes": 0, "relationships": 0}
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for label in NODE_PROPERTIES:
                for row in iter_nodes(store, label):
                    props = {k: v for k, v in row.items() if v is not None}
                    f.write(json.dumps({"kind": "node", "label": label, **props}, ensure_ascii=False) + "\n")
                    counts["nodes"] += 1
            for spec in REL_SPECS.values():
                for a, b in spec.endpoints:
                    for row in iter_relationships(store, spec.type, a, b):
                        props = {k: v for k, v in row.items() if v is not None and k not in ("src", "dst")}
                        f.write(json.dumps({"kind": "relationship", "type": spec.type, "start": f"{a}:{row['src']}",
                                            "end": f"{b}:{row['dst']}", **props}, ensure_ascii=False) + "\n")
                        counts["relationships"] += 1
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return counts


_CSV_TYPES = {INT: "long", FLOAT: "double", BOOL: "boolean", STRINGS: "string[]"}
ARRAY_DELIMITER = "|"


def _csv_header(props: dict[str, str]) -> list[str]:
    return [f"{p}:{_CSV_TYPES[t]}" if t in _CSV_TYPES else p for p, t in props.items()]


def _csv_value(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list):
        return ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, "/") for x in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def import_command(directory: str, files: list[tuple[str, str]], database: str = "neo4j") -> list[str]:
    """neo4j-admin arguments that import the exported files (paths inside `directory`)."""
    # the report goes beside the data, not into whatever directory the import runs from
    args = ["database", "import", "full", database, "--overwrite-destination=true", "--multiline-fields=true",
            f"--array-delimiter={ARRAY_DELIMITER}", "--max-off-heap-memory=2G", "--threads=2",
            f"--report-file={Path(directory).resolve() / 'import.report'}"]
    for kind, name in files:
        args.append(f"--{kind}={Path(directory).resolve() / name}")
    return args


def _csv(store: GraphStore, output: str) -> dict[str, int]:
    """One file per label and per (type, from, to), with ID spaces per label; written into a
    temporary directory that replaces `output` at the end."""
    target = Path(output)
    if target.exists() and not target.is_dir():
        raise KGraphError(f"{output} exists and is not a directory; csv export writes a directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    counts = {"nodes": 0, "relationships": 0}
    files: list[tuple[str, str]] = []
    try:
        for label, props in NODE_PROPERTIES.items():
            name = f"nodes_{label}.csv"
            with open(tmp / name, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                header = _csv_header(props)
                header[list(props).index(KEY)] = f"{KEY}:ID({label})"
                w.writerow(header + [":LABEL"])
                for row in iter_nodes(store, label):
                    w.writerow([_csv_value(row.get(p)) for p in props] + [label])
                    counts["nodes"] += 1
            files.append(("nodes", name))
        for spec in REL_SPECS.values():
            for a, b in spec.endpoints:
                name = f"relationships_{spec.type}_{a}_{b}.csv"
                with open(tmp / name, "w", newline="", encoding="utf-8") as f:
                    w = csv.writer(f)
                    w.writerow([f":START_ID({a})", f":END_ID({b})"] + _csv_header(spec.properties) + [":TYPE"])
                    for row in iter_relationships(store, spec.type, a, b):
                        w.writerow([row["src"], row["dst"]] + [_csv_value(row.get(p)) for p in spec.properties]
                                   + [spec.type])
                        counts["relationships"] += 1
                files.append(("relationships", name))
        (tmp / "import-args.txt").write_text("\n".join(import_command(str(target), files)) + "\n")
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return counts
