"""From candidate spans to a paper's facts: entities (with aliases and mentions), PROPOSES,
EVALUATED_ON, ADDRESSES and numeric results, each with its evidence sentence and offsets.
Pure functions; the spaCy components call them."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from ..types import Entity, Mention, Relation, Rel, Result
from .abbreviations import Abbreviation
from .lexicon import Lexicon, norm_key
from .rules import (COMPOSED_OF, DATASET_AFTER, NAMED, PASSIVE_PROPOSE, Candidate, context_type, head_type, proposal_cues, singular,
                    words)

_EXAMPLE_BEFORE = re.compile(r"\b(?:such as|e\.g\.,?|including|like|for example,?|for instance,?)\s+"
                             r"(?:[\w-]+(?:,\s*|\s+))?(?:and\s+|or\s+)?$", re.I)
_WITHOUT_BEFORE = re.compile(r"\b(?:without|no need for|no)\s+(?:any\s+|the\s+need\s+for\s+|additional\s+|extra\s+)?$",
                             re.I)
_TASKS_BEFORE = re.compile(r"\b(?:tasks|problems|applications)\s*,?\s*$", re.I)
_OWN_WORK = re.compile(r"\b(?:we|our|outperforms?|experiments?|evaluat(?:e|ed|ion)|results)\b", re.I)
_SCORE_IN_PARENS = re.compile(r"\s*\(\s*\d[\d.,]*\s?%?\s+[A-Za-z]")
_CITATION_AFTER = re.compile(r"(?:\s+et\s+al\b|[\s~]*\(\d{4}[a-z]?\))")

SOURCE_RANK = {"gazetteer": 0, "abbreviation": 1, "title": 2, "name": 3, "titlecase": 4, "phrase": 5}


@dataclass
class _Group:
    key: str
    names: dict[str, int] = field(default_factory=dict)  # surface form -> count
    long_form: str | None = None
    labels: list[tuple[int, str]] = field(default_factory=list)  # (priority, label)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gazetteer_id: str | None = None
    sources: set[str] = field(default_factory=set)

    def label(self) -> str:
        return min(self.labels)[1] if self.labels else "Method"


class Sentences:
    """Sentence lookup by character offset."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text, self.spans = text, spans
        self._starts = [s for s, _ in spans]
        self._texts: dict[int, str] = {}  # sentence index -> its text, sliced once

    def of(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect_right(self._starts, offset) - 1)
        return self.spans[i] if self.spans else (0, len(self.text))

    def text_of(self, offset: int) -> str:
        """The text of the sentence at `offset`; mentions in one sentence share one string."""
        i = max(0, bisect_right(self._starts, offset) - 1)
        t = self._texts.get(i)
        if t is None:
            s, e = self.spans[i] if self.spans else (0, len(self.text))
            t = self._texts[i] = self.text[s:e]
        return t

    def mention(self, start: int, end: int) -> Mention:
        return Mention(start, end, self.text_of(start))


def _group(groups: dict[str, _Group], key: str) -> _Group:
    g = groups.get(key)
    if g is None:  # not setdefault: that would build a _Group on every call
        g = groups[key] = _Group(key)
    return g


