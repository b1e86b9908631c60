from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import InputError
from kgraph.readers import ReadReport, detect_format, parse_date, read_papers
from kgraph.types import Source

FIX = Path(__file__).parent / "fixtures"
ALPHA = "AlphaNet: Fast Widgets for Image Classification"


def read(*paths, fmt=None):
    report = ReadReport()
    return list(read_papers([str(p) for p in paths], fmt, report)), report


def test_compact_seed_layout():
    papers, report = read(FIX / "compact.txt")
    lines = (FIX / "compact.txt").read_text().splitlines()
    assert [(p.title, p.abstract) for p in papers] == [
        (ALPHA, lines[3]), ("A Title Without Abstract", ""),
        ("BetaFlow: Normalizing Flows for Density Estimation", lines[6])]
    assert papers[0].sources == (Source(str(FIX / "compact.txt"), 3),)
    assert (report.files, report.records, report.papers, report.skipped) == (1, 3, 3, [])


def test_spaced_seed_layout_skips_boilerplate_orgs_and_dates():
    papers, _ = read(FIX / "spaced.txt")
    assert [(p.title, p.date, p.year, bool(p.abstract)) for p in papers] == [
        ("GammaGAN: Generating Faces with Style", "2021-03-18", 2021, True),
        ("Delta Team Paper About Robust Parsing of Pages", "2023-05-28", 2023, True),
        ("Epsilon: A Paper Listed Without Its Abstract", None, None, False),
        (ALPHA, None, None, True)]


def test_real_seed_pages_give_every_distinct_paper_once():
    papers, report = read(Path(__file__).parent.parent / "seeds")
    assert (report.files, report.records, report.papers, report.duplicates) == (5, 611, 526, 85)
    titles = [p.title for p in papers]
    assert len(set(titles)) == 526
    assert not any("Get trending" in t or t.startswith("Subscribe") or "Kling Team" in t for t in titles)
    assert all(p.abstract for p in papers)
    nipq = next(p for p in papers if p.title.startswith("NIPQ:"))
    assert [Path(s.path).name for s in nipq.sources] == [
        "000_ba5076fedfd75aa4.txt", "003_0e9a0bd634adfc7a.txt", "004_cd196b3cd29dc202.txt"]


def test_jsonl_reports_bad_lines_and_keeps_good_ones():
    papers, report = read(FIX / "papers.jsonl")
    assert [(p.id, p.title, p.authors, p.date, p.year) for p in papers] == [
        ("2101.00001", ALPHA, ("Ann Lee", "Bo Chen"), "2021-01-04", 2021),
        ("doi:10.1000/zeta", "Zeta Paper", (), None, 2020),
        ("P-7", "Eta Paper", ("Eve", "Dan"), None, None)]
    assert papers[0].arxiv_id == "2101.00001" and papers[1].doi == "10.1000/zeta"
    assert papers[2].abstract == "Eta summary."
    assert [str(s) for s in report.skipped] == [
        f"{FIX / 'papers.jsonl'}:3: invalid JSON (Unterminated string starting at at column 11)",
        f"{FIX / 'papers.jsonl'}:4: expected a JSON object, found list",
        f"{FIX / 'papers.jsonl'}:5: no title"]


def test_csv_rows_and_skips():
    papers, report = read(FIX / "papers.csv")
    assert [(p.id, p.title, p.abstract, p.authors, p.year) for p in papers] == [
        ("title:8071f40eb5cc1906", "Theta Paper", "Theta abstract, with a comma.", ("Ann Lee", "Bo Chen"), 2019),
        ("doi:10.1000/iota", "Iota Paper", "Iota abstract.", (), 2022)]
    assert [str(s) for s in report.skipped] == [
        f"{FIX / 'papers.csv'}:4: no title", f"{FIX / 'papers.csv'}:5: 6 fields where the header has 5"]


def test_csv_without_title_column_is_an_error():
    with pytest.raises(InputError, match=r"no_title.csv:1: no title column \(columns: name_of_thing, abstract\)"):
        read(FIX / "no_title.csv")


def test_json_array(tmp_path):
    f = tmp_path / "p.json"
    f.write_text('[{"title": "One", "abstract": "A."}, 3, {"title": "Two"}]')
    papers, report = read(f)
    assert [(p.title, p.abstract, p.sources[0].record) for p in papers] == [("One", "A.", 1), ("Two", "", 3)]
    assert [s.reason for s in report.skipped] == ["expected a JSON object, found int"]


def test_arxiv_snapshot_fields(tmp_path):
    f = tmp_path / "arxiv-metadata-oai-snapshot.json"
    f.write_text('{"id": "0704.0001", "title": "Calculation of prompt\\n  diphoton production", '
                 '"abstract": "  A fully differential calculation.\\n", "authors": "C. Bal\\u00e1zs, E. L. Berger",'
                 ' "update_date": "2008-11-13", "doi": "10.1103/PhysRevD.76.013009"}\n')
    (p,), _ = read(f)
    assert (p.id, p.arxiv_id, p.title, p.abstract, p.authors, p.date, p.doi) == (
        "0704.0001", "0704.0001", "Calculation of prompt diphoton production", "A fully differential calculation.",
        ("C. Balázs", "E. L. Berger"), "2008-11-13", "10.1103/physrevd.76.013009")


