"""Rules for entity names no gazetteer knows, and typing by context. Pure functions over text.

- name-like tokens: acronyms and CamelCase or digit-bearing tokens (MixPE, NIPQ, SVDQuant,
  LLaMA-2-7B, ResNet-50, QCNNs);
- title-case phrases ending in a head word ("Time-Shift Sampler", "Outlier-Aware Loss");
- technical noun phrases ending in a method/task/metric head word ("flow matching",
  "k-means clustering", "image inpainting", "rendering time");
- the title's "Name: ..." prefix;
- context typing: "X dataset", "on X" in an experiment sentence -> Dataset; "in terms of X",
  "X score" -> Metric; "7B" sizes, "X model" -> Model.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon

# A word: letters/digits joined by inner hyphens, apostrophes, slashes, "+", "&" or a decimal point
# ("VQ-VAE", "OD-VAE's", "I/O", "3.5"). Written as a loop of \w-runs, the form sre scans fastest.
WORD = re.compile(r"[^\W_][\w\u00b2\u00b3]*(?:(?:[-'’/+&](?=[^\W_])|\.(?=\d))[\w\u00b2\u00b3]*)*")
# Numbers, sizes and settings: "4-bit", "7B", "3D", "2K60FPS", "256times256", "INT8", "1/8", "W4A8", "121-layer"
NUMBERISH = re.compile(r"(?:\d[\d.,/x×]*(?:[-–~]\d[\d.,/x×]*)?(?:-?(?:bit|bits|b|m|k|x|d|times|fps|gb|mb|db|th|st|nd|rd|s|layer|head|hop|way|class|channel|level|order)\w*)?"
                       r"|(?:u?int|fp|bf)\d+(?:/\d+)*|v\d+(?:\.\d+)?|w\d+(?:[asg]\d+)+(?:kv\d+)?)", re.I)
LOWER_CONNECTORS = {"of", "and", "for", "the", "with", "from", "in", "on", "to", "via", "a"}


_ADVERB = r"(?:\w+ly|also|further|then|here|now|first|second|finally|therefore|thus|hence|instead|next)"
# (?=[wtoa]): every alternative starts with one of these letters; the lookahead lets sre skip
# other positions fast, a third of the scan time
PROPOSE = re.compile(r"\b(?=[wtoa])(?:(?:we|this (?:paper|work|article|study)|our (?:paper|work)|and)\s+(?:" + _ADVERB + r"\s+)?"
                     r"(?:propose|introduce|present|develop|design|devise|formulate|describe|put forward)s?\b(?!\s+to\s)"
                     # "Our first contribution is to design a novel ... sampler"
                     r"|\bour (?:\w+ )?contributions? (?:is|are)\s+(?:to\s+(?:propose|introduce|present|develop|design|devise)\b)?"
                     r"|\bthe (?:proposed|resulting)\b|\bour (?:new |novel |proposed )?(?=(?-i:[A-Z]))"
                     r"|\bour (?:[\w-]+ ){0,3}?(?:model|method|approach|framework|system|network|architecture|algorithm|technique)"
                     r"(?:,?\s+|\s*(?:-{2,3}|[—–:])\s*)(?:the |called |named |dubbed |termed )?(?=(?-i:[A-Z]))"
                     # "Our framework incorporates two novel ideas: (i) ..." lists the contribution's parts
                     r"|\bour (?:\w+ )?(?:model|method|approach|framework|system|architecture|algorithm)\s+"
                     r"(?:incorporates|integrates|consists of|comprises|combines|contains|includes|introduces)\b)", re.I)
# "..., which consists of A and B": the parts of what was just proposed
COMPOSED_OF = re.compile(r",?\s*(?:which|that)\s+(?:integrates|consists of|comprises|combines|contains|includes|"
                         r"incorporates|is composed of)\b", re.I)
# A plural subject ("VQ-VAEs are designed to ...") states what a family of methods is for.
PASSIVE_PROPOSE = re.compile(r"\s+(?:is\s+(?:\w+ly\s+)?(?:proposed|introduced|designed|presented|developed|devised)\b"
                             r"(?!\s+(?:as|by)\b)|are\s+(?:\w+ly\s+)?(?:proposed|introduced|presented|developed|devised)\b"
                             r"(?!\s+(?:to|for|as|by)\b))", re.I)


# "a method called X", "(that) we call X", "we term it X"
NAMED = re.compile(r"\b(?<!so )(?<!so-)(?:called|named|dubbed|termed|coined|we\s+(?:call|term|dub|name)(?:\s+(?:it|this|them|these))?)"
                   r"\s+(?:as\s+)?(?:the\s+)?", re.I)


def proposal_cues(text: str) -> list[tuple[int, int, str]]:
    """PROPOSE's matches as (start, end, text): found once per paper, read by the rules and the facts."""
    return [(m.start(), m.end(), m.group()) for m in PROPOSE.finditer(text)]


def propose_windows(text: str, sentence_spans: list[tuple[int, int]], title_end: int,
                    cues: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int]]:
    """Where a paper says what it contributes: the title, and each sentence from a proposal
    verb ("we propose", "we introduce", ...) to its end. `cues`: see proposal_cues."""
    out = [(0, title_end)]
    for start, end, _ in (proposal_cues(text) if cues is None else cues):
        if start < title_end:
            continue
        for s, e in sentence_spans:
            if s <= start < e:
                out.append((end, e))
                break
    return out


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    label: str | None  # None: to be typed later
    source: str  # gazetteer | abbreviation | name | titlecase | phrase | title
    id: str | None = None


