"""hfaug.NlpaugAugmenter: any nlpaug text augmenter, configured by data and seeded per row."""

from __future__ import annotations

import json
import pickle
import random
import re

import nlpaug.augmenter.char as nac
import nlpaug.augmenter.word as naw
import numpy as np
import pytest
import torch
from datasets import Dataset
from tokenizers.pre_tokenizers import ByteLevel
from transformers import GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

import hfaug


@pytest.fixture(scope="module")
def questions(trec_train) -> list[str]:
    return list(trec_train["text"][:3])


def test_fixed_seed_gives_exact_outputs(questions):
    aug = hfaug.NlpaugAugmenter("word.RandomWordAug", action="swap", aug_p=0.2, seed=7)
    assert aug({"text": questions})["text"] == [
        "How serfdom develop did in and then leave Russia?",
        "Films what featured the character Popeye? Doyle",
        "How can I find a list of celebrities ' real? names",
    ]


def test_each_copy_records_the_seed_nlpaug_ran_with(questions):
    aug = hfaug.NlpaugAugmenter("word.RandomWordAug", action="swap", aug_p=0.2, seed=7)
    params = [json.loads(row) for row in aug({"text": questions})["hfaug_params"]]
    assert [sorted(row) for row in params] == [["seed"]] * 3
    for text, row in zip(questions, params):
        with hfaug.seeding.global_rngs_seeded(row["seed"]):
            replayed = aug.nlpaug_augmenter().augment(text)
        assert replayed == aug({"text": [text]})["text"]


def test_each_row_is_seeded_by_its_content_not_its_position(questions):
    aug = hfaug.NlpaugAugmenter("char.KeyboardAug", seed=7)
    together = aug({"text": questions})["text"]
    alone = [aug({"text": [question]})["text"][0] for question in reversed(questions)]
    assert together == alone[::-1]


def test_global_random_state_is_restored(questions):
    random.seed(123)
    np.random.seed(123)
    expected = (random.random(), np.random.random())
    random.seed(123)
    np.random.seed(123)
    hfaug.NlpaugAugmenter("char.OcrAug", seed=1)({"text": questions})
    assert (random.random(), np.random.random()) == expected


def test_config_is_plain_data_and_rebuilds_the_augmenter():
    aug = hfaug.NlpaugAugmenter("char.RandomCharAug", action="insert", aug_char_p=0.1, seed=3)
    config = aug.config()
    assert config == {
        "augmenter_name": "nlpaug.augmenter.char.RandomCharAug",
        "column": "text",
        "n": 1,
        "keep_original": False,
        "seed": 3,
        "on_error": "keep",
        "revisions": None,
        "action": "insert",
        "aug_char_p": 0.1,
    }
    assert hfaug.get("nlpaug", **json.loads(json.dumps(config))) == aug
    assert repr(aug) == (
        "NlpaugAugmenter(augmenter_name='nlpaug.augmenter.char.RandomCharAug', column='text', n=1, "
        "keep_original=False, seed=3, on_error='keep', revisions=None, action='insert', aug_char_p=0.1)"
    )
    aug.nlpaug_augmenter()
    assert b"RandomCharAug object" not in pickle.dumps(aug)
    assert len(pickle.dumps(aug)) < 1000


def test_a_tuple_parameter_is_kept_as_a_list():
    aug = hfaug.NlpaugAugmenter("word.RandomWordAug", action="delete", stopwords=("film", "movie"), seed=1)
    assert aug.config()["stopwords"] == ["film", "movie"]
    assert hfaug.get("nlpaug", **json.loads(json.dumps(aug.config()))) == aug


def test_an_nlpaug_instance_given_as_the_name_is_pointed_to_from_instance():
    with pytest.raises(TypeError, match=r"got <nlpaug.augmenter.char.keyboard.KeyboardAug.*; to wrap an nlpaug augmenter "
                       r"you built, use hfaug.NlpaugAugmenter.from_instance\(augmenter\)$"):
        hfaug.NlpaugAugmenter(nac.KeyboardAug())


