from kgraph.extract import build_pipeline, extract_records
from kgraph.types import Paper

NLP = build_pipeline()


def record(title, abstract):
    return next(extract_records([Paper(id="p", title=title, abstract=abstract)], nlp=NLP)).to_dict()


def results(rec):
    return [(r["metric"], r["dataset"], r["value"]) for r in rec["results"]]


def test_results_tied_to_metric_and_dataset():
    rec = record("AlphaNet: Fast Widgets", "AlphaNet reaches 76.5% top-1 accuracy on ImageNet and an FID of 3.1 on "
                 "CIFAR-10, with a 2.6× speedup. It is 15-23x faster than NeRF.")
    assert results(rec) == [("top-1 accuracy", "ImageNet", "76.5"), ("FID", "CIFAR-10", "3.1"),
                            ("speedup", None, "2.6"), ("speed", None, "15-23")]
    r = rec["results"][0]
    text = "AlphaNet: Fast Widgets\n\n" + "AlphaNet reaches 76.5% top-1 accuracy on ImageNet and an FID of 3.1 on " \
        "CIFAR-10, with a 2.6× speedup. It is 15-23x faster than NeRF."
    assert text[r["evidence"]["start"]:r["evidence"]["end"]] == "76.5"
    assert r["method"] == "AlphaNet"


def test_settings_and_counts_are_not_results():
    rec = record("A Study", "We quantize LLaMA-2-7B to 4-bit, use 34 data sets, 7B parameters and 100 steps "
                 "of training in 2021, reaching high accuracy.")
    assert results(rec) == []


def test_proposes_from_title_prefix_verbs_names_and_passives():
    rec = record("MixPE: Mixed-Precision Processing Elements",
                 "We propose MixPE, a processing element. Our method, called BetaFlow, uses PPO. "
                 "A novel tail initialization is designed to train it. We present a method based on GPTQ.")
    assert rec["proposes"] == ["MixPE", "BetaFlow", "tail initialization"]


def test_proposes_names_listed_after_a_colon():
    rec = record("Distributed Methods", "We present two compressed methods for saddle point problems: MASHA1 and "
                 "MASHA2. They use PPO.")
    assert rec["proposes"] == ["MASHA1", "MASHA2"]


def test_abbreviation_pairs_make_one_entity_with_aliases_and_evidence():
    abstract = "The vector quantized variational autoencoder (VQ-VAE) is popular. VQ-VAE models images."
    rec = record("A Study of Codes", abstract)
    (vq,) = [e for e in rec["entities"] if e["name"] == "vector quantized variational autoencoder"]
    assert (vq["type"], vq["aliases"]) == ("Method", ["VQ-VAE"])
    text = "A Study of Codes\n\n" + abstract
    assert [text[m["start"]:m["end"]] for m in vq["mentions"]] == [
        "vector quantized variational autoencoder", "VQ-VAE", "VQ-VAE"]
    assert vq["mentions"][2]["sentence"] == "VQ-VAE models images."


def test_datasets_are_evaluated_on_and_tasks_addressed():
    rec = record("Fast Image Inpainting", "We evaluate on CIFAR-10 and the FooBar dataset for image inpainting.")
    assert rec["evaluated_on"] == ["CIFAR-10", "FooBar"]
    assert rec["addresses"] == ["image inpainting"]


def test_names_listed_with_known_ones_share_their_type():
    rec = record("A Study", "Protein language models such as ESM-2 and ProtT5 help. We test on MNIST, FooSet and BarSet.")
    types = {e["name"]: e["type"] for e in rec["entities"]}
    assert (types["ProtT5"], types["FooSet"], types["BarSet"]) == ("Model", "Dataset", "Dataset")


def test_a_model_family_in_lower_case_plural_is_a_method():
    rec = record("A Study", "We quantize vision transformers such as ViT-B and compare with HyperReel.")
    types = {e["name"]: e["type"] for e in rec["entities"]}
    assert (types["vision transformers"], types["HyperReel"]) == ("Method", "Method")


