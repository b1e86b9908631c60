"""records.jsonl, the public contract: writing it atomically, reading it back, counting it."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .types import ENTITY_TYPES, PaperRecord, Rel


def write_records(records: Iterable[PaperRecord], output: str) -> int:
    """Write one JSON line per record to `output` ("-" is stdout). A file is written to a
    temporary name beside it and renamed into place, so a failed run leaves no half file."""
    if output == "-":
        n = 0
        for r in records:
            sys.stdout.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            n += 1
        return n
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        n = 0
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
                n += 1
        os.replace(tmp, target)
        return n
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_records(path: str) -> Iterator[PaperRecord]:
    """Records from a records.jsonl file; a malformed line is an error naming file and line."""
    try:
        f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    with f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                yield PaperRecord.from_dict(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
                raise InputError(f"{path}:{n}: not a kgraph record ({e})") from e


@dataclass
class RecordStats:
    papers: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    results: int = 0

    def add(self, r: PaperRecord) -> PaperRecord:
        self.papers += 1
        self.entities.update(e.type for e in r.entities)
        self.relations.update(x.type for x in r.relations)
        self.results += len(r.results)
        return r

    def summary(self) -> str:
        ents = ", ".join(f"{self.entities[t]} {t}" for t in ENTITY_TYPES)
        rels = ", ".join(f"{self.relations[t]} {t}" for t in (Rel.PROPOSES, Rel.EVALUATED_ON, Rel.ADDRESSES))
        return f"{self.papers} records: {ents}; {rels}; {self.results} results"
