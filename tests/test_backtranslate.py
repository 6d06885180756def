"""Back-translation through real (small) MarianMT models built by the test fixtures.

``marian_copying`` was trained briefly to copy its input, so it stops at EOS and paraphrases
loosely; ``marian_random`` has random weights. Both are ordinary local model directories:
the real ``from_pretrained`` and ``generate`` paths run.
"""

from __future__ import annotations

import json
import logging
import pickle
import re
import shutil
import sqlite3

import huggingface_hub.constants
import numpy as np
import pytest
import torch
from datasets import Dataset
from datasets.fingerprint import Hasher

import hfaug
from hfaug import provenance
from hfaug.registry import get_class
from hfaug.text import backtranslate
from hfaug.seeding import copy_number, row_rng
from hfaug.text.translation.cache import TranslationCache
from hfaug.text.translation.segments import join, split_to_fit

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True, scope="module")
def one_torch_thread():
    """Tiny models run far faster on one thread than on two contended ones."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


def copying_bt(model, **kwargs) -> hfaug.BackTranslate:
    """en -> de -> en where both directions use ``model``."""
    pivots = kwargs.pop("pivots", ["de"])
    directions = {"en-de", "de-en"} if pivots == ["de"] else set(kwargs.pop("directions"))
    return hfaug.BackTranslate(pivots=pivots, models={direction: str(model) for direction in directions}, **kwargs)


@pytest.fixture(scope="module")
def sst2_40(sst2_train) -> Dataset:
    return sst2_train.select(range(40))


# ------------------------------------------------------------------ configuration


def test_the_ready_instance_is_en_de_en_with_opus_mt():
    bt = hfaug.backtranslate
    assert (bt.src, bt.pivots, bt.directions) == ("en", ["de"], ["en-de", "de-en"])
    assert [bt.model_name(direction) for direction in bt.directions] == [
        "Helsinki-NLP/opus-mt-en-de",
        "Helsinki-NLP/opus-mt-de-en",
    ]
    assert get_class("backtranslate") is hfaug.BackTranslate


def test_row_generators_tell_their_copy_number():
    assert [copy_number(row_rng(3, "ab" * 16, copy)) for copy in (1, 2, 9)] == [1, 2, 9]
    assert copy_number(np.random.default_rng(0)) is None


@pytest.mark.slow
def test_config_pins_the_content_hash_of_local_models(marian_copying, marian_random):
    bt = hfaug.BackTranslate(models={"en-de": str(marian_copying), "de-en": str(marian_random)})
    revisions = bt.config()["revisions"]
    assert set(revisions) == {"en-de", "de-en"}
    assert all(revision.startswith("content-") for revision in revisions.values())
    assert revisions["en-de"] != revisions["de-en"]
    rebuilt = hfaug.get("backtranslate", **json.loads(json.dumps(bt.config())))
    assert rebuilt == bt


@pytest.mark.slow
def test_a_changed_local_model_is_refused_against_its_recorded_revision(marian_copying):
    config = copying_bt(marian_copying).config()
    config["revisions"]["en-de"] = "content-0000"
    with pytest.raises(hfaug.ModelNotFound, match="changed since this augmenter was configured"):
        hfaug.get("backtranslate", **config).config()


@pytest.mark.slow
def test_an_augmenter_in_use_reads_a_local_model_again_once_its_files_change(marian_random, marian_copying, tmp_path):
    # it kept the old model and its fingerprint (a stale cache hit), and files copied over the mapped ones killed it (SIGBUS)
    folder = shutil.copytree(marian_random, tmp_path / "model")
    models = {"en-de": str(folder), "de-en": str(marian_copying)}
    rows = Dataset.from_dict({"text": ["a fine film .", "a thin plot that goes nowhere"]})
    bt = hfaug.BackTranslate(models=models)
    before = (rows.map(bt, batched=True)["text"], bt.config()["revisions"]["en-de"])

    for file in marian_copying.iterdir():
        if file.is_file():
            shutil.copy(file, folder / file.name)  # as `cp` does: the same files, written over
    after = (rows.map(bt, batched=True)["text"], bt.config()["revisions"]["en-de"])

    fresh = hfaug.BackTranslate(models=models)
    assert after == (rows.map(fresh, batched=True)["text"], fresh.config()["revisions"]["en-de"])
    assert after[1] != before[1]
    held = [resolved.revision for _, resolved, *_ in backtranslate._translators if resolved.path == str(folder)]
    assert held == [after[1]]  # the old model is let go


def test_model_folders_may_be_given_as_paths(marian_random):
    bt = hfaug.BackTranslate(models={"en-de": marian_random, "de-en": str(marian_random)})
    assert bt.config()["models"] == {"en-de": str(marian_random), "de-en": str(marian_random)}
    assert bt == hfaug.BackTranslate(models={"en-de": str(marian_random), "de-en": str(marian_random)})


def test_replace_resolves_the_revisions_of_other_models_and_pivots_again(marian_random, marian_copying):
    def folders(model, *pivots):
        return {f"{a}-{b}": str(model) for pivot in pivots for a, b in (("en", pivot), (pivot, "en"))}

    bt = hfaug.BackTranslate(models=folders(marian_random, "de"))
    assert bt.replace(n=2).config()["revisions"] == bt.config()["revisions"]
    other_models = bt.replace(models=folders(marian_copying, "de"))
    assert other_models.config() == hfaug.BackTranslate(models=folders(marian_copying, "de")).config()
    other_pivots = bt.replace(pivots=["fr"], models=folders(marian_random, "fr"))
    assert other_pivots.config() == hfaug.BackTranslate(pivots=["fr"], models=folders(marian_random, "fr")).config()


def test_replace_keeps_the_revisions_pinned_for_directions_it_leaves_with_their_models(marian_random, marian_copying):
    models = {"en-de": str(marian_random), "de-en": str(marian_random)}
    stale = hfaug.BackTranslate(models=models, revisions={"en-de": "content-0000"})
    more_pivots = stale.replace(pivots=["de", "fr"], models={**models, "en-fr": str(marian_random), "fr-en": str(marian_random)})
    with pytest.raises(hfaug.ModelNotFound, match="en-de.*changed since this augmenter was configured"):
        more_pivots.config()
    other_model = stale.replace(models={**models, "en-de": str(marian_copying)})
    assert other_model.config() == hfaug.BackTranslate(models={**models, "en-de": str(marian_copying)}).config()


def test_a_hub_revision_for_a_local_folder_says_how_local_folders_are_pinned(marian_random):
    models = {"en-de": str(marian_random), "de-en": str(marian_random)}
    with pytest.raises(hfaug.ModelNotFound) as error:
        hfaug.BackTranslate(models=models, revisions={"en-de": "main"}).config()
    found = hfaug.BackTranslate(models=models).config()["revisions"]["en-de"]
    assert str(error.value) == (
        f"the model for en-de is the local folder {marian_random}, which is pinned by the content hash of its files "
        f"({found}), not by revisions={{'en-de': 'main'}}: commits, branches and tags apply to Hub ids only. "
        f"Leave en-de out of revisions=, or pass {found!r}."
    )


@pytest.mark.slow
def test_pickling_carries_the_configuration_only(marian_copying):
    bt = copying_bt(marian_copying)
    bt({"text": ["a gentle film ."]})  # loads the models in this process
    data = pickle.dumps(bt)
    assert len(data) < 2000
    assert pickle.loads(data) == bt


@pytest.mark.slow
def test_a_different_model_misses_the_datasets_cache(marian_copying, marian_random):
    same = copying_bt(marian_copying)
    other = hfaug.BackTranslate(models={"en-de": str(marian_copying), "de-en": str(marian_random)})
    assert Hasher.hash(same) == Hasher.hash(copying_bt(marian_copying))
    assert Hasher.hash(same) != Hasher.hash(other)


@pytest.mark.slow
def test_map_reuses_the_cache_for_the_same_model_and_not_for_another(sst2_40, marian_copying, marian_random):
    first = sst2_40.map(copying_bt(marian_copying))
    again = sst2_40.map(copying_bt(marian_copying))
    other = sst2_40.map(hfaug.BackTranslate(models={"en-de": str(marian_copying), "de-en": str(marian_random)}))
    assert again._fingerprint == first._fingerprint and again.cache_files == first.cache_files
    assert other._fingerprint != first._fingerprint
    assert other["text"] != first["text"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sample": True, "num_beams": 4}, "pass num_beams=1"),
        ({"sample": "false"}, r"^backtranslate: sample must be True or False, got 'false'$"),
        ({"models": "Helsinki-NLP/opus-mt-en-de"}, r"^backtranslate: models must be a dict keyed by direction \('src-tgt'\), "
         r"e\.g\. \{'en-de': 'Helsinki-NLP/opus-mt-en-de'\}; the pivots use en-de, de-en; got 'Helsinki-NLP/opus-mt-en-de'$"),
        ({"revisions": ["main"]}, r"^backtranslate: revisions must be a dict keyed by direction \('src-tgt'\), "
         r"e\.g\. \{'en-de': 'main'\}; the pivots use en-de, de-en; got \['main'\]$"),
        ({"models": {"en-fr": "x"}}, r"directions \['en-fr'\] that the pivots do not use"),
        ({"pivots": ["en"]}, "translates en into itself"),
        ({"pivots": ["d e"]}, "must be a language code"),
        ({"pivots": ["fr>>es"]}, r"each language of pivot 'fr>>es' must be a language code .*, got ''"),
        ({"dtype": "float8"}, r"dtype must be one of 'float32', 'bfloat16', 'float16' or None, got 'float8'"),
        ({"top_p": 0}, "0 < top_p <= 1"),
        ({"top_p": None}, "top_p must be a number with 0 < top_p <= 1, got None"),
        ({"temperature": "1"}, "temperature must be a number > 0, got '1'"),
        ({"temperature": 0.3, "top_p": 0.5}, r"^backtranslate: temperature=0\.3 and top_p=0\.5 only apply when sampling; pass sample=True"),
        ({"length_ratio": (2, 1)}, "0 < low <= high"),
        ({"length_ratio": "ab"}, r"length_ratio must be \(low, high\), two numbers with 0 < low <= high, got 'ab'"),
        ({"pivots": [1]}, r"each pivot must be a language \('de'\) or a chain .*, got 1"),
        ({"pivots": ["de", "fr", "de"]}, "pivots lists the path 'de' twice; list each path once"),
        ({"pivots": ["de>fr", ["de", "fr"]]}, "pivots lists the path 'de>fr' twice"),
        ({"device": 5.0}, "device must be a string such as 'cpu', 'cuda', 'cuda:1' or 'mps', or None .*, got 5.0"),
        ({"cache_dir": 5}, "cache_dir must be the path of a folder, or None .*, got 5"),
        ({"generate_kwargs": "x"}, "generate_kwargs must be a dict of generate.. settings .*, got 'x'"),
        ({"generate_kwargs": {"num_beams": 3}}, "with the num_beams= parameter"),
        ({"generate_kwargs": {"no_repeat_ngram": 3}}, "'no_repeat_ngram' is not a setting .* Did you mean 'no_repeat_ngram_size'"),
        ({"generate_kwargs": {"suppress_tokens": {5, 6}}}, r"generate_kwargs\['suppress_tokens'\] must be JSON data"),
        ({"generate_kwargs": {"max_time": 0.5}}, "'max_time' is refused: .* would depend on the machine's load and the batch"),
        ({"generate_kwargs": {"early_stopping": "sometimes"}},  # every row was kept with the error, or skipped
         r"^backtranslate: generate_kwargs \{'early_stopping': 'sometimes'\} are invalid: `early_stopping` must be a boolean"),
    ],
)
def test_bad_parameters_are_refused_up_front(kwargs, message):
    with pytest.raises(ValueError, match=message):
        hfaug.BackTranslate(**kwargs)


def test_checking_beam_settings_prints_nothing(capfd):
    # transformers printed "The following generation flags are not valid and may be ignored" as the augmenter was made
    hfaug.BackTranslate(num_beams=4, generate_kwargs={"early_stopping": True, "length_penalty": 0.8})
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("key", ["top_k", "typical_p", "min_p"])
def test_sampling_settings_hfaug_does_not_apply_are_refused_naming_those_it_does(key):
    with pytest.raises(ValueError, match=f"'{key}' is refused: hfaug samples .* takes temperature= and top_p= only"):
        hfaug.BackTranslate(sample=True, generate_kwargs={key: 0.5})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"return_dict_in_generate": True}, "keeps only the translated text"),
        ({"output_scores": True}, "keeps only the translated text"),
        ({"penalty_alpha": 0.6}, "contrastive, group beam, DoLa or constrained search"),
        ({"num_beam_groups": 2, "diversity_penalty": 0.5}, "contrastive, group beam, DoLa or constrained search"),
        ({"prompt_lookup_num_tokens": 3}, "assisted .* would fail or not by how texts fall into batches"),  # failed by batch size
        ({"guidance_scale": 1.5}, "classifier-free guidance, which translation models do not take"),
    ],
)
def test_generate_settings_that_break_generation_are_refused_up_front(kwargs, message):
    with pytest.raises(ValueError, match=message):
        hfaug.BackTranslate(num_beams=4, generate_kwargs=kwargs)


@pytest.mark.parametrize("on_error", ["keep", "skip"])
@pytest.mark.parametrize("kwargs", [{"bad_words_ids": [[-1]]}, {"suppress_tokens": [0]}], ids=["bad-words", "suppressed-end"])
def test_generate_settings_that_generate_rejects_stop_the_map_with_one_error(marian_random, kwargs, on_error):
    # suppressing the model's end token (0) was refused as the settings were made: every row kept with it, or skipped
    models = {"en-de": str(marian_random), "de-en": str(marian_random)}
    bt = hfaug.BackTranslate(models=models, generate_kwargs=kwargs, on_error=on_error)
    with pytest.raises(hfaug.HfaugError, match=rf"generate\(\) of the model .* fails \(ValueError: .*change or remove generate_kwargs \['{next(iter(kwargs))}'\]"):
        Dataset.from_dict({"text": ["a fine film .", "a thin plot"]}).map(bt, batched=True)


def test_offline_a_missing_model_says_which_and_how_to_provide_it(monkeypatch, tmp_path):
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))
    bt = hfaug.BackTranslate(pivots=["fr"])
    with pytest.raises(hfaug.ModelNotFound) as error:
        bt({"text": ["a fine film ."]})
    message = str(error.value)
    assert "en-fr, Helsinki-NLP/opus-mt-en-fr, is not in the local Hugging Face cache" in message
    assert "hf download Helsinki-NLP/opus-mt-en-fr" in message
    assert "HF_HUB_OFFLINE=1" in message
    assert "models={'en-fr': '/path/to/model'}" in message


@pytest.mark.parametrize("path", ["/no/such/model", "./models/opus-mt-en-de", "~/no-such-model"])
def test_a_missing_local_folder_is_reported_as_a_folder_not_as_a_hub_id(path):
    bt = hfaug.BackTranslate(models={"en-de": path})
    with pytest.raises(hfaug.ModelNotFound, match=rf"the model for en-de: there is no folder {re.escape(path)}\. .*save_pretrained"):
        bt({"text": ["a fine film ."]})


def test_a_model_file_or_an_empty_folder_is_told_as_such_for_its_direction(marian_random, tmp_path):
    # a file was "no folder", an empty folder's message named no direction
    weights = marian_random / "model.safetensors"
    with pytest.raises(hfaug.ModelNotFound) as told:
        hfaug.BackTranslate(models={"en-de": str(weights)})({"text": ["a fine film ."]})
    assert str(told.value) == (
        f"the model for en-de: {weights} is a file; pass the folder that holds it and the model's other files "
        f"({marian_random}), as save_pretrained() wrote them."
    )
    (tmp_path / "empty").mkdir()
    with pytest.raises(hfaug.ModelNotFound, match=r"^the model for en-de: the folder .*empty holds no model files"):
        hfaug.BackTranslate(models={"en-de": str(tmp_path / "empty")})({"text": ["a fine film ."]})


def test_a_local_folder_with_only_pytorch_weights_says_how_to_convert_it(marian_random, tmp_path):
    from safetensors.torch import load_file
    from transformers import MarianMTModel, MarianTokenizer

    old = tmp_path / "old"  # as transformers < 4.35 saved models: pytorch_model.bin, no safetensors
    shutil.copytree(marian_random, old)
    torch.save(load_file(old / "model.safetensors"), old / "pytorch_model.bin")
    (old / "model.safetensors").unlink()
    with pytest.raises(hfaug.ModelNotFound) as error:
        hfaug.BackTranslate(models={"en-de": str(old), "de-en": str(marian_random)})({"text": ["a fine film ."]})
    assert str(error.value) == (
        f"the model for en-de, the folder {old}, has no safetensors weights, and hfaug loads only safetensors. "
        f"Convert it once: MarianMTModel.from_pretrained('{old}').save_pretrained(DIR) (and the tokenizer likewise), "
        "then pass models={'en-de': DIR}."
    )

    converted = tmp_path / "converted"  # what the message says to do
    MarianMTModel.from_pretrained(old).save_pretrained(converted)
    MarianTokenizer.from_pretrained(old).save_pretrained(converted)
    out = hfaug.BackTranslate(models={"en-de": str(converted), "de-en": str(marian_random)})({"text": ["a fine film ."]})
    assert len(out["text"]) == 1


def test_repr_shows_an_unresolvable_revision_instead_of_raising():
    bt = hfaug.BackTranslate(models={"en-de": "/no/such/model"})
    assert repr(bt).startswith(
        "BackTranslate(column='text', src='en', pivots=['de'], models={'en-de': '/no/such/model'}, "
        "revisions=<unresolved: ModelNotFound>, n=1,"
    )



def test_an_unresolvable_model_leaves_hashing_and_pickling_alone_and_raises_when_augmenting():
    # datasets fingerprints the function before calling it: a ModelNotFound there only made it warn
    # "couldn't be hashed properly" (and stop warning for the rest of the session) before the call raised
    bt = hfaug.BackTranslate(models={"en-de": "/no/such/model"}, seed=3)
    assert Hasher.hash(bt) == Hasher.hash(hfaug.BackTranslate(models={"en-de": "/no/such/model"}, seed=3))
    assert Hasher.hash(bt) != Hasher.hash(hfaug.BackTranslate(models={"en-de": "/no/such/model"}, seed=4))
    composed = hfaug.OneOf([bt, hfaug.Synonym()])
    assert Hasher.hash(composed) == Hasher.hash(pickle.loads(pickle.dumps(composed)))
    with pytest.raises(hfaug.ModelNotFound, match="there is no folder /no/such/model"):
        Dataset.from_dict({"text": ["a fine film ."]}).map(pickle.loads(pickle.dumps(bt)))


def test_an_unresolvable_model_leaves_comparing_and_hashing_alone():
    # == and hash() resolved the model, so they raised ModelNotFound (a set or a dict of augmenters failed)
    bt = hfaug.BackTranslate(models={"en-de": "/no/such/model"}, seed=3)
    assert bt == hfaug.BackTranslate(models={"en-de": "/no/such/model"}, seed=3) == bt
    assert bt != hfaug.BackTranslate(models={"en-de": "/no/such/model"}, seed=4)
    assert len({bt, hfaug.BackTranslate(models={"en-de": "/no/such/model"}, seed=3)}) == 1


# ------------------------------------------------------------------ mapping


@pytest.mark.slow
def test_per_example_map_paraphrases_each_row_in_place(sst2_40, marian_copying):
    out = sst2_40.map(copying_bt(marian_copying))
    assert len(out) == len(sst2_40) and out["label"] == sst2_40["label"]
    changed = [row for row in out if not row[provenance.ERROR]]
    assert len(changed) >= 30
    assert all(row["text"] != source for row, source in zip(out, sst2_40["text"]) if not row[provenance.ERROR])
    assert {row[provenance.AUGMENTER] for row in out} == {"backtranslate"}


@pytest.mark.slow
def test_per_example_and_batched_maps_agree(sst2_40, marian_copying):
    bt = copying_bt(marian_copying)
    assert sst2_40.map(bt).to_list() == sst2_40.map(bt, batched=True, batch_size=8).to_list()


@pytest.mark.slow
@pytest.mark.parametrize("on_error", ["keep", "raise"])
def test_a_variant_identical_to_its_source_is_dropped_and_said_so(sst2_40, marian_copying, on_error):
    out = sst2_40.map(copying_bt(marian_copying, on_error=on_error))
    identical = [row for row in out if row[provenance.ERROR]]
    assert identical, "the copying model should reproduce some sentences exactly"
    for row in identical:
        assert row[provenance.ERROR] == "dropped: identical to the source text"
        assert row["text"] in sst2_40["text"]


@pytest.mark.slow
def test_copies_spread_over_pivots_and_beam_hypotheses(sst2_40, marian_copying, marian_random):
    # The random fr-es model sends the fr>es path somewhere else: a well-trained copying model
    # may map its own output to itself, which would make every fr>es copy repeat the de copy.
    models = {direction: str(marian_copying) for direction in ("en-de", "de-en", "en-fr", "es-en")}
    bt = hfaug.BackTranslate(pivots=["de", "fr>es"], models={**models, "fr-es": str(marian_random)}, n=4, num_beams=2)
    out = sst2_40.select(range(10)).map(bt, batched=True)
    expected = {
        1: {"pivot": "de", "hypothesis": 0},
        2: {"pivot": "fr>es", "hypothesis": 0},
        3: {"pivot": "de", "hypothesis": 1},
        4: {"pivot": "fr>es", "hypothesis": 1},
    }
    for row in out:  # copies the model made identical to earlier ones are dropped
        assert json.loads(row[provenance.PARAMS]) == expected[row[provenance.COPY]]
    assert {1, 2, 3} <= set(out[provenance.COPY])
    assert set(bt.config()["revisions"]) == {*models, "fr-es"}


@pytest.mark.slow
def test_sampled_copies_alternate_pivots(sst2_40, marian_copying):
    directions = ["en-de", "de-en", "en-fr", "fr-es", "es-en"]
    bt = copying_bt(marian_copying, pivots=["de", "fr>es"], directions=directions, n=4, sample=True)
    out = sst2_40.select(range(10)).map(bt, batched=True)
    pivots = {(row[provenance.COPY], json.loads(row[provenance.PARAMS])["pivot"]) for row in out}
    assert pivots == {(1, "de"), (2, "fr>es"), (3, "de"), (4, "fr>es")}


@pytest.mark.slow
def test_greedy_copies_on_one_pivot_are_deduplicated(sst2_40, marian_copying):
    out = sst2_40.map(copying_bt(marian_copying, n=3), batched=True)
    assert set(out[provenance.COPY]) == {1}
    assert len(set(zip(out[provenance.SOURCE_ID], out["text"]))) == len(out)


@pytest.mark.slow
def test_sampled_copies_differ_from_each_other_and_from_the_source(sst2_40, marian_copying):
    out = sst2_40.map(copying_bt(marian_copying, n=3, sample=True, seed=7), batched=True)
    assert len(out) > 100
    by_row: dict[str, list[str]] = {}
    for row in out:
        by_row.setdefault(row[provenance.SOURCE_ID], []).append(row["text"])
    assert all(len(set(texts)) == len(texts) for texts in by_row.values())
    assert not set(out["text"]) & set(sst2_40["text"])


@pytest.mark.slow
def test_the_length_ratio_filter_keeps_only_variants_within_bounds(sst2_40, marian_copying):
    bt = copying_bt(marian_copying, n=2, sample=True, keep_original=True, length_ratio=(0.8, 1.25))
    plain = sst2_40.map(bt.replace(length_ratio=None), batched=True)
    kept = sst2_40.map(bt, batched=True)
    sources = {row[provenance.SOURCE_ID]: row["text"] for row in kept if row[provenance.COPY] == 0}
    variants = [row for row in kept if row[provenance.COPY] > 0]
    assert 0 < len(variants) < len(plain) - len(sst2_40)
    for row in variants:
        assert 0.8 <= len(row["text"]) / len(sources[row[provenance.SOURCE_ID]]) <= 1.25


def words_and_eos(texts):
    """A token count for split_to_fit: one per word, plus the end of the sentence."""
    return [len(piece.split()) + 1 for piece in texts]


def test_long_texts_are_cut_at_sentences_then_words_and_joined_with_their_layout():
    text = "Who wrote it ?  What is the capital of France ?\nWhy is the sky blue and why does it go red at dusk ?"
    pieces = split_to_fit(text, "en", words_and_eos, limit=8)
    assert pieces == [
        ("Who wrote it ?", "  "),
        ("What is the capital of France ?", "\n"),
        ("Why is the sky blue and why", " "),
        ("does it go red at dusk ?", ""),
    ]
    assert join([piece for piece, _ in pieces], pieces) == text


def test_blank_lines_between_paragraphs_are_kept_when_a_long_text_is_cut():
    text = "Who wrote it ?\n\nWhat is the capital of France ?\n\n\n  Why is the sky blue ?"
    pieces = split_to_fit(text, "en", words_and_eos, limit=8)
    assert pieces == [("Who wrote it ?", "\n\n"), ("What is the capital of France ?", "\n\n\n  "), ("Why is the sky blue ?", "")]
    assert join([piece for piece, _ in pieces], pieces) == text


def test_a_long_sentence_is_cut_at_its_line_breaks_before_its_words():
    lines = ["the acting is wooden", "the music is loud and the jokes fall flat", "the ending drags"]
    text = "\n".join(lines) + "\n\n" + "a short one"
    pieces = split_to_fit(text, "en", words_and_eos, limit=10)
    assert pieces == [
        ("the acting is wooden", "\n"),
        ("the music is loud and the jokes fall flat", "\n"),
        ("the ending drags", "\n\n"),
        ("a short one", ""),
    ]
    assert join([piece for piece, _ in pieces], pieces) == text


def test_tabs_and_runs_of_spaces_are_kept_when_a_sentence_is_cut_at_words():
    text = "name\tage\tcity  and\t\tthen some more words  to cut"
    pieces = split_to_fit(text, "en", words_and_eos, limit=5)
    assert pieces == [("name\tage\tcity  and", "\t\t"), ("then some more words", "  "), ("to cut", "")]
    assert join([piece for piece, _ in pieces], pieces) == text


def test_words_halved_to_fit_keep_the_whitespace_between_them():
    # counted alone, each word is 1 token (+1 for EOS); together, a run costs one more per tab
    count = lambda texts: [len(piece.split()) + piece.count("\t") + 1 for piece in texts]  # noqa: E731
    text = "a\tb\tc\td\te f"
    pieces = split_to_fit(text, "en", count, limit=5)
    assert all(size <= 5 for size in count([piece for piece, _ in pieces]))
    assert join([piece for piece, _ in pieces], pieces) == text


def test_a_text_that_fits_is_one_piece():
    assert split_to_fit("Who wrote it ?", "en", lambda texts: [5] * len(texts), limit=5) == [("Who wrote it ?", "")]


@pytest.mark.slow
def test_a_text_longer_than_the_model_limit_is_translated_sentence_by_sentence(sst2_train, marian_copying):
    sentences = [text for text in sst2_train["text"][:300] if re.fullmatch(r"[a-z][a-z ,']+ \.", text)][:8]
    long_text = " ".join(sentences)
    model_limit = 64  # the test model's max_position_embeddings, for inputs and outputs
    assert len(long_text.split()) > model_limit
    bt = copying_bt(marian_copying, on_error="raise")
    forth, back = bt._translator("en-de"), bt._translator("de-en")
    before = [(translator.stats.split_texts, translator.stats.generated_rows) for translator in (forth, back)]
    out = bt({"text": long_text})
    assert out[provenance.ERROR] == ""
    assert (forth.stats.split_texts, forth.stats.generated_rows) == (before[0][0] + 1, before[0][1] + len(sentences))
    assert back.stats.split_texts == before[1][0] + 1 and back.stats.generated_rows >= before[1][1] + 2


@pytest.mark.slow
def test_a_single_word_longer_than_the_limit_follows_on_error(marian_copying):
    giant = "x" * 400
    out = copying_bt(marian_copying, n=1)({"text": [giant, "a fine , funny film ."]})
    assert out["text"][0] == giant
    assert "longer than the translation model's input limit of 64 tokens" in out[provenance.ERROR][0]


LONG_WORD = "see https://example.com/" + "a1b2c3d4" * 40
"""A text holding one "word" longer than the test model's input limit of 64 tokens."""


