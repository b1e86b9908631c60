"""Records into a graph store: resolve entities across papers, build graph rows, write them.

    observe all records (abbreviation index) -> resolve all entities (names, types)
    -> per batch of papers, in one transaction: delete the papers' own old facts, MERGE
       papers, results and their edges -> derive BUILDS_ON -> prune unreferenced entities

Re-loading the same records changes nothing; a re-extracted paper replaces its own edges; a
second corpus adds to the first.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .graph import NODE_PROPERTIES, REL_SPECS
from .resolve import Resolver, Thesaurus
from .stores import cypher
from .stores.base import GraphStore, Statement, batches
from .types import ENTITY_TYPES, Label, Mention, PaperRecord, Rel

RelKey = tuple[str, str, str]  # (type, from label, to label)


@dataclass
class GraphBatch:
    """The graph rows of a batch of papers, ready for the store."""

    paper_ids: list[str] = field(default_factory=list)
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    rels: dict[RelKey, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class LoadSummary:
    papers: int = 0
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        nodes = ", ".join(f"{n} {label}" for label, n in self.nodes.items())
        rels = ", ".join(f"{n} {t}" for t, n in self.relationships.items())
        return f"loaded {self.papers} papers\nnodes: {nodes}\nrelationships: {rels}"


def _evidence(m: Mention | None) -> dict[str, Any]:
    if m is None:
        return {"sentence": None, "char_start": None, "char_end": None}
    return {"sentence": m.sentence, "char_start": m.start, "char_end": m.end}


def _number(value: str) -> float | None:
    m = re.search(r"-?\d+(?:\.\d+)?", value.replace(",", ""))
    return float(m.group()) if m else None


_LOWER_IS_BETTER = re.compile(
    r"\b(?:fid|fvd|kid|lpips|perplexity|ppl|error|errors|loss|nll|negative log|bits|bpd|bpc|mse|rmse|mae|mape|wer|"
    r"cer|eer|latency|time|memory|size|footprint|energy|distance|divergence|regret|crps|ece|calibration|niqe|"
    r"brisque|bitrate|bpp|flops)\b", re.I)


def higher_is_better(metric: str | None) -> bool | None:
    """Direction of a metric, for leaderboards: FID, perplexity, errors, time... go down."""
    if not metric:
        return None
    return _LOWER_IS_BETTER.search(metric.replace("-", " ")) is None


def result_id(paper_id: str, value: str, metric: str | None, dataset: str | None, start: int) -> str:
    raw = "|".join([paper_id, value, metric or "", dataset or "", str(start)])
    return "result:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def paper_row(r: PaperRecord) -> dict[str, Any]:
    meta = r.meta
    abstract = r.text[len(r.title) + 2:] if r.text.startswith(r.title) else ""
    return {"id": r.id, "title": r.title, "abstract": abstract, "arxiv_id": meta.get("arxiv_id"),
            "doi": meta.get("doi"), "url": meta.get("url"), "authors": list(meta.get("authors") or []),
            "date": meta.get("date"), "year": meta.get("year"),
            "sources": [str(s) for s in meta.get("sources") or []]}


def graph_batch(records: Iterable[PaperRecord], resolver: Resolver, label_of: Callable[[str], str]) -> GraphBatch:
    """Rows for these papers. `label_of(entity id)` gives the node label decided for it."""
    b = GraphBatch()
    for r in records:
        b.paper_ids.append(r.id)
        b.nodes[Label.PAPER].append(paper_row(r))
        ids = {e.name: k for e in r.entities if (k := resolver.key(e)) is not None}
        for e in r.entities:
            k = ids.get(e.name)
            if k is None:
                continue
            b.rels[(Rel.MENTIONS, Label.PAPER, label_of(k))].append(
                {"src": r.id, "dst": k, "count": len(e.mentions), **_evidence(e.mentions[0] if e.mentions else None)})
        proposed, datasets = [], []
        for rel in r.relations:
            k = ids.get(rel.target)
            if k is None:
                continue
            label = label_of(k)
            if (rel.type, Label.PAPER, label) not in _ALLOWED or (
                    rel.type == Rel.PROPOSES and label not in (Label.METHOD, Label.MODEL)):
                continue  # the entity's label across the corpus decides what may be proposed
            row = {"src": r.id, "dst": k, **_evidence(rel.evidence)}
            if REL_SPECS[rel.type].discriminator == "paper_id":
                row["paper_id"] = r.id  # EVALUATED_ON is keyed by the paper that states it
            b.rels[(rel.type, Label.PAPER, label)].append(row)
            if rel.type == Rel.PROPOSES and label in (Label.METHOD, Label.MODEL):
                proposed.append((k, label))
            elif rel.type == Rel.EVALUATED_ON:
                datasets.append((k, rel.evidence))
        derived: dict[tuple[str, str], dict[str, Any]] = {}
        for (m, m_label) in proposed:
            for d, ev in datasets:
                derived[(m, d)] = {"src": m, "dst": d, "paper_id": r.id, "label": m_label, **_evidence(ev)}
        for res in r.results:
            rid = result_id(r.id, res.value, res.metric, res.dataset, res.evidence.start)
            b.nodes[Label.RESULT].append({
                "id": rid, "value": res.value, "number": _number(res.value), "metric": res.metric,
                "dataset": res.dataset, "method": res.method, "paper_id": r.id,
                "higher_is_better": higher_is_better(res.metric), **_evidence(res.evidence)})
            ev = _evidence(res.evidence)
            b.rels[(Rel.REPORTS, Label.PAPER, Label.RESULT)].append({"src": r.id, "dst": rid, **ev})
            for name, rel, want in ((res.metric, Rel.MEASURED_BY, (Label.METRIC,)),
                                    (res.dataset, Rel.ACHIEVED_ON, (Label.DATASET,)),
                                    (res.method, Rel.ACHIEVED_BY, (Label.METHOD, Label.MODEL))):
                k = ids.get(name) if name else None
                if k is not None and label_of(k) in want:
                    b.rels[(rel, Label.RESULT, label_of(k))].append({"src": rid, "dst": k, **ev})
            m_id, d_id = ids.get(res.method or ""), ids.get(res.dataset or "")
            if m_id and d_id and label_of(m_id) in (Label.METHOD, Label.MODEL) and label_of(d_id) == Label.DATASET:
                derived.setdefault((m_id, d_id), {"src": m_id, "dst": d_id, "paper_id": r.id,
                                                  "label": label_of(m_id), **_evidence(res.evidence)})
        for row in derived.values():
            label = row.pop("label")
            b.rels[(Rel.EVALUATED_ON, label, Label.DATASET)].append(row)
    return b


_ALLOWED = {(s.type, a, z) for s in REL_SPECS.values() for a, z in s.endpoints}

_OWN_FACTS = [Rel.PROPOSES, Rel.EVALUATED_ON, Rel.ADDRESSES, Rel.MENTIONS, Rel.BUILDS_ON]


def delete_statements(paper_ids: list[str]) -> list[Statement]:
    """Remove what earlier loads said about these papers (their edges and results), so a
    re-extracted paper replaces its facts instead of adding to them."""
    p = {"ids": paper_ids}
    stmts: list[Statement] = [(f"MATCH (p:Paper)-[r:{t}]->() WHERE p.id IN $ids DELETE r", p) for t in _OWN_FACTS]
    stmts += [(f"MATCH (:{label})-[r:EVALUATED_ON]->(:Dataset) WHERE r.paper_id IN $ids DELETE r", p)
              for label in (Label.METHOD, Label.MODEL)]
    stmts.append(("MATCH (r:Result) WHERE r.paper_id IN $ids DETACH DELETE r", p))
    return stmts


def _present(rows: list[dict[str, Any]], skip: tuple[str, ...] = ("id", "src", "dst")) -> list[str]:
    """Properties with a value in some row. A column that is null in every row is left out:
    LadybugDB would type it STRING and refuse it for a BOOLEAN or INT64 property."""
    keys = dict.fromkeys(k for r in rows for k, v in r.items() if v is not None and k not in skip)
    return list(keys)


def write_statements(batch: GraphBatch) -> list[Statement]:
    stmts = delete_statements(batch.paper_ids)
    for label in (Label.PAPER, Label.RESULT):
        for chunk in batches(batch.nodes.get(label, [])):
            stmts.append((cypher.merge_nodes(label, _present(chunk)), {"rows": chunk}))
    for (t, a, z), rows in sorted(batch.rels.items()):
        for chunk in batches(rows):
            stmts.append((cypher.merge_relationships(t, a, z, _present(chunk)), {"rows": chunk}))
    return stmts


def load_records(source: Callable[[], Iterable[PaperRecord]], store: GraphStore,
                 thesaurus: Thesaurus | None = None, batch_size: int = 5000,
                 progress: Callable[[PaperRecord], PaperRecord] | None = None) -> LoadSummary:
    """Load records into `store`.

    Args:
        source: returns a fresh iterator over the records each time it is called (the
            records are read three times: abbreviations, entities, writes), so a file is
            streamed rather than held in memory.
        store: an open store; its schema is ensured first.
        thesaurus: user rules for merging, splitting and ignoring names.
        batch_size: papers written per transaction.
    """
    store.ensure_schema()
    resolver = Resolver(thesaurus)
    for r in source():
        resolver.observe(r)
    for r in source():
        resolver.add(r)
    labels = _decide_labels(store, resolver)
    label_of = labels.__getitem__
    _write_entities(store, resolver, labels)
    loaded: list[str] = []
    advance = progress or (lambda r: r)
    for chunk in batches(map(advance, source()), batch_size):
        batch = graph_batch(chunk, resolver, label_of)
        store.write(write_statements(batch))
        loaded += batch.paper_ids
    derive_builds_on(store, loaded)
    prune_orphans(store)
    return LoadSummary(len(loaded), *graph_counts(store))


def _decide_labels(store: GraphStore, resolver: Resolver) -> dict[str, str]:
    """Majority type per entity; an entity already in the store keeps the label it has."""
    labels = {k: e.type for k, e in resolver.entities.items()}
    ids = list(labels)
    for label in ENTITY_TYPES:
        for chunk in batches(ids):
            rows = store.run(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id", {"ids": chunk})
            for row in rows:
                labels[row["id"]] = label
    return labels


def _write_entities(store: GraphStore, resolver: Resolver, labels: dict[str, str]) -> None:
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for k, e in resolver.entities.items():
        by_label[labels[k]].append({"id": k, "name": e.name, "type": labels[k], "aliases": e.aliases,
                                    "papers": e.papers})
    for label in ENTITY_TYPES:
        rows = by_label.get(label, [])
        for chunk in batches(rows):
            store.write([(cypher.merge_nodes(label, _present(chunk)), {"rows": chunk})])


MAX_PROPOSERS = 2


def derive_builds_on(store: GraphStore, paper_ids: list[str]) -> int:
    """BUILDS_ON: paper A mentions an entity that another paper B proposes (and B is not
    newer than A when both have years). Carries the entity and A's evidence sentence.

    An entity that more than MAX_PROPOSERS papers claim to propose is a well-known idea that
    papers restate ("we propose a VAE ..."), not one paper's contribution: no links through it.
    """
    if not paper_ids:
        return 0
    # Existing BUILDS_ON of the loaded papers, both directions, are recomputed from scratch.
    store.write([("MATCH (a:Paper)-[r:BUILDS_ON]->(b:Paper) WHERE a.id IN $ids OR b.id IN $ids DELETE r",
                  {"ids": chunk}) for chunk in batches(paper_ids)])
    crowded = {row["e"] for label in ENTITY_TYPES for row in store.run(
        f"MATCH (p:Paper)-[:PROPOSES]->(e:{label}) WITH e, count(p) AS n WHERE n > $max RETURN e.id AS e",
        {"max": MAX_PROPOSERS})}
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for ids in batches(paper_ids):
        for label in ENTITY_TYPES:
            found = store.run(
                f"MATCH (a:Paper)-[m:MENTIONS]->(e:{label})<-[:PROPOSES]-(b:Paper) "
                "WHERE a.id <> b.id AND (a.id IN $ids OR b.id IN $ids) "
                "RETURN a.id AS src, b.id AS dst, e.id AS via, e.name AS name, a.year AS ay, b.year AS by, "
                "m.sentence AS sentence, m.char_start AS char_start, m.char_end AS char_end", {"ids": ids})
            for f in found:
                if f["via"] in crowded:
                    continue
                if f["ay"] is not None and f["by"] is not None and f["by"] > f["ay"]:
                    continue
                rows[(f["src"], f["dst"], f["via"])] = {
                    "src": f["src"], "dst": f["dst"], "via": f["via"], "via_type": label,
                    "sentence": f["sentence"], "char_start": f["char_start"], "char_end": f["char_end"]}
    own = set()
    for ids in batches(sorted({r[0] for r in rows})):
        for label in ENTITY_TYPES:
            for f in store.run(f"MATCH (a:Paper)-[:PROPOSES]->(e:{label}) WHERE a.id IN $ids "
                               "RETURN a.id AS a, e.id AS e", {"ids": ids}):
                own.add((f["a"], f["e"]))
    final = [r for (a, _, via), r in sorted(rows.items()) if (a, via) not in own]
    for chunk in batches(final):
        store.write([(cypher.merge_relationships(Rel.BUILDS_ON, Label.PAPER, Label.PAPER, _present(chunk)),
                      {"rows": chunk})])
    return len(final)


def prune_orphans(store: GraphStore) -> None:
    """Entities no paper refers to any more (after a paper was re-extracted) are removed."""
    store.write([(f"MATCH (e:{label}) WHERE NOT EXISTS {{ MATCH (e)<-[]-() }} DELETE e", {})
                 for label in ENTITY_TYPES])


def graph_counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    """Node counts per label and relationship counts per type, in schema order."""
    nodes = {label: store.run(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"] for label in NODE_PROPERTIES}
    rels = {t: store.run(f"MATCH ()-[r:{t}]->() RETURN count(r) AS n")[0]["n"] for t in REL_SPECS}
    return nodes, rels
