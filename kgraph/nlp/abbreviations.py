"""Abbreviation detection after Schwartz & Hearst (2003): "long form (SF)" pairs.

The short form is a parenthesised 1-2 word token with a letter, starting with an alphanumeric
character; the long form is the shortest run of preceding words (at most min(|SF|+5, 2|SF|))
whose characters contain the short form's letters in order, the first letter starting a word.
As in the paper, the order may be reversed when the parenthesis holds several words: "our
beta-TCVAE (Total Correlation Variational Autoencoder)"; then the whole parenthesis must spell
the word before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


_PAREN = re.compile(r"\(([^()]{1,40})\)")
# "SF (Long Form)": a word with a capital right before a parenthesis of 2-10 words
# (the parenthesis is searched first: a scan from "(" is much faster than one from every word)
_REVERSED = re.compile(r"\(((?:[A-Za-z][\w-]*\s+){1,9}[A-Za-z][\w-]*)\)")
_WORD_BEFORE = re.compile(r"(?<![\w-])([\w-]*[A-Z][\w-]*)\s+$")
# "(abbreviated as SepaCVAE)", "(hereafter CAT)": the short form after a naming phrase
_NAMING = re.compile(r"(?:(?:abbreviated|hereafter|henceforth|hereinafter)(?:\s+(?:as|called|referred to as))?"
                     r"|called|termed|dubbed|denoted(?:\s+(?:as|by))?|referred to as)\s+", re.I)
_WORD = re.compile(r"\S+")
_NOVEL = re.compile(r"\b(?:a|an|our)\s+(?:novel|new)\b", re.I)


def _valid_short(sf: str) -> bool:
    if not (2 <= len(sf) <= 12) or len(sf.split()) > 2:
        return False
    if not sf[0].isalnum() or not any(c.isalpha() for c in sf):
        return False
    if sf.lower() in {"i.e.", "e.g.", "ie", "eg", "etc", "resp", "see", "cf"}:
        return False
    return any(c.isupper() for c in sf) or sf.lower() in {"e.g."} or re.fullmatch(r"[a-z]+s", sf) is None


def best_long_form(short: str, long: str) -> str | None:
    """The shortest suffix of `long` matching `short` (the Schwartz-Hearst backward scan)."""
    s_idx, l_idx = len(short) - 1, len(long) - 1
    while s_idx >= 0:
        c = short[s_idx].lower()
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (long[l_idx].lower() != c or
                              (s_idx == 0 and l_idx > 0 and long[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = long.rfind(" ", 0, l_idx + 1) + 1
    return long[start:]


_SKIP = {"of", "for", "from", "and", "the", "to", "in", "on", "with", "a", "an", "by", "via"}


def initials_long_form(short: str, words: list[str]) -> str | None:
    """The run of preceding words whose initials (hyphenated parts count, small function
    words may be skipped) spell the short form: "Proximal Policy Optimization (PPO)"."""
    letters = re.sub(r"[^a-z0-9]", "", short.lower())
    # "D3PM": a digit after a letter repeats it (Discrete Denoising Diffusion Probabilistic Model)
    letters = re.sub(r"([a-z])([2-4])(?=[a-z])", lambda m: m.group(1) * int(m.group(2)), letters)
    if letters.endswith("s") and short.endswith("s") and short[-2:-1].isupper():
        letters = letters[:-1]  # a plural short form: "D3PMs", "VAEs"
    if len(letters) < 2:
        return None
    for n in range(1, len(words) + 1):
        run = words[-n:]
        if run[0].lower() in _SKIP:
            continue
        parts = [p for w in run for p in re.split(r"[-/]", w.strip("\"'`")) if p]
        full = "".join(p[0].lower() for p in parts)
        content = "".join(p[0].lower() for p in parts if p.lower() not in _SKIP)
        if letters in (full, content):
            return " ".join(run)
        if len(content) > len(letters):
            return None
    return None


def find_abbreviations(text: str) -> list[Abbreviation]:
    """All "long form (SF)" and "long form (abbreviated as SF)" definitions in `text`, with
    character offsets of both forms."""
    out: list[Abbreviation] = []
    for m in _PAREN.finditer(text):
        naming = _NAMING.match(m.group(1))
        sf = m.group(1)[naming.end() if naming else 0:].strip()
        if ";" in sf or "," in sf or "=" in sf or not _valid_short(sf):
            continue
        before = text[: m.start()].rstrip()
        # the long form lies within the clause before the parenthesis
        clause_start = max((i + len(p) for p in (". ", "; ", ": ", ", ", "(", ")", "\n")
                            if (i := before.rfind(p)) >= 0), default=0)
        # nor across "a novel" / "a new": "improve ViDiT-Q with a novel ... method (ViDiT-Q-MP)"
        clause_start = max([clause_start] + [m.end() for m in _NOVEL.finditer(before, clause_start)])
        words = [w for w in _WORD.finditer(before, clause_start)]
        max_words = min(len(sf) + 5, 2 * len(sf))
        words = words[-max_words:]
        if not words:
            continue
        lf = initials_long_form(sf, [w.group() for w in words]) or best_long_form(sf, before[words[0].start():])
        if not lf:
            continue
        lf = lf.strip(" -/\"'`")  # "(PET)/computed tomography (CT)": not "/computed ..."
        if len(lf) <= len(sf) or lf.lower() == sf.lower() or lf.lower().startswith(sf.lower() + " "):
            continue
        if len(lf.split()) < 2 and "-" not in lf and not _compound_match(sf, lf):
            continue
        long_start = before.rfind(lf)
        sf_start = m.start(1) + m.group(1).index(sf, naming.end() if naming else 0)
        out.append(Abbreviation(sf, lf, sf_start, sf_start + len(sf), long_start, long_start + len(lf)))
    return out + _reversed(text)


def _reversed(text: str) -> list[Abbreviation]:
    """"SF (Long Form)" definitions. "beta-TCVAE": a lower-case prefix before a hyphen may be
    left out of the spelling (the long form spells "TCVAE")."""
    out = []
    for m in _REVERSED.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        word, lf = before.group(1), m.group(1)
        short = word.rstrip("-")
        spelled = re.sub(r"^[a-z]+-(?=[A-Z0-9])", "", short)
        if not _valid_short(short) or not any(c.isupper() for c in spelled) or len(lf) <= len(short):
            continue
        words = lf.split()
        if words[0].lower() in _SKIP or not any(c.isupper() for c in lf):
            continue  # a name's long form is capitalised: "SF (the output of ...)" is a gloss
        if initials_long_form(spelled, words) != lf and best_long_form(spelled, lf) != lf:
            continue
        out.append(Abbreviation(short, lf, before.start(1), before.start(1) + len(short), m.start(1), m.end(1)))
    return out


def _compound_match(sf: str, lf: str) -> bool:
    """One-word long forms are accepted when the short form takes letters of its parts
    ("Autoencoder (AE)") rather than being a prefix of the word."""
    caps = [c for c in lf if c.isupper()]
    return len(caps) >= 2 and "".join(caps).lower() == re.sub(r"[^a-z]", "", sf.lower())