@pytest.fixture(scope="module")
def sst2_20(sst2_40) -> Dataset:
    return sst2_40.select(range(20))


@pytest.fixture(scope="module")
def with_a_long_word(sst2_20) -> Dataset:
    """``sst2_20`` with ``LONG_WORD`` in the middle."""
    rows = sst2_20.to_dict()
    return Dataset.from_dict({name: values[:10] + [LONG_WORD if name == "text" else 0] + values[10:] for name, values in rows.items()})


@pytest.mark.slow
def test_an_untranslatable_row_changes_no_other_row_whatever_the_batch_size(with_a_long_word, marian_copying):
    bt = copying_bt(marian_copying, n=3, num_beams=3)
    runs = [with_a_long_word.map(bt, batched=True, batch_size=size, load_from_cache_file=False).to_list() for size in (1, 7, 21)]
    assert runs[0] == runs[1] == runs[2]


@pytest.mark.slow
@pytest.mark.parametrize("on_error", ["keep", "skip"])
def test_an_untranslatable_row_follows_on_error_and_the_others_come_out_as_without_it(
    sst2_20, with_a_long_word, marian_copying, on_error
):
    bt = copying_bt(marian_copying, n=3, num_beams=3, on_error=on_error)
    out = with_a_long_word.map(bt, batched=True, load_from_cache_file=False).to_list()
    assert [row for row in out if row["text"] != LONG_WORD] == sst2_20.map(bt, batched=True).to_list()
    errors = [row[provenance.ERROR] for row in out if row["text"] == LONG_WORD]
    expected = "the word 'https://example.com/a1b2c3d4a1b2c3d4a1b2'... alone is longer than the translation model's input limit of 64 tokens; remove or shorten it"
    assert errors == ([expected] * 3 if on_error == "keep" else [])


