"""Behaviour every text augmenter shares: reproducibility, carried columns, bad input, config."""

from __future__ import annotations

import doctest
import importlib
import json
import pickle

import pytest
from datasets import Dataset, load_from_disk

import hfaug

CONFIGS = {
    "synonym": {"p": 0.2},
    "eda": {"alpha": 0.1},
    "eda.swap": {"alpha": 0.1},
    "eda.delete": {"p": 0.1},
    "eda.insert": {"alpha": 0.1},
    "aeda": {"ratio": 0.3},
    "char.noise": {"kind": "keyboard", "word_p": 0.2},
    "nlpaug": {"augmenter_name": "word.RandomWordAug", "action": "swap", "aug_p": 0.2},
}
NAMES = list(CONFIGS)
ODD_TEXTS = [
    "😀 🎉 🍿",
    "漢字のテキストです。",
    "שלום עולם مرحبا بالعالم",
    "I watched the film in 東京 😀 with my friends , and loved it",
    "🎬 a gentle , funny film ✨",
]
LONG_TEXT = ("a stirring , funny and finally transporting re-imagining of beauty and the beast . " * 1300)[:100_000]


def build(name: str, **options) -> hfaug.Augmenter:
    return hfaug.get(name, **{**CONFIGS[name], **options})


@pytest.mark.parametrize("name", NAMES)
def test_registry_name_builds_the_augmenter_and_config_round_trips(name):
    aug = build(name, seed=3, n=2)
    assert aug._label() == name
    config = json.loads(json.dumps(aug.config()))
    assert hfaug.get(name, **config) == aug
    assert pickle.loads(pickle.dumps(aug)) == aug


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("num_proc", "batch_size"), [(1, 1), (1, 7), (2, 1), (2, 7), (2, 1000)])
def test_output_is_byte_identical_for_any_num_proc_and_batch_size(text_mix, name, num_proc, batch_size):
    aug = build(name, n=2, keep_original=True, seed=11)
    reference = text_mix.map(aug, batched=True, batch_size=1000)
    out = text_mix.map(aug, batched=True, batch_size=batch_size, num_proc=num_proc)
    assert out.data.table.equals(reference.data.table)


def _by_source(out: Dataset) -> dict[str, list[dict]]:
    """Rows grouped by source id, the kept original first."""
    groups: dict[str, list[dict]] = {}
    for row in out:
        groups.setdefault(row["hfaug_source_id"], []).append(row)
    return groups


@pytest.mark.parametrize("name", NAMES)
def test_labels_and_other_columns_are_carried_exactly(text_mix, name):
    out = text_mix.map(build(name, n=3, keep_original=True, seed=1), batched=True)
    groups = list(_by_source(out).values())
    assert [(rows[0]["text"], rows[0]["label"], rows[0]["source"]) for rows in groups] == list(
        zip(text_mix["text"], text_mix["label"], text_mix["source"])
    )
    for rows in groups:
        assert rows[0]["hfaug_copy"] == 0
        assert {(row["label"], row["source"]) for row in rows} == {(rows[0]["label"], rows[0]["source"])}


@pytest.mark.parametrize("name", NAMES)
def test_augmented_copies_differ_from_their_source(text_mix, name):
    out = text_mix.map(build(name, n=2, keep_original=True, seed=2), batched=True)
    for rows in _by_source(out).values():
        assert all(row["text"] != rows[0]["text"] for row in rows[1:])
    assert len(out) - len(text_mix) >= 0.65 * 2 * len(text_mix)  # a few rows have no word to change


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad", [None, "", "  \n\t "])
def test_bad_values_are_kept_with_the_error_recorded(name, bad):
    ds = Dataset.from_dict({"text": ["a gentle , funny film about friendship", bad], "id": [1, 2]})
    out = ds.map(build(name, n=2, seed=1), batched=True)
    assert out["id"] == [1, 1, 2, 2]
    assert out["text"][2:] == [bad, bad]
    assert out["hfaug_error"][:2] == ["", ""]
    assert all(out["hfaug_error"][2:])


@pytest.mark.parametrize("name", NAMES)
def test_bad_values_can_be_skipped(name):
    ds = Dataset.from_dict({"text": ["a gentle , funny film about friendship", None, "", " "], "id": [1, 2, 3, 4]})
    out = ds.map(build(name, n=2, seed=1, on_error="skip"), batched=True)
    assert out["id"] == [1, 1]


