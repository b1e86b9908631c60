"""A real round trip through the project's own write path into a real Neo4j server."""
from __future__ import annotations

import pytest

from kgraph.types import Label, Rel

pytestmark = pytest.mark.neo4j

PAPERS = [{"id": "p1", "title": "VQ-VAE paper", "year": 2017, "authors": ["A. van den Oord"]},
          {"id": "p2", "title": "VQ-Diffusion paper", "year": 2021, "authors": []}]
METHODS = [{"id": "method:vqvae", "name": "Vector Quantized Variational Autoencoder", "aliases": ["VQ-VAE"],
            "papers": 2}]
PROPOSES = [{"src": "p1", "dst": "method:vqvae", "sentence": "We propose VQ-VAE.", "char_start": 11, "char_end": 17}]
MENTIONS = [{"src": "p1", "dst": "method:vqvae", "sentence": "We propose VQ-VAE.", "char_start": 11, "char_end": 17,
             "count": 1},
            {"src": "p2", "dst": "method:vqvae", "sentence": "based on VQ-VAE", "char_start": 9, "char_end": 15,
             "count": 2}]


def _load(store) -> None:
    store.write_nodes(Label.PAPER, PAPERS)
    store.write_nodes(Label.METHOD, METHODS)
    store.write_relationships(Rel.PROPOSES, Label.PAPER, Label.METHOD, PROPOSES)
    store.write_relationships(Rel.MENTIONS, Label.PAPER, Label.METHOD, MENTIONS)


def _counts(store) -> tuple[int, int]:
    nodes = store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, rels


def test_schema_is_idempotent(neo4j_store):
    neo4j_store.ensure_schema()
    first = sorted(r["name"] for r in neo4j_store.run("SHOW CONSTRAINTS YIELD name RETURN name"))
    neo4j_store.ensure_schema()
    second = sorted(r["name"] for r in neo4j_store.run("SHOW CONSTRAINTS YIELD name RETURN name"))
    assert first == second
    assert "paper_id" in first and "method_id" in first and len(first) == 7
    indexes = {r["name"]: r["type"] for r in neo4j_store.run("SHOW INDEXES YIELD name, type RETURN name, type")}
    assert indexes["kgraph_names"] == "FULLTEXT"


def test_round_trip_counts_and_values(neo4j_store):
    neo4j_store.ensure_schema()
    _load(neo4j_store)
    assert _counts(neo4j_store) == (3, 3)
    rows = neo4j_store.run(
        "MATCH (p:Paper)-[r:PROPOSES]->(m:Method) RETURN p.id AS paper, m.name AS name, "
        "m.aliases AS aliases, r.sentence AS sentence, r.char_start AS start")
    assert rows == [{"paper": "p1", "name": "Vector Quantized Variational Autoencoder",
                     "aliases": ["VQ-VAE"], "sentence": "We propose VQ-VAE.", "start": 11}]


def test_reloading_changes_nothing(neo4j_store):
    neo4j_store.ensure_schema()
    _load(neo4j_store)
    _load(neo4j_store)
    assert _counts(neo4j_store) == (3, 3)


def test_uniqueness_constraint_is_enforced(neo4j_store):
    from kgraph.errors import StoreError

    neo4j_store.ensure_schema()
    neo4j_store.write_nodes(Label.PAPER, PAPERS)
    with pytest.raises(StoreError, match="already exists"):
        neo4j_store.run("CREATE (:Paper {id: 'p1'})", write=True)


def test_fulltext_index_finds_aliases(neo4j_store):
    neo4j_store.ensure_schema()
    _load(neo4j_store)
    neo4j_store.run("CALL db.awaitIndexes(60)", write=False)
    rows = neo4j_store.run("CALL db.index.fulltext.queryNodes('kgraph_names', $q) YIELD node "
                           "RETURN node.id AS id", {"q": "\"VQ-VAE\""})
    # The method's name lacks "VQ-VAE": only its aliases list can match.
    assert sorted(r["id"] for r in rows) == ["method:vqvae", "p1"]