_URL = re.compile(r"(?:https?://|www\.|github\.com/|\b[\w-]+\.(?:com|org|io|net)/)\S*", re.I)


_URL_CUES = ("://", "www.", ".com/", ".org/", ".io/", ".net/")  # one is in every _URL match


def mask_urls(text: str) -> str:
    """Blank out URLs (same length, so offsets hold): their path segments are not names."""
    low = text.lower()  # (_URL ignores case)
    if not any(cue in low for cue in _URL_CUES):
        return text  # no URL can be there; skips a whole-text regex on most abstracts
    return _URL.sub(lambda m: " " * len(m.group()), text)


def words(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(WORD.finditer(text, start, len(text) if end is None else end))


# A run of words with single spaces between: a phrase never continues across any other gap.
_RUN = re.compile(WORD.pattern + "(?: " + WORD.pattern + ")*")


class Tokens:
    """The text's words (WORD matches), found once per paper and shared by the rules, which
    otherwise each re-scanned the text. `joined[i]`: word i follows word i-1 after exactly
    one space."""
    __slots__ = ("starts", "ends", "words", "joined")

    def __init__(self, text: str) -> None:
        starts: list[int] = []
        ends: list[int] = []
        ws: list[str] = []
        joined: list[bool] = []
        for run in _RUN.finditer(text):
            pos = run.start()
            parts = run.group().split(" ")
            if len(parts) == 1:  # most runs are one word between punctuation
                starts.append(pos)
                ends.append(run.end())
                ws.append(parts[0])
                joined.append(False)
                continue
            ws += parts
            joined.append(False)
            joined += [True] * (len(parts) - 1)
            for w in parts:
                starts.append(pos)
                pos += len(w)
                ends.append(pos)
                pos += 1
        self.starts, self.ends, self.words, self.joined = starts, ends, ws, joined

    def between(self, start: int, end: int) -> range:
        """Indices of the words that start in [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))


_MEMOS: dict[tuple[object, ...], dict] = {}


def _memo(*key: object) -> dict:
    """A cache of per-word decisions for one lexicon and rule (`key`): the same words recur
    across abstracts. Emptied when it grows past 500,000 words, so memory stays bounded."""
    memo = _MEMOS.setdefault(key, {})
    if len(memo) > 500_000:
        memo.clear()
    return memo


def is_name_like(w: str, lex: Lexicon) -> bool:
    """Memoised: see _name_like."""
    memo = _memo("name_like", id(lex))
    hit = memo.get(w)
    if hit is None:
        hit = memo[w] = _name_like(w, lex)
    return hit


_LOWER_ALNUM = re.compile(r"[a-z]+\d+[a-z]+\d*(?:-[a-z]*\d*)?")


def _name_like(w: str, lex: Lexicon) -> bool:
    """Acronyms, CamelCase and digit-bearing names; never numbers, sizes or generic classes."""
    if w.lower() in lex.cue("generic") or NUMBERISH.fullmatch(w) or "_" in w:
        return False  # ("log_2N", "B_L": LaTeX subscripts flattened into the text)
    parts = w.split("-")
    if len(parts) > 1 and (parts[-1] in lex.cue("modifier_suffix") or re.fullmatch(r"[IVX]+", parts[-1])
                           or parts[-1].lower() in lex.cue("generic")):
        return False  # "SIC-restricted", "LVDM-based", "type-II", "multi-GPU": modifiers, not names
    if len(parts) > 2 and any(p in LOWER_CONNECTORS for p in parts[1:-1]):
        return False  # "System-on-Chip", "Dense-and-Sparse": a phrase written with hyphens
    if re.fullmatch(r"[A-Z](?:/[A-Z])+", w):
        return False  # "A/B testing", "I/O": letters, not a name
    if re.fullmatch(r"[A-Z]{2}[a-z]{4,}", w) and any(c in "AEIOU" for c in w[:2]):
        # "QUantized", "ENcoding": a word spelled to show an acronym's letters, its first
        # syllable capitalised; "VBench", "QServe" put a letter before a word
        return False
    if len(w) > 3 and _LOWER_ALNUM.fullmatch(w):
        return True  # "word2vec", "i2b2", "pix2pix": lower-case letters around digits
    uppers = sum(c.isupper() for c in w)
    if uppers >= 2:
        return True
    return uppers == 1 and w[0].isalpha() and any(c.isdigit() for c in w)


def singular(w: str) -> str:
    w = w.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def head_type(phrase: str, lex: Lexicon) -> str | None:
    """The type a phrase's last word implies: Task, Metric or Method heads (in that order)."""
    ws = phrase.replace("-", " ").split() if " " not in phrase else phrase.split()
    if not ws:
        return None
    last = ws[-1].lower()
    cands = {last, singular(last)}
    if "-" in last:  # "few-task meta-learning": the hyphenated word's last part is the head
        tail = last.rsplit("-", 1)[1]
        cands |= {tail, singular(tail)}
    if cands & lex.cue("task_head"):
        return "Task"
    if cands & lex.cue("metric_head"):
        return "Metric"
    if cands & lex.cue("method_head"):
        return "Method"
    return None


def name_candidates(text: str, lex: Lexicon, start: int = 0, end: int | None = None,
                    in_title: bool = False, tokens: Tokens | None = None) -> list[Candidate]:
    """Name-like tokens. In a title, where every word is capitalised, "Low-Level" or
    "Data-Efficient" is no name: there a name needs an inner capital or a digit."""
    tokens = tokens or Tokens(text)
    memo = _memo("name_form", id(lex), in_title)
    starts, ws = tokens.starts, tokens.words
    out = []
    for i in tokens.between(start, len(text) if end is None else end):
        w = ws[i]
        form = memo.get(w)
        if form is None:
            form = memo[w] = _name_form(w, lex, in_title)
        if form and not (len(form) <= 3 and _GROUP_ARG.match(text, starts[i] + len(form))):
            out.append(Candidate(starts[i], starts[i] + len(form), form, None, "name"))
    return out


# "SU(2)", "SE(3)", "O(n)": a short name applied to an argument is mathematical notation
_GROUP_ARG = re.compile(r"\(\w{1,2}\)")


def _name_form(w: str, lex: Lexicon, in_title: bool) -> str:
    """The name a word spells (without a possessive), or "" when it is no name."""
    if (w.islower() and w.isalpha()) or w[1:].islower() or w.isdigit():
        return ""
    if w.endswith(("'s", "’s", "'", "’")):
        w = re.sub(r"['’]s?$", "", w)  # possessive: "OD-VAE's"
    if in_title and all(p[:1].isupper() and p[1:].islower() for p in w.split("-") if p):
        return ""
    return w if is_name_like(w, lex) else ""


# What a naming cue introduces, up to punctuation or a clause word: capitalised words ("which we
# name Guanaco,") or a lower-case phrase ("a simple method called chain of thought prompting, where")
_NAMED_FORM = re.compile(r"([A-Z][\w-]*(?: (?:[A-Z][\w-]*|\d[\w.]*))*|[a-z][\w-]*(?: [a-z][\w-]*){1,4}?)"
                         r"(?=\s*(?:[,.;:()]|$)|\s(?:which|that|where|to|for|with|and|is|are|as|in|on|by|from)\b)")
_MODEL_NOUN = r"(?:models?|model family|networks?|LLMs?|chatbots?)\s*,?\s*(?:which|that)?\s*$"
_MODEL_NAMED = re.compile(r"\b" + _MODEL_NOUN, re.I)
# "a framework for low-bit diffusion models, dubbed X": the models are what X is for
_MODEL_OBJECT = re.compile(r"\b(?:for|of|with|on|to|in|from)\s+(?:[\w-]+\s+){0,3}" + _MODEL_NOUN, re.I)


def named_candidates(text: str, lex: Lexicon, start: int = 0) -> list[Candidate]:
    """Names a naming cue introduces that the other rules miss: a capitalised word that is also
    an ordinary one ("which we name Guanaco") -- a Model when a model is what is named -- or a
    lower-case phrase that ends in a head word ("called chain of thought prompting")."""
    out = []
    stops, generic = lex.cue("stop_modifier"), lex.cue("generic")
    for m in NAMED.finditer(text, start):
        f = _NAMED_FORM.match(text, m.end())
        if f is None:
            continue
        name = f.group(1)
        first = name.split()[0].lower()
        if first in stops or name.lower() in generic:
            continue
        if name[0].islower():
            label, source = head_type(name, lex), "phrase"
            if label is None:
                continue
        else:
            before = max(0, m.start() - 60)
            model = _MODEL_NAMED.search(text, before, m.start()) and not _MODEL_OBJECT.search(text, before, m.start())
            label, source = ("Model" if model else None), "name"
        # once named, the name means the same wherever the paper uses it
        for o in re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])").finditer(text, start):
            out.append(Candidate(o.start(), o.end(), name, label, source))
    return out