def test_pretraining_data_is_not_evaluated_on():
    rec = record("A Study", "Pretrained on patches from TCGA and fine-tuned on GlaS, our model beats ImageNet-pretrained "
                 "U-Nets on GlaS.")
    assert rec["evaluated_on"] == ["GlaS"]
    assert [e["name"] for e in rec["entities"] if e["type"] == "Dataset"] == ["TCGA", "GlaS", "ImageNet"]


def test_result_datasets_follow_the_clause():
    cases = {
        "Our method achieves 85.3% mIoU on Cityscapes and 47.2 mIoU on ADE20K.":
            [("mIoU", "Cityscapes", "85.3"), ("mIoU", "ADE20K", "47.2")],
        "On CIFAR-10, our model reaches 95.1% accuracy.": [("accuracy", "CIFAR-10", "95.1")],
        "We obtain 33% lower perplexity on Wikitext, and up to 3x speedup over the baseline.":
            [("perplexity", "Wikitext", "33"), ("speedup", None, "3")],
        "It reduces the word error rate from 5.2% to 3.1% on LibriSpeech.":
            [("word error rate", "LibriSpeech", "5.2"), ("word error rate", "LibriSpeech", "3.1")],
        "It achieves a PSNR of 32.5 dB and an SSIM of 0.91 on Set5.": [("PSNR", "Set5", "32.5"), ("SSIM", "Set5", "0.91")],
        "With only 10% of the labels and 8 GPUs, it matches the supervised model.": [],
        "We test on the ChemProt benchmark, where our model obtains a micro-F1 of 78.2.":
            [("micro-F1", "ChemProt", "78.2")],
        "It improves Hits@50 by 1.8 points and the Dice coefficient by 4.2 points over ImageNet-pretrained U-Nets.":
            [("Hits@50", None, "1.8"), ("Dice coefficient", None, "4.2")],
    }
    for sentence, expected in cases.items():
        assert results(record("A Study", sentence)) == expected, sentence


def test_proposes_the_long_form_the_title_is_about():
    # the title is the name, starts with it before a purpose phrase, or ends with it after modifiers
    assert record("Martingale Posterior Neural Processes", "A Neural Process (NP) is a model. We take a "
                  "Martingale Posterior Neural Process (MPNP) view.")["proposes"] == [
        "Martingale Posterior Neural Process"]
    assert record("Pyramid Vector Quantization for LLMs", "Pyramid Vector Quantization (PVQ) works "
                  "well.")["proposes"] == ["Pyramid Vector Quantization"]
    assert record("Modality-Agnostic Variational Compression of Implicit Neural Representations",
                  "Variational Compression of Implicit Neural Representations (VC-INR) works.")["proposes"] == [
        "Variational Compression of Implicit Neural Representations"]
    # after a linking word or a verb, the name is what the paper uses or studies
    assert record("Lossless Compression with Probabilistic Circuits", "Probabilistic Circuits (PCs) are "
                  "models.")["proposes"] == []
    assert record("Revisiting Structured Variational Autoencoders", "Structured Variational Autoencoders "
                  "(SVAEs) are models.")["proposes"] == []


def test_a_name_introduced_as_a_category_is_not_proposed():
    rec = record("Neural Codecs", "We introduce a compression algorithm, TinyCodec, parameterised as an "
                 "Implicit Neural Representation (INR).")
    assert rec["proposes"] == ["TinyCodec"]


def test_digit_groups_counts_of_and_formulas():
    rec = record("LC-Net", "LC-Net is 10 000 times faster and wins on 45 of these datasets. "
                 "It attains a regret of O(dT^{1+epsilon}).")
    assert results(rec) == [("speed", None, "10000")]


def test_a_name_before_database_is_a_dataset():
    rec = record("Iris Study", "We collect the African Human Iris (AFHIRIS) database. The AFHIRIS database has "
                 "1,000 images.")
    assert [(e["name"], e["type"]) for e in rec["entities"]] == [("African Human Iris", "Dataset")]