@pytest.mark.slow
def test_an_untranslatable_row_raises_naming_it_with_on_error_raise(with_a_long_word, marian_copying):
    bt = copying_bt(marian_copying, on_error="raise")
    with pytest.raises(hfaug.InvalidValue, match=r"cannot augment column 'text' of row \w+ \(value 'see https.*'\): the word .* alone is longer"):
        with_a_long_word.map(bt, batched=True, load_from_cache_file=False)


@pytest.mark.slow
def test_an_untranslatable_row_costs_no_generate_call(sst2_20, marian_copying):
    bt = copying_bt(marian_copying)
    forth = bt._translator("en-de")

    def generate_calls(texts: list[str]) -> int:
        before = forth.stats.batches
        bt({"text": texts})
        return forth.stats.batches - before

    texts = list(sst2_20["text"])
    assert generate_calls([*texts[:10], LONG_WORD, *texts[10:]]) == generate_calls(texts)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("on_error", "rows"),
    [("keep", 4), ("skip", 1)],
)
def test_none_and_empty_texts_follow_on_error(marian_copying, on_error, rows):
    batch = {"text": [None, "", "   ", "it 's a charming and often affecting journey ."], "label": [0, 1, 0, 1]}
    out = copying_bt(marian_copying, on_error=on_error)(batch)
    assert len(out["text"]) == rows
    if on_error == "keep":
        assert out["text"][:3] == [None, "", "   "]
        assert out[provenance.ERROR][:3] == [
            "the text is None",
            "the text is empty or whitespace only",
            "the text is empty or whitespace only",
        ]