def test_from_instance_reads_back_the_parameters():
    aug = hfaug.NlpaugAugmenter.from_instance(nac.KeyboardAug(aug_char_p=0.1, aug_word_max=3), seed=2)
    assert aug.augmenter_name == "nlpaug.augmenter.char.KeyboardAug"
    assert aug.params == {"aug_char_p": 0.1, "aug_word_max": 3}
    assert aug.seed == 2
    # one class, however named: one configuration and one version id
    assert aug == hfaug.NlpaugAugmenter("char.keyboard.KeyboardAug", aug_char_p=0.1, aug_word_max=3, seed=2)
    assert aug == hfaug.NlpaugAugmenter("char.KeyboardAug", aug_char_p=0.1, aug_word_max=3, seed=2)


def test_from_instance_reads_back_a_stop_word_pattern_given_as_a_string():
    aug = hfaug.NlpaugAugmenter.from_instance(naw.RandomWordAug(stopwords_regex=r"\d+"), seed=2)
    assert aug == hfaug.NlpaugAugmenter("word.RandomWordAug", stopwords_regex=r"\d+", seed=2)
    assert aug({"text": "in 1984 and 2024 , 42 films"})["text"] == "1984 2024, 42"  # the numbers kept


def test_from_instance_refuses_a_stop_word_pattern_compiled_with_flags():
    with pytest.raises(ValueError, match=r"RandomWordAug parameters \['stopwords_regex'\] hold objects"):
        hfaug.NlpaugAugmenter.from_instance(naw.RandomWordAug(stopwords_regex=re.compile("the", re.IGNORECASE)))


def test_from_instance_refuses_an_nlpaug_flow():
    import nlpaug.flow as naf

    with pytest.raises(ValueError, match=r"^nlpaug: 'nlpaug\.flow\.sequential\.Sequential' is an nlpaug flow, and "
                       r"flows are not supported; .* hfaug\.Sequential"):
        hfaug.NlpaugAugmenter.from_instance(naf.Sequential([nac.KeyboardAug(), naw.RandomWordAug()]))


def test_from_instance_refuses_parameters_that_are_not_data():
    with pytest.raises(ValueError, match=r"RandomWordAug parameters \['tokenizer'\] hold objects"):
        hfaug.NlpaugAugmenter.from_instance(naw.RandomWordAug(tokenizer=str.split))


