from kgraph.nlp.abbreviations import Abbreviation, best_long_form, find_abbreviations


def pairs(text):
    return [(a.long, a.short) for a in find_abbreviations(text)]


def test_long_and_short_forms_with_offsets():
    text = "We use the Vector Quantized Variational Autoencoder (VQ-VAE) here."
    assert find_abbreviations(text) == [Abbreviation("VQ-VAE", "Vector Quantized Variational Autoencoder", 53, 59, 11, 51)]
    a = find_abbreviations(text)[0]
    assert text[a.long_start:a.long_end] == a.long and text[a.short_start:a.short_end] == a.short


def test_initials_beat_the_shortest_match():
    assert pairs("Proximal Policy Optimization (PPO) for Reinforcement Learning from Human Feedback (RLHF)") == [
        ("Proximal Policy Optimization", "PPO"), ("Reinforcement Learning from Human Feedback", "RLHF")]


def test_schwartz_hearst_fallback_and_glued_parentheses():
    assert pairs("a framework for QUantized and Efficient ENcoding (QUEEN) for video") == [
        ("QUantized and Efficient ENcoding", "QUEEN")]
    assert pairs("Image Signal Processing(ISP), Low-Light Enhancement(LLE)") == [
        ("Image Signal Processing", "ISP"), ("Low-Light Enhancement", "LLE")]
    assert pairs("3D Gaussian Splatting (3D-GS) and Generative Flow Networks (GFlowNets)") == [
        ("3D Gaussian Splatting", "3D-GS"), ("Generative Flow Networks", "GFlowNets")]


def test_not_abbreviations():
    assert pairs("as shown before (Table 2) and (i.e., this) and (see above)") == []
    assert best_long_form("XYZ", "nothing matches here") is None


def test_short_form_after_a_naming_phrase():
    text = "we propose Self-separated Conditional Variational AutoEncoder (abbreviated as SepaCVAE) that"
    assert pairs(text) == [("Self-separated Conditional Variational AutoEncoder", "SepaCVAE")]
    a = find_abbreviations(text)[0]
    assert text[a.short_start:a.short_end] == "SepaCVAE" and text[a.long_start:a.long_end] == a.long
    assert pairs("the Gated Fusion Unit (hereafter GFU) and") == [("Gated Fusion Unit", "GFU")]


def test_long_form_never_starts_with_a_slash():
    assert pairs("positron emission tomography (PET)/computed tomography (CT) data") == [
        ("positron emission tomography", "PET"), ("computed tomography", "CT")]


def test_reversed_short_form_then_long_form():
    text = "we motivate our beta-TCVAE (Total Correlation Variational Autoencoder), a refinement"
    assert pairs(text) == [("Total Correlation Variational Autoencoder", "beta-TCVAE")]
    a = find_abbreviations(text)[0]
    assert text[a.short_start:a.short_end] == "beta-TCVAE" and text[a.long_start:a.long_end] == a.long
    assert pairs("We use CLIP (Contrastive Language Image Pretraining) features") == [
        ("Contrastive Language Image Pretraining", "CLIP")]
    # a citation or a gloss in the parenthesis is no long form
    assert pairs("trained on ImageNet (Deng et al) and BERT (the encoder of a transformer)") == []


def test_long_form_does_not_cross_a_novel():
    assert pairs("we improve ViDiT-Q with a novel metric-decoupled mixed-precision quantization method "
                 "(ViDiT-Q-MP)") == []
