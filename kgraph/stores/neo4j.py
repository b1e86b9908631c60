"""Neo4j 5 through the official driver: constraints before data, batched managed writes."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from ..graph import FULLTEXT_PROPERTIES, KEY, NODE_PROPERTIES
from .base import GraphStore, Statement

FULLTEXT_INDEX = "kgraph_names"


def schema_statements() -> list[str]:
    """Idempotent: uniqueness constraints (each backed by an index) and one full-text index."""
    stmts = [f"CREATE CONSTRAINT {label.lower()}_{KEY} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{KEY} IS UNIQUE"
             for label in NODE_PROPERTIES]
    labels = "|".join(FULLTEXT_PROPERTIES)
    props = sorted({p for ps in FULLTEXT_PROPERTIES.values() for p in ps})
    stmts.append(f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{labels}) "
                 f"ON EACH [{', '.join(f'n.{p}' for p in props)}]")
    stmts.append("CREATE INDEX paper_year IF NOT EXISTS FOR (n:Paper) ON (n.year)")
    return stmts


class Neo4jStore(GraphStore):
    dialect = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j") -> None:
        import neo4j

        self._neo4j = neo4j
        self.uri, self.database = uri, database
        try:
            self.driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            self.driver.verify_connectivity()
        except neo4j.exceptions.AuthError as e:
            raise StoreError(f"Neo4j at {uri} refused the credentials for user {user!r} "
                             "(set NEO4J_USER / NEO4J_PASSWORD)") from e
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.ConfigurationError, OSError,
                ValueError) as e:
            raise StoreError(f"cannot reach Neo4j at {uri}: {' '.join(str(e).split())}") from e

    def ensure_schema(self) -> None:
        for stmt in schema_statements():
            self.run(stmt, write=True)

    def write(self, statements: Sequence[Statement]) -> None:
        """One managed transaction, retried on transient errors: the statements are MERGEs
        and deletes of a paper's own facts, so running them again gives the same graph."""
        def work(tx: Any) -> None:
            for query, params in statements:
                tx.run(query, params).consume()

        try:
            with self.driver.session(database=self.database) as session:
                session.execute_write(work)
        except self._neo4j.exceptions.Neo4jError as e:
            raise StoreError(f"Neo4j write failed: {e.message}") from e

    def run(self, query: str, params: dict[str, Any] | None = None, write: bool = False) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(query, params or {})]

        try:
            with self.driver.session(database=self.database) as session:
                if write:
                    return session.execute_write(work)
                # A read transaction: the server itself refuses any write inside it.
                return session.execute_read(work)
        except self._neo4j.exceptions.Neo4jError as e:
            if not write and e.code and "AccessMode" in e.code:
                raise StoreError("this query would change the graph; only read queries are allowed here") from e
            raise StoreError(f"Neo4j: {e.message}") from e

    def close(self) -> None:
        self.driver.close()
