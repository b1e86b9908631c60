"""Read papers from every corpus format a researcher has, one Paper per paper.

Formats: the Hugging Face daily-papers page dumps in seeds/ ("seeds"), JSONL, JSON arrays,
CSV/TSV (including the arXiv metadata snapshot's field names), arXiv API Atom feeds and
BibTeX. A file-level problem (missing path, unknown format, binary data) raises InputError;
a record-level problem skips that record, is reported in a ReadReport, and never costs the
file's good records.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .errors import InputError
from .types import Paper, Source, normalise_doi, normalise_title, paper_id, parse_arxiv_id

log = logging.getLogger(__name__)

FORMATS = ("seeds", "jsonl", "json", "csv", "tsv", "atom", "bibtex")
EXTENSIONS = {
    ".txt": "seeds", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
    ".tsv": "tsv", ".atom": "atom", ".xml": "atom", ".bib": "bibtex", ".bibtex": "bibtex",
}
STDIN = "-"


@dataclass(frozen=True)
class Skip:
    """A record (or whole file) that was not read, and why."""

    source: Source
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class ReadReport:
    files: int = 0
    records: int = 0
    papers: int = 0
    duplicates: int = 0
    skipped: list[Skip] = field(default_factory=list)

    def skip(self, source: Source, reason: str) -> None:
        self.skipped.append(Skip(source, reason))
        log.info("skipped %s: %s", source, reason)

    def summary(self) -> str:
        s = (f"{self.files} files, {self.records} records, {self.papers} papers, "
             f"{self.duplicates} duplicates merged, {len(self.skipped)} skipped")
        return "\n".join([s, *(f"  skipped {k}" for k in self.skipped)])


# ---------------------------------------------------------------------------------------------
# Entry points


def read_papers(inputs: Iterable[str | Path], input_format: str | None = None,
                report: ReadReport | None = None) -> Iterator[Paper]:
    """Read every input and yield one merged Paper per distinct paper.

    Files are read twice so that memory holds key hashes, not papers (see dedupe);
    a paper with copies is yielded when its last copy has been read.

    Args:
        inputs: files, directories (read recursively) or "-" for standard input.
        input_format: one of FORMATS to override detection by extension and content.
        report: collects counts and skipped records.

    Raises:
        InputError: a path is missing, a file's format cannot be told, or a file is binary.
    """
    report = report if report is not None else ReadReport()
    files = list(expand_inputs(inputs, input_format))  # every path checked before any is read
    if any(path == STDIN for path, _ in files):
        # Standard input can be read once only: read everything once (reporting as it goes),
        # then let the same two-pass merge run over the papers held in memory.
        held = [p for path, fmt in files for p in read_file(path, fmt, report)]
        yield from dedupe(lambda _report: held, report)
        return
    yield from dedupe(lambda r: (p for path, fmt in files for p in read_file(path, fmt, r)), report)


def expand_inputs(inputs: Iterable[str | Path], input_format: str | None = None) -> Iterator[tuple[str, str | None]]:
    """Resolve inputs to (path, format) pairs; directories recurse over known extensions."""
    if input_format is not None and input_format not in FORMATS:
        raise InputError(f"unknown input format {input_format!r}; choose one of {', '.join(FORMATS)}")
    out: list[tuple[str, str | None]] = []
    for item in inputs:
        item = str(item)
        if item == STDIN:
            out.append((STDIN, input_format))
            continue
        p = Path(item)
        if not p.exists():
            raise InputError(f"{item}: no such file or directory")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and not any(
                part.startswith(".") for part in f.relative_to(p).parts))
            out += [(str(f), input_format) for f in found
                    if input_format or f.suffix.lower() in EXTENSIONS]
        else:
            out.append((item, input_format))
    return iter(out)


def read_file(path: str, input_format: str | None, report: ReadReport) -> Iterator[Paper]:
    """Yield the Papers of one file (not yet de-duplicated)."""
    data = _read_bytes(path)
    report.files += 1
    if not data.strip():
        report.skip(Source(_display(path)), "empty file")
        return
    if b"\x00" in data[:8192]:
        raise InputError(f"{_display(path)}: binary file, not a paper list")
    fmt = input_format or detect_format(path, data)
    reader = _READERS[fmt]
    for paper in reader(_display(path), data, report):
        report.records += 1
        yield paper


def detect_format(path: str, data: bytes) -> str:
    """The format from the extension, else from the first characters of the content."""
    ext = Path(path).suffix.lower() if path != STDIN else ""
    if ext in EXTENSIONS and ext not in (".txt", ".xml"):
        return EXTENSIONS[ext]
    head = data.lstrip()[:4096].decode("utf-8", errors="replace")
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = head.split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") else "json"
    if head.startswith("<") and "<feed" in head:
        return "atom"
    if head.startswith("@"):
        return "bibtex"
    first = head.split("\n", 1)[0].lower()
    if "title" in first and ("," in first or "\t" in first) and len(first) < 500:
        return "tsv" if "\t" in first else "csv"
    if ext == ".txt" or "get trending papers" in head.lower():
        return "seeds"
    raise InputError(f"{_display(path)}: cannot tell the format; use --input-format "
                     f"({', '.join(FORMATS)})")


def dedupe(read_all: Callable[[ReadReport], Iterable[Paper]], report: ReadReport) -> Iterator[Paper]:
    """Merge copies of the same paper in two passes over re-readable inputs, holding only
    hashes of identity keys and the copies of papers that do have duplicates.

    Pass 1 groups records by shared identity keys (union-find over key hashes); pass 2
    yields a paper with no copies at once and a duplicated one when its last copy arrives.
    """
    first: dict[int, int] = {}   # hash of an identity key -> group of the first record having it
    parent: dict[int, int] = {}  # union-find links between groups that turned out to be one
    size: dict[int, int] = {}    # records per root group

    def find(g: int) -> int:
        while g in parent:
            parent[g] = parent.get(parent[g], parent[g])
            g = parent[g]
        return g

    for i, p in enumerate(read_all(ReadReport())):  # pass 1 reports nothing: pass 2 does
        hashes = [hash(k) for k in _identity_keys(p)]
        roots = {find(first[h]) for h in hashes if h in first}
        root = min(roots) if roots else i
        size[root] = size.get(root, 0) + 1
        for other in roots - {root}:
            parent[other] = root
            size[root] += size.pop(other)
        for h in hashes:
            first.setdefault(h, root)

    pending: dict[int, list[Paper]] = {}
    for p in read_all(report):
        root = find(first[hash(_identity_keys(p)[0])])
        if size[root] == 1:
            report.papers += 1
            yield p
            continue
        copies = pending.setdefault(root, [])
        copies.append(p)
        if len(copies) == size[root]:
            del pending[root]
            merged = copies[0]
            for c in copies[1:]:
                merged = merge_papers(merged, c)
            report.papers += 1
            report.duplicates += len(copies) - 1
            yield merged


def _identity_keys(p: Paper) -> list[str]:
    keys = [f"id:{p.id}"]
    if p.arxiv_id:
        keys.append(f"arxiv:{p.arxiv_id}")
    if p.doi:
        keys.append(f"doi:{p.doi}")
    t = normalise_title(p.title)
    if t:
        keys.append(f"title:{t}")
    return keys


def merge_papers(a: Paper, b: Paper) -> Paper:
    """One paper from two copies: the longest abstract wins, ties broken by text, not order."""
    def pick(x: Any, y: Any) -> Any:
        if x in (None, "", ()):
            return y
        if y in (None, "", ()):
            return x
        return min(x, y, key=lambda v: (str(v)))

    abstract = max((a.abstract, b.abstract), key=lambda s: (len(s), s))
    title = max((a.title, b.title), key=lambda s: (len(s), s))
    arxiv_id, doi = pick(a.arxiv_id, b.arxiv_id), pick(a.doi, b.doi)
    explicit = [p.id for p in (a, b) if not p.id.startswith(("arxiv:", "doi:", "title:"))]
    pid = min(explicit) if explicit else paper_id(None, arxiv_id, doi, title)
    return Paper(
        id=pid, title=title, abstract=abstract, arxiv_id=arxiv_id, doi=doi,
        url=pick(a.url, b.url), authors=max((a.authors, b.authors), key=lambda t: (len(t), t)),
        date=pick(a.date, b.date), year=pick(a.year, b.year),
        sources=tuple(sorted(set(a.sources) | set(b.sources))),
    )


# ---------------------------------------------------------------------------------------------
# Bytes and lines


def _display(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _read_bytes(path: str) -> bytes:
    try:
        if path == STDIN:
            return sys.stdin.buffer.read()
        return Path(path).read_bytes()
    except IsADirectoryError as e:
        raise InputError(f"{path}: is a directory") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e


def _lines(path: str, data: bytes, report: ReadReport, drop_bad: bool) -> Iterator[tuple[int, str]]:
    """(1-based line number, text) pairs; a line of invalid UTF-8 is reported, then dropped or
    decoded with replacement characters."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for n, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        try:
            yield n, raw.decode("utf-8")
        except UnicodeDecodeError as e:
            if drop_bad:
                report.skip(Source(path, n), f"invalid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})")
            else:
                report.skip(Source(path, n), f"invalid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1}); "
                                             "read with replacement characters")
                yield n, raw.decode("utf-8", errors="replace")


