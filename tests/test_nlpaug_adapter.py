"""hfaug.NlpaugAugmenter: any nlpaug text augmenter, configured by data and seeded per row."""

from __future__ import annotations

import json
import pickle
import random

import nlpaug.augmenter.char as nac
import nlpaug.augmenter.word as naw
import numpy as np
import pytest
from datasets import Dataset

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
        "action": "insert",
        "aug_char_p": 0.1,
    }
    assert hfaug.get("nlpaug", **json.loads(json.dumps(config))) == aug
    assert repr(aug) == (
        "NlpaugAugmenter(augmenter_name='nlpaug.augmenter.char.RandomCharAug', column='text', n=1, "
        "keep_original=False, seed=3, on_error='keep', action='insert', aug_char_p=0.1)"
    )
    aug.nlpaug_augmenter()
    assert b"RandomCharAug object" not in pickle.dumps(aug)
    assert len(pickle.dumps(aug)) < 1000


def test_a_tuple_parameter_is_kept_as_a_list():
    aug = hfaug.NlpaugAugmenter("word.RandomWordAug", action="delete", stopwords=("film", "movie"), seed=1)
    assert aug.config()["stopwords"] == ["film", "movie"]
    assert hfaug.get("nlpaug", **json.loads(json.dumps(aug.config()))) == aug


def test_from_instance_reads_back_the_parameters():
    aug = hfaug.NlpaugAugmenter.from_instance(nac.KeyboardAug(aug_char_p=0.1, aug_word_max=3), seed=2)
    assert aug.augmenter_name == "nlpaug.augmenter.char.keyboard.KeyboardAug"
    assert aug.params == {"aug_char_p": 0.1, "aug_word_max": 3}
    assert aug.seed == 2


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
    ],
)
def test_invalid_augmenters_and_parameters_are_rejected(args, options, message):
    with pytest.raises((ValueError, TypeError), match=message):
        hfaug.NlpaugAugmenter(*args, **options)


def test_an_unchanged_copy_is_dropped():
    aug = hfaug.NlpaugAugmenter("word.RandomWordAug", action="swap", stopwords=["a", "gentle", "film"])
    out = aug({"text": ["a gentle film"]})
    assert out["hfaug_error"] == ["dropped: nlpaug left the text unchanged"]


def test_missing_nltk_data_is_one_clear_error_not_an_error_per_row(monkeypatch, tmp_path):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])  # no NLTK data anywhere
    monkeypatch.setattr(nltk, "download", lambda *args, **kwargs: False)  # nlpaug's fallback: offline, nothing fetched
    aug = hfaug.NlpaugAugmenter("word.SynonymAug", aug_src="wordnet", aug_p=0.37, seed=1)  # on_error="keep"
    with pytest.raises(
        hfaug.HfaugError,
        match=r"^nlpaug: word\.SynonymAug needs NLTK data that is not installed \(averaged_perceptron_tagger\w*\)\. "
        r"Install it .*python -m nltk\.downloader averaged_perceptron_tagger\w*\) .*hfaug\.Synonym ships its WordNet lexicon",
    ):
        aug({"text": ["the film was very good", "a thin plot"]})


def test_an_augmenter_that_cannot_be_built_is_one_clear_error_not_an_error_per_row(tmp_path):
    aug = hfaug.NlpaugAugmenter("word.ContextualWordEmbsAug", model_path=str(tmp_path / "no-model"))  # on_error="keep"
    with pytest.raises(hfaug.HfaugError, match=r"^nlpaug: could not build word\.ContextualWordEmbsAug with "
                       r"\{'model_path': '.*no-model'\}: \w+: .*Check its parameters; a model it loads must be"):
        aug({"text": ["the film was very good", "a thin plot"]})


def test_a_misspelled_parameter_is_refused_when_the_augmenter_is_built():
    with pytest.raises(ValueError) as raised:
        hfaug.NlpaugAugmenter("char.KeyboardAug", aug_char_pp=0.1, aug_word_max=3)
    assert str(raised.value) == (
        "nlpaug: char.KeyboardAug has no parameter 'aug_char_pp' (did you mean 'aug_char_p'?). "
        "KeyboardAug takes: aug_char_min, aug_char_max, aug_char_p, aug_word_p, aug_word_min, aug_word_max, "
        "stopwords, tokenizer, reverse_tokenizer, include_special_char, include_numeric, include_upper_case, "
        "lang, verbose, stopwords_regex, model_path, min_char"
    )


def test_several_unknown_parameters_are_named_together():
    with pytest.raises(ValueError, match=r"^nlpaug: word\.RandomWordAug has no parameters 'acton' \(did you mean "
                       r"'action'\?\), 'colour'\. RandomWordAug takes: action, "):
        hfaug.NlpaugAugmenter("word.RandomWordAug", acton="swap", colour="red")


def test_a_recipe_passes_nlpaug_parameters_to_the_augmenter(questions):
    entry = {"name": "nlpaug", "augmenter_name": "char.KeyboardAug", "aug_char_p": 0.5, "aug_word_p": 0.5}
    recipe = hfaug.Recipe.from_dict({"column": "text", "augmenters": [entry]})
    assert recipe.augmenters == ({**entry, "augmenter_name": "nlpaug.augmenter.char.KeyboardAug"},)
    dataset = Dataset.from_dict({"text": questions})
    out = recipe.apply(dataset)
    expected = hfaug.augment(dataset, entry, n=1, keep_original=True)
    assert out["text"] == expected["text"] and out["text"][1] != questions[0]


def test_a_recipe_reports_a_misspelled_nlpaug_parameter():
    entry = {"name": "nlpaug", "augmenter_name": "char.KeyboardAug", "aug_char_pp": 0.1}
    with pytest.raises(hfaug.RecipeError, match=r"has no parameter 'aug_char_pp' \(did you mean 'aug_char_p'\?\)"):
        hfaug.Recipe.from_dict({"column": "text", "augmenters": [entry]})


def test_cli_list_shows_that_nlpaug_takes_the_parameters_of_the_nlpaug_class(capsys):
    from hfaug.cli.main import main

    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    nlpaug = lines.index(next(line for line in lines if line.startswith("nlpaug ")))
    assert lines[nlpaug + 1].strip().startswith("(augmenter_name, column='text'")
    assert lines[nlpaug + 1].strip().endswith("on_error='keep', **params)")
