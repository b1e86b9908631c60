import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from kgraph.extract import PIPELINE, build_pipeline, extract_records
from kgraph.readers import read_papers
from kgraph.types import Paper

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def test_pipeline_is_blank_english_plus_kgraph_components():
    nlp = build_pipeline()
    assert nlp.lang == "en" and tuple(nlp.pipe_names) == PIPELINE


def test_gazetteer_component_spans_with_fixture_patterns():
    nlp = spacy.blank("en")
    from kgraph.nlp import components  # noqa: F401
    nlp.add_pipe("kgraph_gazetteer", config={"patterns_dir": "tests/fixtures/patterns"})
    doc = nlp("FID on cifar10, CIFAR-10 and ImageNet-1k; a blender is not Blender.")
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["kgraph_gazetteer"]] == [
        ("FID", "Metric", "fid"), ("cifar10", "Dataset", "cifar-10"), ("CIFAR-10", "Dataset", "cifar-10"),
        ("ImageNet-1k", "Dataset", "imagenet"), ("Blender", "Dataset", "blender")]
    # a title capitalises every word: a capitalised ordinary word there is no name
    doc = nlp("Blender Tricks for FID\n\nWe render with Blender.")
    assert [(s.text, s.start_char) for s in doc.spans["kgraph_gazetteer"]] == [("FID", 19), ("Blender", 39)]


def test_sentence_component_sets_spacy_sentences():
    doc = build_pipeline()("A Title\n\nFirst one, e.g. this. Second one.")
    assert [s.text for s in doc.sents] == ["A Title\n\n", "First one, e.g. this.", "Second one."]


def test_every_fact_has_evidence_inside_the_text():
    papers = list(read_papers([str(ROOT / "seeds")]))[:60]
    for rec in extract_records(papers):
        d = rec.to_dict()
        for e in d["entities"]:
            assert e["mentions"], e
            for m in e["mentions"]:
                said = rec.text[m["start"]:m["end"]]
                # (or, in "image and video generation", the word that stands for "image generation")
                assert said in [e["name"], *e["aliases"]] or e["name"].startswith(said + " "), (said, e)
                assert m["sentence"] in rec.text
        for r in d["results"] + [x for x in d["relations"]]:
            assert r["evidence"]["sentence"] in rec.text


def test_workers_give_the_same_records():
    papers = list(read_papers([str(ROOT / "seeds")]))[:40]
    one = [r.to_dict() for r in extract_records(papers, batch_size=7)]
    two = [r.to_dict() for r in extract_records(papers, batch_size=7, workers=2)]
    assert one == two


def test_input_ids_are_kept():
    rec = next(extract_records([Paper(id="my-id-1", title="T", abstract="We use PPO.")]))
    assert rec.id == "my-id-1"


# The level reached on the dev gold set; a change that drops below it fails here.
FLOOR = {"typed_micro": 0.79, "Dataset": 0.92, "Metric": 0.83, "Method": 0.81, "Model": 0.88, "proposes": 0.86, "results": 0.89}


@pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="../shared/eval is not beside the repo")
def test_dev_gold_scores_do_not_regress(tmp_path):
    out = tmp_path / "records.jsonl"
    papers = read_papers([str(EVAL / "dev_inputs.jsonl")])
    out.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in extract_records(papers)))
    scored = subprocess.run([sys.executable, str(EVAL / "score.py"), str(EVAL / "dev_gold.jsonl"), str(out), "--json"],
                            capture_output=True, text=True, check=True)
    scores = json.loads(scored.stdout)
    got = {k: round(scores[k][2], 3) for k in FLOOR}
    assert all(got[k] >= FLOOR[k] for k in FLOOR), got
    assert scores["results"][0] >= 0.80, scores["results"]
