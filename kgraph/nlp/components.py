"""Registered spaCy components. Each is a thin wrapper over a pure function of this package;
results live on the Doc (sentence boundaries, `doc.spans[...]`, `doc._.kgraph_*`)."""
from __future__ import annotations

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .abbreviations import find_abbreviations
from .facts import (Sentences, build_entities, evaluated_on, find_proposes, find_results, title_named,
                    typed_relations)
from .lexicon import GazetteerEntry, load_lexicon
from .rules import (Candidate, changed_by_candidates, percent_metric_candidates, dataset_name_candidates, elliptic_candidates, mask_urls, metric_at_candidates, name_candidates, named_candidates,
                    of_phrase_candidates, phrase_candidates, proposal_cues, propose_windows, title_prefix,
                    titlecase_candidates, Tokens)
from .sentences import split_sentences
from ..types import Rel

for _ext in ("kgraph_sentences", "kgraph_abbreviations", "kgraph_candidates", "kgraph_title_prefix", "kgraph_facts",
             "kgraph_proposal_cues"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)

TITLE_SEP = "\n\n"  # Paper.text joins title and abstract with it


def title_end(text: str) -> int:
    i = text.find(TITLE_SEP)
    return len(text) if i < 0 else i


class TextKeepingTokenizer:
    """Wraps the tokenizer to keep the input string on the Doc (spaCy would rebuild it from
    every token on each `doc.text`). Everything else is the wrapped tokenizer's."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["kgraph_text"] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def doc_text(doc: Doc) -> str:
    """doc.text, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("kgraph_text")
    if text is None:
        text = doc.user_data["kgraph_text"] = doc.text
    return text


def doc_sentences(doc: Doc) -> list[tuple[int, int]]:
    """The sentence spans kgraph_sentences set; computed here when that component is absent."""
    return doc._.kgraph_sentences or paper_sentences(doc_text(doc))


def paper_sentences(text: str) -> list[tuple[int, int]]:
    """The title is one sentence; the abstract is split by rule."""
    end = title_end(text)
    spans = [(0, end)] if end else []
    body_start = end + len(TITLE_SEP)
    if body_start < len(text):
        spans += [(s + body_start, e + body_start) for s, e in split_sentences(text[body_start:])]
    return spans


@Language.factory("kgraph_sentences")
def make_sentences(nlp: Language, name: str):
    def segment(doc: Doc) -> Doc:
        spans = paper_sentences(doc_text(doc))
        if len(doc):
            # Mark only the first token of each sentence; spaCy reads unmarked tokens as
            # continuing the sentence, so there is no need to touch every token.
            idx = doc.to_array([IDX])
            for start, _ in spans:
                i = int(numpy.searchsorted(idx, start))
                if i < len(doc):
                    doc[i].is_sent_start = True
        doc._.kgraph_sentences = spans
        return doc
    return segment


@Language.factory("kgraph_abbreviations")
def make_abbreviations(nlp: Language, name: str):
    def detect(doc: Doc) -> Doc:
        doc._.kgraph_abbreviations = find_abbreviations(doc_text(doc))
        return doc
    return detect


@Language.factory("kgraph_gazetteer", default_config={"patterns_dir": None})
def make_gazetteer(nlp: Language, name: str, patterns_dir: str | None):
    return Gazetteer(nlp, patterns_dir)


class Gazetteer:
    """PhraseMatcher over the pattern files: case-insensitive (LOWER) unless an entry is marked
    `"case": "exact"` (short names that are also words: "Blender", "MATH")."""

    def __init__(self, nlp: Language, patterns_dir: str | None) -> None:
        self.lex = load_lexicon(patterns_dir)
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.info: dict[int, tuple[str, str]] = {}
        by_key: dict[tuple[bool, str, str], list[Doc]] = {}
        spelled = {e.pattern.lower() for e in self.lex.entries}
        for e in self.lex.entries:
            docs = by_key.setdefault((e.exact, e.label, e.id), [])
            docs.append(nlp.make_doc(e.pattern))
            plural = method_plural(e) if not e.exact else None
            if plural and plural.lower() not in spelled:
                docs.append(nlp.make_doc(plural))  # "composition of data augmentations"
        for (exact, label, cid), docs in by_key.items():
            key = f"{label}|{cid}"
            (self.exact if exact else self.lower).add(key, docs)
            self.info[nlp.vocab.strings[key]] = (label, cid)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        tend = max(0, doc_text(doc).find(TITLE_SEP))  # a text without a title has none to skip
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                if matcher is self.exact and end - start == 1 and doc[start].idx < tend and doc[start].is_title:
                    continue  # a title capitalises every word: "Iris Pattern Individuality" is no dataset
                label, cid = self.info[match_id]
                spans.append(Span(doc, start, end, label=label, kb_id=cid))
        doc.spans["kgraph_gazetteer"] = sorted(spans, key=lambda s: (s.start, -s.end))
        return doc