@pytest.mark.parametrize("name", NAMES)
def test_bad_values_can_raise_with_a_clear_message(name):
    ds = Dataset.from_dict({"text": ["a gentle , funny film about friendship", None]})
    with pytest.raises(hfaug.InvalidValue, match=r"the text is None.*on_error='keep'"):
        ds.map(build(name, on_error="raise"), batched=True)


@pytest.mark.parametrize("name", NAMES)
def test_non_string_values_are_kept_with_the_error_recorded(name):
    out = build(name)({"text": [42, ["a", "list"], None, "a gentle , funny film about friendship"], "id": [1, 2, 3, 4]})
    assert out["text"][:3] == [42, ["a", "list"], None]
    assert out["hfaug_error"][:3] == ["expected a string, got int", "expected a string, got list", "the text is None"]


@pytest.mark.parametrize("name", NAMES)
def test_emoji_cjk_rtl_and_very_long_texts_do_not_crash(name):
    texts = [*ODD_TEXTS, LONG_TEXT]
    out = Dataset.from_dict({"text": texts}).map(build(name, seed=3), batched=True)
    assert all(isinstance(text, str) for text in out["text"])
    for original, text, error in zip(texts, out["text"], out["hfaug_error"]):
        assert error == "" or error.startswith("dropped: ")
        if error:
            assert text == original
    assert out["hfaug_error"][-1] == ""  # the long text is augmented


@pytest.mark.parametrize("name", NAMES)
def test_same_config_hits_the_cache_and_a_new_seed_misses_it(name, text_mix, tmp_path):
    text_mix.save_to_disk(str(tmp_path / "source"))
    ds = load_from_disk(str(tmp_path / "source"))
    first = ds.map(build(name, seed=1), batched=True)
    again = ds.map(build(name, seed=1), batched=True)
    other = ds.map(build(name, seed=2), batched=True)
    assert first.cache_files == again.cache_files
    assert other._fingerprint != first._fingerprint


@pytest.mark.parametrize("name", [name for name in NAMES if name != "nlpaug"])
def test_urls_email_addresses_hashtags_handles_and_brackets_are_never_changed(name):
    links = ("john.smith@films.com", "https://www.example.com/films/new-releases?id=3", "www.movies.org")
    tags = ("answers.com", "#funnyfilms", "@support")
    text = (
        f"Mail {links[0]} about the funny films , or see {links[1]} and {links[2]} for great movies ; "
        f"ask {tags[0]} or {tags[2]} about the great films {tags[1]} -lrb- funny movies -rrb-"
    )
    links += (*tags, "-lrb- ", " -rrb-")
    augmenter = hfaug.get(name, **CONFIGS[name], n=10, seed=1)
    for augmented in augmenter({"text": [text]})["text"]:
        assert all(link in augmented for link in links)


@pytest.mark.parametrize("name", NAMES)
def test_a_column_of_nulls_only_is_refused_saying_how_to_type_it_as_text(name):
    dataset = Dataset.from_dict({"text": [None, None], "label": [0, 1]})  # Value('null'), as JSON of nulls loads
    with pytest.raises(hfaug.ColumnError) as raised:
        hfaug.augment(dataset, build(name))
    assert str(raised.value) == (
        f"{name}: column 'text' has no values, only nulls (its feature is Value('null')); type it as text with "
        "ds.cast_column('text', datasets.Value('string')), or with features= when loading it. "
        f"The dataset has columns 'text', 'label', none of which {name} can augment."
    )


@pytest.mark.parametrize(
    "module",
    ["hfaug.text.synonym", "hfaug.text.eda", "hfaug.text.aeda", "hfaug.text.char_noise", "hfaug.text.words.cutting",
     "hfaug.text.words.articles", "hfaug.text.words.edits", "hfaug.text.words.protected_terms",
     "hfaug.text.wordforms.inflection", "hfaug.text.wordforms.synonyms"],  # fmt: skip
)
def test_the_examples_in_the_docstrings_of_the_text_modules_hold(module):
    # *RandomInsertion(seed=3)* had been documented as *a gentle , funny comic film* after its output changed
    examples = doctest.DocTestFinder().find(importlib.import_module(module))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for example in examples:
        example.globs.update(hfaug=hfaug, ds=Dataset.from_dict({"text": ["a gentle , funny film"]}))
        runner.run(example)
    results = runner.summarize(verbose=False)
    assert results.attempted and not results.failed
