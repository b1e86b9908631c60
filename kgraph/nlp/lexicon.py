"""Loads the extraction vocabulary from the JSONL data files in nlp/patterns/.

- `<type>s.jsonl`: gazetteer lines {"label", "pattern", "id"[, "case": "exact"]}; `id` ties
  spellings of one entity together.
- `cues.jsonl`: cue words {"kind", "text"}: heads that end method/task/metric phrases, words
  never inside a technical phrase, generic class names, proposal verbs, count units, ...
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import srsly

from ..errors import ExtractionError
from ..types import ENTITY_TYPES

PATTERNS_DIR = Path(__file__).parent / "patterns"


@dataclass(frozen=True)
class GazetteerEntry:
    label: str
    pattern: str
    id: str
    exact: bool = False


@dataclass
class Lexicon:
    entries: list[GazetteerEntry] = field(default_factory=list)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    # normalised surface form -> (label, canonical id)
    by_norm: dict[str, tuple[str, str]] = field(default_factory=dict)
    # exact-case entries ("VAE", "DROP", "Blender"): case-sensitive, never normalised
    by_exact: dict[str, tuple[str, str]] = field(default_factory=dict)
    # canonical id -> the first (preferred) pattern, used as the entity's name
    canonical: dict[str, str] = field(default_factory=dict)
    _heads: frozenset[str] | None = None
    ids_with_long_form: frozenset[str] = frozenset()  # ids spelled by a multi-word name somewhere

    def lookup(self, form: str) -> tuple[str, str] | None:
        """(label, id) of a known name in any spelling: normalised, or exact for names that
        are only safe in their own case ("VAE", and its plural "VAEs")."""
        hit = self.by_norm.get(norm_key(form)) or self.by_exact.get(form)
        if hit is None and form.endswith("s") and form[:-1].isupper():
            hit = self.by_exact.get(form[:-1])
        return hit

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())

    @property
    def heads(self) -> frozenset[str]:
        """Every word that can end a technical phrase."""
        if self._heads is None:
            self._heads = self.cue("method_head") | self.cue("task_head") | self.cue("metric_head")
        return self._heads


@lru_cache(maxsize=262144)
def norm_key(s: str) -> str:
    """The key two spellings of a name share: case, spacing, hyphens and a plural 's' removed."""
    k = re.sub(r"[^0-9a-z\u00c0-\uffff]+", "", s.lower())
    if len(k) > 3 and k.endswith("s") and not k.endswith("ss"):
        k = k[:-1]
    return k


def needs_exact_case(pattern: str) -> bool:
    """Case-insensitive matching is safe for phrases and for names with inner capitals or
    digits; a single capitalised word ("Kinetics", "Replica") or an all-caps word ("DROP",
    "MATH", "PROTEINS", "REINFORCE") is also an ordinary English word in lower case, so it
    must match exactly. (Mixed-case names that spell a word, "ZeRO", "ReCoRD", are marked
    `"case": "exact"` in the data.)"""
    if " " in pattern or any(c.isdigit() for c in pattern):
        return False
    if pattern.isalpha() and pattern[:1].isupper() and pattern[1:].islower():
        return True
    return pattern.isupper()


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """Read every pattern file; raises ExtractionError naming the file and line of a bad entry."""
    return _load(str(directory or PATTERNS_DIR))


@lru_cache(maxsize=4)
def _load(directory: str) -> Lexicon:
    d = Path(directory)
    lex = Lexicon()
    cues: dict[str, set[str]] = defaultdict(set)
    files = sorted(d.glob("*.jsonl"))
    if not files:
        raise ExtractionError(f"no pattern files in {d}")
    for path in files:
        try:
            rows = list(srsly.read_jsonl(path))
        except ValueError as e:
            raise ExtractionError(f"{path}: invalid JSONL ({e})") from e
        for n, row in enumerate(rows, start=1):
            if "kind" in row:
                cues[row["kind"]].add(str(row["text"]).lower())
                continue
            if row.get("label") not in ENTITY_TYPES or not row.get("pattern"):
                raise ExtractionError(f"{path}:{n}: expected label in {ENTITY_TYPES} and a pattern")
            entry = GazetteerEntry(row["label"], row["pattern"], row.get("id") or norm_key(row["pattern"]),
                                   row.get("case") == "exact" or needs_exact_case(row["pattern"]))
            lex.entries.append(entry)
            lex.canonical.setdefault(entry.id, entry.pattern)
            if entry.exact:
                lex.by_exact.setdefault(entry.pattern, (entry.label, entry.id))
            else:
                lex.by_norm.setdefault(norm_key(entry.pattern), (entry.label, entry.id))
    lex.cues = {k: frozenset(v) for k, v in cues.items()}
    lex.ids_with_long_form = frozenset(e.id for e in lex.entries if " " in e.pattern.strip())
    return lex
