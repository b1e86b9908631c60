from kgraph.nlp.sentences import split_sentences


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_decimals_and_formulas_do_not_split():
    text = ("Methods such as SLiC (e.g., Bradley-Terry) and DPO, i.e. offline ones, vs. PPO reach 2.56 bits/dim "
            "on CIFAR-10 (see Fig. 2). Smith et al. showed x = 1.5. We improve it.")
    assert sents(text) == [
        "Methods such as SLiC (e.g., Bradley-Terry) and DPO, i.e. offline ones, vs. PPO reach 2.56 bits/dim "
        "on CIFAR-10 (see Fig. 2).",
        "Smith et al. showed x = 1.5.",
        "We improve it."]


def test_glued_sentences_and_et_al_before_a_new_sentence():
    assert sents("It is fast.Experimental results agree. As in Lee et al. We then win!") == [
        "It is fast.", "Experimental results agree.", "As in Lee et al.", "We then win!"]


def test_offsets_index_the_text():
    text = "  One. Two.  "
    assert split_sentences(text) == [(2, 6), (7, 11)]