@pytest.mark.slow
def test_a_none_text_raises_with_on_error_raise(marian_copying):
    with pytest.raises(hfaug.InvalidValue, match="the text is None"):
        copying_bt(marian_copying, on_error="raise")({"text": [None]})


# ------------------------------------------------------------------ determinism and throughput


@pytest.mark.slow
@pytest.mark.parametrize(
    "decoding",
    [
        {"num_beams": 2, "n": 2},
        {"sample": True, "top_p": 0.9, "n": 2},
        {"sample": True, "n": 2, "dtype": "bfloat16"},  # padding would change bf16 rounding
    ],
)
def test_outputs_do_not_depend_on_the_batch_size(sst2_40, marian_copying, decoding):
    bt = copying_bt(marian_copying, seed=3, **decoding)
    rows = sst2_40.select(range(20))
    runs = [rows.map(bt, batched=True, batch_size=size, load_from_cache_file=False).to_list() for size in (1, 7, 20)]
    assert runs[0] == runs[1] == runs[2]


@pytest.mark.slow
def test_two_processes_with_rank_give_the_single_process_rows(sst2_40, marian_copying):
    bt = copying_bt(marian_copying, n=2, sample=True, seed=11)
    single = sst2_40.map(bt, batched=True, batch_size=8)
    double = sst2_40.map(bt, batched=True, batch_size=8, with_rank=True, num_proc=2)
    assert double.to_list() == single.to_list()