def test_a_new_name_defined_before_framework_is_proposed():
    rec = record("Fast Diffusion", "We propose a Temporal Feature Maintenance Quantization (TFMQ) framework. "
                 "We propose a semi-autoregressive (semi-AR) framework, called BlockGen, too.")
    assert rec["proposes"] == ["BlockGen", "Temporal Feature Maintenance Quantization"]  # "called" first


def test_our_method_dash_name():
    rec = record("Critics", "Our method---FooNet---blends three ideas.")
    assert rec["proposes"] == ["FooNet"]


def test_known_as_names_the_contribution():
    assert record("Fast Codecs", "We propose a new codec known as FooNet.")["proposes"] == ["FooNet"]


def test_we_call_names_the_contribution():
    rec = record("Kernels", "Next, we introduce a deep generalisation of kernel methods, that we call deep kernel "
                 "machines (DKMs). We designed an autoencoder, which we call StyleALAE.")
    assert rec["proposes"] == ["deep kernel machines", "StyleALAE"]
    assert "call deep kernel machines" not in [e["name"] for e in rec["entities"]]


def test_multiplier_ranges_and_acceleration():
    rec = record("Sparse Networks", "Our method achieves a 10-20x compression in model size and 3x acceleration.")
    assert [(e["name"], e["type"]) for e in rec["entities"]] == [("model size", "Metric")]
    assert results(rec) == [("model size", None, "10-20"), ("speedup", None, "3")]


def test_tasks_listed_as_examples_of_the_papers_own_results():
    rec = record("P2L", "Diffusion models serve applications such as image editing. Our method, called P2L, "
                 "outperforms solvers on a variety of tasks, such as super-resolution, deblurring, and inpainting.")
    assert [e["name"] for e in rec["entities"] if e["type"] == "Task"] == ["super-resolution", "deblurring",
                                                                           "inpainting"]


def test_a_multiplier_of_model_size_is_no_result():
    rec = record("GET", "GET matches a 5times larger ViT in terms of FID scores, with a 2x speedup.")
    assert results(rec) == [("speedup", None, "2")]


def test_a_phrase_before_problems_is_a_task():
    rec = record("Tradeoffs", "We bound the prioritized risk for statistical estimation problems.")
    assert [(e["name"], e["type"]) for e in rec["entities"]] == [("statistical estimation", "Task")]


def test_what_the_contribution_is_for_is_not_proposed():
    rec = record("Tradeoffs", "We present a general approach for extending classical minimax lower-bound techniques.")
    assert rec["proposes"] == []


def test_metrics_word_and_title_verb_are_not_part_of_names():
    rec = record("Understanding quantum circuit learning",
                 "Our models win in terms of performance metrics FID and SSIM.")
    assert [(e["name"], e["type"]) for e in rec["entities"]] == [("quantum circuit learning", "Method"),
                                                                 ("FID", "Metric"), ("SSIM", "Metric")]


def test_a_dataset_in_the_next_clause_is_not_the_results():
    rec = record("CAW", "On the D4RL benchmark, CAW achieves a normalized score of 78.4 on the locomotion tasks "
                 "and outperforms IQL on the AntMaze tasks.")
    assert results(rec) == [("normalized score", "D4RL", "78.4")]


def test_attention_received_and_subscripts_are_no_names():
    rec = record("Quantization", "Lately, post-training quantization methods have gained considerable attention. "
                 "The circuit needs log_2N qubits and a norm at most B_L.")
    assert [e["name"] for e in rec["entities"]] == ["post-training quantization"]


def test_coordinated_results_share_their_metric():
    rec = record("FiRE", "FiRE improves exact match by 6.8 points on Natural Questions and 4.1 points on TriviaQA. "
                 "It improves Recall@20 by up to 4.6% and MRR@20 by up to 3.9%, using 3 or 4 bits per weight.")
    assert results(rec) == [("exact match", "Natural Questions", "6.8"), ("exact match", "TriviaQA", "4.1"),
                            ("Recall@20", None, "4.6"), ("MRR@20", None, "3.9")]


def test_a_numbered_variant_of_a_known_model_is_a_model():
    rec = record("X-rays", "We compare it with DenseNet-121 and MobileNetV3.")
    assert [(e["name"], e["type"]) for e in rec["entities"]] == [("DenseNet-121", "Model"), ("MobileNetV3", "Model")]


