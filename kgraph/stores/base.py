"""The store interface every backend implements, and the function that picks a backend."""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
Statement = tuple[str, dict[str, Any]]

DEFAULT_DB = "kgraph.db"
BATCH_SIZE = 5000


def batches(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items, consumed lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class GraphStore(ABC):
    """Ensure schema, write, run a query, close. Writes are idempotent MERGEs on `id`."""

    dialect: str = ""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create constraints/tables and indexes; safe to run any number of times."""

    @abstractmethod
    def write(self, statements: Sequence[Statement]) -> None:
        """Run write statements as one transaction: all of them, or (on error) none."""

    def write_nodes(self, label: str, rows: Sequence[dict[str, Any]]) -> int:
        """MERGE nodes by `id` and set their properties, in batches; returns rows written."""
        from . import cypher

        query = cypher.merge_nodes(label)
        for chunk in batches(rows):
            self.write([(query, {"rows": chunk})])
        return len(rows)

    def write_relationships(self, rel_type: str, from_label: str, to_label: str,
                            rows: Sequence[dict[str, Any]]) -> int:
        """MERGE relationships between existing nodes (`src`, `dst` ids in each row)."""
        from . import cypher

        query = cypher.merge_relationships(rel_type, from_label, to_label)
        for chunk in batches(rows):
            self.write([(query, {"rows": chunk})])
        return len(rows)

    @abstractmethod
    def run(self, query: str, params: dict[str, Any] | None = None, write: bool = False) -> list[dict[str, Any]]:
        """Run Cypher with parameters and return the rows as dicts."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(db: str | None = None, user: str | None = None, password: str | None = None,
               database: str | None = None, read_only: bool = False) -> GraphStore:
    """`bolt://` / `neo4j://` URIs open Neo4j; anything else is a path to the embedded store
    (default: KGRAPH_DB, else ./kgraph.db)."""
    target = db or os.environ.get("KGRAPH_DB") or DEFAULT_DB
    if target.split("://", 1)[0] in ("bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc"):
        from .neo4j import Neo4jStore

        return Neo4jStore(target, user or os.environ.get("NEO4J_USER", "neo4j"),
                          password if password is not None else os.environ.get("NEO4J_PASSWORD", ""),
                          database or os.environ.get("NEO4J_DATABASE", "neo4j"))
    from .embedded import EmbeddedStore

    return EmbeddedStore(target, read_only=read_only)