def _text(path: str, data: bytes, report: ReadReport) -> str:
    return "\n".join(line for _, line in _lines(path, data, report, drop_bad=False))


_SPACE = re.compile(r"\s+")


_LATEX_NBSP = re.compile(r"(?<=\w)~(?=[\w(\[])")


def clean(s: Any) -> str:
    """Whitespace collapsed; LaTeX's non-breaking "~" (as in "Sampler~(DEIS)") is a space."""
    if s is None:
        return ""
    return _SPACE.sub(" ", _LATEX_NBSP.sub(" ", str(s))).strip()


# ---------------------------------------------------------------------------------------------
# Mapping-shaped records (JSONL, JSON, CSV)

_FIELDS = {
    "title": ("title", "paper_title", "name"),
    "abstract": ("abstract", "summary", "abstract_text", "paper_abstract", "description"),
    "id": ("id", "paper_id", "paperid", "uid"),
    "arxiv_id": ("arxiv_id", "arxiv", "arxivid", "eprint"),
    "doi": ("doi",),
    "url": ("url", "link", "pdf_url"),
    "authors": ("authors", "author", "author_names"),
    "year": ("year", "publication_year"),
    "date": ("date", "published", "publication_date", "update_date", "published_date", "created"),
}


def _field(d: dict[str, Any], name: str) -> Any:
    for k in _FIELDS[name]:
        if k in d and d[k] not in (None, ""):
            return d[k]
    return None


