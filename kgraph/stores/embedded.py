"""The embedded default: LadybugDB (the maintained fork of Kuzu) — on disk, Cypher, no server.

Its schema is typed: node tables with a primary key, relationship tables listing every
(FROM, TO) pair, all declared from kgraph.graph. Writes of one batch run in one transaction.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..graph import KEY, NODE_PROPERTIES, REL_SPECS
from .base import GraphStore, Statement

_WRITE = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|ATTACH|IMPORT|EXPORT)\b",
                    re.I)


def schema_statements() -> list[str]:
    stmts = []
    for label, props in NODE_PROPERTIES.items():
        cols = ", ".join(f"{p} {t}" for p, t in props.items())
        stmts.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY({KEY}))")
    for spec in REL_SPECS.values():
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in spec.endpoints)
        cols = "".join(f", {p} {t}" for p, t in spec.properties.items())
        stmts.append(f"CREATE REL TABLE IF NOT EXISTS {spec.type}({ends}{cols})")
    return stmts


class EmbeddedStore(GraphStore):
    dialect = "ladybug"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import ladybug

        self.path = str(path)
        p = Path(self.path)
        if read_only and not p.exists():
            raise StoreError(f"no graph database at {self.path} (build one with `kgraph build` or `kgraph load`)")
        if p.parent and not p.parent.exists():
            raise StoreError(f"cannot create a database at {self.path}: {p.parent} does not exist")
        try:
            self.db = ladybug.Database(self.path, read_only=read_only)
            self.conn = ladybug.Connection(self.db)
        except RuntimeError as e:
            raise StoreError(f"cannot open the graph database at {self.path}: {e}") from e

    def ensure_schema(self) -> None:
        for stmt in schema_statements():
            self._execute(stmt)

    def _execute(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            result = self.conn.execute(query, params or {})
        except RuntimeError as e:
            raise StoreError(f"LadybugDB: {str(e).splitlines()[0]}") from e
        results = result if isinstance(result, list) else [result]
        out: list[dict[str, Any]] = []
        for res in results[-1:]:
            cols = res.get_column_names()
            while res.has_next():
                out.append(dict(zip(cols, res.get_next())))
        return out

    def write(self, statements: Sequence[Statement]) -> None:
        """All statements in one transaction: a failure rolls the whole batch back."""
        self._execute("BEGIN TRANSACTION")
        try:
            for query, params in statements:
                self._execute(query, params)
        except BaseException:
            try:
                self._execute("ROLLBACK")
            except StoreError:
                pass  # LadybugDB already rolled back the failed transaction itself
            raise
        self._execute("COMMIT")

    def run(self, query: str, params: dict[str, Any] | None = None, write: bool = False) -> list[dict[str, Any]]:
        if not write and _WRITE.search(_strip_strings(query)):
            raise StoreError("this query would change the graph; only read queries are allowed here")
        return self._execute(query, params)

    def close(self) -> None:
        self.conn.close()
        self.db.close()


def _strip_strings(query: str) -> str:
    """The query without string literals and comments, so that a word inside them is no keyword."""
    query = re.sub(r"//[^\n]*", " ", query)
    return re.sub(r"'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`", "''", query)
