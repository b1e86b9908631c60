"""Shared fixtures. Neo4j comes from NEO4J_URI (set by scripts/test, which starts a real server
when there is no Docker), else from testcontainers when a Docker engine answers."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NEO4J_IMAGE = "neo4j:5.26.12-community"


def _docker_answers() -> bool:
    if not shutil.which("docker"):
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.fixture(scope="session")
def neo4j_server():
    """(uri, user, password) of a real Neo4j 5 server for the whole session."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer(NEO4J_IMAGE, password="kgraph-password") as container:
            yield container.get_connection_url(), "neo4j", "kgraph-password"
        return
    msg = ("no Neo4j: set NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, start Docker, or run the suite "
           "through scripts/test (which starts scripts/neo4j-local)")
    if os.environ.get("KGRAPH_REQUIRE_NEO4J") == "1":
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture
def neo4j_store(neo4j_server):
    """A Neo4jStore on an empty database: no nodes, no constraints, no indexes."""
    from kgraph.stores.neo4j import Neo4jStore

    uri, user, password = neo4j_server
    store = Neo4jStore(uri, user, password)
    _wipe(store)
    yield store
    store.close()


def _wipe(store) -> None:
    store.run("MATCH (n) DETACH DELETE n", write=True)
    for row in store.run("SHOW CONSTRAINTS YIELD name RETURN name"):
        store.run(f"DROP CONSTRAINT `{row['name']}` IF EXISTS", write=True)
    for row in store.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"):
        store.run(f"DROP INDEX `{row['name']}` IF EXISTS", write=True)


@pytest.fixture(scope="session")
def seed_records(tmp_path_factory):
    """The seeds/ corpus extracted once per session, as a records.jsonl path."""
    from kgraph.extract import extract_records
    from kgraph.readers import read_papers
    from kgraph.records import write_records

    path = tmp_path_factory.mktemp("seeds") / "records.jsonl"
    write_records(extract_records(read_papers([str(ROOT / "seeds")])), str(path))
    return path


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    """Each test of the store suite runs on an empty embedded database and on empty Neo4j."""
    if request.param == "embedded":
        from kgraph.stores.embedded import EmbeddedStore

        s = EmbeddedStore(tmp_path / "graph.db")
        yield s
        s.close()
    else:
        yield request.getfixturevalue("neo4j_store")