def test_atom_feed():
    papers, _ = read(FIX / "feed.atom")
    assert [(p.id, p.title, p.abstract, p.authors, p.date, p.doi, p.url) for p in papers] == [
        ("arxiv:2101.00001", ALPHA, "We propose AlphaNet, a network for image classification. It is fast.",
         ("Ann Lee", "Bo Chen"), "2021-01-04", "10.1000/alpha", "http://arxiv.org/abs/2101.00001v2"),
        ("arxiv:hep-th/9901001", "Lambda Strings", "Strings.", (), "1999-01-01", None,
         "http://arxiv.org/abs/hep-th/9901001v1")]


def test_bibtex():
    papers, report = read(FIX / "refs.bib")
    assert [(p.id, p.title, p.authors, p.year) for p in papers] == [
        ("arxiv:2101.00001", ALPHA, ("Ann Lee", "Bo Chen"), 2021),
        ("doi:10.1000/mu", "Mu: Möbius Networks", ("Jan Müller",), 2020),
        ("title:8025672ed92c3941", "Xi Paper", (), None)]
    assert [(s.source.line, s.reason.split(" (")[0]) for s in report.skipped] == [(17, "unparsable BibTeX entry")]


def test_same_paper_across_formats_is_merged_with_all_sources():
    papers, report = read(FIX / "compact.txt", FIX / "spaced.txt", FIX / "papers.jsonl", FIX / "feed.atom",
                          FIX / "refs.bib")
    alpha = [p for p in papers if p.title == ALPHA]
    assert len(alpha) == 1
    (a,) = alpha
    assert a.id == "2101.00001"  # the input's own id wins over derived ones
    assert a.abstract.endswith("with a longer abstract here.")  # the longest copy
    assert len(a.sources) == 5 and report.duplicates == 4


def test_merge_does_not_depend_on_input_order():
    one, _ = read(FIX / "compact.txt", FIX / "spaced.txt", FIX / "feed.atom")
    two, _ = read(FIX / "feed.atom", FIX / "spaced.txt", FIX / "compact.txt")
    assert sorted(p.to_dict().items().__repr__() for p in one) == sorted(p.to_dict().items().__repr__() for p in two)


def test_ids_are_stable_across_runs():
    assert [p.id for p in read(FIX / "compact.txt")[0]] == [p.id for p in read(FIX / "compact.txt")[0]]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"), (b"  \n\n", "empty file")])
def test_empty_file_is_a_reported_skip(tmp_path, content, reason):
    f = tmp_path / "empty.jsonl"
    f.write_bytes(content)
    papers, report = read(f)
    assert papers == [] and [str(s) for s in report.skipped] == [f"{f}: {reason}"]


def test_binary_file_is_an_error(tmp_path):
    f = tmp_path / "model.jsonl"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError, match="model.jsonl: binary file"):
        read(f)


def test_invalid_utf8_line_is_skipped_and_the_rest_kept(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_bytes(b'{"title": "Good One"}\n{"title": "Bad \xff"}\n{"title": "Good Two"}\n')
    papers, report = read(f)
    assert [p.title for p in papers] == ["Good One", "Good Two"]
    assert [str(s) for s in report.skipped] == [f"{f}:2: invalid UTF-8 (byte 0xff at column 16)"]


def test_missing_path_and_unknown_format_are_errors(tmp_path):
    with pytest.raises(InputError, match="nope.jsonl: no such file or directory"):
        read(tmp_path / "nope.jsonl")
    f = tmp_path / "notes.dat"
    f.write_text("just some words\n")
    with pytest.raises(InputError, match="notes.dat: cannot tell the format; use --input-format"):
        read(f)
    with pytest.raises(InputError, match="unknown input format 'yaml'"):
        read(f, fmt="yaml")


def test_detect_format_from_content():
    assert detect_format("-", b'{"title": "x"}\n') == "jsonl"
    assert detect_format("-", b"[{}]") == "json"
    assert detect_format("-", b"<?xml?><feed>") == "atom"
    assert detect_format("-", b"@article{x,}") == "bibtex"
    assert detect_format("-", b"title,abstract\n") == "csv"
    assert detect_format("x.txt", b"Some Title\nSome abstract") == "seeds"


def test_parse_date():
    assert parse_date("Mar 18, 2021") == ("2021-03-18", 2021)
    assert parse_date("May 28, 2023 1") == ("2023-05-28", 2023)
    assert parse_date("Jan 18") == (None, None)
    assert parse_date("2021-01-04T10:00:00Z") == ("2021-01-04", 2021)


def test_seed_page_ui_lines_never_become_papers():
    papers, report = read(FIX / "ui_lines.txt")
    assert [(p.title, p.date) for p in papers] == [("A Real Title Without Any Abstract Here", None),
                                                   ("GammaNet: Something Useful", "2024-01-02")]
    assert [(s.source.line, s.reason) for s in report.skipped] == [
        (13, "short line without an abstract, not a title: 'Some Two'")]
