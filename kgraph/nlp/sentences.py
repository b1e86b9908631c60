"""Rule-based sentence segmentation for abstracts.

A boundary is [.!?] followed by whitespace (or glued to a capitalised word, as in
"inference.Experimental") and then an upper-case letter, digit or opening quote/bracket --
unless the period ends an abbreviation ("e.g.", "i.e.", "vs.", "Fig.", a single initial), or
"et al."/"etc." not followed by a typical sentence opener. Decimals and formulas never match
because their periods are not followed by whitespace.
"""
from __future__ import annotations

import re

_CANDIDATE = re.compile(r"[.!?][\"')\]]*(?:\s+|(?=[A-Z][a-z]))(?=[\"'(\[]?[A-Z0-9])")
_ABBREV_END = re.compile(r"(?:\b(?:e\.g|i\.e|vs|cf|resp|approx|Fig|Figs|Eq|Eqs|Sec|Tab|Ref|No|w\.r\.t|a\.k\.a)"
                         r"|(?<![A-Za-z])[A-Z])\.[\"')\]]*$", re.I)
_OPEN_END = re.compile(r"\b(?:et al|etc)\.$")
_OPENER = re.compile(r"(?:We|Our|In|This|These|The|It|However|To|Finally|Moreover|Furthermore|Experiments?|Results?)\b")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character (start, end) spans of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if text[m.start()] == ".":
            head = text[max(start, m.start() - 12): m.end()].rstrip()
            if _ABBREV_END.search(head) and not head.endswith((" A.", " I.")):
                continue
            if _OPEN_END.search(head) and not _OPENER.match(text, m.end()):
                continue
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