@pytest.mark.slow
def test_identical_texts_are_translated_once(marian_copying):
    bt = copying_bt(marian_copying)
    translator = bt._translator("en-de")
    before = translator.stats.generated_rows
    out = bt({"text": ["a quiet , lovely film ."] * 6 + ["a loud , ugly film ."] * 6})
    assert translator.stats.generated_rows - before == 2
    assert len(set(out["text"])) <= 2


@pytest.mark.slow
def test_the_disk_cache_is_read_back_on_the_next_run(tmp_path, sst2_40, marian_copying):
    bt = copying_bt(marian_copying, cache_dir=str(tmp_path))
    first = sst2_40.map(bt, load_from_cache_file=False)["text"]
    assert len(TranslationCache(str(tmp_path))) > len(sst2_40)  # en-de and de-en translations
    with sqlite3.connect(tmp_path / "translations.sqlite") as connection:  # every stored translation becomes "zzz"
        connection.execute("UPDATE translations SET text = 'zzz'")
    second = sst2_40.map(bt, load_from_cache_file=False)["text"]
    assert len(set(first)) > 30
    assert len(set(second)) == 1  # every row went en -> "zzz" (from the cache) -> the same English


def a_damaged_cache(folder):
    """``folder`` holding a cache file that is not SQLite; returns the cache_dir."""
    (folder / "translations.sqlite").write_bytes(b"not a database" * 200)
    return folder