@pytest.mark.parametrize(
    ("args", "options", "message"),
    [
        (("os.system",), {}, r"no augmenter 'os.system'; name an nlpaug class such as 'char.KeyboardAug'"),
        (("util.Action",), {}, r"no augmenter 'util.Action'"),
        (("char.KeyboardAug",), {"tokenizer": str.split}, r"parameter tokenizer=.* is not JSON data"),
        (("char.KeyboardAug",), {"name": "mine"}, r"`name` parameter only labels its own logs"),
        (("nlpaug.flow.Sequential",), {}, r"^nlpaug: 'nlpaug\.flow\.Sequential' is an nlpaug flow, and flows are not "
         r"supported; wrap each nlpaug augmenter in an NlpaugAugmenter and combine them with hfaug\.Sequential\(\[\.\.\.\]\) "
         r"or hfaug\.OneOf\(\[\.\.\.\]\)$"),
        (("flow.Sometimes",), {}, r"^nlpaug: 'flow\.Sometimes' is an nlpaug flow, and flows are not supported"),
        (("word.ReservedAug",), {}, r"^nlpaug: word\.ReservedAug needs reserved_tokens, which has no default; "
         r"pass reserved_tokens=<value>$"),
        (("word.WordEmbsAug",), {"model_path": "vectors.txt"}, r"word\.WordEmbsAug needs model_type, which has no default"),
        (("char.CharAugmenter",), {"action": "insert"}, r"^nlpaug: char\.CharAugmenter is a base class that augments "
         r"nothing itself; name an augmenter class such as 'char\.KeyboardAug', 'word\.RandomWordAug' or "
         r"'sentence\.RandomSentAug'$"),
        (("word.WordAugmenter",), {}, r"^nlpaug: word\.WordAugmenter is a base class that augments nothing itself"),
        (("word.Augmenter",), {}, r"^nlpaug: word\.Augmenter is a base class that augments nothing itself"),
        (("audio.NoiseAug",), {}, r"audio\.NoiseAug does not augment text; name a class under nlpaug\.augmenter\.char"),
        (("char.KeyboardAug",), {"aug_char_p": "lots"}, r"^nlpaug: char\.KeyboardAug's aug_char_p takes a number "
         r"\(its default is 0\.3\), got 'lots'$"),
        (("char.KeyboardAug",), {"include_numeric": 1}, r"include_numeric takes a bool \(its default is True\), got 1$"),
        (("word.RandomWordAug",), {"action": 3}, r"action takes a string \(its default is 'delete'\), got 3$"),
        (("char.KeyboardAug",), {"aug_char_p": 2.0}, r"^nlpaug: char\.KeyboardAug's aug_char_p is a probability between 0 and 1, got 2\.0$"),
        (("word.RandomWordAug",), {"aug_p": -0.1}, r"aug_p is a probability between 0 and 1, got -0\.1$"),
        (("char.KeyboardAug",), {"aug_char_max": -3}, r"aug_char_max is a count \(a whole number >= 0\), got -3$"),
        (("word.RandomWordAug",), {"aug_min": 1.5}, r"aug_min is a count \(a whole number >= 0\), got 1\.5$"),
        (("char.KeyboardAug",), {"aug_char_min": 5, "aug_char_max": 2},
         r"aug_char_min \(5\) is above its aug_char_max \(2\); make aug_char_min at most aug_char_max$"),
        (("char.KeyboardAug",), {"aug_word_min": 20}, r"aug_word_min \(20\) is above its aug_word_max \(10\)"),
        (("word.RandomWordAug",), {"aug_p": 0}, r"^nlpaug: word\.RandomWordAug's aug_p cannot be 0: nlpaug reads 0 as "
         r"not set and uses its default 0\.3\. Give a probability above 0$"),
        (("word.RandomWordAug",), {"aug_min": 0, "aug_max": 0}, r"^nlpaug: word\.RandomWordAug's aug_max cannot be 0: "
         r"nlpaug reads 0 as no maximum\. Give a maximum of 1 or more, or None for no maximum$"),
        (("char.KeyboardAug",), {"aug_char_min": 0, "aug_char_max": 0}, r"aug_char_max cannot be 0: nlpaug reads 0 as no maximum"),
        (("char.KeyboardAug",), {"aug_word_p": 0}, r"^nlpaug: char\.KeyboardAug's aug_word_p is 0, but nlpaug still changes "
         r"aug_word_min=1 of them; give aug_word_min=0 too"),  # it changed every row
    ],
)
def test_invalid_augmenters_and_parameters_are_rejected(args, options, message):
    with pytest.raises((ValueError, TypeError), match=message):
        hfaug.NlpaugAugmenter(*args, **options)


def test_an_unchanged_copy_is_dropped():
    aug = hfaug.NlpaugAugmenter("word.RandomWordAug", action="swap", stopwords=["a", "gentle", "film"])
    out = aug({"text": ["a gentle film"]})
    assert out["hfaug_error"] == ["dropped: nlpaug left the text unchanged"]


@pytest.mark.parametrize("name", ["word.SynonymAug", "word.AntonymAug"])
def test_missing_nltk_data_is_one_clear_error_naming_every_resource_not_an_error_per_row(monkeypatch, tmp_path, name):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])  # no NLTK data anywhere
    monkeypatch.setattr(nltk, "download", lambda *args, **kwargs: False)  # nlpaug's fallback: offline, nothing fetched
    aug = hfaug.NlpaugAugmenter(name, aug_p=0.37, seed=1)  # on_error="keep"
    with pytest.raises(  # WordNet too, which nlpaug only reads once the tagger is installed
        hfaug.HfaugError,
        match=rf"^nlpaug: {re.escape(name)} needs NLTK data that is not installed \(averaged_perceptron_tagger\w*, "
        r"wordnet\)\. Install them .*python -m nltk\.downloader averaged_perceptron_tagger\w* wordnet\) .*"
        r"hfaug\.Synonym ships its WordNet lexicon",
    ):
        aug({"text": ["the film was very good", "a thin plot"]})


