"""One suite, run on the embedded store and on a real Neo4j (the `store` fixture)."""
from __future__ import annotations

import json

from kgraph.load import graph_counts, load_records
from kgraph.records import read_records
from kgraph.types import Entity, Mention, PaperRecord, Relation, Result

SENT = "We propose FooNet for widget detection on CIFAR-10."


def foo_paper(pid="p1", title="FooNet: Widgets", extra_dataset=False):
    text = f"{title}\n\n{SENT}"
    at = text.index("FooNet", len(title))
    ents = [Entity("FooNet", "Method", [], [Mention(at, at + 6, SENT)]),
            Entity("CIFAR-10", "Dataset", [], [Mention(text.index("CIFAR-10"), text.index("CIFAR-10") + 8, SENT)],
                   "cifar-10"),
            Entity("widget detection", "Task", [], [Mention(text.index("widget"), text.index("widget") + 16, SENT)])]
    if extra_dataset:
        ents.append(Entity("MNIST", "Dataset", [], [Mention(0, 0, SENT)], "mnist"))
    rels = [Relation("PROPOSES", "FooNet", ents[0].mentions[0]), Relation("EVALUATED_ON", "CIFAR-10", ents[1].mentions[0]),
            Relation("ADDRESSES", "widget detection", ents[2].mentions[0])]
    results = [Result("91.2", None, "CIFAR-10", "FooNet", Mention(10, 14, SENT))]
    return PaperRecord(pid, title, text, ents, rels, results, {"year": 2024})


def user_paper(pid="p2"):
    text = "Using FooNet\n\nWe apply FooNet to new data."
    return PaperRecord(pid, "Using FooNet", text,
                       [Entity("FooNet", "Method", [], [Mention(text.index("FooNet", 14), text.index("FooNet", 14) + 6,
                                                                "We apply FooNet to new data.")])], [], [],
                       {"year": 2025})


def load(store, *records):
    return load_records(lambda: iter(records), store)


def test_load_counts_and_the_headline_question(store):
    summary = load(store, foo_paper(), user_paper())
    assert summary.papers == 2
    assert summary.nodes == {"Paper": 2, "Method": 1, "Model": 0, "Dataset": 1, "Metric": 0, "Task": 1, "Result": 1}
    assert summary.relationships == {"PROPOSES": 1, "EVALUATED_ON": 2, "ADDRESSES": 1, "MENTIONS": 4, "REPORTS": 1,
                                     "BUILDS_ON": 1, "MEASURED_BY": 0, "ACHIEVED_ON": 1, "ACHIEVED_BY": 1}
    rows = store.run("MATCH (m:Method)-[e:EVALUATED_ON]->(d:Dataset {id: 'cifar-10'}) "
                     "RETURN m.name AS method, e.paper_id AS paper, e.sentence AS evidence")
    assert rows == [{"method": "FooNet", "paper": "p1", "evidence": SENT}]
    rows = store.run("MATCH (a:Paper)-[b:BUILDS_ON]->(p:Paper) RETURN a.id AS a, p.id AS p, b.via AS via, "
                     "b.sentence AS s, b.char_start AS start")
    assert rows == [{"a": "p2", "p": "p1", "via": "foonet", "s": "We apply FooNet to new data.", "start": 23}]


def test_loading_twice_changes_nothing(store):
    load(store, foo_paper(), user_paper())
    first = graph_counts(store)
    load(store, foo_paper(), user_paper())
    assert graph_counts(store) == first


def test_a_second_corpus_adds_to_the_first(store):
    load(store, foo_paper())
    load(store, user_paper())  # the link to p1 is found although p1 came in an earlier load
    nodes, rels = graph_counts(store)
    assert (nodes["Paper"], rels["BUILDS_ON"], rels["MENTIONS"]) == (2, 1, 4)


def test_a_reextracted_paper_replaces_its_own_facts(store):
    load(store, foo_paper(extra_dataset=True))
    assert graph_counts(store)[0]["Dataset"] == 2
    load(store, foo_paper())
    nodes, rels = graph_counts(store)
    assert nodes["Dataset"] == 1 and rels["MENTIONS"] == 3 and rels["EVALUATED_ON"] == 2


def test_seed_counts_are_identical_in_both_stores(seed_records, tmp_path, neo4j_store):
    from kgraph.stores.embedded import EmbeddedStore

    source = lambda: read_records(str(seed_records))  # noqa: E731
    embedded = EmbeddedStore(tmp_path / "seeds.db")
    try:
        a = load_records(source, embedded)
    finally:
        embedded.close()
    b = load_records(source, neo4j_store)
    assert (a.nodes, a.relationships) == (b.nodes, b.relationships)
    assert a.nodes["Paper"] == 526
    assert a.relationships["BUILDS_ON"] > 0


def test_seed_graph_links_vq_vae_users_to_its_paper(seed_records, tmp_path):
    from kgraph.stores.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "seeds.db") as s:
        load_records(lambda: read_records(str(seed_records)), s)
        rows = s.run("MATCH (a:Paper)-[b:BUILDS_ON {via: 'vector-quantized-variational-autoencoder'}]->(p:Paper) "
                     "RETURN DISTINCT p.title AS t")
        assert rows == [{"t": "Neural Discrete Representation Learning"}]
        variants = s.run("MATCH (d:Dataset) WHERE d.id = 'cifar-10' RETURN d.aliases AS a")[0]["a"]
        assert {"CIFAR10", "Cifar10", "cifar-10"} & set(variants)


def test_records_round_trip_through_json():
    r = foo_paper()
    assert json.loads(json.dumps(r.to_dict())) == PaperRecord.from_dict(r.to_dict()).to_dict()