def a_cache_of_another_schema(folder):
    """``folder`` holding an SQLite cache whose table has other columns; returns the cache_dir."""
    with sqlite3.connect(folder / "translations.sqlite") as connection:
        connection.execute("CREATE TABLE translations (source TEXT, target TEXT)")
    return folder


def a_file_as_cache_dir(folder):
    """A file, given as the cache_dir."""
    (folder / "translations.sqlite").write_text("x")
    return folder / "translations.sqlite"


@pytest.mark.parametrize(
    ("make_cache", "cause"),
    [
        (a_damaged_cache, "DatabaseError: file is not a database"),
        (a_cache_of_another_schema, "no such column: key"),
        (a_file_as_cache_dir, "File exists"),
    ],
)
def test_a_cache_that_cannot_be_used_stops_the_map_with_one_error_naming_it(marian_random, tmp_path, make_cache, cause):
    cache_dir = make_cache(tmp_path)
    bt = hfaug.BackTranslate(models={"en-de": str(marian_random), "de-en": str(marian_random)}, cache_dir=str(cache_dir))
    with pytest.raises(hfaug.HfaugError) as error:
        Dataset.from_dict({"text": ["a fine film .", "a thin plot"]}).map(bt, batched=True)
    message = str(error.value)
    assert message.startswith(f"backtranslate: cannot use the translation cache {cache_dir / 'translations.sqlite'} (")
    assert cause in message
    assert message.endswith("Delete that file if it is damaged or not hfaug's (a new one is made), or pass cache_dir= another folder that hfaug can write (or None).")