_METRIC_AT = re.compile(r"(?<![\w@])[A-Za-z][\w-]*@(?:\d+(?:\.\d+)?|[kKnN])(?![\w@])")


def metric_at_candidates(text: str, start: int = 0) -> list[Candidate]:
    """Rank metrics at a cut-off: "Hits@50", "Recall@10", "NDCG@5", "pass@k", "mAP@0.5"."""
    if "@" not in text:
        return []
    return [Candidate(m.start(), m.end(), m.group(), "Metric", "name") for m in _METRIC_AT.finditer(text, start)]


@lru_cache(maxsize=16)
def _cue_regex(template: str, cues: frozenset[str]) -> re.Pattern[str]:
    """`template` with "{cues}" replaced by an alternation of the cue words (longest first, so
    "reduces" is tried before "reduce"); compiled once per lexicon's cue set."""
    return re.compile(template.replace("{cues}", "|".join(sorted(map(re.escape, cues), key=len, reverse=True))))


# "reduce the number of trainable parameters by 10,000 times and the GPU memory requirement by
# 3 times": what a change by a measured amount is measured in
_MEASURE = (r"(?:the\s+|its\s+|their\s+|our\s+)?((?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*(?:\s+of\s+(?:[a-z][\w-]*\s+){0,2}?"
            r"[a-z][\w-]*)?)\s+by\s+(?:up\s+to\s+|about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+|almost\s+)?"
            r"\d[\d.,]*\s?(?:%|x\b|×|times\b|points?\b|dB\b)")
