import pytest

from kgraph.errors import InputError
from kgraph.resolve import Resolver, Thesaurus
from kgraph.types import Entity, PaperRecord


def rec(pid, *entities):
    return PaperRecord(id=pid, title=pid, entities=[Entity(*e) for e in entities])


def resolve(*records, thesaurus=None):
    r = Resolver(thesaurus)
    for x in records:
        r.observe(x)
    for x in records:
        r.add(x)
    return r


def test_spelling_variants_become_one_node():
    r = resolve(rec("a", ("CIFAR10", "Dataset"), ("Widget Matching", "Method")),
                rec("b", ("CIFAR-10", "Dataset"), ("widget-matching", "Method")),
                rec("c", ("cifar-10", "Dataset"), ("widget matchings", "Method")))
    assert sorted(r.entities) == ["cifar-10", "widgetmatching"]
    assert r.entities["cifar-10"].names == {"CIFAR10": 1, "CIFAR-10": 1, "cifar-10": 1}
    assert r.entities["widgetmatching"].papers == 3


def test_abbreviation_links_a_bare_short_form_to_its_long_form():
    r = resolve(rec("a", ("Frobnicated Widget Estimation", "Method", ["FWE"])), rec("b", ("FWE", "Method")))
    assert list(r.entities) == ["frobnicatedwidgetestimation"]
    node = r.entities["frobnicatedwidgetestimation"]
    assert (node.name, node.aliases, node.papers) == ("Frobnicated Widget Estimation", ["FWE"], 2)


def test_an_abbreviation_defined_two_ways_stays_two_nodes():
    r = resolve(rec("a", ("Reward Model", "Method", ["RM"])), rec("b", ("Riemannian Manifold", "Method", ["RM"])),
                rec("c", ("RM", "Method")))
    assert sorted(r.entities) == ["rewardmodel", "riemannianmanifold", "rm"]


def test_majority_type_wins():
    r = resolve(rec("a", ("FooNet", "Model")), rec("b", ("FooNet", "Method")), rec("c", ("FooNet", "Model")))
    assert r.entities["foonet"].type == "Model"


def test_thesaurus_merge_split_ignore(tmp_path):
    f = tmp_path / "thesaurus.jsonl"
    f.write_text('{"merge": ["GPT4 model", "GPT-4 Turbo"], "into": "GPT-4 family"}\n'
                 '{"split": "FWE"}\n# comment\n{"ignore": "our method"}\n')
    th = Thesaurus.load(f)
    r = resolve(rec("a", ("GPT4 model", "Model"), ("our method", "Method"),
                    ("Frobnicated Widget Estimation", "Method", ["FWE"])),
                rec("b", ("GPT-4 Turbo", "Model"), ("FWE", "Method")), thesaurus=th)
    assert sorted(r.entities) == ["frobnicatedwidgetestimation", "fwe", "t:gpt4family"]


def test_bad_thesaurus_names_file_and_line(tmp_path):
    f = tmp_path / "t.jsonl"
    f.write_text('{"merge": ["a"]}\n{"rename": "x"}\n')
    with pytest.raises(InputError, match=r"t.jsonl:2: bad thesaurus rule"):
        Thesaurus.load(f)