def test_percent_before_an_acronym_types_a_metric_and_size_notes_are_skipped():
    rec = record("QD-BEV", "On nuScenes, QD-BEV achieves 37.2% NDS and 47.9% XYZ (28.2 MB), and cannot beat ARMs.")
    assert [(e["name"], e["type"]) for e in rec["entities"] if e["type"] == "Metric"] == [("NDS", "Metric"),
                                                                                         ("XYZ", "Metric")]
    assert results(rec) == [("NDS", "nuScenes", "37.2"), ("XYZ", "nuScenes", "47.9")]
    assert ("QD-BEV", "Dataset") not in [(e["name"], e["type"]) for e in rec["entities"]]  # "On X, Y": no list
    assert "beat ARMs" not in [e["name"] for e in rec["entities"]]


def test_a_phrase_ending_in_a_known_name_takes_its_type():
    rec = record("Denoising", "We test on synthetic image denoising and few-task meta-learning.")
    assert [(e["name"], e["type"]) for e in rec["entities"]] == [("synthetic image denoising", "Task"),
                                                                 ("few-task meta-learning", "Method")]


def test_the_description_before_a_name_is_not_proposed_besides_it():
    rec = record("Enlighten", "We propose an unsupervised generative adversarial network, dubbed EnlightenGAN, "
                 "trained on unpaired images.")
    assert rec["proposes"] == ["EnlightenGAN"]


def test_an_abbreviated_adjective_is_no_entity():
    rec = record("Faces", "We restore low-quality (LQ) images with DAEFR. DAEFR adds an LQ branch.")
    assert [e["name"] for e in rec["entities"]] == ["DAEFR"]


def test_a_value_chosen_is_no_result():
    rec = record("DiffEnc", "DiffEnc improves likelihood on CIFAR-10. The weight has to be 1 to have a "
                 "well-defined ELBO, rather than being fixed to 0.5.")
    assert results(rec) == []


def test_the_proposed_name_before_model_is_proposed():
    rec = record("Factorized Tokens", "Experiments show that the proposed FQGAN model improves quality, and "
                 "the proposed speech quality estimation method needs no labels.")
    assert rec["proposes"] == ["FQGAN"]


def test_our_contribution_is_to_design_proposes():
    rec = record("Smoothing", "Our first contribution is to design the PPG sampler, driven by SMC moves.")
    assert rec["proposes"] == ["PPG"]


def test_a_task_done_without_is_not_addressed():
    rec = record("SPD", "SPD improves image generation without any hyperparameter tuning.")
    assert rec["addresses"] == ["image generation"]


def test_results_coordinated_across_dataset_names_with_digits():
    rec = record("NBP", "NBP achieves FVD scores of 103.3 on UCF101 and 25.5 on K600.")
    assert results(rec) == [("FVD", "UCF101", "103.3"), ("FVD", "K600", "25.5")]


def test_what_a_method_does_without_is_not_proposed():
    rec = record("HAWQ", "We develop a Pareto frontier based method for selecting bit precision without any "
                 "manual selection, and stabilize training.")
    assert rec["proposes"] == []
    assert "stabilize training" not in [e["name"] for e in rec["entities"]]


def test_introduced_to_do_something_is_proposed_but_applied_into_is_not():
    rec = record("A Study", "We also introduce optimal scaling factor ratio search (OPT-m) to determine quantization "
                 "parameters. We introduce post-training quantization (PTQ) into video generation.")
    assert rec["proposes"] == ["optimal scaling factor ratio search"]


def test_a_modified_known_metric_is_a_metric_and_sentence_final_names_match():
    rec = record("MaskAD", "MaskAD achieves an average AUROC of 0.884 and beats YOLOv8-L. It reaches 57.3 chrF.")
    assert [(e["name"], e["type"]) for e in rec["entities"]] == [
        ("MaskAD", "Method"), ("average AUROC", "Metric"), ("YOLOv8-L", "Model"), ("chrF", "Metric")]
    assert results(rec) == [("average AUROC", None, "0.884"), ("chrF", None, "57.3")]