_BY_AMOUNT = re.compile(r"\sby\s+(?:[a-z]+\s+){0,2}\d")
_FEWER = re.compile(r"\d\s?(?:x|×|times)\s+(?:fewer|less)\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)(?=\s*[,.;:)]|\s+(?:and|than|while|with|on|in|for|to|at)\b)")
_AND_MEASURE = re.compile(r",?\s+and\s+" + _MEASURE)
_CHANGED_BY = r"\b(?:{cues})\s+" + _MEASURE  # (see _cue_regex)
_NOT_IN_MEASURE = frozenset({"and", "or", "on", "in", "to", "for", "with", "from", "at", "via", "than", "as", "over"})


def changed_by_candidates(text: str, lex: Lexicon, start: int = 0) -> list[Candidate]:
    """What a change verb ("reduce", "improves", "cuts": cue data) changes by a measured amount
    is a Metric: "reduce the GPU memory requirement by 3 times". Not a determiner's phrase
    ("these metrics"), a generic word or a gerund ("accelerating training by 2x"); not what is
    outperformed by an amount (that is a compared method, and no change verb). Likewise what
    there is a multiple less of: "with 14 times fewer training steps"."""
    out = [Candidate(m.start(1), m.end(1), m.group(1), "Metric", "phrase") for m in _FEWER.finditer(text, start)
           if m.group(1).split()[-1].lower() not in lex.cue("generic")]
    if _BY_AMOUNT.search(text, start) is None:
        return out  # no "by <amount>": skips a scan for the change verbs at every position
    changed_by = _cue_regex(_CHANGED_BY, lex.cue("change_verb"))
    generic, stops = lex.cue("generic"), lex.cue("stop_modifier")
    for m in changed_by.finditer(text, start):
        while m:
            ws = m.group(1).split()
            if not (any(w.lower() in _NOT_IN_MEASURE for w in ws) or ws[0].lower() in stops or
                    (len(ws) == 1 and (ws[0].lower() in generic or ws[0].endswith("ing")))):
                out.append(Candidate(m.start(1), m.end(1), m.group(1), "Metric", "phrase"))
            m = _AND_MEASURE.match(text, m.end())
    return out


_PERCENT_METRIC = (r"(?i)\d%\s+(?:(?:relative|absolute|lower|higher)\s+)?"
                   r"((?:top-\d+\s+)?(?:(?:validation|test|training|train)\s+)?(?:{cues}))\b"
                   r"|\b({cues})\s+(?:of|=|:|is|was)\s+(?:only\s+|about\s+|up\s+to\s+)?\d[\d.]*\s?%")


def percent_metric_candidates(text: str, lex: Lexicon, start: int = 0) -> list[Candidate]:
    """A word that names a measure only next to a percentage ("percent_metric" cues: "error",
    "precision", "recall"): "3.57% error", "4.9% top-5 validation error", "a recall of 91.2%";
    elsewhere "error" and "precision" are ordinary words ("approximation error", "4-bit precision")."""
    if "%" not in text:
        return []
    rx = _cue_regex(_PERCENT_METRIC, lex.cue("percent_metric"))
    return [Candidate(m.start(g), m.end(g), m.group(g), "Metric", "phrase")
            for m in rx.finditer(text, start) for g in (1, 2) if m.group(g)]


_TWO_CAPITALISED = re.compile(r"[A-Z][\w'’-]*\s+(?:(?:of|and|for|the|with|from|in|on|to|via|a)\s+)?[A-Z]")


def titlecase_candidates(text: str, lex: Lexicon, sentence_spans: list[tuple[int, int]],
                         tokens: Tokens | None = None) -> list[Candidate]:
    """Runs of >= 2 capitalised words (small connectors allowed inside) ending in a head word.
    Pass only abstract sentences: in a title every word is capitalised."""
    tokens = tokens or Tokens(text)
    starts, ends, ws, joined = tokens.starts, tokens.ends, tokens.words, tokens.joined
    heads = lex.heads
    out = []
    for s_start, s_end in sentence_spans:
        if not _TWO_CAPITALISED.search(text, s_start, s_end):
            continue  # no run of two capitalised words here: skip the word-by-word scan
        span = tokens.between(s_start, s_end)
        i, stop = span.start, span.stop
        while i < stop:
            if not _capitalised(ws[i]) or starts[i] == s_start:
                i += 1
                continue
            j = i
            while j + 1 < stop and joined[j + 1] and (
                    _capitalised(ws[j + 1]) or
                    (ws[j + 1] in LOWER_CONNECTORS and j + 2 < stop and _capitalised(ws[j + 2]))):
                j += 1
            # end on the last capitalised head word of the run
            k = j
            while k > i and singular(ws[k]) not in heads and ws[k].lower() not in heads:
                k -= 1
            if k > i and (ws[k].lower() in heads or singular(ws[k]) in heads):
                phrase = text[starts[i]: ends[k]]
                if phrase.lower() not in lex.cue("generic"):
                    out.append(Candidate(starts[i], ends[k], phrase, head_type(phrase, lex), "titlecase"))
            i = j + 1
    return out


_NAMED_DATASET = re.compile(
    r"(?<![\w-])((?:(?:[A-Z][\w-]*|\d{2,4})\s+){2,6}(?:[Dd]ataset|[Bb]enchmark|[Cc]hallenge|[Cc]orpus|Suite))\b")


_DATASET_LIST = re.compile(r"\b(?:data\s?sets|benchmarks|corpora)\s*(?:[:(]|,\s*(?:(?:including|such as|namely)\s+)?"
                           r"|\s+(?:including|such as|namely)\s+)\s*(?=(?-i:[A-Z]))", re.I)
