from kgraph.nlp.lexicon import load_lexicon
from kgraph.nlp.rules import (NUMBERISH, changed_by_candidates, context_type, percent_metric_candidates, dataset_name_candidates, elliptic_candidates, is_name_like, metric_at_candidates,
                              name_candidates, named_candidates, of_phrase_candidates, phrase_candidates, title_prefix,
                              titlecase_candidates)
from kgraph.nlp.sentences import split_sentences

LEX = load_lexicon()


def spans(cands):
    return [(c.text, c.start, c.end, c.label) for c in cands]


def test_name_like_tokens():
    names = ["MixPE", "NIPQ", "SVDQuant", "LLaMA-2-7B", "ResNet-50", "QCNNs", "Qwen2.5", "Bradley-Terry",
             "word2vec", "i2b2", "pix2pix"]
    not_names = ["4-bit", "7B", "3D", "2K60FPS", "INT8", "W4A8", "W4A8KV4", "LLMs", "GPUs", "Transformer", "SIC-restricted",
                 "LVDM-based", "type-II", "QUantized", "we", "ImageNet-pretrained", "REINFORCE-trained", "fp16",
                 "e2e"]
    assert [is_name_like(w, LEX) for w in names] == [True] * len(names)
    assert [is_name_like(w, LEX) for w in not_names] == [False] * len(not_names)


def test_name_candidates_strip_possessives():
    text = "OD-VAE's encoder beats SVDQuant and LLaMA-2-7B at 4-bit."
    assert spans(name_candidates(text, LEX)) == [
        ("OD-VAE", 0, 6, None), ("SVDQuant", 23, 31, None), ("LLaMA-2-7B", 36, 46, None)]


def test_phrases_end_in_head_words_and_skip_vague_ones():
    text = ("We study flow matching and k-means clustering for image inpainting with a novel approach. "
            "It keeps the rendering time low.")
    assert spans(phrase_candidates(text, LEX, split_sentences(text))) == [
        ("flow matching", 9, 22, "Method"), ("k-means clustering", 27, 45, "Method"),
        ("image inpainting", 50, 66, "Task")]


def test_phrases_drop_verbs_and_appositives_before_names_and_heads():
    text = ("It interleaves quantization, surpassing VQ-Diffusion and models like CLIP. "
            "We beat the imitation learning baseline DAPG with a causal VAE.")
    assert spans(phrase_candidates(text, LEX, split_sentences(text))) == [("causal VAE", 127, 137, None)]


def test_high_quality_qualifies_but_names_nothing():
    text = "It allows high quality reconstruction and higher resolution latent prediction."
    assert spans(phrase_candidates(text, LEX, split_sentences(text))) == [("latent prediction", 60, 77, "Task")]


def test_rank_metrics_at_a_cutoff():
    text = "It improves Hits@50, NDCG@10 and pass@k; mail me@home."
    assert spans(metric_at_candidates(text)) == [
        ("Hits@50", 12, 19, "Metric"), ("NDCG@10", 21, 28, "Metric"), ("pass@k", 33, 39, "Metric")]


def test_weak_heads_need_a_proposal_context():
    text = "Prior work used a two-stage training strategy. We propose a cascaded training strategy."
    sents = split_sentences(text)
    windows = [(50, len(text))]
    assert spans(phrase_candidates(text, LEX, sents, windows=windows)) == [
        ("cascaded training strategy", 60, 86, "Method")]


def test_titlecase_and_dataset_names():
    text = "We add a Time-Shift Sampler. SYENet won the MAI 2022 Learned Smartphone ISP challenge."
    sents = split_sentences(text)
    assert spans(titlecase_candidates(text, LEX, sents)) == [("Time-Shift Sampler", 9, 27, "Method")]
    assert spans(dataset_name_candidates(text, LEX)) == [
        ("MAI 2022 Learned Smartphone ISP challenge", 44, 85, "Dataset")]


def test_names_listed_after_datasets_are_datasets():
    text = "Experiments on three public datasets, Yoochoose, Diginetica and Tmall, show gains. " \
        "See the benchmarks (Section 4). Results on benchmarks: GLUE and SQuAD v1.1. Furthermore"
    assert [c.text for c in dataset_name_candidates(text, LEX)] == ["Yoochoose", "Diginetica", "Tmall", "GLUE",
                                                                      "SQuAD v1.1"]
    assert spans(dataset_name_candidates(text, LEX))[0] == ("Yoochoose", 38, 47, "Dataset")


def test_of_phrases_for_tasks():
    text = "This enables synthesis of high-quality images, and compression for videos."
    assert spans(of_phrase_candidates(text, LEX)) == [
        ("synthesis of high-quality images", 13, 45, "Task"), ("compression for videos", 51, 73, "Task")]


def test_title_prefix():
    cand, described = title_prefix("SYENet: A Simple Yet Effective Network for Vision", LEX)
    assert (cand.text, cand.start, cand.end, described) == ("SYENet", 0, 6, "Simple Yet Effective Network")
    cand, described = title_prefix("MixPE: Quantization and Hardware Co-design for LLM Inference", LEX)
    assert (cand.text, described) == ("MixPE", None)
    assert title_prefix("Towards Better Things: A Study", LEX) is None
    assert title_prefix("DGNO: A Novel Physics-aware Neural Operator for PDEs", LEX)[1] == \
        "Physics-aware Neural Operator"