def select_spans(cands: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates: the longest wins; equal lengths go to the better source, which
    keeps a type a rule gave the same span ("benchmarks, Kvasir-SEG, ..." lists datasets; the
    name rule, which does not type, found "Kvasir-SEG" too)."""
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), SOURCE_RANK[c.source], c.start))
    typed = {(c.start, c.end): c.label for c in cands if c.label and c.source != "gazetteer"}
    taken: list[Candidate] = []
    size = max((c.end for c in cands), default=0)
    occupied = bytearray(size)  # one flag per character: overlap tests in C, not in Python
    for c in ordered:
        if any(occupied[c.start:c.end]):
            continue
        if c.label is None and (c.start, c.end) in typed:
            c = replace(c, label=typed[(c.start, c.end)])
        taken.append(c)
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(taken, key=lambda c: c.start)


def build_entities(text: str, title_end: int, sentences: Sentences, cands: list[Candidate],
                   abbrevs: list[Abbreviation], lex: Lexicon) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """Group mentions into entities. Returns the entities and a map (start, end) -> entity name."""
    groups: dict[str, _Group] = {}
    alias_to_key: dict[str, str] = {}

    # Abbreviation pairs define one entity per long form, valid throughout the paper.
    for a in abbrevs:
        key = norm_key(a.long)
        g = _group(groups, key)
        g.long_form = g.long_form or a.long
        alias_to_key[norm_key(a.short)] = key
        alias_to_key[key] = key
        known = lex.lookup(a.long) or _short_only(lex, a)
        if known:
            g.labels.append((0, known[0]))
            g.gazetteer_id = g.gazetteer_id or known[1]
        t = head_type(a.long, lex)
        if t:
            g.labels.append((2, t))
        g.sources.add("abbreviation")

    spans = select_spans(cands + [Candidate(a.long_start, a.long_end, a.long, None, "abbreviation") for a in abbrevs]
                         + [Candidate(a.short_start, a.short_end, a.short, None, "abbreviation") for a in abbrevs])
    where: dict[tuple[int, int], str] = {}
    defined_shorts = {norm_key(a.short) for a in abbrevs}
    placed: list[tuple[int, int, str]] = []
    for c in spans:
        k = norm_key(c.text)
        if not k or _CITATION_AFTER.match(text, c.end):
            continue  # "Cesa-Bianchi et al.", "Qiao (2019)": people cited, not entities
        key = alias_to_key.get(k)
        if key is None and c.id:
            key = alias_to_key.get(f"id:{c.id}")
        known = lex.lookup(c.text)
        if key is None:
            key = alias_to_key.get(f"id:{known[1]}") if known else None
        if key is None:
            key = k
            alias_to_key[k] = key
        g = _group(groups, key)
        # A short form this paper defines is what its long form is; the pair decided that above.
        gid = None if k in defined_shorts else c.id or (known or (None, None))[1]
        if gid:
            alias_to_key.setdefault(f"id:{gid}", key)
            g.gazetteer_id = g.gazetteer_id or gid
            if c.source != "gazetteer" and known:
                g.labels.append((0, _family_or(c.text, known[0])))  # "MobileNets": a known name in another spelling
        g.names[c.text] = g.names.get(c.text, 0) + 1
        g.mentions.append((c.start, c.end))
        placed.append((c.start, c.end, key))
        g.sources.add(c.source)
        # "synthetic image denoising", "average AUROC": a kind of the known thing the phrase ends with
        tail = _known_tail(c.text, lex, name=c.label is None) if c.source == "phrase" and not known else None
        if c.label and c.source == "gazetteer":
            g.labels.append((0, _family_or(c.text, c.label)))
        elif tail:
            g.labels.append((2, tail))
        elif c.label:
            g.labels.append((3, c.label))
        else:
            t = context_type(text, c.start, c.end, sentences.text_of(c.start), lex)
            if t:
                g.labels.append((1 if c.source == "name" else 4, t))
            elif c.source == "name" and _variant_of_model(c.text, lex):
                g.labels.append((1, "Model"))
            elif c.source in ("name", "title") and _NET_NAME.fullmatch(c.text):
                g.labels.append((4, "Model"))  # "CheXNet", "SYENet": a network's own name

    _type_by_coordination(text, placed, groups)
    _merge_title_phrases(groups, title_end, lex)
    entities: list[Entity] = []
    generic = lex.cue("generic")
    for key, g in groups.items():
        if not g.mentions:
            continue
        forms = sorted(g.names, key=lambda n: (-g.names[n], n))
        name = g.long_form or max(forms, key=lambda n: (len(n), n))
        if name.endswith("s") and name[:-1] in g.names:
            name = name[:-1]  # "attention mechanism", not its plural, however often each is written
        if _generic(g, generic) and "title" not in g.sources:
            continue
        if g.label() == "Task" and "title" not in g.sources and all(
                _only_an_example(text, s, e, sentences) for s, e in g.mentions) and not any(
                s < title_end for s, _ in g.mentions):
            continue
        aliases = [f for f in dict.fromkeys(forms) if f != name]
        mentions = [sentences.mention(s, e) for s, e in sorted(g.mentions)]
        entities.append(Entity(name, g.label(), aliases, mentions, g.gazetteer_id))
        for s, e in g.mentions:
            where[(s, e)] = name
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities, where


def _phrase_words(name: str) -> tuple[str, ...]:
    ws = name.lower().replace("-", " ").split()
    return tuple(ws[:-1] + [singular(ws[-1])]) if ws else ()


def _merge_title_phrases(groups: dict[str, _Group], title_end: int, lex: Lexicon) -> None:
    """A phrase only the title has is the abstract's entity in title dress when it holds that
    entity's words plus one or two filler words ("Proximal Policy Optimization Algorithms" is
    proximal policy optimization; "Deep Residual Learning", residual learning): it becomes one
    of its spellings, and the abstract's form stays the name. ("Safe Collaborative Filtering"
    is a kind of collaborative filtering, not a spelling of it.)"""
    filler = lex.cue("stop_modifier") | lex.cue("weak_head") | lex.cue("title_filler")
    in_abstract = [g for g in groups.values() if any(s >= title_end for s, _ in g.mentions)]
    for g in groups.values():
        if not g.mentions or not g.sources <= {"phrase", "titlecase"} or any(s >= title_end for s, _ in g.mentions):
            continue
        tw = _phrase_words(max(g.names, key=len))
        best = None
        for other in in_abstract:
            for form in other.names:
                ow = _phrase_words(form)
                if len(ow) < 2 or len(tw) - len(ow) not in (1, 2) or (best and len(ow) <= best[0]):
                    continue
                at = next((i for i in range(len(tw) - len(ow) + 1) if tw[i:i + len(ow)] == ow), None)
                extra = tw[:at] + tw[at + len(ow):] if at is not None else ()
                if extra and all(w in filler or singular(w) in filler for w in extra):
                    best = (len(ow), other)
        if best:
            other = best[1]
            other.long_form = other.long_form or max(other.names, key=lambda n: (other.names[n], len(n), n))
            for n, c in g.names.items():
                other.names[n] = other.names.get(n, 0) + c
            other.mentions += g.mentions
            g.mentions = []


# "CheXNet", "PointNet++", "U-Net", "ResNeXt-50"'s kin: a name ending in Net names one network
_NET_NAME = re.compile(r"[A-Za-z0-9][\w-]*Net(?:\+\+|-?\d+|V\d+|-[A-Z]\d*)?")
# "DenseNet-121", "MobileNetV3", "EfficientNet-B4", "YOLOv8-L": a depth, version or size of a known model
_VARIANT = re.compile(r"(.+?)(?:-?\d+|-?[Vv]\d+|-[A-Z]\d+)(?:-(?:[A-Z]{1,2}|tiny|small|base|large|huge))?")


def _variant_of_model(name: str, lex: Lexicon) -> bool:
    m = _VARIANT.fullmatch(name)
    known = lex.lookup(m.group(1)) if m and len(m.group(1)) > 2 else None
    return known is not None and known[0] == "Model"


_TAIL_TYPES = ("Task", "Method", "Metric")


def _known_tail(phrase: str, lex: Lexicon, name: bool = False) -> str | None:
    """The type of the longest known name a phrase ends with: "synthetic image denoising" is
    a kind of image denoising, a Task, whatever its head word alone suggests. A head word
    alone is too vague to decide ("denoising"); a `name` at the end (an untyped phrase ends in
    one) is not ("average AUROC")."""
    ws = phrase.split()
    for i in range(1, len(ws) if name or len(ws) <= 2 else len(ws) - 1):
        known = lex.lookup(" ".join(ws[i:]))
        if known:
            return known[0] if known[0] in _TAIL_TYPES or (name and known[0] == "Model") else None
    return None


def _only_an_example(text: str, start: int, end: int, sentences: Sentences) -> bool:
    """A task named as an example ("applications such as X") is not one the paper addresses,
    unless the example lists the tasks the paper's own work is shown on ("ours outperforms
    ... on a variety of tasks, such as X") or gives its score there ("including image
    classification (87.3 top-1 accuracy on ImageNet-1K)")."""
    if _SCORE_IN_PARENS.match(text, end):
        return False
    if _WITHOUT_BEFORE.search(text, max(0, start - 30), start):
        return True  # "without any hyperparameter tuning": a task the method spares, not one it addresses
    m = _EXAMPLE_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    return not (_TASKS_BEFORE.search(text, max(0, m.start() - 30), m.start())
                and _OWN_WORK.search(sentences.text_of(start)))