# one item of that list and the separator after it; an item ends the list unless one follows
_LIST_ITEM = re.compile(r"([A-Z][\w+-]*(?:\.\d+)*(?:\s+(?:[A-Z0-9][\w+-]*|v\d+)(?:\.\d+)*)?)"
                        r"(?=\s*(?:[,;)]|\s(?:and|or)\s|\.(?:\s|$)|$))(?:\s*,?\s*(?:and|or)\s+|\s*,\s*)?")


def dataset_name_candidates(text: str, lex: Lexicon, start: int = 0) -> list[Candidate]:
    """Multi-word capitalised names that end in dataset/benchmark/challenge: "MAI 2022 Learned
    Smartphone ISP challenge", "Waymo Open Dataset". (One name before the cue, as in "the
    FooBar dataset", is the name alone, typed by context.)"""
    out: list[Candidate] = []
    low = text.lower()
    if not any(cue in low for cue in ("dataset", "benchmark", "challenge", "corpus", "suite")):
        return out
    for m in _NAMED_DATASET.finditer(text, start):
        first = m.group(1).split()[0]
        if first.lower() in lex.cue("stop_modifier") or first.lower() in lex.cue("generic"):
            continue
        out.append(Candidate(m.start(1), m.end(1), m.group(1), "Dataset", "titlecase"))
    stops, references = lex.cue("stop_modifier"), lex.cue("reference_word")
    for m in _DATASET_LIST.finditer(text, start):
        # "three public datasets, Yoochoose, Diginetica and Tmall": the list names datasets
        pos = m.end()
        while item := _LIST_ITEM.match(text, pos):
            name = item.group(1)
            first = name.split()[0].lower()
            if first in stops or first in references:
                break
            out.append(Candidate(item.start(1), item.end(1), name, "Dataset", "titlecase"))
            pos = item.end()
    return out


def _capitalised(w: str) -> bool:
    return w[:1].isupper() and not w.isupper() or (w[:1].isupper() and len(w) == 1)


def phrase_candidates(text: str, lex: Lexicon, sentence_spans: list[tuple[int, int]],
                      max_modifiers: int = 4, windows: list[tuple[int, int]] | None = None,
                      tokens: Tokens | None = None, title_end: int = 0) -> list[Candidate]:
    """Technical noun phrases: a chunk of content words that ends in a head word.

    Chunks break at punctuation, stop words, verbs and numbers. The phrase is the chunk up to
    its last head word, at most `max_modifiers` words before it, with leading stop-modifiers
    trimmed; a bare head word is not a phrase. A phrase ending in a weak head ("framework",
    "algorithm", "strategy") names something only where the paper states its contribution,
    so it is kept only inside `windows` (see propose_windows). Before `title_end`, where every
    word is capitalised, a verb is capitalised too ("Chain-of-Thought Prompting Elicits Reasoning").
    """
    tokens = tokens or Tokens(text)
    code = _memo("word_code", id(lex))
    ws, joined = tokens.words, tokens.joined
    out: list[Candidate] = []
    for s_start, s_end in sentence_spans:
        first = -1  # the current chunk's first word; -1: no chunk
        last_code = _PLAIN
        span = tokens.between(s_start, s_end)
        for i in span:
            c = code.get(ws[i])
            if c is None:
                c = _word_code(ws[i], lex, code)
            if c == _STOP or (first >= 0 and not joined[i]):
                # most chunks end in an ordinary noun: nothing to emit, decided by the code
                if last_code == _ENDS and i - first > 1 and first >= 0:
                    _emit_phrase(text, tokens, first, i, max_modifiers, lex, out, windows, title_end)
                first = -1 if c == _STOP else i
            elif first < 0:
                first = i
            last_code = c
        if first >= 0 and last_code == _ENDS and span.stop - first > 1:
            _emit_phrase(text, tokens, first, span.stop, max_modifiers, lex, out, windows, title_end)
    return out


# "arithmetic, commonsense, and symbolic reasoning", "image and video generation": the words
# listed before a two-word phrase share its head
_ELLIPSIS = re.compile(r"((?:[A-Za-z][\w-]*,\s+){0,3}[A-Za-z][\w-]*),?\s+(?:and|or)\s+$")


def elliptic_candidates(text: str, lex: Lexicon, phrases: list[Candidate]) -> list[Candidate]:
    """The phrases a coordination leaves elliptic: for "image and video generation", "image
    generation" (its mention is "image"). Only before a two-word Task or Method phrase, only
    for plain modifiers -- not stop words ("large and complex reasoning"), heads ("detection and
    segmentation tasks" names two things already), numbers or verbs -- and only where the
    phrase is known, hyphenated or written out elsewhere in the paper."""
    out: list[Candidate] = []
    heads, stops = lex.heads, lex.cue("stop_modifier")
    weak, trailing = lex.cue("weak_head"), lex.cue("trailing_noun")
    low = None  # the text in lower case, made only if needed
    for p in phrases:
        ws = p.text.split()
        if len(ws) != 2 or p.label not in ("Task", "Method") or not ws[0][0].islower() and "-" not in ws[0]:
            continue
        m = _ELLIPSIS.search(text, max(0, p.start - 80), p.start)
        if m is None:
            continue
        for w in WORD.finditer(text, m.start(1), m.end(1)):
            word = w.group()
            hyphenated = "-" in word and not _is_head(word, heads) and not NUMBERISH.fullmatch(word)
            if word.lower() in stops or not (hyphenated or _plain_modifier(word, heads, weak, trailing)):
                break  # the list is not all modifiers: no ellipsis
            name = f"{word} {ws[1]}"
            # a known name, a hyphenated modifier ("English-to-French") or one the paper also
            # writes out in full; "gap and lookahead denoising" is no "gap denoising"
            if not (lex.lookup(name) or hyphenated):
                low = low or text.lower()
                if name.lower() not in low:
                    continue
            out.append(Candidate(w.start(), w.end(), name, p.label, "phrase"))
    return out


