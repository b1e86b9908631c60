import pytest

from kgraph.errors import ExtractionError
from kgraph.nlp.lexicon import load_lexicon, needs_exact_case, norm_key


def test_fixture_gazetteer_ties_spellings_to_one_id(tmp_path):
    lex = load_lexicon("tests/fixtures/patterns")
    assert lex.by_norm[norm_key("cifar10")] == ("Dataset", "cifar-10")
    assert lex.canonical["imagenet"] == "ImageNet"
    assert "sampling" in lex.cue("method_head")


def test_case_rule():
    assert [needs_exact_case(p) for p in ("Blender", "DROP", "PROTEINS", "REINFORCE", "CIFAR-10", "ImageNet",
                                          "accuracy", "flow matching")] == [True, True, True, True, False, False,
                                                                            False, False]


def test_shipped_names_that_spell_words_match_exactly():
    from kgraph.nlp.lexicon import load_lexicon
    lex = load_lexicon()
    exact = {e.pattern for e in lex.entries if e.exact}
    assert {"ZeRO", "ReCoRD", "ReAct", "PaLM", "SQuAD", "PROTEINS"} <= exact


def test_bad_pattern_file_names_file_and_line(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"label": "Dataset", "pattern": "A"}\n{"label": "Thing", "pattern": "B"}\n')
    with pytest.raises(ExtractionError, match=r"x.jsonl:2: expected label"):
        load_lexicon(tmp_path)


def test_the_shipped_data_is_large_and_valid():
    lex = load_lexicon()
    assert len(lex.entries) > 1500
    assert {e.label for e in lex.entries} == {"Method", "Model", "Dataset", "Metric", "Task"}


def test_no_shipped_spelling_names_two_entities():
    # one spelling under two ids makes two overlapping gazetteer spans for one name
    ids: dict[tuple[str, str], set[str]] = {}
    for e in load_lexicon().entries:
        ids.setdefault((e.pattern if e.exact else e.pattern.lower(), e.label), set()).add(e.id)
    assert {k: v for k, v in ids.items() if len(v) > 1} == {}
