"""Papers in, PaperRecords out: the spaCy pipeline (blank English + kgraph components) run over
batches, optionally in several worker processes that each build their own pipeline."""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import spacy
from spacy.language import Language

from .errors import ExtractionError
from .types import Paper, PaperRecord

PIPELINE = ("kgraph_sentences", "kgraph_abbreviations", "kgraph_gazetteer", "kgraph_rules", "kgraph_facts")


def build_pipeline(patterns_dir: str | None = None) -> Language:
    """spacy.blank("en") plus the kgraph components; nothing is downloaded."""
    from .nlp import components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    # spaCy keeps the period on "chrF." / "CelebA." / "LLaMA." (it guards "U.S."-style
    # abbreviations), so a name ending in a capital would go unmatched at a sentence's end
    suffixes = list(nlp.Defaults.suffixes or []) + [r"(?<=[a-z][A-Z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.tokenizer = components.TextKeepingTokenizer(nlp.tokenizer)
    config = {"patterns_dir": patterns_dir}
    for name in PIPELINE:
        nlp.add_pipe(name, config=config if name in ("kgraph_gazetteer", "kgraph_rules", "kgraph_facts") else {})
    return nlp


def record_from_doc(paper: Paper, doc: Any) -> PaperRecord:
    entities, relations, results = doc._.kgraph_facts
    return PaperRecord(id=paper.id, title=paper.title, text=paper.text, entities=entities,
                       relations=relations, results=results,
                       meta=paper_meta(paper))


def paper_meta(paper: Paper) -> dict[str, Any]:
    """What the graph keeps of a paper besides its text: identifiers, authors, date, sources."""
    meta = {"arxiv_id": paper.arxiv_id, "doi": paper.doi, "url": paper.url, "authors": list(paper.authors),
            "date": paper.date, "year": paper.year, "sources": [str(s) for s in paper.sources]}
    return {k: v for k, v in meta.items() if v not in (None, [], "")}


def extract_records(papers: Iterable[Paper], nlp: Language | None = None, batch_size: int = 256,
                    workers: int = 1) -> Iterator[PaperRecord]:
    """Yield one PaperRecord per paper, in input order.

    Args:
        papers: any iterable; consumed lazily in batches, so memory stays flat.
        nlp: a pipeline from build_pipeline(); built when omitted.
        batch_size: papers per nlp.pipe call and per worker task.
        workers: processes; >1 forks a pool whose workers run this pipeline and send back
            small records (pickling Docs would cost more than it saves).
    """
    nlp = nlp or build_pipeline()
    if workers > 1:
        yield from _extract_parallel(papers, nlp, batch_size, workers)
        return
    it = iter(papers)
    while batch := list(islice(it, batch_size)):
        for paper, doc in zip(batch, nlp.pipe((p.text for p in batch), batch_size=batch_size)):
            yield record_from_doc(paper, doc)


_worker_nlp: Language | None = None


def _work(batch: list[Paper]) -> list[dict[str, Any]]:
    assert _worker_nlp is not None
    return [record_from_doc(p, d).to_dict() for p, d in zip(batch, _worker_nlp.pipe(p.text for p in batch))]


def _extract_parallel(papers: Iterable[Paper], nlp: Language, batch_size: int,
                      workers: int) -> Iterator[PaperRecord]:
    global _worker_nlp
    it = iter(papers)
    chunks = iter(lambda: list(islice(it, batch_size)), [])
    # fork: the workers inherit the parent's built pipeline (patterns, matchers, warm vocabulary)
    # instead of each spending a third of a second building its own
    _worker_nlp = nlp
    ctx = multiprocessing.get_context("fork")
    try:
        with ctx.Pool(workers) as pool:
            for records in pool.imap(_work, chunks):
                yield from (PaperRecord.from_dict(r) for r in records)
    except OSError as e:
        raise ExtractionError(f"cannot start {workers} worker processes: {e}") from e
    finally:
        _worker_nlp = None  # the pool is gone; do not keep the pipeline alive in a global