_PLAIN, _STOP, _ENDS = 0, 1, 2  # a word within a phrase; a word that breaks one; one that can end one


def _word_code(w: str, lex: Lexicon, memo: dict[str, int]) -> int:
    """A stop word, adverb or number breaks a phrase; a head, weak head, container noun or
    acronym can end one (see _emit_phrase); anything else can only be inside one."""
    lw = w.lower()
    if lw in lex.cue("stop_modifier") or lw.endswith("ly") or (
            (w[0].isdigit() or w[-1].isdigit()) and NUMBERISH.fullmatch(w) is not None):
        c = _STOP
    elif _is_head(w, lex.heads) or _is_head(w, lex.cue("weak_head")) or lw in lex.cue("trailing_noun") \
            or _acronymish(w):
        c = _ENDS
    else:
        c = _PLAIN
    memo[w] = c
    return c


def _is_head(w: str, heads: frozenset[str]) -> bool:
    w = w.lower()
    return w in heads or singular(w) in heads or w.split("-")[-1] in heads


_ACRONYM_MARK = re.compile(r"[A-Z]{2}|\d")
_LOWER_WORD = re.compile(r"[a-z]+")


def _acronymish(w: str) -> bool:
    """Two capitals in a row or a digit: "GP", "VQ-VAE", "LLaMA-2" (not "Dense-and-Sparse")."""
    return _ACRONYM_MARK.search(w) is not None


def _plain_modifier(w: str, heads: frozenset[str], weak: frozenset[str], trailing: frozenset[str]) -> bool:
    """A word that can modify a name: "causal VAE", "discrete video VAEs". Not a participle or
    verb ("surpassing X", "optimise X", "trained X") and not a noun that heads a phrase of its
    own ("imitation learning baseline DAPG", "solvers PSLD": an appositive, not a modifier)."""
    if not _LOWER_WORD.fullmatch(w) or w.endswith(("ed", "ing", "ise", "ize")) or _verb_like(w):
        return False  # ("block diagonalises SU": a verb before the name)
    return not (_is_head(w, heads) or _is_head(w, weak) or w in trailing)


def _participle(text: str, start: int, w: str, lex: Lexicon) -> bool:
    """An -ing word that acts as a verb or adjective: "time-consuming X", "by quantizing X",
    "computationally demanding X"; not a noun modifier ("a sliding window", "the clipping range")."""
    if not (w.endswith("ing") and w.islower()) or _is_head(w, lex.heads):
        return False
    before = _word_before(text, start)
    return "-" in w or before.endswith("ly") or before in lex.cue("gerund_cue")


_LAST_WORD = re.compile(r"([A-Za-z]+) $")


def _word_before(text: str, start: int) -> str:
    """The word right before offset `start` (one space between), lower-cased; "" if none."""
    before = _LAST_WORD.search(text, max(0, start - 20), start)
    return before.group(1).lower() if before else ""


def _title_gerund(text: str, start: int, w: str) -> bool:
    return w.endswith("ing") and w[:1].isupper() and (start == 0 or text[max(0, start - 2): start] == ": ")


_NOT_VERB_S = ("ss", "us", "is", "as", "ics", "ous", "ys", "ies", "ness", "news", "means")


def _base_verb(w: str) -> bool:
    """"stabilize training", "optimise memory": a verb in -ize/-ise ("size", "noise" are nouns)."""
    return w.islower() and len(w) > 5 and "-" not in w and w.endswith(("ize", "alise", "ilise", "imise", "yse", "yze"))


def _verb_like(w: str) -> bool:
    """A lowercase word ending in -s that is likely a verb or a plural subject."""
    return w.islower() and len(w) > 3 and w.endswith("s") and not w.endswith(_NOT_VERB_S) and "-" not in w


_NUMBER_BEFORE = re.compile(r"\d[\w.]*[\s-]$")
_BUILT_ON_BEFORE = re.compile(r"\b(?:based|built|builds?|relies|rely|relying)\s+(?:up)?on\s+(?:the\s+|an?\s+)?$", re.I)
_PROBLEM_AFTER = re.compile(r"\s+(?:problems?|tasks?)\b")
_APPOSITIVE = re.compile(r"[A-Z][\w-]*\)?,\s+(?:a|an)\s+$")