_INTRO_PHRASE = re.compile(r"(?:^|[.!?]\s+|\n)(?:On|In|For|Across|With|Using)\s+(?:the\s+)?$")
_LIST_GLUE = re.compile(r"\s*(?:,|and|or|,\s*and|,\s*or)\s+")
_PROPAGATED = ("Model", "Dataset")


def _type_by_coordination(text: str, placed: list[tuple[int, int, str]], groups: dict[str, _Group]) -> None:
    """An untyped name listed with typed ones is of their kind: "models such as ESM-2 and ProtT5",
    "on MNIST and FooBar". Only names, and only types the gazetteer gave, spread."""
    for _ in range(2):  # a second pass carries a type along "A, B and C"
        for i, (s, e, key) in enumerate(placed):
            g = groups[key]
            if g.labels or g.sources != {"name"}:
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < len(placed):
                    continue
                ns, ne, nkey = placed[j]
                gap = text[ne:s] if j < i else text[e:ns]
                labels = groups[nkey].labels
                if j < i and gap.strip() == "," and _INTRO_PHRASE.search(text, max(0, ns - 30), ns):
                    continue  # "On nuScenes, QD-BEV achieves ...": an opening phrase, not a list
                if labels and min(labels)[0] == 0 and min(labels)[1] in _PROPAGATED and _LIST_GLUE.fullmatch(gap):
                    g.labels.append((0, min(labels)[1]))
                    break


def _family_or(surface: str, label: str) -> str:
    """A model's name written as a lower-case plural ("diffusion transformers") is the family
    used as a technique: a Method, as the guidelines have it; otherwise the gazetteer's type."""
    if label == "Model" and " " in surface and surface.islower() and surface.endswith("s"):
        return "Method"
    return label


def _short_only(lex: Lexicon, a: Abbreviation) -> tuple[str, str] | None:
    """A known short form with an unknown long form. When the gazetteer knows the name by a
    long form too, the paper's is a variant spelling ("Vector Quantised-Variational
    AutoEncoder (VQ-VAE)"); when it knows only the bare name, a long form given here is the
    paper's own definition ("Gradient-Based Post-Training Quantization (GPTQ)"), not GPTQ."""
    known = lex.lookup(a.short)
    return known if known and known[1] in lex.ids_with_long_form else None


def _generic(g: _Group, generic: frozenset[str]) -> bool:
    if g.long_form and g.long_form.lower() not in generic:
        return False
    if g.long_form and " " not in g.long_form:
        return True  # a short form stands for a generic word: "low-quality (LQ)" is no entity
    return all(f.lower() in generic for f in g.names)


# ---------------------------------------------------------------------------------------------
# Relations

# An entity right after these is what the contribution uses or compares with, not the contribution.
_NOT_OWN = re.compile(r"(?:\b(?:based on|built on|builds on|using|uses|use of|with|without|via|by|from|"
                      r"(?<!known )(?<!referred to )as|such as|like|"  # "known as X" names X: no category
                      r"unlike|than|instead of|over|of|to|into|onto|in|on|across|under|at|for|compared to|"
                      r"compared with)\s+(?:the\s+|a\s+|an\s+)?"
                      r"|[\w)],\s+(?:a|an)\s+)(?:[\w-]+\s+){0,2}$", re.I)