def method_plural(e: GazetteerEntry) -> str | None:
    """The plural a technique is also written in ("data augmentations", "memory banks"); the
    data lists the singular. None for other types, names with capitals or digits, and words
    that do not take a plain -s."""
    p = e.pattern
    if e.label != "Method" or p != p.lower() or not p[-1:].isalpha() or p.endswith(("s", "sh", "ch", "x", "y", "z")):
        return None
    return p + "s"


@Language.factory("kgraph_rules", default_config={"patterns_dir": None})
def make_rules(nlp: Language, name: str, patterns_dir: str | None):
    lex = load_lexicon(patterns_dir)

    def find(doc: Doc) -> Doc:
        original = doc_text(doc)
        text = mask_urls(original)
        sents = doc_sentences(doc)
        tend = title_end(text)
        abstract_sents = [s for s in sents if s[0] > tend]
        tokens = Tokens(text)
        cues = proposal_cues(text)
        cands = (name_candidates(text, lex, 0, tend, in_title=True, tokens=tokens)
                 + name_candidates(text, lex, tend, tokens=tokens)
                 + titlecase_candidates(text, lex, abstract_sents, tokens) + dataset_name_candidates(text, lex, tend)
                 + of_phrase_candidates(text, lex, tend) + metric_at_candidates(text, tend) + named_candidates(text, lex, tend)
                 + changed_by_candidates(text, lex, tend) + percent_metric_candidates(text, lex, tend)
                 + phrase_candidates(text, lex, sents, windows=propose_windows(text, sents, tend, cues),
                                     tokens=tokens, title_end=tend))
        cands += elliptic_candidates(text, lex, [c for c in cands if c.source == "phrase" and c.start >= tend])
        prefix = title_prefix(text[:tend], lex)
        if prefix:
            cands.append(prefix[0])
        doc._.kgraph_title_prefix = prefix  # the facts component reads it, not the title again
        # the facts component reads the original text: the cues hold for it unless a URL was masked
        doc._.kgraph_proposal_cues = cues if text == original else None
        doc._.kgraph_candidates = cands  # plain values: Span objects for each would cost more than the rules
        return doc
    return find


@Language.factory("kgraph_facts", default_config={"patterns_dir": None})
def make_facts(nlp: Language, name: str, patterns_dir: str | None):
    lex = load_lexicon(patterns_dir)

    def assemble(doc: Doc) -> Doc:
        text = doc_text(doc)
        sents = Sentences(text, doc_sentences(doc))
        tend = title_end(text)
        cands = list(doc._.kgraph_candidates or [])
        cands += [Candidate(s.start_char, s.end_char, s.text, s.label_, "gazetteer", s.kb_id_)
                  for s in doc.spans.get("kgraph_gazetteer", [])]
        prefix = doc._.kgraph_title_prefix
        abbrevs = list(doc._.kgraph_abbreviations or [])
        entities, where = build_entities(text, tend, sents, cands, abbrevs, lex)
        if prefix and prefix[1]:
            _type_title_entity(entities, where, prefix[0], prefix[1])
        defined_at = {a.long_start for a in abbrevs} | {a.short_start for a in abbrevs}
        proposes = find_proposes(text, prefix, entities, where, sents, lex, defined_at, doc._.kgraph_proposal_cues,
                                 title_named(text[:tend], abbrevs, lex))
        evaluated = evaluated_on(text, entities)
        relations = proposes + evaluated + typed_relations(entities, "Task", Rel.ADDRESSES)
        results = find_results(text, tend, entities, where, sents, proposes, evaluated, lex)
        doc._.kgraph_facts = (entities, relations, results)
        return doc
    return assemble


def _type_title_entity(entities, where, cand: Candidate, described: str) -> None:
    """"SYENet: A Simple Yet Effective Network" -> SYENet is a Model, with the phrase as alias."""
    name = where.get((cand.start, cand.end))
    for e in entities:
        if e.name == name and e.type == "Method":
            e.type = "Model"
            if described not in e.aliases:
                e.aliases.append(described)
