"""Held-out splits (test, validation, dev, ...) are kept as they are unless a recipe or
``hfaug.augment`` lists them."""

from __future__ import annotations

import pytest
from datasets import Dataset, DatasetDict, IterableDatasetDict

import hfaug
from hfaug import provenance
from hfaug.held_out import default_splits, is_held_out, names_held_out
import toy_augmenters  # noqa: F401  (registers test.shout)

HELD_OUT = [
    "test", "Test", "TEST", "tests", "testing", "testA", "test_hard", "test.1",
    "val", "VAL", "val2", "valid", "validation", "Validation", "validation_matched", "validation-1",
    "dev", "dev2", "dev_matched", "devtest", "development", "eval", "eval_set", "evaluation",
    "holdout", "heldout", "held_out", "hold-out", "HeldOut",
]
AUGMENTED = [
    "train", "Train", "train_small", "train_test", "unlabeled", "extra", "contest", "value_x", "values",
    "validated", "developer", "devices", "evaluator", "held", "holdings",
]


def test_held_out_split_names():
    assert [name for name in HELD_OUT if not is_held_out(name)] == []
    assert [name for name in AUGMENTED if is_held_out(name)] == []


def test_the_default_splits_are_the_others_in_their_order():
    assert default_splits(["validation", "train", "test", "unlabeled", "dev"]) == ["train", "unlabeled"]


@pytest.fixture
def four_splits() -> DatasetDict:
    rows = Dataset.from_dict({"text": ["a good film", "a bad film"], "label": [1, 0]})
    return DatasetDict({"train": rows, "validation": rows, "test": rows, "dev": rows})


def copies(dataset: DatasetDict) -> dict[str, int]:
    return {name: sum(copy > 0 for copy in split[provenance.COPY]) for name, split in dataset.items()}


def test_a_recipe_keeps_held_out_splits_as_they_are_unless_it_lists_them(four_splits):
    fields = {"column": "text", "augmenters": ["test.shout"], "n": 2}
    out = hfaug.Recipe.from_dict(fields).apply(four_splits, samples=0)
    assert copies(out) == {"train": 4, "validation": 0, "test": 0, "dev": 0}
    assert out["validation"]["text"] == four_splits["validation"]["text"]
    assert [name for name, split in out.manifest["splits"].items() if split["augmented"]] == ["train"]

    listed = hfaug.Recipe.from_dict({**fields, "splits": ["validation"]}).apply(four_splits, samples=0)
    assert copies(listed) == {"train": 0, "validation": 4, "test": 0, "dev": 0}


@pytest.mark.parametrize("streamed", [False, True])
def test_augment_refuses_a_dataset_dict_of_held_out_splits_alone_saying_to_list_them(four_splits, streamed):
    # it returned the splits as they were, without a word: nothing was augmented
    held_out = DatasetDict({name: four_splits[name] for name in ("validation", "test")})
    if streamed:
        held_out = IterableDatasetDict({name: split.to_iterable_dataset() for name, split in held_out.items()})
    with pytest.raises(ValueError) as caught:
        hfaug.augment(held_out, "test.shout")
    assert str(caught.value) == (
        "hfaug.augment: every split of the dataset is held out (['validation', 'test']), and held-out splits are "
        "augmented only when splits= lists them; pass the splits to augment, e.g. splits=['validation']"
    )


def test_augment_refuses_an_empty_list_of_splits(four_splits):
    with pytest.raises(ValueError) as caught:
        hfaug.augment(four_splits, "test.shout", splits=[])
    assert str(caught.value) == (
        "hfaug.augment: splits=[] chooses no split to augment; pass the splits to augment, e.g. splits=['train'], or "
        "leave splits out to augment all but the held-out ones"
    )


def test_an_empty_split_left_as_it_is_gets_the_provenance_columns_too():
    rows = Dataset.from_dict({"text": ["a good film", "a bad film"], "label": [1, 0]})
    out = hfaug.Recipe.from_dict({"name": "tiny", "column": "text", "augmenters": ["test.shout"]}).apply(
        DatasetDict({"train": rows, "validation": rows.select([])}), samples=0
    )
    assert out["validation"].num_rows == 0
    assert out["validation"].features == out["train"].features


def test_words_of_file_names_that_name_a_held_out_split():
    assert [word for word in ("Test", "TEST", "test2", "DEV2", "validation", "heldout") if not names_held_out(word)] == []
    assert [word for word in ("testimonials", "developer", "train", "evaluator", "contest") if names_held_out(word)] == []


def _upper(batch: dict) -> dict:
    return {name: [value.upper() for value in values] if name == "text" else values for name, values in batch.items()}


@pytest.mark.parametrize("formatted", ["numpy", "torch", "pandas", "arrow", "transform"])
def test_a_formatted_split_left_as_it_is_gets_the_ids_of_its_rows_as_stored_and_keeps_its_format(four_splits, formatted):
    # numpy and torch hashed the arrays they gave: other ids under the same version; pandas and arrow failed
    recipe = hfaug.Recipe.from_dict({"column": "text", "augmenters": ["test.shout"], "n": 2})
    plain = recipe.apply(four_splits, samples=0)
    test = four_splits["test"]
    test = test.with_transform(_upper) if formatted == "transform" else test.with_format(formatted)

    out = recipe.apply(DatasetDict({**four_splits, "test": test}), samples=0)

    assert out.version == plain.version
    assert out["test"].with_format(None).to_list() == plain["test"].to_list()
    assert out["test"].format["type"] == test.format["type"]
    assert _texts(out["test"][:2]["text"]) == _texts(test[:2]["text"])  # as the format or transform gives them


def _texts(column) -> list:
    return column.to_pylist() if hasattr(column, "to_pylist") else [str(text) for text in column]
