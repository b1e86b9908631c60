from __future__ import annotations

import json

import pytest

from kgraph.errors import QueryError
from kgraph.load import load_records
from kgraph.queries import Param, bind, get_query, load_queries, parse_query_file, run_named
from kgraph.records import read_records

SAMPLE = {"dataset": "CIFAR-10", "method": "VQ-VAE", "task": "image generation", "name": "VQ-VAE",
          "paper": "Neural Discrete Representation Learning", "from": "CIFAR-10", "to": "ImageNet"}


def write(tmp_path, text, name="q"):
    f = tmp_path / f"{name}.cypher"
    f.write_text(text)
    return f


def test_every_shipped_query_loads_and_declares_its_parameters():
    queries = load_queries()
    assert len(queries) >= 12
    for q in queries.values():
        assert q.description and q.text
    assert queries["methods-used-together"].params == (Param("method"), Param("limit", "int", "10"))
    assert set(queries["shortest-path"].variants) == {"ladybug"}


@pytest.mark.parametrize("text, message", [
    ("// name: q\n// description: d\n// params: a\nRETURN $b", r"q.cypher:4: parameter \$b is used but not declared"),
    ("// name: q\n// description: d\n// params: a, b\nRETURN $a", r"q.cypher:3: parameter \$b is declared but never used"),
    ("// name: q\n// description: d\n// params: a, a\nRETURN $a", r"q.cypher:3: parameter \$a declared twice"),
    ("// name: other\n// description: d\n// params:\nRETURN 1", r"q.cypher:1: query name 'other' differs"),
    ("// name: q\n// params:\nRETURN 1", r"q.cypher:1: missing '// description:' header"),
    ("// name: q\n// description: d\n// params: a:date\nRETURN $a", r"q.cypher:3: bad parameter declaration"),
])
def test_header_errors_name_file_and_line(tmp_path, text, message):
    with pytest.raises(QueryError, match=message):
        parse_query_file(write(tmp_path, text))


def test_parameters_inside_strings_and_comments_do_not_count(tmp_path):
    q = parse_query_file(write(tmp_path, "// name: q\n// description: d\n// params: a\n"
                                         "RETURN $a AS x, '$notaparam' AS y // $neither"))
    assert q.params == (Param("a"),)


def test_bind_types_defaults_and_errors():
    q = get_query("top-datasets")
    assert bind(q, {}) == {"limit": 10}
    assert bind(q, {"limit": "3"}) == {"limit": 3}
    with pytest.raises(QueryError, match="must be int, got 'many'"):
        bind(q, {"limit": "many"})
    with pytest.raises(QueryError, match="has no parameter 'dataset'"):
        bind(q, {"dataset": "x"})
    with pytest.raises(QueryError, match=r"needs a value for 'dataset': -p dataset VALUE"):
        bind(get_query("leaderboard"), {})
    with pytest.raises(QueryError, match="unknown query 'nope'"):
        get_query("nope")


@pytest.fixture(scope="module")
def both_stores(seed_records, tmp_path_factory, neo4j_server):
    """The seeds graph in the embedded store and in Neo4j."""
    from kgraph.stores.embedded import EmbeddedStore
    from kgraph.stores.neo4j import Neo4jStore
    from tests.conftest import _wipe

    embedded = EmbeddedStore(tmp_path_factory.mktemp("db") / "seeds.db")
    neo = Neo4jStore(*neo4j_server)
    _wipe(neo)
    for s in (embedded, neo):
        load_records(lambda: read_records(str(seed_records)), s)
    yield embedded, neo
    embedded.close()
    neo.close()


def _normalised(name, rows):
    if name == "shortest-path":  # equally short paths may differ; their length may not
        return [r["hops"] for r in rows]
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_query_answers_the_same_on_both_stores(both_stores, name):
    embedded, neo = both_stores
    q = get_query(name)
    params = {p.name: SAMPLE[p.name] for p in q.params if p.name in SAMPLE}
    a = run_named(embedded, name, params)
    b = run_named(neo, name, params)
    assert _normalised(name, a) == _normalised(name, b)
    if name in ("methods-evaluated-on", "leaderboard", "top-datasets", "lookup", "shortest-path"):
        assert a, f"{name} found nothing on the seeds graph"


def test_cifar10_answer_has_evidence(both_stores):
    rows = run_named(both_stores[0], "methods-evaluated-on", {"dataset": "cifar10"})
    assert len(rows) >= 10
    assert all("CIFAR" in r["evidence"].upper() or r["evidence"] for r in rows)
    assert {"Time-Shift Sampler", "DiffEnc"} <= {r["method"] for r in rows}