def paper_from_mapping(d: dict[str, Any], source: Source) -> Paper:
    """A Paper from a dict with any of the field names above (keys compared case-insensitively).

    Raises:
        ValueError: the record has no title.
    """
    d = {str(k).strip().lower(): v for k, v in d.items()}
    title = clean(_field(d, "title"))
    if not title:
        raise ValueError("no title")
    explicit = _field(d, "id")
    explicit = clean(explicit) if explicit is not None else None
    arxiv_id = parse_arxiv_id(clean(_field(d, "arxiv_id"))) or parse_arxiv_id(explicit)
    doi = normalise_doi(clean(_field(d, "doi")))
    date, year = parse_date(_field(d, "date"))
    y = _field(d, "year")
    if y is not None and re.fullmatch(r"\s*\d{4}\s*", str(y)):
        year = int(y)
    url = _field(d, "url")
    return Paper(
        id=paper_id(explicit, arxiv_id, doi, title), title=title,
        abstract=clean(_field(d, "abstract")), arxiv_id=arxiv_id, doi=doi,
        url=clean(url) if url else None, authors=parse_authors(_field(d, "authors")),
        date=date, year=year, sources=(source,),
    )


def parse_authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        names = []
        for a in value:
            if isinstance(a, dict):
                a = a.get("name") or " ".join(str(a.get(k, "")) for k in ("first", "last"))
            elif isinstance(a, (list, tuple)):  # arXiv snapshot authors_parsed: [last, first, suffix]
                a = " ".join(x for x in (a[1:2] + a[:1]) if x)
            names.append(clean(a))
        return tuple(n for n in names if n)
    parts = re.split(r"\s+and\s+|;|,\s*(?:and\s+)?", clean(value))
    return tuple(p.strip() for p in parts if p.strip())


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def parse_date(value: Any) -> tuple[str | None, int | None]:
    """ISO-ish or 'Mar 18, 2021' strings to (YYYY-MM-DD or None, year or None)."""
    if value is None:
        return None, None
    s = clean(value)
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", int(m.group(1))
    m = re.match(r"^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})\b", s)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}", int(m.group(3))
    m = re.search(r"\b(19|20)\d{2}\b", s)
    return None, int(m.group()) if m else None


def _read_jsonl(path: str, data: bytes, report: ReadReport) -> Iterator[Paper]:
    for n, line in _lines(path, data, report, drop_bad=True):
        if not line.strip():
            continue
        src = Source(path, n)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            report.skip(src, f"invalid JSON ({e.msg} at column {e.colno})")
            continue
        yield from _mapping(obj, src, report)