@pytest.mark.parametrize(
    ("device", "message"),
    [
        ("gpu", r"device='gpu' is not a torch device; pass 'cpu', 'cuda'"),
        ("cuda:99", r"device='cuda:99' was asked for, but torch sees (no|\d+) CUDA device"),
        pytest.param(
            "mps",
            r"device='mps' was asked for, but torch sees no MPS device; pass device=None or 'cpu'\.",
            marks=pytest.mark.skipif(torch.mps.device_count() > 0, reason="this machine has an MPS device"),
        ),
        pytest.param(
            "xpu:1",
            r"device='xpu:1' was asked for, but torch sees (no|\d+) XPU device",
            marks=pytest.mark.skipif(torch.xpu.device_count() > 1, reason="this machine has two XPU devices"),
        ),
    ],
)
def test_a_device_torch_cannot_use_stops_the_map_with_one_error(marian_random, device, message):
    bt = hfaug.BackTranslate(models={"en-de": str(marian_random), "de-en": str(marian_random)}, device=device)
    with pytest.raises(hfaug.HfaugError, match=message):
        Dataset.from_dict({"text": ["a fine film .", "a thin plot"]}).map(bt)


def test_too_many_copies_for_deterministic_decoding_are_warned_about_once(caplog):
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        for _ in range(2):  # as a recipe builds it to check it, then to run it
            hfaug.BackTranslate(n=7, num_beams=2)
    warned = [record.getMessage() for record in caplog.records if "distinct variants" in record.getMessage()]
    assert len(warned) == 1 and warned[0].startswith("backtranslate: n=7 copies but deterministic decoding gives at most 2")


# ------------------------------------------------------------------ models hfaug cannot drive


def with_language_codes(folder):
    """``folder``'s Marian tokenizer declaring target-language codes, as ``opus-mt-tc`` models do."""
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    pieces = list(vocab)
    for piece, code in zip(pieces[-3:-1], [">>deu<<", ">>fra<<"]):
        vocab[code] = vocab.pop(piece)
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")


def as_t5(folder):
    """``folder`` holding a tiny T5 model (told its task by a text prefix) beside its tokenizer."""
    from transformers import T5Config, T5ForConditionalGeneration

    vocab_size = len(json.loads((folder / "vocab.json").read_text(encoding="utf-8")))
    config = T5Config(vocab_size=vocab_size, d_model=8, d_kv=4, d_ff=8, num_layers=1, num_heads=2, decoder_start_token_id=0)
    T5ForConditionalGeneration(config).save_pretrained(folder)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (with_language_codes, r"its tokenizer selects the languages with codes \(>>deu<<, >>fra<<\), which hfaug does not set"),
        (as_t5, r"it is a t5 model, told its task by a text prefix \('translate English to German: '\), which hfaug does not write"),
    ],
)
def test_multilingual_and_prefixed_models_are_refused_before_translating(marian_random, tmp_path, change, reason):
    folder = tmp_path / "model"
    shutil.copytree(marian_random, folder)
    change(folder)
    bt = hfaug.BackTranslate(models={"en-de": str(folder), "de-en": str(marian_random)})
    with pytest.raises(hfaug.HfaugError, match=rf"^backtranslate: the model for en-de, {re.escape(str(folder))}, cannot be used: {reason}, ") as error:
        Dataset.from_dict({"text": ["a fine film ."]}).map(bt)
    assert "BackTranslate drives bilingual MarianMT-style models, one per direction (e.g. Helsinki-NLP/opus-mt-en-de)" in str(error.value)


def a_bert_model_folder(marian_model, folder):
    """``folder`` holding a sentence embedding model's encoder (BERT) beside ``marian_model``'s tokenizer."""
    from transformers import BertConfig, BertModel

    shutil.copytree(marian_model, folder)
    config = BertConfig(vocab_size=64, hidden_size=8, num_hidden_layers=1, num_attention_heads=2, intermediate_size=8)
    BertModel(config).save_pretrained(folder)
    return folder


