"""The named query library: cypher/queries/NAME.cypher files with a header,

    // name: methods-evaluated-on
    // description: Methods and models evaluated on a dataset ...
    // params: dataset, limit:int=10

checked against the $parameters the query uses (undeclared, unused or duplicate names are
errors naming the file and line). A dialect variant -- queries/ladybug/NAME.cypher or
queries/neo4j/NAME.cypher -- replaces the shared text on that store only, where the two
databases really differ.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import QueryError
from .stores.base import GraphStore

QUERIES_DIR = Path(__file__).parent / "cypher" / "queries"
DIALECTS = ("ladybug", "neo4j")
TYPES = {"str": str, "int": int, "float": float}

_HEADER = re.compile(r"^//\s*(name|description|params)\s*:\s*(.*?)\s*$")
_PARAM_USE = re.compile(r"\$([A-Za-z_]\w*)")
_PARAM_DECL = re.compile(r"^([A-Za-z_]\w*)(?::(str|int|float))?(?:=(.*))?$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "str"
    default: str | None = None

    def __str__(self) -> str:
        return self.name + (f":{self.type}" if self.type != "str" else "") + \
            (f"={self.default}" if self.default is not None else "")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: str
    variants: dict[str, tuple[str, str]] = field(default_factory=dict)  # dialect -> (text, path)

    def text_for(self, dialect: str) -> str:
        return self.variants.get(dialect, (self.text, self.path))[0]


def _strip_literals(line: str) -> str:
    line = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", line)
    return line.split("//", 1)[0]


def parse_query_file(path: str | Path) -> NamedQuery:
    """Parse and check one query file.

    Raises:
        QueryError: a missing or malformed header, or parameters that do not match their use.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise QueryError(f"{path}: cannot read ({e.strerror})") from e
    header: dict[str, tuple[int, str]] = {}
    body_start = 0
    for n, line in enumerate(lines, start=1):
        m = _HEADER.match(line.strip())
        if not m:
            body_start = n - 1
            break
        if m.group(1) in header:
            raise QueryError(f"{path}:{n}: duplicate '// {m.group(1)}:' header")
        header[m.group(1)] = (n, m.group(2))
    else:
        body_start = len(lines)
    for key in ("name", "description", "params"):
        if key not in header:
            raise QueryError(f"{path}:1: missing '// {key}:' header")
    name_line, name = header["name"]
    if name != path.stem:
        raise QueryError(f"{path}:{name_line}: query name {name!r} differs from the file name {path.stem!r}")
    params_line, params_text = header["params"]
    params: list[Param] = []
    for raw in (p.strip() for p in params_text.split(",") if p.strip()):
        m = _PARAM_DECL.match(raw)
        if not m:
            raise QueryError(f"{path}:{params_line}: bad parameter declaration {raw!r} (use name, name:int or name:int=10)")
        if any(p.name == m.group(1) for p in params):
            raise QueryError(f"{path}:{params_line}: parameter ${m.group(1)} declared twice")
        params.append(Param(m.group(1), m.group(2) or "str", m.group(3)))
    used: dict[str, int] = {}
    for n, line in enumerate(lines[body_start:], start=body_start + 1):
        for m in _PARAM_USE.finditer(_strip_literals(line)):
            used.setdefault(m.group(1), n)
    declared = {p.name for p in params}
    for p, n in used.items():
        if p not in declared:
            raise QueryError(f"{path}:{n}: parameter ${p} is used but not declared in '// params:'")
    for p in params:
        if p.name not in used:
            raise QueryError(f"{path}:{params_line}: parameter ${p.name} is declared but never used")
    text = "\n".join(lines[body_start:]).strip()
    if not text:
        raise QueryError(f"{path}:{body_start + 1}: no query after the header")
    return NamedQuery(name, header["description"][1], tuple(params), text, str(path))


def load_queries(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    return dict(_load(str(directory or QUERIES_DIR)))


@lru_cache(maxsize=4)
def _load(directory: str) -> tuple[tuple[str, NamedQuery], ...]:
    d = Path(directory)
    queries = {}
    for path in sorted(d.glob("*.cypher")):
        q = parse_query_file(path)
        queries[q.name] = q
    for dialect in DIALECTS:
        for path in sorted((d / dialect).glob("*.cypher")):
            v = parse_query_file(path)
            base = queries.get(v.name)
            if base is None:
                raise QueryError(f"{path}:1: dialect variant of unknown query {v.name!r}")
            if v.params != base.params:
                raise QueryError(f"{path}:1: parameters differ from {base.path}")
            base.variants[dialect] = (v.text, v.path)
    return tuple(sorted(queries.items()))


def get_query(name: str, directory: str | Path | None = None) -> NamedQuery:
    queries = load_queries(directory)
    if name not in queries:
        raise QueryError(f"unknown query {name!r}; `kgraph queries` lists them")
    return queries[name]


def bind(query: NamedQuery, given: dict[str, str]) -> dict[str, Any]:
    """Typed parameter values from CLI strings; defaults fill the rest.

    Raises:
        QueryError: a missing value, an unknown name or a value of the wrong type.
    """
    declared = {p.name: p for p in query.params}
    for k in given:
        if k not in declared:
            known = ", ".join(declared) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {k!r} (its parameters: {known})")
    out: dict[str, Any] = {}
    for p in query.params:
        raw = given.get(p.name, p.default)
        if raw is None:
            raise QueryError(f"query {query.name!r} needs a value for {p.name!r}: -p {p.name} VALUE")
        try:
            out[p.name] = TYPES[p.type](raw)
        except ValueError as e:
            raise QueryError(f"parameter {p.name!r} of query {query.name!r} must be {p.type}, got {raw!r}") from e
    return out


def run_named(store: GraphStore, name: str, given: dict[str, str]) -> list[dict[str, Any]]:
    q = get_query(name)
    return store.run(q.text_for(store.dialect), bind(q, given))


def run_adhoc(store: GraphStore, text: str, given: dict[str, str]) -> list[dict[str, Any]]:
    """A read-only ad-hoc query; parameters are passed as strings."""
    return store.run(text, dict(given))
