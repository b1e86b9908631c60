"""The typed values passed between stages, and the graph vocabulary, declared once.

Record keys (records.jsonl), database properties and GraphML keys all use these words.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Label(StrEnum):
    PAPER = "Paper"
    METHOD = "Method"
    MODEL = "Model"
    DATASET = "Dataset"
    METRIC = "Metric"
    TASK = "Task"
    RESULT = "Result"


ENTITY_TYPES: tuple[str, ...] = (Label.METHOD, Label.MODEL, Label.DATASET, Label.METRIC, Label.TASK)


class Rel(StrEnum):
    PROPOSES = "PROPOSES"          # Paper -> entity it introduces
    EVALUATED_ON = "EVALUATED_ON"  # Paper -> Dataset; also Method/Model -> Dataset (derived)
    ADDRESSES = "ADDRESSES"        # Paper -> Task
    MENTIONS = "MENTIONS"          # Paper -> any entity it names
    REPORTS = "REPORTS"            # Paper -> Result
    BUILDS_ON = "BUILDS_ON"        # Paper -> Paper whose proposed entity it mentions
    MEASURED_BY = "MEASURED_BY"    # Result -> Metric
    ACHIEVED_ON = "ACHIEVED_ON"    # Result -> Dataset
    ACHIEVED_BY = "ACHIEVED_BY"    # Result -> Method/Model


# ---------------------------------------------------------------------------------------------
# Papers


@dataclass(frozen=True, order=True)
class Source:
    """Where a paper was read: a file and its 1-based line (line formats) or record number."""

    path: str
    line: int | None = None
    record: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.record is not None:
            return f"{self.path}#{self.record}"
        return self.path

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("path", self.path), ("line", self.line), ("record", self.record)) if v is not None}


@dataclass(frozen=True)
class Paper:
    """One paper as read from any input. `text` is what extraction offsets refer to."""

    id: str
    title: str
    abstract: str = ""
    arxiv_id: str | None = None
    doi: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # ISO YYYY-MM-DD when the input gives a full date
    year: int | None = None
    sources: tuple[Source, ...] = ()

    @property
    def text(self) -> str:
        """Title and abstract joined by a blank line; every evidence offset indexes this string."""
        return paper_text(self.title, self.abstract)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "abstract": self.abstract,
            "arxiv_id": self.arxiv_id,
            "doi": self.doi,
            "url": self.url,
            "authors": list(self.authors),
            "date": self.date,
            "year": self.year,
            "sources": [s.to_dict() for s in self.sources],
        }


def paper_text(title: str, abstract: str) -> str:
    return f"{title}\n\n{abstract}" if abstract else title


_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_title(title: str) -> str:
    """Case, accents, punctuation and spacing removed: the key two copies of a title share."""
    t = unicodedata.normalize("NFKD", title)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", t).strip()


_ARXIV_NEW = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.I)
_ARXIV_OLD = re.compile(r"^(?:arxiv:)?([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", re.I)


def parse_arxiv_id(value: str | None) -> str | None:
    """'arXiv:2101.00001v2', 'http://arxiv.org/abs/2101.00001v2', 'hep-th/9901001' -> bare id."""
    if not value:
        return None
    v = value.strip()
    v = re.sub(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/", "", v, flags=re.I)
    v = re.sub(r"\.pdf$", "", v, flags=re.I)
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        m = pattern.match(v)
        if m:
            return m.group(1)
    return None


def normalise_doi(value: str | None) -> str | None:
    if not value:
        return None
    v = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", value.strip(), flags=re.I)
    return v.lower() if v.startswith("10.") else None


def paper_id(explicit: str | None, arxiv_id: str | None, doi: str | None, title: str) -> str:
    """Deterministic id: the input's own id, else arXiv id, else DOI, else a hash of the title."""
    if explicit and explicit.strip():
        return explicit.strip()
    if arxiv_id:
        return f"arxiv:{arxiv_id}"
    if doi:
        return f"doi:{doi}"
    digest = hashlib.sha1(normalise_title(title).encode("utf-8")).hexdigest()[:16]
    return f"title:{digest}"


# ---------------------------------------------------------------------------------------------
# Extraction output: the public records.jsonl contract


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into Paper.text
    end: int
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "sentence": self.sentence}


@dataclass
class Entity:
    name: str  # canonical (long) form
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    kb_id: str | None = None  # the gazetteer's canonical id, when the name is a known one

    def to_dict(self) -> dict[str, Any]:
        d = {"name": self.name, "type": self.type, "aliases": list(self.aliases),
             "mentions": [m.to_dict() for m in self.mentions]}
        if self.kb_id:
            d["kb_id"] = self.kb_id
        return d


@dataclass
class Result:
    value: str
    metric: str | None
    dataset: str | None
    method: str | None
    evidence: Mention

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "dataset": self.dataset, "value": self.value,
                "method": self.method, "evidence": self.evidence.to_dict()}


@dataclass
class Relation:
    """A paper-level relation (PROPOSES / EVALUATED_ON / ADDRESSES) with its evidence."""

    type: str
    target: str  # entity name
    evidence: Mention | None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "target": self.target,
                "evidence": self.evidence.to_dict() if self.evidence else None}


@dataclass
class PaperRecord:
    id: str
    title: str
    text: str = ""
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def targets(self, rel: str) -> list[str]:
        return [r.target for r in self.relations if r.type == rel]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "entities": [e.to_dict() for e in self.entities],
            "proposes": self.targets(Rel.PROPOSES),
            "evaluated_on": self.targets(Rel.EVALUATED_ON),
            "addresses": self.targets(Rel.ADDRESSES),
            "results": [r.to_dict() for r in self.results],
            "relations": [r.to_dict() for r in self.relations],
            "text": self.text,
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "PaperRecord":
        def mention(m: dict[str, Any] | None) -> Mention | None:
            return Mention(int(m["start"]), int(m["end"]), str(m.get("sentence", ""))) if m else None

        entities = [Entity(e["name"], e["type"], list(e.get("aliases") or []),
                           [mention(m) for m in e.get("mentions") or []], e.get("kb_id"))
                    for e in d.get("entities") or []]
        relations = [Relation(r["type"], r["target"], mention(r.get("evidence"))) for r in d.get("relations") or []]
        if not relations:  # a hand-written record with only the name lists
            for key, rel in (("proposes", Rel.PROPOSES), ("evaluated_on", Rel.EVALUATED_ON),
                             ("addresses", Rel.ADDRESSES)):
                relations += [Relation(rel, n, None) for n in d.get(key) or []]
        results = [Result(str(r["value"]), r.get("metric"), r.get("dataset"), r.get("method"),
                          mention(r.get("evidence")) or Mention(0, 0, "")) for r in d.get("results") or []]
        return cls(str(d["id"]), str(d.get("title", "")), str(d.get("text", "")), entities, relations,
                   results, dict(d.get("meta") or {}))