def _mapping(obj: Any, src: Source, report: ReadReport) -> Iterator[Paper]:
    if not isinstance(obj, dict):
        report.skip(src, f"expected a JSON object, found {type(obj).__name__}")
        return
    try:
        yield paper_from_mapping(obj, src)
    except ValueError as e:
        report.skip(src, str(e))


def _read_json(path: str, data: bytes, report: ReadReport) -> Iterator[Paper]:
    text = _text(path, data, report)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}: invalid JSON ({e.msg} at column {e.colno})") from e
    if isinstance(obj, dict):
        # {"papers": [...]} style wrappers, else a single paper
        inner = next((v for v in obj.values() if isinstance(v, list) and v and isinstance(v[0], dict)), None)
        obj = inner if inner is not None else [obj]
    if not isinstance(obj, list):
        raise InputError(f"{path}: expected a JSON array of paper objects")
    for i, item in enumerate(obj, start=1):
        yield from _mapping(item, Source(path, record=i), report)


def _read_csv(path: str, data: bytes, report: ReadReport, delimiter: str = ",") -> Iterator[Paper]:
    # Lines with invalid UTF-8 are dropped and reported before csv sees them; their numbers
    # are kept so later rows still report their own line.
    good = {n: line for n, line in _lines(path, data, report, drop_bad=True)}
    text = "\n".join(good.values())
    line_of = list(good.keys())
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or []]
    except csv.Error as e:
        raise InputError(f"{path}:1: unreadable CSV header ({e})") from e
    if not any(c in _FIELDS["title"] for c in columns):
        raise InputError(f"{path}:1: no title column (columns: {', '.join(columns) or 'none'})")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            report.skip(Source(path, line_of[min(reader.line_num, len(line_of)) - 1]), f"unreadable CSV row ({e})")
            continue
        line = line_of[min(reader.line_num, len(line_of)) - 1]
        src = Source(path, line)
        if None in row:
            report.skip(src, f"{len(columns) + len(row[None])} fields where the header has {len(columns)}")
            continue
        yield from _mapping(row, src, report)


def _read_tsv(path: str, data: bytes, report: ReadReport) -> Iterator[Paper]:
    return _read_csv(path, data, report, delimiter="\t")


# ---------------------------------------------------------------------------------------------
# arXiv API Atom feeds and BibTeX, through maintained parsers


def _read_atom(path: str, data: bytes, report: ReadReport) -> Iterator[Paper]:
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise InputError(f"{path}: not a readable Atom feed ({feed.get('bozo_exception')})")
    for i, e in enumerate(feed.entries, start=1):
        src = Source(path, record=i)
        links = [link.get("href") for link in e.get("links", []) if link.get("rel") == "alternate"]
        record = {
            "title": e.get("title"), "abstract": e.get("summary"),
            "arxiv_id": parse_arxiv_id(e.get("id")), "doi": e.get("arxiv_doi"),
            "url": (links or [e.get("link")])[0],
            "authors": [a.get("name") for a in e.get("authors", []) if a.get("name")],
            "date": e.get("published") or e.get("updated"),
        }
        if not record["arxiv_id"]:
            record["id"] = e.get("id")
        try:
            yield paper_from_mapping(record, src)
        except ValueError as err:
            report.skip(src, str(err))


def _read_bibtex(path: str, data: bytes, report: ReadReport) -> Iterator[Paper]:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    # bibtexparser logs every failed block itself; ours is the report, with file and line.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

    library = bibtexparser.parse_string(_text(path, data, report),
                                        append_middleware=[LatexDecodingMiddleware()])
    for block in library.failed_blocks:
        report.skip(Source(path, block.start_line + 1), f"unparsable BibTeX entry ({_bibtex_error(block)})")
    for entry in library.entries:
        src = Source(path, entry.start_line + 1)
        fields = {k.lower(): clean(str(v).replace("{", "").replace("}", "")) for k, v in entry.fields_dict.items()
                  for v in [v.value]}
        eprint = fields.get("eprint") if fields.get("archiveprefix", "arxiv").lower() == "arxiv" else None
        record = {"title": fields.get("title"), "abstract": fields.get("abstract"),
                  "arxiv_id": eprint, "doi": fields.get("doi"), "url": fields.get("url"),
                  "authors": _bibtex_authors(fields.get("author")), "year": fields.get("year")}
        try:
            yield paper_from_mapping(record, src)
        except ValueError as err:
            report.skip(src, f"entry {entry.key}: {err}")


def _bibtex_error(block: Any) -> str:
    error = getattr(block, "error", None)
    reason = str(getattr(error, "abort_reason", "") or error or "").strip()
    return reason or "syntax error"