def test_a_model_without_a_decoder_is_refused_as_one_that_cannot_translate(marian_random, tmp_path):
    folder = a_bert_model_folder(marian_random, tmp_path / "model")
    bt = hfaug.BackTranslate(models={"en-de": str(folder), "de-en": str(marian_random)})
    with pytest.raises(hfaug.ModelNotFound) as error:
        Dataset.from_dict({"text": ["a fine film ."]}).map(bt)
    assert str(error.value) == (
        f"the translation model {folder} is a bert model, not an encoder-decoder one, and cannot translate as "
        "BackTranslate drives it. BackTranslate drives bilingual MarianMT-style (encoder-decoder) models, one per direction (e.g. Helsinki-NLP/opus-mt-en-de); "
        "pass one of those."
    )


def test_a_model_that_cannot_translate_on_a_later_hop_is_refused_before_anything_is_translated(marian_random, tmp_path):
    folder = a_bert_model_folder(marian_random, tmp_path / "model")
    bt = hfaug.BackTranslate(models={"en-de": str(marian_random), "de-en": str(folder)}, cache_dir=str(tmp_path / "cache"))
    with pytest.raises(hfaug.ModelNotFound, match=f"^the translation model {re.escape(str(folder))} is a bert model"):
        Dataset.from_dict({"text": ["a fine film .", "a thin plot"]}).map(bt, batched=True)
    assert len(TranslationCache(str(tmp_path / "cache"))) == 0  # en -> de was not translated first


def test_every_file_a_model_folder_loads_from_pins_its_revision(marian_random, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(marian_random, folder)
    first = hfaug.BackTranslate(models={"en-de": str(folder)}).resolved("en-de").revision
    (folder / "README.md").write_text("a model card, not read by from_pretrained")
    (folder / "pytorch_model.bin").write_bytes(b"weights hfaug never loads")
    assert hfaug.BackTranslate(models={"en-de": str(folder)}).resolved("en-de").revision == first
    (folder / "added_tokens.json").write_text('{"<extra>": 401}')
    assert hfaug.BackTranslate(models={"en-de": str(folder)}).resolved("en-de").revision != first


def test_a_folder_without_its_tokenizer_files_stops_the_map_with_one_error(marian_random, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(marian_random, folder)
    for name in ("source.spm", "target.spm", "vocab.json"):
        (folder / name).unlink()
    bt = hfaug.BackTranslate(models={"en-de": str(folder), "de-en": str(marian_random)})
    with pytest.raises(hfaug.ModelNotFound) as error:
        Dataset.from_dict({"text": ["a fine film .", "a thin plot"]}).map(bt, batched=True)
    assert str(error.value).startswith(f"cannot load the tokenizer of the translation model {folder} from {folder} (TypeError: ")
    assert "the folder holds config.json, generation_config.json, model.safetensors, tokenizer_config.json. Save" in str(error.value)


def test_a_generate_failure_with_generate_kwargs_names_the_model_as_the_other_cause(marian_random, monkeypatch):
    def fail(*args, **kwargs):
        raise IndexError("index out of range in self")

    monkeypatch.setattr("transformers.MarianMTModel.generate", fail)
    bt = hfaug.BackTranslate(models={"en-de": str(marian_random), "de-en": str(marian_random)}, generate_kwargs={"no_repeat_ngram_size": 3})
    with pytest.raises(hfaug.HfaugError, match=r"fails \(IndexError: index out of range in self\), so no text can be translated; change or "
                       r"remove generate_kwargs \['no_repeat_ngram_size'\], or, if it fails without them too, check that the model is a "
                       r"translation model \(MarianMT\) that this transformers can run\.$"):
        Dataset.from_dict({"text": ["a fine film ."]}).map(bt)


@pytest.mark.parametrize(
    "remove", [shutil.rmtree, lambda folder: (folder / "translations.sqlite").unlink()], ids=["folder", "file"]
)
def test_a_cache_removed_between_runs_is_made_again_and_filled(tmp_path, remove):
    TranslationCache(str(tmp_path)).put_many({"first run": "kept"})
    remove(tmp_path)
    TranslationCache(str(tmp_path)).put_many({"second run": "kept too"})
    reader = sqlite3.connect(tmp_path / "translations.sqlite")
    assert reader.execute("SELECT key, text FROM translations").fetchall() == [("second run", "kept too")]
    reader.close()


def test_the_cache_keeps_few_files_open_and_closes_the_least_recently_used(tmp_path):
    import os

    from hfaug.text.translation import cache as translation_cache
    from hfaug.text.translation.cache import KEPT_CONNECTIONS

    caches = [TranslationCache(str(tmp_path / str(number))) for number in range(KEPT_CONNECTIONS + 1)]
    least_recently_used = caches[0]._connection()
    for cache in caches[1:]:
        cache.put_many({"text": "translation"})
    kept = [path for path, pid in translation_cache._connections if pid == os.getpid()]
    assert kept == [str(cache.path) for cache in caches[1:]]
    with pytest.raises(sqlite3.ProgrammingError, match="closed database"):
        least_recently_used.execute("SELECT 1")
    assert len(caches[0]) == 0  # opened again when used again


def commits_in_wal(cache_file) -> int:
    """The commit records in the write-ahead log of the SQLite file ``cache_file``."""
    wal = (cache_file.parent / f"{cache_file.name}-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    frames = range(32, len(wal), 24 + page_size)
    return sum(int.from_bytes(wal[start + 4 : start + 8], "big") > 0 for start in frames)


def test_a_batch_of_translations_is_stored_in_one_commit(tmp_path):
    cache = TranslationCache(str(tmp_path))
    cache.put_many({"first": "made the table"})
    before = commits_in_wal(cache.path)
    cache.put_many({f"text {number}": f"translation {number}" for number in range(100)})
    assert commits_in_wal(cache.path) - before == 1  # not one commit (and disk sync) per translation
    assert len(cache) == 101
