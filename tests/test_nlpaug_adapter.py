"""hfaug.NlpaugAugmenter: any nlpaug text augmenter, configured by data and seeded per row."""

from __future__ import annotations

import json
import pickle
import random

import nlpaug.augmenter.char as nac
import nlpaug.augmenter.word as naw
import numpy as np
import pytest

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
    aug.nlpaug_augmenter()
    assert b"RandomCharAug object" not in pickle.dumps(aug)
    assert len(pickle.dumps(aug)) < 1000


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
