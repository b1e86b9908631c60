from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from kgraph.export import export_graph
from kgraph.load import graph_counts, load_records
from kgraph.records import read_records
from kgraph.stores.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeds_store(seed_records, tmp_path_factory):
    s = EmbeddedStore(tmp_path_factory.mktemp("db") / "seeds.db")
    load_records(lambda: read_records(str(seed_records)), s)
    yield s
    s.close()


def test_graphml_reads_back_in_igraph_with_the_same_counts(seeds_store, tmp_path):
    import igraph

    out = tmp_path / "g.graphml"
    counts = export_graph(seeds_store, "graphml", str(out))
    nodes, rels = graph_counts(seeds_store)
    assert counts == {"nodes": sum(nodes.values()), "relationships": sum(rels.values())}
    g = igraph.Graph.Read_GraphML(str(out))
    assert (g.vcount(), g.ecount()) == (sum(nodes.values()), sum(rels.values()))
    assert Counter(g.vs["label"]) == {k: v for k, v in nodes.items() if v}
    assert Counter(g.es["type"]) == {k: v for k, v in rels.items() if v}
    paper = g.vs.find(label="Paper", title="Neural Discrete Representation Learning")
    assert isinstance(json.loads(paper["sources"]), list)  # lists travel as JSON strings
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_jsonl_export_counts(seeds_store, tmp_path):
    out = tmp_path / "g.jsonl"
    counts = export_graph(seeds_store, "jsonl", str(out))
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert Counter(x["kind"] for x in lines) == {"node": counts["nodes"], "relationship": counts["relationships"]}
    rel = next(x for x in lines if x["kind"] == "relationship" and x["type"] == "PROPOSES")
    assert rel["start"].startswith("Paper:") and rel["sentence"]


def _neo4j_lib() -> Path:
    return Path(os.environ.get("KGRAPH_NEO4J_HOME", ROOT / ".neo4j")) / "lib"


@pytest.mark.skipif(not (_neo4j_lib() / "neo4j-import-tool-5.26.12.jar").exists() and
                    os.environ.get("KGRAPH_REQUIRE_NEO4J") != "1",
                    reason="no Neo4j jars (scripts/neo4j-local start provides them)")
def test_csv_imports_with_neo4j_admin(seeds_store, tmp_path):
    out = tmp_path / "import"
    counts = export_graph(seeds_store, "csv", str(out))
    home = tmp_path / "neo4j-home"
    home.mkdir()
    (home / "lib").symlink_to(_neo4j_lib())
    args = (out / "import-args.txt").read_text().split()
    proc = subprocess.run([str(ROOT / "scripts" / "neo4j-local"), "admin", *args], capture_output=True, text=True,
                          env={**os.environ, "KGRAPH_NEO4J_HOME": str(home)}, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert f"{counts['nodes']} nodes" in proc.stdout and f"{counts['relationships']} relationships" in proc.stdout


def test_every_relationship_carries_evidence(seeds_store):
    from kgraph.graph import REL_SPECS

    for spec in REL_SPECS.values():
        assert "sentence" in spec.properties, spec.type
        if spec.type != "BUILDS_ON":
            for a, b in spec.endpoints:
                missing = seeds_store.run(f"MATCH (:{a})-[r:{spec.type}]->(:{b}) WHERE r.sentence IS NULL "
                                          "RETURN count(r) AS n")[0]["n"]
                assert missing == 0, (spec.type, a, b)


def test_csv_header_uses_id_spaces_and_types(seeds_store, tmp_path):
    export_graph(seeds_store, "csv", str(tmp_path / "import"))
    header = (tmp_path / "import" / "nodes_Paper.csv").read_text().splitlines()[0]
    assert header == ("id:ID(Paper),title,abstract,arxiv_id,doi,url,authors:string[],date,year:long,"
                      "sources:string[],:LABEL")
    rel_header = (tmp_path / "import" / "relationships_PROPOSES_Paper_Method.csv").read_text().splitlines()[0]
    assert rel_header == ":START_ID(Paper),:END_ID(Method),sentence,char_start:long,char_end:long,:TYPE"