# "a post-training quantization method": the known technique describes the contribution;
# "a BiLSTM based detector": what the contribution is built on
_MODIFIES_NOUN = re.compile(r"(?:\s*\([^)]*\))?(?:[\s-]+based\b(?!\s+(?:on|upon)\b)|[\s-]+(?:[\w-]+\s+)?(?:method|framework|approach|"
                            r"technique|scheme|algorithm|pipeline|model|architecture|strategy|module|system|"
                            r"solution|mechanism|procedure|paradigm|formulation)s?\b)", re.I)
# "introduce post-training quantization (PTQ) into DM acceleration": applying X, not proposing it
_DETERMINER_AFTER = re.compile(r"\s+(?:the|a|an|its|their|our|this|these|such)\s", re.I)
_APPLIED = re.compile(r"(?:\s*\([^)]*\))?\s+(into|to)\s+(?!be\b)([a-z]*)", re.I)


def _applied(text: str, end: int, lex: Lexicon) -> bool:
    """"introduce PTQ into DM acceleration": X applied to something, not proposed; but "to"
    before a verb states a purpose ("introduce X (OPT-m) to determine ...")."""
    m = _APPLIED.match(text, end)
    if m is None:
        return False
    # "to ease the training": a word before a determiner is a verb, so "to" states a purpose
    return not (m.group(1).lower() == "to" and (m.group(2).lower() in lex.cue("purpose_verb")
                                                 or _DETERMINER_AFTER.match(text, m.end())))


# "a new simple network architecture", "a general inductive framework": what a contribution is called
_DESCRIPTION = (r"an?\s+(?:[\w-]+\s+){0,5}?(?:architecture|model|method|framework|approach|network|algorithm|system|"
                r"technique|benchmark|dataset)s?")
_APPOSED_NAME = re.compile(r"\s+" + _DESCRIPTION + r"\s*,\s+(?:the\s+)?", re.I)
_CLOSERS = re.compile(r"[\s)\]]*")
# "our neural network-based model, AlphaFold,": the paper's own thing, named in apposition
_OUR_NOUN_NAMED = re.compile(r"^our\b.*(?:,|[—–:]|-{2,3})\s*(?:the |called |named |dubbed |termed )?$", re.I)
_OUR_BEFORE = re.compile(r"\b[Oo]ur\s+(?:new\s+|novel\s+|proposed\s+)?$")
_DESCRIBED_AFTER = re.compile(r"[,:]\s+" + _DESCRIPTION + r"\b", re.I)
_CUE_VERB = re.compile(r"(?:propose|introduce|present|develop|design|devise|formulate|describe|incorporates|integrates|"
                       r"consists of|comprises|combines|contains|includes|introduces)s?$", re.I)
_CUE_PARTS = re.compile(r"(?:incorporates|integrates|consists of|comprises|combines|contains|includes)$", re.I)
_COORDINATED = re.compile(r"^\s*(?:,|and|or|,\s*and|,\s*or|\()\s*$")
_WINDOW_END = re.compile(r"[.;:]\s|,\s*(?:which|that|where|while)\b|\s(?:which|that)\s", re.I)