def test_an_augmenter_that_cannot_be_built_is_one_clear_error_not_an_error_per_row(tmp_path):
    aug = hfaug.NlpaugAugmenter("word.ContextualWordEmbsAug", model_path=str(tmp_path / "no-model"))  # on_error="keep"
    with pytest.raises(hfaug.HfaugError, match=r"^nlpaug: could not build word\.ContextualWordEmbsAug with "
                       r"\{'model_path': '.*no-model'\}: \w+: .*[^.]\. It loads model_path='.*no-model'\. Give each"):
        aug({"text": ["the film was very good", "a thin plot"]})


def test_an_augmenter_that_cannot_be_built_names_the_files_and_models_it_loads_defaults_included(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # TfIdfAug reads its model from model_path, "." by default: none there
    with pytest.raises(hfaug.HfaugError) as raised:
        hfaug.NlpaugAugmenter("word.TfIdfAug")({"text": ["the film was very good"]})
    assert "FileNotFoundError" in str(raised.value)
    assert str(raised.value).endswith(
        "It loads model_path='.' (nlpaug's default). Give each a file or model that is on this machine "
        "(a local path) or downloadable, and check the other parameters."
    )


def test_a_misspelled_parameter_is_refused_when_the_augmenter_is_built():
    with pytest.raises(ValueError) as raised:
        hfaug.NlpaugAugmenter("char.KeyboardAug", aug_char_pp=0.1, aug_word_max=3)
    assert str(raised.value) == (
        "nlpaug: char.KeyboardAug has no parameter 'aug_char_pp' (did you mean 'aug_char_p'?). "
        "KeyboardAug takes: aug_char_min, aug_char_max, aug_char_p, aug_word_p, aug_word_min, aug_word_max, "
        "stopwords, tokenizer, reverse_tokenizer, include_special_char, include_numeric, include_upper_case, "
        "lang, verbose, stopwords_regex, model_path, min_char"
    )


def test_a_misspelled_hfaug_parameter_is_matched_too():
    with pytest.raises(ValueError, match=r"^nlpaug: char\.KeyboardAug has no parameter 'keep_orignal' \(did you mean "
                       r"'keep_original'\?\)\. KeyboardAug takes: aug_char_min, "):
        hfaug.NlpaugAugmenter("char.KeyboardAug", keep_orignal=True)


def test_several_unknown_parameters_are_named_together():
    with pytest.raises(ValueError, match=r"^nlpaug: word\.RandomWordAug has no parameters 'acton' \(did you mean "
                       r"'action'\?\), 'flavour'\. RandomWordAug takes: action, "):
        hfaug.NlpaugAugmenter("word.RandomWordAug", acton="swap", flavour="mint")


def test_a_recipe_passes_nlpaug_parameters_to_the_augmenter(questions):
    entry = {"name": "nlpaug", "augmenter_name": "char.KeyboardAug", "aug_char_p": 0.5, "aug_word_p": 0.5}
    recipe = hfaug.Recipe.from_dict({"column": "text", "augmenters": [entry]})
    assert recipe.augmenters == ({**entry, "augmenter_name": "nlpaug.augmenter.char.KeyboardAug", "revisions": None},)
    dataset = Dataset.from_dict({"text": questions})
    out = recipe.apply(dataset)
    expected = hfaug.augment(dataset, entry, n=1, keep_original=True)
    assert out["text"] == expected["text"] and out["text"][1] != questions[0]


def test_a_recipe_reports_a_misspelled_nlpaug_parameter():
    entry = {"name": "nlpaug", "augmenter_name": "char.KeyboardAug", "aug_char_pp": 0.1}
    with pytest.raises(hfaug.RecipeError, match=r"has no parameter 'aug_char_pp' \(did you mean 'aug_char_p'\?\)"):
        hfaug.Recipe.from_dict({"column": "text", "augmenters": [entry]})


def test_a_recipe_says_how_to_write_an_nlpaug_value_that_yaml_reads_otherwise(tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text(
        "column: text\naugmenters:\n  - {name: nlpaug, augmenter_name: char.KeyboardAug, aug_char_p: 1e-1}\n"
    )
    with pytest.raises(hfaug.RecipeError) as raised:
        hfaug.Recipe.from_yaml(str(recipe))
    assert str(raised.value).endswith(
        "augmenters[0] (nlpaug): char.KeyboardAug's aug_char_p takes a number (its default is 0.3), got '1e-1': "
        "YAML 1.1 reads 1e-1 as text, write 0.1 or 1.0e-1"
    )


def test_a_recipe_reports_every_problem_of_an_nlpaug_entry_at_once():
    entry = {"name": "nlpaug", "augmenter_name": "char.KeyboardAug", "aug_char_p": "lots", "include_numeric": 1,
             "aug_wrd_max": 2}
    with pytest.raises(hfaug.RecipeError) as raised:
        hfaug.Recipe.from_dict({"column": "text", "augmenters": [entry]})
    assert str(raised.value) == (
        "recipe is invalid: augmenters[0] (nlpaug): char.KeyboardAug's aug_char_p takes a number (its default is 0.3), "
        "got 'lots'; char.KeyboardAug's include_numeric takes a bool (its default is True), got 1; "
        "char.KeyboardAug has no parameter 'aug_wrd_max' (did you mean 'aug_word_max'?). KeyboardAug takes: "
        "aug_char_min, aug_char_max, aug_char_p, aug_word_p, aug_word_min, aug_word_max, stopwords, tokenizer, "
        "reverse_tokenizer, include_special_char, include_numeric, include_upper_case, lang, verbose, stopwords_regex, "
        "model_path, min_char"
    )


def test_cli_list_shows_that_nlpaug_takes_the_parameters_of_the_nlpaug_class(capsys):
    from hfaug.cli.main import main

    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    nlpaug = lines.index(next(line for line in lines if line.startswith("nlpaug ")))
    assert lines[nlpaug + 1].strip().startswith("(augmenter_name, column='text'")
    assert lines[nlpaug + 1].strip().endswith("on_error='keep', revisions=None, **params)")


def test_a_key_error_on_one_row_follows_on_error_and_is_not_taken_for_missing_nltk_data(monkeypatch):
    aug = hfaug.NlpaugAugmenter("word.RandomWordAug", seed=1)  # on_error="keep"
    instance = aug.nlpaug_augmenter()
    augment = instance.augment

    def fails_on_gentle(text, *args, **kwargs):
        if text.startswith("a gentle"):
            raise KeyError("gentle")
        return augment(text, *args, **kwargs)

    monkeypatch.setattr(instance, "augment", fails_on_gentle)
    out = aug({"text": ["the quick brown fox", "a gentle funny film", "what is the capital of france"]})
    assert out["hfaug_error"] == ["", "KeyError: 'gentle'", ""]
    assert out["text"][1] == "a gentle funny film"


@pytest.fixture(scope="module")
def tiny_gpt2(tmp_path_factory) -> str:
    """A randomly initialised GPT-2 with one token per byte, padded to GPT-2's vocabulary size (nlpaug's
    text generation sets pad_token_id=50256)."""
    path = tmp_path_factory.mktemp("tiny-gpt2")
    byte_tokens = sorted(ByteLevel.alphabet())
    fillers = [f"w{index}" for index in range(50256 - len(byte_tokens))]
    vocab = {token: index for index, token in enumerate([*byte_tokens, *fillers, "<|endoftext|>"])}
    GPT2TokenizerFast(vocab=vocab, merges=[]).save_pretrained(path)
    torch.manual_seed(0)
    GPT2LMHeadModel(GPT2Config(vocab_size=len(vocab), n_positions=64, n_embd=16, n_layer=1, n_head=2)).save_pretrained(path)
    return str(path)


def test_an_augmenter_that_samples_with_torch_gives_the_same_rows_whatever_torchs_global_state(tiny_gpt2):
    aug = hfaug.NlpaugAugmenter("sentence.ContextualWordEmbsForSentenceAug", model_path=tiny_gpt2, model_type="gpt2",
                                use_custom_api=False, min_length=10, max_length=16, seed=7)
    outputs = []
    for caller_seed in (100, 101):
        torch.manual_seed(caller_seed)
        outputs.append(aug({"text": ["a film", "the fox"]}))
    assert outputs[0]["hfaug_error"] == ["", ""]
    assert outputs[0]["text"] == outputs[1]["text"]


def test_an_augmenter_that_samples_with_torch_restores_torchs_global_state(tiny_gpt2):
    aug = hfaug.NlpaugAugmenter("sentence.ContextualWordEmbsForSentenceAug", model_path=tiny_gpt2, model_type="gpt2",
                                use_custom_api=False, min_length=10, max_length=16, seed=7)
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    aug({"text": ["a film", "the fox"]})
    assert torch.equal(torch.rand(3), expected)


def test_each_spelling_augmenter_uses_its_own_dictionary(tmp_path):
    for tag in ("A", "B"):
        (tmp_path / f"{tag}.txt").write_text(f"quick QUICK{tag}\nfilm FILM{tag}\n")
    augs = [hfaug.NlpaugAugmenter("word.SpellingAug", dict_path=str(tmp_path / f"{tag}.txt"), aug_p=1.0) for tag in "AB"]
    assert [aug({"text": ["this quick film"]})["text"] for aug in augs] == [["this QUICKA FILMA"], ["this QUICKB FILMB"]]


def test_each_tfidf_augmenter_uses_its_own_model(tmp_path):
    from nlpaug.model.word_stats import TfIdf

    corpora = {"greek": ["alpha beta gamma", "alpha delta"], "colours": ["red green blue", "red orange"]}
    for name, corpus in corpora.items():
        (tmp_path / name).mkdir()
        model = TfIdf()
        model.train([document.split() for document in corpus])
        model.save(str(tmp_path / name))
    augs = [hfaug.NlpaugAugmenter("word.TfIdfAug", model_path=str(tmp_path / name), action="insert") for name in corpora]
    inserted = [set(aug({"text": ["this quick film"]})["text"][0].split()) - {"this", "quick", "film"} for aug in augs]
    assert inserted[0] and inserted[0] <= {"alpha", "beta", "gamma", "delta"}
    assert inserted[1] and inserted[1] <= {"red", "green", "blue", "orange"}


def test_a_char_augmenter_honours_a_probability_of_0():
    aug = hfaug.NlpaugAugmenter("char.KeyboardAug", aug_char_p=0, aug_char_min=0)
    assert aug({"text": ["a gentle film"]})["hfaug_error"] == ["dropped: nlpaug left the text unchanged"]


def test_a_copy_that_nlpaug_only_respaced_is_dropped():
    # KeyboardAug has no key for CJK characters, yet its tokenizer spaces out the punctuation
    text = "我的包裹还没有到，请帮我查一下。"
    out = hfaug.NlpaugAugmenter("char.KeyboardAug", seed=0)({"text": [text]})
    assert out["text"] == [text]
    assert out["hfaug_error"] == ["dropped: nlpaug only re-spaced the text"]


def test_a_copy_that_nlpaug_left_without_a_word_is_dropped():
    out = hfaug.NlpaugAugmenter("word.RandomWordAug", action="delete", seed=0)({"text": ["why ?", "wow ."]})
    assert out["text"] == ["why ?", "wow ."]
    assert out["hfaug_error"] == ["dropped: nlpaug left no word, only punctuation or spaces"] * 2


def test_a_word_that_nlpaug_split_in_two_is_a_change():
    text = "The quick brown fox jumps over the lazy dog"
    out = hfaug.NlpaugAugmenter("word.SplitAug", seed=0)({"text": [text]})
    assert out["hfaug_error"] == [""]
    assert out["text"][0] != text and out["text"][0].replace(" ", "") == text.replace(" ", "")


def test_from_instance_refuses_a_custom_ocr_table_it_cannot_read_back_and_reads_a_models_setting():
    with pytest.raises(ValueError, match=r"^nlpaug: from_instance cannot rebuild this OcrAug: OcrAug keeps no record of "
                       r"dict_of_path, .* differs in model\.model\. .*'char\.OcrAug', dict_of_path=<what you gave nlpaug>"):
        hfaug.NlpaugAugmenter.from_instance(nac.OcrAug(dict_of_path={"e": ["3"]}))
    import nlpaug.augmenter.sentence as nas

    assert hfaug.NlpaugAugmenter.from_instance(nas.RandomSentAug(mode="left")).params == {"mode": "left"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"stopwords": "movie"}, r"stopwords cannot be a string \(got 'movie'\): it takes a list of words, e\.g\. "
         r"stopwords=\['movie'\]$"),
        ({"tokenizer": "split"}, r"tokenizer cannot be a string \(got 'split'\): it takes a function, .*leave it out"),
        ({"transformations_per_example": 3}, r"no parameter 'transformations_per_example' \(did you mean 'n'\?\)"),
    ],
    ids=["stopwords", "tokenizer", "textattack-name"],
)
def test_strings_for_lists_or_functions_and_other_libraries_names_are_refused(options, message):
    with pytest.raises((TypeError, ValueError), match=rf"^nlpaug: word\.RandomWordAug.*{message}"):
        hfaug.NlpaugAugmenter("word.RandomWordAug", **options)


