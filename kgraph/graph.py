"""The graph schema, declared once: node labels with their properties, relationship types with
their endpoints and properties. Both stores, the export and the loaders derive from it.

Results are nodes, not relationship properties: a result ties four things (paper, metric,
dataset, method) and an edge has only two ends; as a node, "leaderboard for CIFAR-10" is a
two-hop pattern on an indexed key in both stores.
"""
from __future__ import annotations

from dataclasses import dataclass

from .types import ENTITY_TYPES, Label, Rel

KEY = "id"  # every node's unique key

STRING, INT, FLOAT, BOOL, STRINGS = "STRING", "INT64", "DOUBLE", "BOOLEAN", "STRING[]"

# `type` repeats the label so that one query text can return it on both stores
# (Neo4j's labels(n) is a list, LadybugDB's label(n) a string).
ENTITY_PROPERTIES = {"id": STRING, "name": STRING, "type": STRING, "aliases": STRINGS, "papers": INT}

NODE_PROPERTIES: dict[str, dict[str, str]] = {
    Label.PAPER: {"id": STRING, "title": STRING, "abstract": STRING, "arxiv_id": STRING, "doi": STRING,
                  "url": STRING, "authors": STRINGS, "date": STRING, "year": INT, "sources": STRINGS},
    **{t: dict(ENTITY_PROPERTIES) for t in ENTITY_TYPES},
    Label.RESULT: {"id": STRING, "value": STRING, "number": FLOAT, "metric": STRING, "dataset": STRING,
                   "method": STRING, "paper_id": STRING, "sentence": STRING, "char_start": INT, "char_end": INT,
                   "higher_is_better": BOOL},
}

# Evidence on every edge: the sentence, and the mention's character offsets in the paper's
# text (title, blank line, abstract). Records call the offsets start/end; `end` is a reserved
# word in LadybugDB's Cypher, so the graph says char_start/char_end.
EVIDENCE = {"sentence": STRING, "char_start": INT, "char_end": INT}


@dataclass(frozen=True)
class RelSpec:
    type: str
    endpoints: tuple[tuple[str, str], ...]
    properties: dict[str, str]
    # Extra property that distinguishes parallel relationships between the same two nodes.
    discriminator: str | None = None


_ENTITY_ENDS = tuple((Label.PAPER, t) for t in ENTITY_TYPES)

REL_SPECS: dict[str, RelSpec] = {s.type: s for s in (
    RelSpec(Rel.PROPOSES, _ENTITY_ENDS, EVIDENCE),
    RelSpec(Rel.EVALUATED_ON, ((Label.PAPER, Label.DATASET), (Label.METHOD, Label.DATASET),
                               (Label.MODEL, Label.DATASET)), {**EVIDENCE, "paper_id": STRING}, "paper_id"),
    RelSpec(Rel.ADDRESSES, ((Label.PAPER, Label.TASK),), EVIDENCE),
    RelSpec(Rel.MENTIONS, _ENTITY_ENDS, {**EVIDENCE, "count": INT}),
    RelSpec(Rel.REPORTS, ((Label.PAPER, Label.RESULT),), EVIDENCE),
    RelSpec(Rel.BUILDS_ON, ((Label.PAPER, Label.PAPER),), {**EVIDENCE, "via": STRING, "via_type": STRING}, "via"),
    RelSpec(Rel.MEASURED_BY, ((Label.RESULT, Label.METRIC),), EVIDENCE),
    RelSpec(Rel.ACHIEVED_ON, ((Label.RESULT, Label.DATASET),), EVIDENCE),
    RelSpec(Rel.ACHIEVED_BY, ((Label.RESULT, Label.METHOD), (Label.RESULT, Label.MODEL)), EVIDENCE),
)}

FULLTEXT_PROPERTIES = {Label.PAPER: ("title",), **{t: ("name", "aliases") for t in ENTITY_TYPES}}


def check_label(label: str) -> str:
    """Labels and types are interpolated into Cypher only after this check against the schema."""
    if label not in NODE_PROPERTIES:
        raise ValueError(f"unknown node label {label!r}")
    return label


def check_rel(rel_type: str, from_label: str, to_label: str) -> RelSpec:
    spec = REL_SPECS.get(rel_type)
    if spec is None or (from_label, to_label) not in spec.endpoints:
        raise ValueError(f"unknown relationship ({from_label})-[:{rel_type}]->({to_label})")
    return spec