def _emit_phrase(text: str, tokens: Tokens, begin: int, end: int, max_modifiers: int, lex: Lexicon,
                 out: list[Candidate], windows: list[tuple[int, int]] | None, title_end: int = 0) -> None:
    """The phrase in the chunk of words [begin, end), if any; its last word can end a phrase."""
    heads, stops, generic = lex.heads, lex.cue("stop_modifier"), lex.cue("generic")
    weak, trailing = lex.cue("weak_head"), lex.cue("trailing_noun")
    starts, ends, ws = tokens.starts, tokens.ends, tokens.words

    def weak_here(i: int) -> bool:
        w = ws[i].lower()
        if not (w in weak or singular(w) in weak):
            return False
        inside = windows is None or any(s <= starts[i] < e for s, e in windows)
        if inside and _BUILT_ON_BEFORE.search(text, max(0, starts[begin] - 30), starts[begin]):
            return True  # "based on the maximum entropy RL framework": what it builds on, named without the noun
        # "SqueezeLLM, a post-training quantization framework": the framework is SqueezeLLM
        return not inside or bool(_APPOSITIVE.search(text[max(0, starts[begin] - 40): starts[begin]]))

    # Container nouns ("image classification tasks") and weak heads out of context end a
    # phrase without being part of it; any other non-head last word makes the head a modifier.
    n = end
    while n > begin and (ws[n - 1].lower() in trailing or weak_here(n - 1)):
        n -= 1
    if n - begin < 2:
        return
    last = n - 1
    lw = ws[last]
    if _acronymish(lw) and not any(c.isdigit() for c in lw) and is_name_like(lw, lex):
        kind = "name"  # "causal VAE", "discrete video VAEs": a kind of a named family
    elif _is_head(lw, heads):
        kind = "head"
    else:
        return
    first = max(begin, last - max_modifiers)
    while first < last and ws[first].lower() in stops:
        first += 1
    if first == begin and first < last and ws[first].lower() in lex.cue("count_unit") \
            and _NUMBER_BEFORE.search(text, max(0, starts[first] - 12), starts[first]):
        first += 1  # "a 1.5B parameter Transformer": the size's unit, no part of a name
    if first == begin and ws[begin].lower() in lex.cue("quality_noun") \
            and _word_before(text, starts[begin]) in lex.cue("degree_adjective"):
        first = begin + 1  # "high quality reconstruction": "high quality" qualifies, it names nothing
    if first == last:
        return
    if kind == "head":
        # "interleaves quantization", "BetaNet pushes MultiNLI accuracy": a verb (or plural
        # subject) before the phrase; noun modifiers are singular ("image classification", not
        # "images classification")
        for i in range(last - 1, first - 1, -1):
            w = ws[i].lower() if starts[i] < title_end and ws[i][1:].islower() else ws[i]
            if _verb_like(w) or _base_verb(w):
                first = i + 1
                break
        if _word_before(text, starts[first]) in lex.cue("modal_verb"):
            first += 1  # "can gain accuracy": the verb after a modal
        if first == last:
            return
    if kind == "head" and all(_acronymish(w) and is_name_like(w, lex) for w in ws[first:last]):
        return  # "GP posterior", "VQ-VAE model": a name with a head noun is the name
    head = lw.lower()
    if kind == "head" and (head in weak or singular(head) in weak) \
            and last - first < 2 and not any("-" in w for w in ws[first:last]):
        return  # "training procedure", "generative framework": too vague to name a contribution
    if kind == "name" and not all(_plain_modifier(w, heads, weak, trailing) for w in ws[first:last]):
        return  # only plain adjectives/nouns: "causal VAE", "discrete video VAEs"
    if kind == "head":
        if first < last and _title_gerund(text, starts[first], ws[first]) and (
                not _is_head(ws[first], heads) or ws[first].lower() in lex.cue("not_of_phrase_head")):
            # "Distilling Speech Recognition Models ...", "Understanding quantum machine learning":
            # the title's verb, then the task
            first += 1
        elif _participle(text, starts[first], ws[first], lex) and (
                last - first >= 2 or _word_before(text, starts[first]) in lex.cue("gerund_cue")):
            # "computationally demanding iterative sampling", "in adapting Transformer": a
            # participle or gerund, not part of the name
            first += 1
        if first == last:
            return
    phrase = text[starts[first]: ends[last]]
    if phrase.lower() in generic or singular(phrase) in generic:
        return
    label = head_type(phrase, lex) if kind == "head" else None
    if label == "Method" and _PROBLEM_AFTER.match(text, ends[last]):
        label = "Task"  # "statistical estimation problems": the phrase names the problem, not a technique
    out.append(Candidate(starts[first], ends[last], phrase, label, "phrase"))


_OF_PHRASE = re.compile(r"\b([a-z][\w-]*)\s+(of|for)\s+((?:the\s+)?(?:[\w-]+\s+){0,3}?[\w-]+)(?=\s*(?:[,.;:()]|\s(?:and|or|with|by|in|on|to|via|using|that|which|is|are|from)\b))")


def of_phrase_candidates(text: str, lex: Lexicon, start: int = 0) -> list[Candidate]:
    """Tasks written as "synthesis of high-quality images", "compression for videos"."""
    out = []
    task_heads = lex.cue("task_head") - lex.cue("not_of_phrase_head")  # "understanding of EBMs": insight, no task
    stops = lex.cue("stop_modifier")
    for m in _OF_PHRASE.finditer(text, start):
        head, tail = m.group(1), m.group(3)
        if head in ("task", "tasks") and m.group(2) == "of":
            named = _task_named(text, m.start(3), m.end(3), lex)  # "the task of multiple quantile release"
            if named:
                out.append(named)
            continue
        if head.lower() not in task_heads and singular(head) not in task_heads:
            continue
        tail_words = tail.split()
        if tail_words[0].lower() == "the":
            tail_words = tail_words[1:]
        if not tail_words or any(w.lower() in stops or NUMBERISH.fullmatch(w) for w in tail_words[1:]) \
                or tail_words[-1].lower() in stops or tail_words[0].lower() in ("which", "this", "these", "such"):
            continue
        out.append(Candidate(m.start(1), m.end(3), m.group(0)[: m.end(3) - m.start(1)], "Task", "phrase"))
    return out