def _bibtex_authors(value: str | None) -> list[str]:
    """'Lee, Ann and Chen, Bo' -> ['Ann Lee', 'Bo Chen'] (BibTeX separates names by 'and')."""
    names = []
    for name in re.split(r"\s+and\s+", value or ""):
        last, sep, first = name.partition(",")
        names.append(clean(f"{first} {last}" if sep else name))
    return [n for n in names if n]


# ---------------------------------------------------------------------------------------------
# Hugging Face daily-papers page dumps (seeds/)

_BOILERPLATE = re.compile(
    r"^(new|subscribe|daily papers|papers|trending|byak and the research community|"
    r"get trending papers in your email inbox( once a day)?!?|upvote\s*\d*|submitted by .*|"
    r"view all|load more|previous|next|see all|sign in|sign up|log in|login|join the community|"
    r"models|datasets|spaces|collections|docs|pricing|enterprise|search|sort by.*|"
    r"view arxiv page|view pdf|add to collection|community|comments?|share|copy link|"
    r"arxiv|pdf|code|github|project page|citations?|follow|following|home|"
    r"\d+ (?:comments?|upvotes?|likes?|citations?|models?|datasets?|spaces?|collections?))$", re.I)
_AUTHORS = re.compile(r"^[•·*\-]?\s*\d+\s+authors?$", re.I)
_SEPARATOR = re.compile(r"^[·•|\-–—]+$")
_DATE = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(, \d{4})?(\s+\d+)?$")
_COUNT = re.compile(r"^\d+(\.\d+)?k?$")


def _looks_like_abstract(line: str) -> bool:
    """Abstracts are paragraphs; titles are phrases. Seen: titles < 160 chars, abstracts > 400."""
    words = len(line.split())
    return len(line) >= 250 or (words >= 20 and bool(re.search(r"[.!?]\s+[A-Z]", line)))


def _looks_like_title(line: str) -> bool:
    """Without an abstract to vouch for it, a line must look like a title: three or more
    words, or a "Name: ..." form, or a name-shaped token ("MixFlows", "GPT-4")."""
    words = line.split()
    return len(words) >= 3 or ":" in line or any(re.search(r"[A-Z].*[A-Z0-9]|\d", w[1:]) for w in words)


def _read_seeds(path: str, data: bytes, report: ReadReport) -> Iterator[Paper]:
    """Both page layouts: compact (title line, abstract line) and spaced (blank lines, then
    after each abstract an author count or an organisation line, a "·" and a date)."""
    lines = []
    for n, line in _lines(path, data, report, drop_bad=False):
        s = clean(line)
        if s.lower().startswith("subscribe") and len(s) > len("subscribe"):
            s = s[len("subscribe"):].strip()  # the first title is glued to the button label
        if s and not _BOILERPLATE.match(s):
            lines.append((n, s))

    title: tuple[int, str] | None = None
    abstract = ""
    date: str | None = None
    year: int | None = None
    dated = False  # the current paper's metadata block has ended with its date

    def flush() -> Iterator[Paper]:
        if title is not None:
            n, t = title
            if not abstract and not _looks_like_title(t):
                report.skip(Source(path, n), f"short line without an abstract, not a title: {t!r}")
                return
            yield Paper(id=paper_id(None, None, None, t), title=t, abstract=abstract, date=date,
                        year=year, sources=(Source(path, n),))

    for i, (n, s) in enumerate(lines):
        following = lines[i + 1][1] if i + 1 < len(lines) else ""
        if _DATE.match(s):
            if title is not None and not dated:
                date, year = parse_date(s)
                dated = True
            continue
        if _AUTHORS.match(s) or _SEPARATOR.match(s) or _COUNT.match(s):
            continue
        if _looks_like_abstract(s):
            if title is None:
                report.skip(Source(path, n), "paragraph without a title")
            else:
                abstract = f"{abstract} {s}" if abstract else s  # a wrapped abstract keeps all parts
            continue
        if abstract and not dated and (_SEPARATOR.match(following) or _AUTHORS.match(following)):
            continue  # an organisation line standing where the author count usually is
        yield from flush()
        title, abstract, date, year, dated = (n, s), "", None, None, False
    yield from flush()


_READERS: dict[str, Callable[[str, bytes, ReadReport], Iterator[Paper]]] = {
    "seeds": _read_seeds, "jsonl": _read_jsonl, "json": _read_json, "csv": _read_csv,
    "tsv": _read_tsv, "atom": _read_atom, "bibtex": _read_bibtex,
}