def find_proposes(text: str, prefix: tuple[Candidate, str | None] | None, entities: list[Entity],
                  where: dict[tuple[int, int], str], sentences: Sentences, lex: Lexicon,
                  defined_at: set[int] | None = None, cues: list[tuple[int, int, str]] | None = None,
                  titled: list[tuple[int, int]] | None = None) -> list[Relation]:
    """PROPOSES from the title's "Name:" prefix, "called/named X", "we propose/introduce X",
    passives ("X is proposed"), and entities first introduced in a proposal clause. A
    well-known (gazetteer) name needs strong evidence -- the title prefix, a naming cue, or its
    abbreviation being defined right there -- since papers restate known ideas as their own
    ("we propose a VAE-based ..."). `cues`: see proposal_cues, when already found;
    `titled`: long forms the title names (see title_named)."""
    defined_at = defined_at or set()
    by_name = {e.name: e for e in entities}
    starts = sorted(where)
    out: dict[str, Relation] = {}

    def add(name: str, start: int, end: int) -> None:
        e = by_name.get(name)
        if e is None or e.type not in ("Method", "Model") or name in out:
            return
        out[name] = Relation(Rel.PROPOSES, name, sentences.mention(start, end))

    if prefix and (prefix[0].start, prefix[0].end) in where:
        add(where[(prefix[0].start, prefix[0].end)], prefix[0].start, prefix[0].end)
    for s, e in titled or []:
        ent = by_name.get(where.get((s, e), ""))
        if ent is not None and ent.kb_id is None:  # a known name in the title is built on, not new
            add(ent.name, s, e)

    begins = [s for s, _ in starts]
    for m in NAMED.finditer(text):
        i = bisect_left(begins, m.end())
        if i < len(starts) and starts[i][0] <= m.end() + 2:
            s, e = starts[i]
            add(where[(s, e)], s, e)
    first_seen: dict[str, int] = {}
    for (s, e) in starts:
        first_seen.setdefault(where[(s, e)], s)
    for cue_start, cue_end, cue in (proposal_cues(text) if cues is None else cues):
        _, sent_end = sentences.of(cue_start)
        stop = _WINDOW_END.search(text, cue_end, sent_end)
        verb = _CUE_VERB.search(cue)
        # "the proposed X", "our X": only X itself, right after the cue
        limit = min(stop.start() if stop else sent_end, cue_end + (120 if verb else 3))
        parts_from = sent_end  # from here on the window lists parts: "consists of A and B"
        if verb and _CUE_PARTS.search(cue):
            parts_from, limit = cue_end, min(sent_end, cue_end + 240)  # "Our framework incorporates: (i) A ..."
        elif verb and stop and COMPOSED_OF.match(text, stop.start()):
            parts_from, limit = stop.start(), min(sent_end, cue_end + 240)
        elif verb and stop and text[stop.start()] == ":":
            parts_from, limit = stop.start(), sent_end  # "we present two methods ...: MASHA1 and MASHA2"
        named = NAMED.search(text, cue_end, limit)
        naming = taken_first = named is not None  # "an X, named Y": Y is the name, X describes it
        skipped_end, skipped_name = -1, None  # end of the last entity introduced by "based on", "such as", ...
        for (s, e) in starts[bisect_left(begins, cue_end):]:
            if s >= limit:
                break  # nothing past the window is added, so nothing there needs a look
            ent = by_name.get(where[(s, e)])
            if ent is None or ent.type not in ("Method", "Model") or (named and s < named.start()):
                continue
            not_own = (s < parts_from and bool(_NOT_OWN.search(text[max(cue_end, s - 40):s]))) or \
                ent.name == skipped_name or (bool(_MODIFIES_NOUN.match(text, e)) and not (
                    s < parts_from and not naming and _names_the_noun(ent, s, defined_at, verb))) or \
                _applied(text, e, lex) or (
                skipped_end >= 0 and _COORDINATED.match(text[skipped_end:s]) is not None)
            if not_own:
                skipped_end, skipped_name = e, ent.name
                continue
            known_without_definition = ent.kb_id is not None and (s not in defined_at or s >= parts_from)
            if not taken_first and s < limit:
                # "we propose a new network architecture, the Transformer, ...", "we present
                # GraphSAGE, a general inductive framework": an apposition names the
                # contribution, even with a name the gazetteer knows
                if not known_without_definition or _APPOSED_NAME.fullmatch(text, cue_end, s) \
                        or (s - cue_end <= 2 and (_DESCRIBED_AFTER.match(text, e) or _OUR_NOUN_NAMED.search(cue))):
                    add(ent.name, s, e)  # the object of "we propose ..."
                taken_first = True
            elif verb and s < limit and first_seen.get(ent.name) == s and not known_without_definition \
                    and not (s >= parts_from and ent.kb_id is not None):
                # introduced for the first time where the contribution is stated; among the
                # parts of a composition only new things count ("combines VAEs with ...": no)
                add(ent.name, s, e)
    for s, e in starts:
        if s in defined_at and _OUR_BEFORE.search(text, max(0, s - 12), s):
            # "Our latent diffusion models (LDMs) achieve ...": defined and claimed at once, even
            # with a name the gazetteer knows
            add(where[(s, e)], s, e)
    for m in PASSIVE_PROPOSE.finditer(text):
        # "a Quadratic Connection Unit (QCU) is proposed": the entity that ends the subject
        lo = bisect_left(begins, m.start() - 120)  # spans are short: those ending near the verb start near it
        before = [(s, e) for (s, e) in starts[lo:bisect_left(begins, m.start())] if m.start() - 8 <= e <= m.start()
                  and _CLOSERS.fullmatch(text, e, m.start())]
        if before:
            s, e = before[-1]
            ent = by_name.get(where[(s, e)])
            if ent is not None and (ent.kb_id is None or s in defined_at) and not _MODIFIES_NOUN.match(text, e):
                add(ent.name, s, e)
    return list(out.values())


def title_named(title: str, abbrevs: list[Abbreviation], lex: Lexicon) -> list[tuple[int, int]]:
    """Long forms defined in the abstract that are the title's own subject: the title is the
    name ("Martingale Posterior Neural Processes"), starts with it before a purpose phrase
    ("Pyramid Vector Quantization for LLMs"), or ends with it after plain modifiers
    ("Modality-Agnostic Variational Compression of Implicit Neural Representations"). A name
    after a linking word ("... with Probabilistic Circuits", "... for Improving Latent Video
    Diffusion Models") or a verb ("Revisiting X") is what the paper uses, studies or addresses.
    Returns the abstract offsets of those long forms."""
    links, purpose = lex.cue("title_link"), lex.cue("title_purpose")
    t = re.sub(r"^(?:the|an?)\s+", "", title.strip().lower())
    defined = [a for a in abbrevs if a.long_start >= len(title)]
    out = []
    for a in defined:
        lf = a.long.lower()
        if any(lf != b.long.lower() and lf in b.long.lower() for b in defined):
            continue  # "Neural Process" inside "Martingale Posterior Neural Process"
        for form in dict.fromkeys((lf, lf + "s", lf + "es", lf.removesuffix("s"))):
            after = t[len(form):] if t.startswith(form) else None
            if after is not None and (not after.strip() or after.lstrip().startswith(":")
                                      or (after[:1] == " " and after.split()[0] in purpose)):
                out.append((a.long_start, a.long_end))
                break
            if t.endswith(" " + form):
                before = t[: -len(form)].split()
                if ":" not in t and not any(w in links or (w.endswith("ing") and w.isalpha()) for w in before):
                    out.append((a.long_start, a.long_end))
                    break
    return out


def _names_the_noun(ent: Entity, start: int, defined_at: set[int], verb: bool) -> bool:
    """A new name before "framework"/"model" names it rather than a technique it builds on:
    one defined at this very spot ("we propose a Temporal Feature Maintenance Quantization
    (TFMQ) framework") or a name right after "the proposed"/"our" ("the proposed FQGAN model";
    not a lower-case phrase: "the proposed speech quality estimation method")."""
    if ent.kb_id is not None:
        return False
    return start in defined_at or (not verb and not ent.name.islower())


