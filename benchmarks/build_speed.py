#!/usr/bin/env python3
"""End-to-end throughput: read + extract + resolve + load, into the embedded store and (when
NEO4J_URI is set) into Neo4j. Prints papers/s per stage; asserts nothing.

Usage: .venv/bin/python benchmarks/build_speed.py [INPUT...] [--workers N]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from kgraph.extract import extract_records
from kgraph.load import load_records
from kgraph.readers import read_papers
from kgraph.records import read_records, write_records
from kgraph.stores import open_store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("inputs", nargs="*", default=[str(Path(__file__).parent.parent / "seeds")])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        papers = list(read_papers(args.inputs))
        t1 = time.perf_counter()
        path = str(Path(tmp) / "records.jsonl")
        write_records(extract_records(papers, workers=args.workers), path)
        t2 = time.perf_counter()
        n = len(papers)
        print(f"{n} papers")
        print(f"read + dedupe          {n / (t1 - t0):8.0f} papers/s")
        print(f"extract ({args.workers} workers)    {n / (t2 - t1):8.0f} papers/s")
        targets = [str(Path(tmp) / "graph.db")] + ([os.environ["NEO4J_URI"]] if os.environ.get("NEO4J_URI") else [])
        for target in targets:
            with open_store(target) as store:
                t3 = time.perf_counter()
                summary = load_records(lambda: read_records(path), store)
                t4 = time.perf_counter()
            rels = sum(summary.relationships.values())
            kind = "neo4j" if "://" in target else "embedded"
            print(f"load into {kind:9s}    {n / (t4 - t3):8.0f} papers/s ({rels / (t4 - t3):.0f} relationships/s)")


if __name__ == "__main__":
    main()