def test_listed_name_like_datasets_and_parenthesised_results():
    rec = record("BATFormer", "We evaluate on five public benchmarks, Kvasir-SEG, CVC-ClinicDB and ETIS. BATFormer "
                 "obtains a mean Dice of 0.932 on Kvasir-SEG, a speedup of 2.13X, and beats BERTScore (0.29) "
                 "at (NFE=5, CFG=7.5) and (e.g., 8x) ratios, in step (1).")
    assert rec["evaluated_on"] == ["Kvasir-SEG", "CVC-ClinicDB", "ETIS"]
    assert results(rec) == [("Dice", "Kvasir-SEG", "0.932"), ("speedup", None, "2.13"), ("BERTScore", None, "0.29")]


def test_a_dataset_introducing_the_sentence_through_a_longer_phrase():
    rec = record("BRIDGE", "On six grasping tasks from the Meta-World benchmark, BRIDGE reaches an average success "
                 "rate of 87%.")
    assert results(rec) == [("success rate", "Meta-World", "87")]


def test_a_dataset_before_its_metric_owns_the_result():
    rec = record("BetaNet: Language Widgets", "BetaNet pushes MultiNLI accuracy to 86.7%, SQuAD v1.1 question "
                 "answering Test F1 to 93.2 and SQuAD v2.0 Test F1 to 83.1.")
    assert results(rec) == [("accuracy", "MultiNLI", "86.7"), ("F1", "SQuAD v1.1", "93.2"),
                            ("F1", "SQuAD v2.0", "83.1")]


def test_a_slashed_pair_of_values_is_two_results():
    rec = record("GammaNet: Speech Widgets", "Experiments using all labeled data of LibriSpeech achieve 1.8/3.3 WER "
                 "on the clean/other test sets. GammaNet uses 1/8 of the data.")
    assert results(rec) == [("WER", "LibriSpeech", "1.8"), ("WER", "LibriSpeech", "3.3")]


def test_a_change_by_an_amount_is_a_result_in_what_changed():
    rec = record("DeltaNet: Lean Widgets", "DeltaNet can reduce the number of trainable parameters by 10,000 times "
                 "and the GPU memory requirement by 3 times.")
    assert results(rec) == [("number of trainable parameters", None, "10,000"), ("GPU memory requirement", None, "3")]


def test_an_apposition_names_the_contribution_even_when_known():
    rec = record("Attention Widgets", "We propose a new simple network architecture, the Transformer, based "
                 "solely on attention. We propose a new method based on the Transformer.")
    assert rec["proposes"] == ["Transformer"]
    rec = record("Attention Widgets", "We propose a new simple network architecture based on the Transformer.")
    assert rec["proposes"] == []


def test_to_before_a_verb_states_a_purpose():
    rec = record("Residual Widgets", "We present a residual learning framework to ease the training of networks.")
    assert rec["proposes"] == ["residual learning framework"]
    rec = record("Residual Widgets", "We introduce post-training quantization (PTQ) to diffusion models.")
    assert rec["proposes"] == []


def test_rates_sizes_and_multiples_of_less():
    rec = record("EpsNet: Fast Widgets", "EpsNet processes 155 frames per second, runs at 5 fps and is 8.4x smaller. "
                 "It reaches the same accuracy with 14 times fewer training steps and 4.9% top-5 validation error.")
    assert results(rec) == [("frames per second", None, "155"), ("frames per second", None, "5"), ("model size", None, "8.4"),
                            ("training steps", None, "14"), ("top-5 validation error", None, "4.9")]


def test_a_name_described_after_it_or_defined_after_our_is_proposed():
    rec = record("Graph Widgets", "Here we present GraphSAGE, a general inductive framework for node embeddings.")
    assert rec["proposes"] == ["GraphSAGE"]
    rec = record("Latent Widgets", "Our latent diffusion models (LDMs) achieve new state-of-the-art scores.")
    assert rec["proposes"] == ["latent diffusion models"]