def test_augmenters_of_one_configuration_share_one_nlpaug_augmenter_freed_with_the_last_of_them(monkeypatch):
    import gc
    import weakref

    from hfaug.text import nlpaug_adapter

    build, built = nlpaug_adapter.build, []

    def build_and_watch(path, params):
        augmenter = build(path, params)
        built.append(weakref.ref(augmenter))
        return augmenter

    monkeypatch.setattr(nlpaug_adapter, "build", build_and_watch)
    first, second = (hfaug.NlpaugAugmenter("char.KeyboardAug", aug_char_p=0.13, seed=seed) for seed in (1, 2))
    Dataset.from_dict({"text": ["a fine film", "a thin plot", "a dull end"]}).map(first, batched=True, batch_size=1)
    assert second.nlpaug_augmenter() is first.nlpaug_augmenter() and len(built) == 1  # not once per batch
    del first, second
    gc.collect()
    assert built[0]() is None


def test_a_table_given_as_a_file_is_pinned_by_its_content(tmp_path):
    # editing the file kept the configuration, so the version id and the cached rows of the old table
    table = tmp_path / "ocr.json"
    table.write_text(json.dumps({"o": ["0"]}))
    aug = hfaug.NlpaugAugmenter("char.OcrAug", dict_of_path=str(table), aug_char_p=1.0, aug_word_p=1.0, seed=2)
    revision = aug.config()["revisions"]["dict_of_path"]
    assert revision.startswith("content-") and pickle.loads(pickle.dumps(aug)) == aug
    assert aug({"text": ["good food"]})["text"] == ["g00d f00d"]
    table.write_text(json.dumps({"o": ["Q"]}))
    with pytest.raises(ValueError, match=rf"^nlpaug: the files that dict_of_path names are not those the configuration recorded \(dict_of_path: {revision}\)"):
        pickle.loads(pickle.dumps(aug))  # as a num_proc worker rebuilds it
    again = aug.replace(dict_of_path=str(table))
    assert again.config()["revisions"]["dict_of_path"] != revision
    assert again({"text": ["good food"]})["text"] == ["gQQd fQQd"]
    assert hfaug.NlpaugAugmenter("char.OcrAug").config()["revisions"] is None


def test_a_count_given_as_a_whole_float_is_configured_as_an_integer():
    # aug_char_max=2.0 (as YAML or JSON may give it) failed on almost every row: nlpaug multiplies lists by it
    aug = hfaug.NlpaugAugmenter("char.KeyboardAug", aug_char_max=2.0, aug_word_max=3.0, seed=0)
    assert (aug.config()["aug_char_max"], aug.config()["aug_word_max"]) == (2, 3)
    assert aug({"text": ["the movie is a charming and often affecting journey"]})["hfaug_error"] == [""]
