#!/usr/bin/env python3
"""Extraction speed: abstracts/s of the full kgraph pipeline and of bare spacy.blank("en")
tokenisation of the same texts, measured in the same run, and their ratio.

Usage: .venv/bin/python benchmarks/extract_speed.py [INPUT...] [--repeat N] [--workers N]
(default input: seeds/). Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from kgraph.extract import build_pipeline, extract_records
from kgraph.readers import read_papers


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("inputs", nargs="*", default=[str(Path(__file__).parent.parent / "seeds")])
    ap.add_argument("--repeat", type=int, default=4, help="repeat the corpus to lengthen the run")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    papers = [p for p in read_papers(args.inputs) if p.abstract] * args.repeat
    texts = [p.text for p in papers]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} abstracts, {words / len(texts):.0f} words each on average")

    # Each run gets its own fresh pipeline, built and warmed on the same 50 texts outside the
    # timing, so none of them starts with a vocabulary another run has filled.
    blank = spacy.blank("en")
    list(blank.pipe(texts[:50]))
    nlp, nlp_par = build_pipeline(), build_pipeline()
    for p in (nlp, nlp_par):
        list(p.pipe(texts[:50]))  # warm-up: lazy pattern compilation, caches

    t0 = time.perf_counter()
    for _ in blank.pipe(texts, batch_size=256):
        pass
    tok = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in extract_records(papers, nlp=nlp, batch_size=256):
        pass
    full = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in extract_records(papers, nlp=nlp_par, batch_size=256, workers=args.workers):
        pass
    par = time.perf_counter() - t0

    print(f"tokenizer only (spacy.blank)    {rate(len(texts), tok):8.0f} abstracts/s")
    print(f"kgraph pipeline, 1 process      {rate(len(texts), full):8.0f} abstracts/s")
    print(f"kgraph pipeline, {args.workers} workers      {rate(len(texts), par):8.0f} abstracts/s")
    print(f"ratio pipeline/tokenizer        {tok / full:8.2f}   (1 process)")
    print(f"ratio pipeline/tokenizer        {tok / par:8.2f}   ({args.workers} workers vs 1 tokenizer process)")

    # where the time goes: each component over the same Docs, in ms per abstract
    docs = [nlp.make_doc(t) for t in texts]
    print("per component (ms/abstract):")
    t0 = time.perf_counter()
    for t in texts:
        nlp.make_doc(t)
    print(f"  {'tokenizer':24s} {(time.perf_counter() - t0) / len(texts) * 1e3:6.3f}")
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        for d in docs:
            proc(d)
        print(f"  {name:24s} {(time.perf_counter() - t0) / len(docs) * 1e3:6.3f}")


if __name__ == "__main__":
    main()