def test_a_task_given_with_its_score_in_an_example_list_is_addressed():
    rec = record("Window Widgets", "It suits vision tasks, including image classification (87.3 top-1 accuracy on "
                 "ImageNet-1K), and applications such as image editing.")
    assert [e["name"] for e in rec["entities"] if e["type"] == "Task"] == ["image classification"]


def test_a_paper_describes_its_system_and_names_its_model_in_apposition():
    rec = record("Speech Widgets", "This paper describes Tacotron 2, a neural network architecture for speech "
                 "synthesis.")
    assert rec["proposes"] == ["Tacotron 2"]
    rec = record("Protein Widgets", "We validated our neural network-based model, AlphaFold, in CASP14.")
    assert rec["proposes"] == ["AlphaFold"]
    rec = record("Protein Widgets", "We compare our model with AlphaFold on CASP14.")
    assert rec["proposes"] == []


def test_a_known_name_before_a_colon_description_is_proposed():
    rec = record("Contrastive Widgets", "This paper presents SimCLR: a simple framework for contrastive learning.")
    assert rec["proposes"] == ["SimCLR"]


def test_a_technique_written_in_the_plural_is_known_by_its_singular():
    rec = record("Augmentation Widgets", "We study compositions of data augmentations and data augmentation.")
    assert [(e["name"], e["type"], e["aliases"]) for e in rec["entities"]] == [
        ("data augmentation", "Method", ["data augmentations"])]


def test_a_saving_in_something_no_metric_measures_is_no_result():
    rec = record("Label Widgets", "It reaches 85.8% top-5 accuracy, outperforming AlexNet with 100X fewer labels and "
                 "40% fewer sampled nodes.")
    assert results(rec) == [("top-5 accuracy", None, "85.8")]


def test_a_score_is_on_the_one_known_dataset_the_paper_reports_on():
    rec = record("Contrastive Widgets", "We outperform previous methods on ImageNet. A linear classifier achieves "
                 "76.5% top-1 accuracy and a 3x speedup.")
    assert results(rec) == [("top-1 accuracy", "ImageNet", "76.5"), ("speedup", None, "3")]
    rec = record("Quant Widgets", "We report perplexity on C4. On zero-shot tasks, it achieves 58.61 accuracy.")
    assert results(rec) == [("accuracy", None, "58.61")]


def test_the_framework_a_method_is_based_on_is_named_without_the_noun():
    rec = record("Actor Widgets", "We propose soft actor-critic, an off-policy algorithm based on the maximum "
                 "entropy reinforcement learning framework.")
    assert "maximum entropy reinforcement learning" in [e["name"] for e in rec["entities"]]


def test_a_new_name_ending_in_net_is_a_model():
    rec = record("Chest Widgets", "Our algorithm, FooNet, is trained on ChestX-ray14. BarNet-50 and BazFlow are compared.")
    assert [(e["name"], e["type"]) for e in rec["entities"]] == [
        ("FooNet", "Model"), ("ChestX-ray14", "Dataset"), ("BarNet-50", "Model"), ("BazFlow", "Method")]


def test_a_score_in_parentheses_is_on_the_dataset_they_follow():
    rec = record("Long Widgets", "It beats chance on the Path-X challenge (seq. length 16K, 61.4% accuracy) and "
                 "Path-256 (seq. length 64K, 63.1% accuracy).")
    assert results(rec) == [("accuracy", "Path-X", "61.4"), ("accuracy", "Path-256", "63.1")]


def test_a_title_phrase_with_filler_words_is_the_abstracts_entity():
    rec = record("Proximal Policy Optimization Algorithms", "We propose proximal policy optimization for RL.")
    assert [(e["name"], e["aliases"]) for e in rec["entities"] if e["type"] == "Method"][0] == (
        "proximal policy optimization", ["Proximal Policy Optimization Algorithms"])
    rec = record("Safe Collaborative Filtering", "We study collaborative filtering.")
    assert sorted(e["name"] for e in rec["entities"]) == ["Safe Collaborative Filtering", "collaborative filtering"]