def typed_relations(entities: list[Entity], label: str, rel: str) -> list[Relation]:
    return [Relation(rel, e.name, e.mentions[0]) for e in entities if e.type == label]


def evaluated_on(text: str, entities: list[Entity]) -> list[Relation]:
    """Datasets the paper reports on: every Dataset except those named only as pretraining
    data ("ImageNet-pretrained backbones", "pre-trained on LAION-5B")."""
    return [Relation(Rel.EVALUATED_ON, e.name, e.mentions[0]) for e in entities
            if e.type == "Dataset" and not _pretraining_only(text, e)]


# the verb, not the modifier in "ImageNet-pretrained U-Nets on GlaS"; no clause boundary between
_PRETRAINED_ON = re.compile(r"(?<![\w-])pre-?train(?:ed|ing)?(?:\s+(?!and\b|or\b|but\b)[\w-]+){0,6}?\s+(?:on|from)\s+"
                            r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_PRETRAINED_AFTER = re.compile(r"-(?:pre-?trained|initiali[sz]ed)\b", re.I)


def _pretraining_only(text: str, e: Entity) -> bool:
    return all(_PRETRAINED_AFTER.match(text, m.end) or _PRETRAINED_ON.search(text, max(0, m.start - 70), m.start)
               for m in e.mentions)


# ---------------------------------------------------------------------------------------------
# Results

# A number as written: "1,024", "10 000" (digit groups), "2.56", "15-23"; not inside a name
# ("ResNet-50", "1/8") or a formula ("O(dT^{1+epsilon})")
_NUMBER = re.compile(r"(?<![\w.,\-/^{])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d.,])"
                     r"|\d+(?:\.\d+)?(?:\s?[-–]\s?\d+(?:\.\d+)?)?)"
                     r"(\s?(?:%|\\%|percent|x|X|×|times|\\times|dB|db|FPS|MB|GB|sec|s|ms|hours|points)(?![A-Za-z]))?"
                     r"(?![\w}{^+]|\.\d)")  # (nor a part of a number: the "0" of "0.29")
_COUNT_OF = re.compile(r"\s+of\s+(?:the|these|those|our|all|\d)", re.I)  # "on 45 of these datasets": a count
_RESULT_AFTER = re.compile(r"^\s*(?:lower|higher|better|fewer|less|more|smaller|larger|faster|improvement|reduction|"
                           r"gain|increase|decrease|boost|relative)?\s*(?:in\s+|of\s+|on\s+)?(?:the\s+)?", re.I)
_FEWER_GAP = re.compile(r"\s*(?:(?:x|×|times)\s*)?(?:fewer|less)\s+", re.I)
_FASTER = re.compile(r"\s*faster\b")
_MULTIPLIER = ("x", "×", "times", "\\times")
_DIGIT_GROUP_SPACE = re.compile(r"[ \u00a0\u2009\u202f]")  # "10 000" is 10000
_YEAR = re.compile(r"(?:19|20)\d{2}")
_SETTING_UNIT = re.compile(r"\s*-?\s*(?:bit|b\b|layer|step|shot|way|dim|d\b|k\b)", re.I)  # "4-bit", "8 layers"
_SPEED_WORD = re.compile(r"speed|faster|acceleration|throughput", re.I)
_SMALLER = re.compile(r"\s*smaller\b", re.I)
_LARGER = re.compile(r"\s*(?:larger|bigger|deeper|wider)\b", re.I)
_SPEEDUP = re.compile(r"\s*(?:acceleration|speed-?ups?)\b", re.I)
_METRIC_GLUE = re.compile(r"(?:of|=|:|is|was|reaches|reaching|to|by|at|achieves?|with|yields?|obtains?)\s*(?:a|an|the|just|only|up to|around|about|approximately|nearly)?\s*$", re.I)


def find_results(text: str, title_end: int, entities: list[Entity], where: dict[tuple[int, int], str],
                 sentences: Sentences, proposes: list[Relation], evaluated: list[Relation],
                 lex: Lexicon) -> list[Result]:
    """Numbers tied to a metric (and a dataset among those `evaluated` on: never pretraining data)."""
    by_name = {e.name: e for e in entities}
    on = {r.target for r in evaluated}
    typed = sorted(((s, e, "Pretraining" if by_name[n].type == "Dataset" and n not in on else by_name[n].type, n)
                    for (s, e), n in where.items() if n in by_name), key=lambda t: t[0])
    units = lex.cue("count_unit")
    method = proposes[0].target if proposes else None
    sole = next(iter(on)) if len(on) == 1 else None
    sole_dataset = sole if sole and by_name[sole].kb_id else None  # (known: a misread name is never the sole one)
    out: list[Result] = []
    result_unit = None  # the unit of the last result in `out`
    for m in _NUMBER.finditer(text, title_end):
        start, end = m.start(1), m.end(1)
        if any(s <= start < e for s, e, _, _ in typed):
            continue  # part of a name: CIFAR-10, ResNet-50
        value = _DIGIT_GROUP_SPACE.sub("", m.group(1))
        unit = (m.group(2) or "").strip().lower()
        # "1.8/3.3 WER on the clean/other test sets": two results in one metric ("1/8" is a fraction)
        pair = _SLASH_PAIR.match(text, end) if not unit and text.startswith("/", end) else None
        if pair and "." not in value + pair.group(1):
            pair = None
        last_end = pair.end() if pair else m.end()  # where the number (or the pair) and its unit end
        if pair:
            unit = (pair.group(2) or "").strip().lower()
        num_end = pair.end(1) if pair else end
        if _YEAR.fullmatch(value) and not unit:
            continue  # a year
        if text[last_end: last_end + 1] == ")" and not unit and "." not in value:
            continue  # "(1)", "O(2)": a list marker or an argument; "(0.29)" is a result
        # "3 or 4 bits per weight": the unit follows the last of the coordinated numbers
        after = _OR_NUMBER.match(text, last_end)
        nxt = [w.group().lower() for w in words(text, after.end() if after else last_end,
                                                min(len(text), last_end + 40))[:2]]
        if not unit and nxt and (nxt[0] in units or nxt[0].rstrip("s") in units or
                                 (len(nxt) > 1 and nxt[1] in units and nxt[0] not in lex.cue("better_cue"))) \
                and not _metric_at(typed, last_end):
            continue  # a count or setting: "34 data sets", "100 steps", "4 bits"; not "45 frames per second"
        if not unit and _COUNT_OF.match(text, last_end):
            continue
        if _SETTING_BEFORE.search(text, max(0, start - 40), start):
            continue  # "has to be 1", "fixed to 0.5", "(NFE=5, CFG=7.5)", "(e.g., 8x)": chosen, not measured
        if not unit and _SETTING_UNIT.match(text[m.end(1): m.end(1) + 8]):
            continue
        if unit != result_unit and out and _PAREN_AFTER.fullmatch(text, out[-1].evidence.end, start):
            continue  # "47.9% NDS (28.2 MB)": a note on the result before, in another unit
        fewer = _FEWER_GAP.match(text, last_end)
        if fewer and not _metric_at(typed, fewer.end()):
            continue  # "with 100X fewer labels": a saving in something no metric measures
        multiplier = unit in _MULTIPLIER
        if multiplier and _LARGER.match(text, last_end):
            continue  # "matches a 5x larger ViT": the size of what it is compared with
        s_start, s_end = sentences.of(start)
        found = _nearest(typed, "Metric", start, num_end, s_start, s_end, text)
        metric, metric_at = found or (None, None)
        if multiplier and _FASTER.match(text, last_end):
            metric = "speed"  # "15-23x faster"
        elif multiplier and _SMALLER.match(text, last_end):
            metric = "model size"  # "8.4x smaller": the size of the model, however fast it also is
        elif multiplier and _SPEEDUP.match(text, last_end) and not _metric_at(typed, last_end):
            metric = "speedup"  # "3x acceleration": not a metric named nearby ("... in model size and 3x ...")
        if metric is None and multiplier:
            if _SPEED_WORD.search(text, s_start, s_end):
                metric = "speedup"
        if metric is None and out and out[-1].evidence.start >= s_start and unit == result_unit and \
                _COORDINATED_RESULT.fullmatch(text, out[-1].evidence.end, start):
            metric = out[-1].metric  # "by 6.8 points on Natural Questions and 4.1 points on TriviaQA"
        if metric is None:
            continue
        result_unit = unit
        dataset = _dataset_for(typed, start, num_end, s_start, s_end, text, metric_at)
        if dataset is None and sole_dataset and not multiplier and not _SPEED_WORD.search(metric) \
                and not _OTHER_DATA.search(text, s_start, s_end):
            # "... on ImageNet. A linear classifier ... achieves 76.5% top-1 accuracy": a score
            # is on the one dataset the paper reports on, when that is a known one
            dataset = sole_dataset
        out.append(Result(value=value, metric=metric, dataset=dataset, method=method,
                          evidence=Mention(start, end, text[s_start:s_end])))
        if pair:
            out.append(Result(value=pair.group(1), metric=metric, dataset=dataset, method=method,
                              evidence=Mention(pair.start(1), pair.end(1), text[s_start:s_end])))
    return out


def _metric_at(typed: list[tuple[int, int, str, str]], pos: int) -> bool:
    """A metric starts right at `pos` (one space allowed): "45 frames per second"."""
    return any(t == "Metric" and pos <= s <= pos + 1 for s, _, t, _ in typed)


# "on the ChemProt benchmark, where our model obtains 78.2": the clause is about the dataset
_WHERE_CLAUSE = re.compile(r"(?:\s+(?:data\s?sets?|benchmarks?|corpus|test\s+sets?))?,\s+(?:where|on which|in which)\b"
                           r"[^,;]*$", re.I)
# "78.4 on the locomotion tasks and outperforms IQL on AntMaze": a new clause, another result
_CLAUSE_BREAK = re.compile(r"[;]|,\s*(?:and|while|but)\b|\band\s+(?:\w+ly\s+)?(?:outperforms?|surpass(?:es)?|achieves?|"
                           r"reach(?:es)?|obtains?|attains?|improves?|beats?)\b", re.I)
# "On zero-shot tasks, X achieves 58.61 accuracy": the sentence says where, and it is no dataset
_OTHER_DATA = re.compile(r"\b(?:on|across|over)\s+(?:[\w-]+\s+){0,3}?(?:tasks|benchmarks|datasets|data\s?sets)\b", re.I)
_SETTING_BEFORE = re.compile(r"(?:\b(?:(?:set|fixed|equal|tuned|chosen|initiali[sz]ed)\s+(?:to|at|as)|"
                             r"(?:has|have|needs?|must)\s+to\s+be)\s+|\([^()]{0,30}=\s*|\(e\.g\.,?\s*)$", re.I)
_SLASH_PAIR = re.compile(r"/(\d+(?:\.\d+)?)(\s?%)?(?![\w/]|\.\d)")
_OR_NUMBER = re.compile(r"\s+(?:or|and|to)\s+\d+(?:\.\d+)?(?=\s)")
_PAREN_AFTER = re.compile(r"[^\d().;,]{0,20}\(\s*")
# (digits only inside a name: "103.3 on UCF101 and 25.5 on K600")
_COORDINATED_RESULT = re.compile(r"(?:[^.;\d]|(?<=[A-Za-z\d])\d){0,60}?(?:,|\band)\s*(?:by\s+)?", re.I)
_NEXT_ITEM = re.compile(r"\b(?:and|or|while|but)\b|[,;]")
# "MultiNLI accuracy", "SQuAD v1.1 question answering Test F1": a dataset's own score
_QUALIFIES_METRIC = re.compile(r"(?:'s)?\s+(?:(?!(?:and|or|an?|the|with|on|in|of|for|to|at|by|vs)\b)[\w-]+\s+){0,3}",
                               re.I)
_INTRODUCED_ON = re.compile(r"\s*(?:on|for|in|across)\s+(?:[\w-]+\s+){0,5}?(?:(?:from|of|in)\s+)?(?:the\s+)?", re.I)


def _dataset_for(typed: list[tuple[int, int, str, str]], start: int, end: int, s_start: int, s_end: int,
                 text: str, metric_at: int | None = None) -> str | None:
    """The dataset a number was obtained on: one naming the metric that precedes it
    ("MultiNLI accuracy to 86.7%", "SQuAD v1.1 question answering Test F1 to 93.2"), else the
    nearest one after it in the same clause ("47.2 mIoU on ADE20K"), else the nearest before
    it in the same clause, or one that introduces the sentence's clause ("On CIFAR-10, ...
    2.56"). `metric_at`: where the result's metric starts."""
    if metric_at is not None and metric_at < start:
        for s, e, t, name in typed:
            if t == "Dataset" and metric_at - 40 <= e <= metric_at and _QUALIFIES_METRIC.fullmatch(text, e, metric_at):
                return name
    paren = text.rfind("(", s_start, start)
    if paren >= 0 and ")" not in text[paren:start]:
        # "on the Path-X challenge (seq. length 16K, 61.4% accuracy) and Path-256 (...)": a number in
        # parentheses is on the dataset inside them, else on the one the parentheses follow
        close = text.find(")", start, s_end)
        inside = [(s - end, name) for s, e, t, name in typed if t == "Dataset" and end <= s and (close < 0 or s < close)]
        if inside:
            return min(inside)[1]
        for s, e, t, name in typed:
            if t == "Dataset" and paren - 12 <= e <= paren:
                noun = DATASET_AFTER.match(text, e, paren)  # "the Path-X challenge (...)"
                if not text[noun.end() if noun else e: paren].strip():
                    return name
    after = [(s - end, name) for s, e, t, name in typed
             if t == "Dataset" and end <= s <= min(s_end, end + 80) and not _CLAUSE_BREAK.search(text, end, s)]
    if after:
        return min(after)[1]
    before = []
    for s, e, t, name in typed:
        if t != "Dataset" or s < s_start or e > start:
            continue
        between = text[e:start]
        if ";" in between:
            continue
        if "," in between and not _INTRODUCED_ON.fullmatch(text[s_start:s]) and not _WHERE_CLAUSE.match(between):
            continue  # across a comma only from a sentence-initial "On CIFAR-10, ..."
        before.append((start - e, name))
    return min(before)[1] if before else None


def _nearest(typed: list[tuple[int, int, str, str]], label: str, start: int, end: int,
             s_start: int, s_end: int, text: str, window: int = 60) -> tuple[str, int] | None:
    """The closest `label` entity in the sentence, preferring one glued to the number by
    "of", "=", "by" ... ("FID of 3.1") or following it ("76.5% top-1 accuracy"): its name
    and start."""
    best: tuple[int, str, int] | None = None
    for s, e, t, name in typed:
        if t != label or s < s_start or e > s_end or (s - end if s >= end else start - e) > window:
            continue  # (the distance below is never smaller than that)
        if s >= end:  # after the number: "76.5% top-1 accuracy", "2.3x speedup", "on CIFAR-10"
            gap = text[end:s]
            dist = s - end
            if label == "Metric" and _FEWER_GAP.fullmatch(gap):
                dist = 0  # "with 14 times fewer training steps": what there is less of, however close another is
            elif label == "Metric" and not _RESULT_AFTER.fullmatch(gap):
                if len(gap) > 30:
                    continue
                if _NEXT_ITEM.search(gap):
                    dist += 40  # "Recall@20 by 4.6% and MRR@20 by 3.9%": the next item's metric
        else:  # before: "FID of 3.1", "PSNR: 31.2"
            gap = text[e:start]
            if label == "Metric" and not _METRIC_GLUE.search(gap) and len(gap) > 3:
                dist = (start - e) + 40
            else:
                dist = start - e
        if dist <= window and (best is None or dist < best[0]):
            best = (dist, name, s)
    return (best[1], best[2]) if best else None