def _task_named(text: str, start: int, end: int, lex: Lexicon) -> Candidate | None:
    """What "the task of ..." names: a noun phrase of two or more words, or a task head word;
    not a verb phrase ("the task of learning the chain") nor a vague one ("tasks of different nature")."""
    stops = lex.cue("stop_modifier")
    ws = [w for w in WORD.finditer(text, start, end)]
    while ws and ws[0].group().lower() in stops:
        ws.pop(0)
    if not ws or any(w.group().lower() in stops or NUMBERISH.fullmatch(w.group()) for w in ws):
        return None
    first = ws[0].group()
    if first.endswith("ing") and not _is_head(first, lex.heads):
        return None
    if len(ws) < 2 and not _is_head(first, lex.heads):
        return None
    return Candidate(ws[0].start(), ws[-1].end(), text[ws[0].start(): ws[-1].end()], "Task", "phrase")


_TITLE_PREFIX = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s+(\S.*)$", re.S)


def title_prefix(title: str, lex: Lexicon) -> tuple[Candidate, str | None] | None:
    """The "Name: subtitle" prefix of a title, and the subtitle's leading noun phrase when it
    describes the named thing ("OD-VAE: An Omni-dimensional Video Compressor for ...")."""
    m = _TITLE_PREFIX.match(title)
    if not m:
        return None
    name = m.group(1)
    ws = name.split()
    if len(ws) > 4 or not any(is_name_like(w, lex) or (w[:1].isupper() and len(ws) <= 2) for w in ws):
        return None
    if name.lower() in lex.cue("generic") or re.match(r"^(towards?|on|beyond|revisiting|rethinking|why|how|what|when)\b",
                                                        name, re.I):
        return None
    subtitle = m.group(2)
    described = None
    sm = re.match(r"^(?:(?:an?|the)\s+)?(?:(?:novel|new)\s+)?((?:[\w-]+\s+){0,4}?[\w-]+?)"
                  r"(?=\s+(?:for|of|with|via|in|on|to|that|from|using)\b|$)",
                  subtitle, re.I)
    if sm:
        phrase = sm.group(1)
        last = phrase.split()[-1].lower()
        if last in lex.cue("model_cue") or re.search(r"(?:or|er)$", last):
            described = phrase
    start = m.start(1)
    return Candidate(start, start + len(name), name, None, "title"), described


DATASET_AFTER = re.compile(r"\s*(?:data\s?sets?|data\s?bases?|benchmarks?|corpus|corpora|challenge)\b", re.I)
_METRIC_AFTER = re.compile(r"\s*(?:scores?|metrics?)\b", re.I)
_METRIC_BEFORE = re.compile(r"(?:in terms of|measured by|higher|lower|better|best)\s+(?:the\s+)?$", re.I)
_PERCENT_BEFORE = re.compile(r"\d%\s?$")
_SIZE = re.compile(r"[-\s]?\d+(?:\.\d+)?[BMK]\b")
_ON_BEFORE = re.compile(r"\b(?:on|across)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_NOT_DATA_ON = re.compile(r"\b(?:based|built|relies|rely|relying|depend\w*|focus\w*|conditioned|works?|runs?|deployed|"
                          r"implemented|operat\w*|applied|shown|impact|effect|act\w*)\s+(?:up)?on\s+(?:the\s+)?(?:\w+\s+)?$",
                          re.I)
_MODEL_AFTER = re.compile(r"\s*(?:models?|family|families|checkpoints?|backbones?)\b(?!-)", re.I)


def _non_data_noun_after(after: str, lex: Lexicon) -> bool:
    """"on NISQ hardware", "in the NISQ (...) era": the name says where or when something runs,
    not what data it runs on."""
    m = _NOUN_AFTER.match(after)
    return m is not None and bool({m.group(1), m.group(2)} & lex.cue("non_data_noun"))


# the next word or the one after it: "NISQ devices", "NISQ quantum hardware", "NISQ) era"
_NOUN_AFTER = re.compile(r"\)?\s*(?:\([^)]*\)\s*)?([a-z]+)(?:\s+([a-z]+))?")


def context_type(text: str, start: int, end: int, sentence: str, lex: Lexicon) -> str | None:
    """Type a name by the words around it; None when the context does not decide."""
    after, before = text[end: end + 24], text[max(0, start - 40): start]
    name = text[start:end]
    if DATASET_AFTER.match(after) or (re.match(r"\s+tasks\b", after) and re.search(r"[A-Z]{2}", name)):
        return "Dataset"  # "X dataset"; "GLUE tasks"
    if _METRIC_AFTER.match(after) or _METRIC_BEFORE.search(before) or _PERCENT_BEFORE.search(before):
        return "Metric"  # "X score", "in terms of X", "37.2% NDS"
    if _SIZE.search(name[-6:]) or re.match(r"-?\d+(?:\.\d+)?[BM]\b", after):
        return "Model"
    if _MODEL_AFTER.match(after):
        return "Model"
    if _ON_BEFORE.search(before) and not _NOT_DATA_ON.search(before) and not _non_data_noun_after(after, lex):
        low = sentence.lower()
        if any(c in low for c in lex.cue("experiment_cue")):
            return "Dataset"
    return None
