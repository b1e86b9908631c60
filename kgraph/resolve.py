"""Entity resolution across papers: one node per thing, whatever the spelling.

Two surface forms are one entity when they share a gazetteer id (CIFAR10 / CIFAR-10), the
same normalised form (case, hyphens, spacing, a plural "s"), or an abbreviation/long-form
pair. A short form defined with different long forms in different papers stays ambiguous: each
definition is its own node (keyed by its long form), and a bare use of the short form is
linked to a long form only when the corpus defines it one way. A user thesaurus can merge,
split or ignore names.

Thesaurus (JSONL, one rule a line):
    {"merge": ["GPT-4", "GPT4 model"], "into": "GPT-4"}   all these names are one entity
    {"split": "RM"}                                       never link "RM" to a long form
    {"ignore": "our method"}                              drop this name everywhere
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .nlp.lexicon import Lexicon, load_lexicon, norm_key
from .types import ENTITY_TYPES, Entity, PaperRecord

TYPE_PRIORITY = {t: i for i, t in enumerate(("Dataset", "Metric", "Task", "Model", "Method"))}


@dataclass
class Thesaurus:
    merge: dict[str, str] = field(default_factory=dict)  # norm(name) -> canonical name
    split: set[str] = field(default_factory=set)
    ignore: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: str | Path | None) -> "Thesaurus":
        t = cls()
        if path is None:
            return t
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as e:
            raise InputError(f"{path}: cannot read thesaurus ({e.strerror})") from e
        for n, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                rule = json.loads(line)
                if "merge" in rule:
                    into = str(rule.get("into") or rule["merge"][0])
                    for name in [*rule["merge"], into]:
                        t.merge[norm_key(str(name))] = into
                elif "split" in rule:
                    t.split.add(norm_key(str(rule["split"])))
                elif "ignore" in rule:
                    t.ignore.add(norm_key(str(rule["ignore"])))
                else:
                    raise ValueError("expected a merge, split or ignore rule")
            except (json.JSONDecodeError, ValueError, TypeError, KeyError, IndexError) as e:
                raise InputError(f"{path}:{n}: bad thesaurus rule ({e})") from e
        return t


@dataclass
class ResolvedEntity:
    id: str
    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    papers: int = 0  # papers of this load that name it

    @property
    def name(self) -> str:
        return min(self.names, key=lambda n: (-self.names[n], -len(n), n))

    @property
    def type(self) -> str:
        return min(self.types, key=lambda t: (-self.types[t], TYPE_PRIORITY[t]))

    @property
    def aliases(self) -> list[str]:
        name = self.name
        return sorted(n for n in self.names if n != name)


class Resolver:
    """Two passes: observe() every record, then key() maps a record's entity to its node id."""

    def __init__(self, thesaurus: Thesaurus | None = None, lexicon: Lexicon | None = None) -> None:
        self.thesaurus = thesaurus or Thesaurus()
        self.lex = lexicon or load_lexicon()
        self.long_forms: dict[str, set[str]] = defaultdict(set)  # norm(short) -> norm(long)s
        self.entities: dict[str, ResolvedEntity] = {}

    # -- pass 1 -----------------------------------------------------------------------------
    def observe(self, record: PaperRecord) -> None:
        for e in record.entities:
            if len(e.aliases) and norm_key(e.name) not in self.thesaurus.split:
                for a in e.aliases:
                    if _looks_short(a, e.name):
                        self.long_forms[norm_key(a)].add(norm_key(e.name))

    # -- pass 2 -----------------------------------------------------------------------------
    def key(self, e: Entity) -> str | None:
        """The node id of an entity of a record; None when the thesaurus ignores it."""
        forms = [e.name, *e.aliases]
        norms = [norm_key(f) for f in forms]
        if any(n in self.thesaurus.ignore for n in norms):
            return None
        for n in norms:
            if n in self.thesaurus.merge:
                return "t:" + norm_key(self.thesaurus.merge[n])
        if e.kb_id:
            return e.kb_id
        for f in forms:
            known = self.lex.lookup(f)
            # A short alias of a paper-defined long form names a known thing only if the
            # gazetteer knows that thing by a long form too (as in extraction).
            if known and (f == e.name or not _looks_short(f, e.name) or known[1] in self.lex.ids_with_long_form):
                return known[1]
        main = norm_key(e.name)
        if not e.aliases and main not in self.thesaurus.split:
            longs = self.long_forms.get(main)
            if longs and len(longs) == 1:
                main = next(iter(longs))  # a bare "VQ-VAE": the corpus defines it one way
        return main or None

    def add(self, record: PaperRecord) -> dict[str, str]:
        """Register a record's entities; returns its entity name -> node id map."""
        ids: dict[str, str] = {}
        for e in record.entities:
            k = self.key(e)
            if k is None or e.type not in ENTITY_TYPES:
                continue
            node = self.entities.setdefault(k, ResolvedEntity(k))
            node.names[e.name] += 1
            for a in e.aliases:
                node.names[a] += 0  # an alias, never preferred over a name some paper uses
            node.types[e.type] += 1
            node.papers += 1
            ids[e.name] = k
        return ids


def _looks_short(alias: str, name: str) -> bool:
    return len(alias) < len(name) and " " not in alias.strip()