def test_context_typing():
    text = "Results on FooBench show gains. We use the BarSet dataset, report QX score and run Baz-7B."
    s = text
    assert context_type(text, 11, 19, s, LEX) == "Dataset"      # on X in an experiment sentence
    assert context_type(text, 43, 49, s, LEX) == "Dataset"      # X dataset
    assert context_type(text, 66, 68, s, LEX) == "Metric"       # X score
    assert context_type(text, 83, 89, s, LEX) == "Model"        # a size suffix


def test_the_task_of_names_a_task():
    text = "We study the important task of multiple quantile release, the task of image segmentation, " \
           "the task of learning the chain, and tasks of different nature."
    assert spans(of_phrase_candidates(text, LEX)) == [("quantile release", 40, 56, "Task"),
                                                   ("image segmentation", 70, 88, "Task")]


def test_group_notation_and_verbs_before_names_are_no_names():
    text = "Circuits with SU(2) symmetry that block diagonalises SU and generalizes KAN."
    assert [c.text for c in name_candidates(text, LEX)] == ["SU", "KAN"]
    assert [c.text for c in phrase_candidates(text, LEX, [(0, len(text))])] == []


def test_a_letter_before_a_word_is_a_name_but_a_spelled_syllable_is_not():
    assert [w for w in ("VBench", "QServe", "QUantized", "ENcoding") if is_name_like(w, LEX)] == ["VBench", "QServe"]


def test_a_name_before_a_platform_noun_is_no_dataset():
    text = "Experiments show gains on NISQ devices and on FooBar, and on real NISQ quantum hardware."
    assert [context_type(text, text.find(n), text.find(n) + len(n), text, LEX) for n in ("NISQ", "FooBar")] == \
        [None, "Dataset"]
    assert not is_name_like("A/B", LEX)


def test_what_a_change_by_an_amount_is_measured_in():
    text = ("It can reduce the number of trainable parameters by 10,000 times and the GPU memory requirement "
            "by 3 times, accelerating training by 2x. It outperforms GPTQ by 6% and improves these metrics by 9%.")
    assert spans(changed_by_candidates(text, LEX)) == [
        ("number of trainable parameters", 18, 48, "Metric"), ("GPU memory requirement", 73, 95, "Metric")]


def test_words_that_measure_only_next_to_a_percentage():
    text = "It reaches 3.57% error and a recall of 91.2%, with low approximation error at 4-bit precision."
    assert spans(percent_metric_candidates(text, LEX)) == [("error", 17, 22, "Metric"), ("recall", 29, 35, "Metric")]


def test_a_verb_after_a_modal_is_not_part_of_a_phrase():
    text = "Deeper nets can gain accuracy and may decompose sampling."
    assert spans(phrase_candidates(text, LEX, split_sentences(text))) == []


def test_depths_and_head_counts_are_settings_not_names():
    assert [NUMBERISH.fullmatch(w) is not None for w in ("121-layer", "8-head", "2-hop", "5-way", "10-class", "GPT-4")] \
        == [True, True, True, True, True, False]


def test_a_gerund_after_a_preposition_is_not_part_of_a_phrase():
    text = "Challenges in adapting Transformer from language arise. We study iterative sampling."
    assert spans(phrase_candidates(text, LEX, [(0, 55), (56, 84)])) == [("iterative sampling", 65, 83, "Method")]


def test_what_a_naming_cue_introduces_is_a_name_wherever_it_recurs():
    text = ("Our best model family, which we name Guanaco, wins. We use a method called chain of thought "
            "prompting, where chain of thought prompting helps. A framework for diffusion models, dubbed Pelican, "
            "and the so called Green AI.")
    assert spans(named_candidates(text, LEX)) == [
        ("Guanaco", 37, 44, "Model"), ("chain of thought prompting", 75, 101, "Method"),
        ("chain of thought prompting", 109, 135, "Method"), ("Pelican", 184, 191, None)]


def test_a_title_verb_is_capitalised_like_every_title_word():
    text = "Chain-of-Thought Prompting Elicits Reasoning"
    assert spans(phrase_candidates(text, LEX, [(0, len(text))], title_end=len(text))) == []
    assert spans(phrase_candidates(text, LEX, [(0, len(text))])) == [
        ("Chain-of-Thought Prompting Elicits Reasoning", 0, 44, "Method")]


def test_the_unit_of_a_size_is_no_part_of_a_phrase():
    text = "GPT-2 is a 1.5B parameter Transformer. It uses parameter estimation."
    assert spans(phrase_candidates(text, LEX, [(0, 38), (39, len(text))])) == [("parameter estimation", 47, 67, "Method")]


def test_words_listed_before_a_two_word_phrase_share_its_head():
    text = "We show gains on arithmetic, commonsense, and symbolic reasoning, and on gap and lookahead denoising."
    phrases = phrase_candidates(text, LEX, [(0, len(text))])
    assert spans(phrases) == [("symbolic reasoning", 46, 64, "Method"), ("lookahead denoising", 81, 100, "Method")]
    # "commonsense reasoning" is a known name; neither "arithmetic reasoning" nor "gap denoising" is
    assert spans(elliptic_candidates(text, LEX, phrases)) == [("commonsense reasoning", 29, 40, "Method")]
