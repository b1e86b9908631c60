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
