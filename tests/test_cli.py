from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kgraph import __version__
from kgraph.cli import cli

FIX = Path(__file__).parent / "fixtures"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_version_and_help():
    r = run("--version")
    assert r.exit_code == 0 and r.stdout == f"kgraph, version {__version__}\n"
    r = run("--help")
    assert r.exit_code == 0
    assert "papers" in r.stdout


def test_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        r = run(name, "--help")
        assert r.exit_code == 0, name
        assert "Example" in (command.help or ""), f"{name} has no example in its help"


def test_papers_table_and_summary():
    r = run("papers", FIX / "compact.txt")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0].split() == ["id", "title", "abstract_chars", "date", "sources"]
    assert len(r.stdout.splitlines()) == 5
    assert r.stderr == "1 files, 3 records, 3 papers, 0 duplicates merged, 0 skipped\n"


def test_papers_jsonl_from_stdin():
    r = run("papers", "-", "--format", "jsonl", input='{"title": "T", "abstract": "A."}\n')
    assert r.exit_code == 0
    assert [json.loads(line)["title"] for line in r.stdout.splitlines()] == ["T"]


def test_papers_reports_skips_on_stderr_and_keeps_good_records():
    r = run("papers", FIX / "papers.jsonl", "--format", "json")
    assert r.exit_code == 0
    assert [p["title"] for p in json.loads(r.stdout)] == [
        "AlphaNet: Fast Widgets for Image Classification", "Zeta Paper", "Eta Paper"]
    assert r.stderr.splitlines()[0] == \
        "1 files, 3 records, 3 papers, 0 duplicates merged, 3 skipped"
    assert f"skipped {FIX / 'papers.jsonl'}:3: invalid JSON" in r.stderr


def test_user_errors_are_one_line_and_exit_1(tmp_path):
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02")
    for args, message in [
        (("papers", tmp_path / "missing.jsonl"), f"Error: {tmp_path / 'missing.jsonl'}: no such file or directory\n"),
        (("papers", FIX / "no_title.csv"),
         f"Error: {FIX / 'no_title.csv'}:1: no title column (columns: name_of_thing, abstract)\n"),
        (("papers", binary), f"Error: {binary}: binary file, not a paper list\n"),
    ]:
        r = run(*args)
        assert (r.exit_code, r.stderr) == (1, message)
        assert r.stdout == ""


def test_extract_writes_records_atomically(tmp_path):
    out = tmp_path / "records.jsonl"
    r = run("extract", FIX / "compact.txt", "-o", out)
    assert r.exit_code == 0 and r.stdout == ""
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [x["title"] for x in records] == ["AlphaNet: Fast Widgets for Image Classification",
                                             "A Title Without Abstract",
                                             "BetaFlow: Normalizing Flows for Density Estimation"]
    assert records[0]["proposes"] == ["AlphaNet"]
    assert {"id", "title", "entities", "proposes", "evaluated_on", "addresses", "results"} <= set(records[0])
    assert r.stderr.splitlines()[1].startswith("3 records: ")
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]  # no temporary file left


def test_extract_to_stdout():
    r = run("extract", FIX / "compact.txt")
    assert r.exit_code == 0
    assert len(r.stdout.splitlines()) == 3


def _build(tmp_path, *extra):
    db = tmp_path / "kg.db"
    return db, run("build", FIX / "compact.txt", FIX / "spaced.txt", "--db", db, *extra)


def test_build_then_stats_query_and_cypher(tmp_path):
    db, r = _build(tmp_path, "--query", "methods-evaluated-on", "-p", "dataset", "ImageNet")
    assert r.exit_code == 0, r.stderr
    assert "loaded 6 papers" in r.stderr
    assert r.stdout.splitlines()[0].split() == ["method", "type", "dataset", "paper", "evidence"]
    assert "AlphaNet" in r.stdout
    r = run("stats", "--db", db, "--format", "json")
    rows = {(x["kind"], x["name"]): x["count"] for x in json.loads(r.stdout)}
    assert rows[("node", "Paper")] == 6 and rows[("relationship", "PROPOSES")] >= 2
    r = run("query", "lookup", "-p", "name", "imagenet", "--db", db, "--format", "csv")
    assert r.exit_code == 0 and r.stdout.splitlines()[1].startswith("imagenet,Dataset,ImageNet,")
    r = run("cypher", "MATCH (p:Paper) WHERE p.title STARTS WITH $t RETURN p.title AS title", "-p", "t", "Gamma",
            "--db", db, "--format", "jsonl")
    assert r.stdout == '{"title": "GammaGAN: Generating Faces with Style"}\n'


def test_rebuilding_changes_nothing(tmp_path):
    db, _ = _build(tmp_path)
    before = run("stats", "--db", db, "--format", "csv").stdout
    _build(tmp_path)
    assert run("stats", "--db", db, "--format", "csv").stdout == before


def test_query_and_cypher_errors_are_one_line(tmp_path):
    db, _ = _build(tmp_path)
    cases = [
        (("query", "nope", "--db", db), "Error: unknown query 'nope'; `kgraph queries` lists them\n"),
        (("query", "leaderboard", "--db", db),
         "Error: query 'leaderboard' needs a value for 'dataset': -p dataset VALUE\n"),
        (("cypher", "CREATE (:Paper {id: 'x'})", "--db", db),
         "Error: this query would change the graph; only read queries are allowed here\n"),
        (("cypher", "MATCH (n RETURN n", "--db", db), None),
        (("stats", "--db", tmp_path / "missing.db"), None),
    ]
    for args, message in cases:
        r = run(*args)
        assert r.exit_code == 1 and r.stderr.startswith("Error: ") and len(r.stderr.splitlines()) == 1, r.stderr
        if message:
            assert r.stderr == message


def test_queries_lists_every_query():
    r = run("queries", "--format", "json")
    names = [q["name"] for q in json.loads(r.stdout)]
    assert "methods-evaluated-on" in names and len(names) >= 12


def test_export_and_browser_style(tmp_path):
    db, _ = _build(tmp_path)
    r = run("export", "--format", "graphml", "-o", tmp_path / "g.graphml", "--db", db)
    assert r.exit_code == 0 and r.stderr.startswith("exported ")
    assert (tmp_path / "g.graphml").read_text().startswith("<?xml")
    r = run("browser-style")
    assert "node.Paper" in r.stdout and "caption: '{title}'" in r.stdout


def test_load_reports_a_bad_record_line(tmp_path):
    bad = tmp_path / "records.jsonl"
    bad.write_text('{"id": "a", "title": "A", "entities": []}\nnot json\n')
    r = run("load", bad, "--db", tmp_path / "kg.db")
    assert r.exit_code == 1 and r.stderr.startswith(f"Error: {bad}:2: not a kgraph record")


def test_quiet_silences_summaries():
    r = run("-q", "papers", FIX / "compact.txt", "--format", "jsonl")
    assert r.exit_code == 0 and r.stderr == "" and len(r.stdout.splitlines()) == 3
