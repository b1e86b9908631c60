"""The kgraph command line: each command calls one library function and formats its result.

Data goes to stdout; logs, progress and summaries go to stderr. A KGraphError becomes one
`Error: ...` line and exit code 1.
"""
from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .errors import KGraphError
from .output import OUTPUT_FORMATS, write_rows
from .readers import FORMATS, ReadReport, read_papers

def _errors_to_messages(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Library errors become `Error: ...` and exit 1, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KGraphError as e:
            raise click.ClickException(" ".join(str(e).split("\n"))) from e  # one line, always
        except BrokenPipeError:  # `kgraph ... | head` closed the pipe: not an error
            sys.stderr.close()
            sys.exit(0)
    return wrapper


def input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--input-format", type=click.Choice(FORMATS),
                      help="Read every input as this format instead of detecting it.")(fn)
    return click.argument("inputs", nargs=-1, required=True)(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def cli(verbose: int, quiet: bool) -> None:
    """kgraph: turn research-paper abstracts into a knowledge graph of papers, methods,
    models, datasets, metrics, tasks and results, each fact with its evidence sentence.

    \b
    Example:
        kgraph papers seeds/ --format table
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s: %(message)s")
    click.get_current_context().meta["kgraph.quiet"] = quiet


def _stderr(text: str) -> None:
    """Summaries and notes for the user: on stderr, and not at all with --quiet."""
    if not click.get_current_context().meta.get("kgraph.quiet"):
        click.echo(text, err=True)


def _summary(report: ReadReport) -> None:
    _stderr(report.summary())


@cli.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True,
              help="Output format on stdout.")
@_errors_to_messages
def papers(inputs: tuple[str, ...], input_format: str | None, fmt: str) -> None:
    """Read papers from INPUTS and print them, one per distinct paper.

    INPUTS are files or directories (read recursively) of seed pages (.txt), JSONL, JSON,
    CSV/TSV, arXiv Atom (.atom/.xml) or BibTeX (.bib); "-" reads standard input. Copies of
    the same paper are merged. A summary (files, records, papers, duplicates, skips) goes to
    stderr.

    \b
    Example:
        kgraph papers seeds/ --format jsonl > papers.jsonl
    """
    report = ReadReport()
    rows = (p.to_dict() for p in read_papers(inputs, input_format, report))
    if fmt == "table":
        rows = ({"id": r["id"], "title": r["title"], "abstract_chars": len(r["abstract"]),
                 "date": r["date"], "sources": len(r["sources"])} for r in rows)
    write_rows(rows, fmt, sys.stdout)
    _summary(report)


@cli.command()
@input_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", show_default=True,
              help="Where to write records.jsonl ('-' for stdout). Written atomically.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes.")
@click.option("--batch-size", type=click.IntRange(1, 100000), default=256, show_default=True,
              help="Papers per batch.")
@_errors_to_messages
def extract(inputs: tuple[str, ...], input_format: str | None, output: str, workers: int, batch_size: int) -> None:
    """Extract entities, relations and results from INPUTS as JSON lines, one per paper.

    Each line is {"id", "title", "entities": [{"name", "type", "aliases", "mentions":
    [{"start", "end", "sentence"}]}], "proposes", "evaluated_on", "addresses", "results":
    [{"metric", "dataset", "value", "method", "evidence"}], ...}; see the README.

    \b
    Example:
        kgraph extract seeds/ -o records.jsonl --workers 2
    """
    from .extract import extract_records
    from .progress import progress
    from .records import RecordStats, write_records

    report = ReadReport()
    papers = read_papers(inputs, input_format, report)
    stats = RecordStats()
    with progress("extracting", unit="papers") as advance:
        records = (stats.add(r) for r in extract_records(papers, batch_size=batch_size, workers=workers))
        write_records((advance(r) for r in records), output)
    _summary(report)
    _stderr(stats.summary())


def db_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--password", envvar="NEO4J_PASSWORD", default=None,
                      help="Neo4j password (default: $NEO4J_PASSWORD).")(fn)
    fn = click.option("--user", envvar="NEO4J_USER", default=None, help="Neo4j user (default: $NEO4J_USER or neo4j).")(fn)
    return click.option("--db", envvar="KGRAPH_DB", default=None,
                        help="Embedded database path (default: ./kgraph.db, or $KGRAPH_DB), "
                             "or a bolt:// / neo4j:// URI.")(fn)


def _params(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {k: v for k, v in pairs}


param_option = click.option("-p", "--param", "params", type=(str, str), multiple=True, metavar="KEY VALUE",
                            help="A query parameter (repeatable).")
format_option = click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
                             show_default=True, help="Output format on stdout.")


def _print_summary(summary: Any) -> None:
    _stderr(summary.text())


@cli.command()
@click.argument("records", nargs=-1, required=True)
@db_options
@click.option("--thesaurus", type=click.Path(exists=True, dir_okay=False),
              help="JSONL rules that merge, split or ignore entity names (see the README).")
@_errors_to_messages
def load(records: tuple[str, ...], db: str | None, user: str | None, password: str | None,
         thesaurus: str | None) -> None:
    """Load records.jsonl files (from `kgraph extract`) into the graph.

    Entities are resolved across papers; loading the same records again changes nothing, and
    a re-extracted paper replaces its own facts. A summary goes to stderr.

    \b
    Example:
        kgraph load records.jsonl --db bolt://127.0.0.1:7687
    """
    from .load import load_records
    from .records import read_records
    from .resolve import Thesaurus
    from .stores import open_store

    th = Thesaurus.load(thesaurus)
    for path in records:  # fail on a bad path before anything is written
        if path != "-" and not Path(path).is_file():
            raise KGraphError(f"{path}: no such file")
    with open_store(db, user, password) as store:
        summary = load_records(lambda: (r for p in records for r in read_records(p)), store, th)
    _print_summary(summary)


@cli.command()
@input_options
@db_options
@click.option("--thesaurus", type=click.Path(exists=True, dir_okay=False),
              help="JSONL rules that merge, split or ignore entity names.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes.")
@click.option("--records", "records_out", type=click.Path(dir_okay=False), default=None,
              help="Also keep the extracted records in this JSONL file.")
@click.option("--query", "then_query", default=None, metavar="NAME",
              help="After building, run this named query and print its rows (with -p).")
@param_option
@_errors_to_messages
def build(inputs: tuple[str, ...], input_format: str | None, db: str | None, user: str | None,
          password: str | None, thesaurus: str | None, workers: int, records_out: str | None,
          then_query: str | None, params: tuple[tuple[str, str], ...]) -> None:
    """Read INPUTS, extract, resolve and write the graph: the whole job in one command.

    Prints a summary of papers, entities by type and relationships by type on stderr.

    \b
    Example:
        kgraph build seeds/ --query methods-evaluated-on -p dataset CIFAR-10
        kgraph build papers.jsonl --db bolt://127.0.0.1:7687 --workers 2
    """
    import tempfile

    from .queries import bind, get_query, run_named

    from .extract import extract_records
    from .load import load_records
    from .progress import progress
    from .records import read_records, write_records
    from .resolve import Thesaurus
    from .stores import open_store

    th = Thesaurus.load(thesaurus)
    if then_query:
        bind(get_query(then_query), _params(params))  # a bad query fails before the long part
    report = ReadReport()
    papers = read_papers(inputs, input_format, report)
    with tempfile.TemporaryDirectory(prefix="kgraph-") as tmp:
        path = records_out or str(Path(tmp) / "records.jsonl")
        with progress("extracting", unit="papers") as advance:
            write_records((advance(r) for r in extract_records(papers, workers=workers)), path)
        _summary(report)
        with open_store(db, user, password) as store:
            with progress("loading", unit="papers") as advance:
                summary = load_records(lambda: read_records(path), store, th, progress=advance)
            _print_summary(summary)
            if then_query:
                write_rows(run_named(store, then_query, _params(params)), "table", sys.stdout)


@cli.command()
@db_options
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@_errors_to_messages
def stats(db: str | None, user: str | None, password: str | None, fmt: str) -> None:
    """Count the graph's nodes per label and relationships per type.

    \b
    Example:
        kgraph stats --format json
    """
    from .load import graph_counts
    from .stores import open_store

    with open_store(db, user, password, read_only=True) as store:
        nodes, rels = graph_counts(store)
    rows = [{"kind": "node", "name": k, "count": v} for k, v in nodes.items()] + \
           [{"kind": "relationship", "name": k, "count": v} for k, v in rels.items()]
    write_rows(rows, fmt, sys.stdout)


@cli.command("queries")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@_errors_to_messages
def list_queries(fmt: str) -> None:
    """List the named queries with their descriptions and parameters.

    \b
    Example:
        kgraph queries
    """
    from .queries import load_queries

    rows = [{"name": q.name, "params": " ".join(str(p) for p in q.params), "description": q.description}
            for q in load_queries().values()]
    write_rows(rows, fmt, sys.stdout, max_width=100)


def query_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """-p KEY VALUE, --db/--user/--password and --format, shared by query and cypher."""
    return param_option(db_options(format_option(_errors_to_messages(fn))))


def _print_rows_of(run: Callable[[Any], list[dict[str, Any]]], db: str | None, user: str | None,
                   password: str | None, fmt: str) -> None:
    """Open the store read-only, run, and write the rows to stdout."""
    from .stores import open_store

    with open_store(db, user, password, read_only=True) as store:
        rows = run(store)
    write_rows(rows, fmt, sys.stdout)


@cli.command()
@click.argument("name")
@query_options
def query(name: str, params: tuple[tuple[str, str], ...], db: str | None, user: str | None,
          password: str | None, fmt: str) -> None:
    """Run the named query NAME (see `kgraph queries`) with -p KEY VALUE parameters.

    \b
    Example:
        kgraph query methods-evaluated-on -p dataset CIFAR-10
        kgraph query leaderboard -p dataset ImageNet --format csv
    """
    from .queries import bind, get_query, run_named

    bind(get_query(name), _params(params))  # a bad name or parameter fails before the store opens
    _print_rows_of(lambda store: run_named(store, name, _params(params)), db, user, password, fmt)


@cli.command("cypher")
@click.argument("text")
@query_options
def cypher_command(text: str, params: tuple[tuple[str, str], ...], db: str | None, user: str | None,
                   password: str | None, fmt: str) -> None:
    """Run an ad-hoc read-only Cypher query TEXT; -p values are passed as strings.

    \b
    Example:
        kgraph cypher "MATCH (d:Dataset) RETURN d.name AS name ORDER BY name LIMIT 5"
    """
    from .queries import run_adhoc

    _print_rows_of(lambda store: run_adhoc(store, text, _params(params)), db, user, password, fmt)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(("graphml", "csv", "jsonl")), required=True,
              help="graphml (Gephi, Cytoscape, yEd), csv (neo4j-admin import), or jsonl.")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Output file (a directory for csv). Written atomically.")
@db_options
@_errors_to_messages
def export(fmt: str, output: str, db: str | None, user: str | None, password: str | None) -> None:
    """Export the whole graph with every property.

    The csv format is a directory of files for `neo4j-admin database import full`; the exact
    arguments are in its import-args.txt.

    \b
    Example:
        kgraph export --format graphml -o seeds.graphml
        kgraph export --format csv -o import/
    """
    from .export import export_graph
    from .stores import open_store

    with open_store(db, user, password, read_only=True) as store:
        counts = export_graph(store, fmt, output)
    _stderr(f"exported {counts['nodes']} nodes and {counts['relationships']} relationships to {output}")


@cli.command("browser-style")
@_errors_to_messages
def browser_style() -> None:
    """Print the Neo4j Browser style sheet (GraSS): a colour per label, captions by name or title.

    In Browser, run `:style`, then drop the saved file onto it (or paste it).

    \b
    Example:
        kgraph browser-style > kgraph.grass
    """
    click.echo((Path(__file__).parent / "browser" / "kgraph.grass").read_text(), nl=False)


def main() -> None:
    cli(prog_name="kgraph")


if __name__ == "__main__":
    main()
