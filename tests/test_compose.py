"""Composite augmenters: ``OneOf`` and ``Sequential``."""

from __future__ import annotations

import pytest
from datasets import Dataset

import hfaug
from toy_augmenters import Fragile, Shout


@pytest.mark.parametrize("composite", [hfaug.OneOf, hfaug.Sequential])
@pytest.mark.parametrize(("augmenters", "shown"), [("test.shout", "'test.shout'"), (Shout(), r"Shout\(.*\)")])
def test_one_augmenter_where_a_list_is_expected_is_refused_saying_to_pass_a_list(composite, augmenters, shown):
    example = rf"hfaug\.{composite.__name__}\(\[hfaug\.synonym, 'eda\.swap'\]\)"
    expected = rf"^{composite.name}: augmenters must be a list, got {shown}; pass a list, e\.g\. {example}$"
    with pytest.raises(TypeError, match=expected):
        composite(augmenters)


def test_a_registry_name_where_a_list_is_expected_is_refused_by_get():
    with pytest.raises(TypeError, match=r"^sequence: augmenters must be a list, got 'test.shout'; pass a list"):
        hfaug.get("sequence", augmenters="test.shout")


@pytest.mark.parametrize("unordered", [{"test.shout", "test.fragile"}, frozenset({"test.shout", "test.fragile"})])
def test_a_set_of_augmenters_is_refused_as_unordered(unordered):
    with pytest.raises(
        TypeError,
        match=r"^one_of: augmenters must be a list \(a set has no order, and the order decides what each copy gets\), got ",
    ):
        hfaug.OneOf(unordered)


@pytest.mark.parametrize("augmenters", [[], ()])
@pytest.mark.parametrize("composite", [hfaug.OneOf, hfaug.Sequential])
def test_no_augmenters_are_refused(composite, augmenters):
    with pytest.raises(ValueError, match=rf"^{composite.name}: give at least one augmenter$"):
        composite(augmenters)


def test_a_tuple_of_augmenters_is_taken_as_a_list():
    assert hfaug.OneOf((Shout(), Fragile())) == hfaug.OneOf([Shout(), Fragile()])


def test_the_keys_of_a_dict_are_taken_in_their_order():
    named = {"test.shout": "loud", "test.fragile": "breaks"}
    assert hfaug.OneOf(named.keys()) == hfaug.OneOf(["test.shout", "test.fragile"])


@pytest.fixture
def rows() -> Dataset:
    return Dataset.from_dict({"text": [f"the film number {index} was a stirring and moving one" for index in range(12)]})


def test_a_subclass_child_is_not_its_parent():
    # children were compared by registry name and config: a subclass of Synonym (its name inherited) made
    # OneOf([MySynonym()]) equal to OneOf([Synonym()]), and a set kept one of them
    class MySynonym(hfaug.Synonym):
        def augment_batch(self, values, rngs):
            return [value.upper() for value in values]

    for composite in (hfaug.OneOf, hfaug.Sequential):
        assert composite([MySynonym(seed=1)]) != composite([hfaug.Synonym(seed=1)])
        assert composite([MySynonym(seed=1)]) == composite([MySynonym(seed=1)])
        assert len({composite([MySynonym(seed=1)]), composite([hfaug.Synonym(seed=1)])}) == 2


@pytest.mark.parametrize("weights", [[1, 1], [2.5, 2.5]])
def test_equal_weights_draw_as_the_default_and_are_configured_as_it(rows, weights):
    default = hfaug.OneOf([Shout(), Fragile()], n=2, seed=3)
    weighted = hfaug.OneOf([Shout(), Fragile()], n=2, seed=3, weights=weights)
    assert weighted.config() == default.config()
    assert rows.map(weighted, batched=True)["text"] == rows.map(default, batched=True)["text"]


def test_unequal_weights_are_kept():
    assert hfaug.OneOf([Shout(), Fragile()], weights=[1, 3]).config()["weights"] == [1.0, 3.0]


def test_a_nested_combination_names_the_child_that_refuses_the_column():
    ds = Dataset.from_dict({"text": ["fine words"], "label": [1]})
    combined = hfaug.OneOf([hfaug.Sequential([Shout(), hfaug.ImageAugment(ops=["hflip"], column="text")])])
    with pytest.raises(hfaug.ColumnError) as raised:
        hfaug.augment(ds, combined)
    assert str(raised.value).endswith("The dataset has columns 'text', 'label', none of which image can augment.")


def test_a_filter_named_among_the_augmenters_says_to_filter_the_augmented_rows():
    # a quality filter named where augmenters are listed was "no augmenter named 'duplicates'. Known augmenters: ..."
    with pytest.raises(hfaug.UnknownAugmenter) as caught:
        hfaug.Sequential(["test.shout", "duplicates"])
    assert str(caught.value) == (
        "no augmenter named 'duplicates': 'duplicates' is a quality filter, which drops copies once they are made. "
        "Augment first, then filter the result: hfaug.filters.apply_filters(augmented, ['duplicates'], column=...) "
        "(in a recipe, list it under filters:)"
    )


def test_a_filter_given_among_the_augmenters_says_to_filter_the_augmented_rows(rows):
    # it was "expected an hfaug augmenter, a registry name such as 'synonym', or a dict with a 'name' key, got ..."
    with pytest.raises(TypeError) as caught:
        hfaug.augment(rows, [Shout(), hfaug.filters.get("length_ratio", min_ratio=0.8)], mode="sequence")
    assert str(caught.value) == (
        "expected an hfaug augmenter, got the quality filter LengthRatio(min_ratio=0.8, max_ratio=2.0, unit='words'), "
        "which drops copies once they are made. Augment first, then filter the result: "
        "hfaug.filters.apply_filters(augmented, [filter], column=...)"
    )


def test_an_augmenter_named_among_the_filters_says_to_augment_first():
    with pytest.raises(hfaug.filters.UnknownFilter) as caught:
        hfaug.filters.get("test.shout")
    assert str(caught.value) == (
        "no filter named 'test.shout': 'test.shout' is an augmenter, which makes copies. Augment first, then filter "
        "the result: hfaug.filters.apply_filters(hfaug.augment(ds, 'test.shout'), [...], column=...) (in a recipe, list it "
        "under augmenters:)"
    )


class Refusing(hfaug.TextAugmenter):
    """Returns an error for texts that hold "no", as augmenters whose library declines a value do."""

    name = "test.refusing"

    def __init__(self, column="text", *, n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)

    def augment_batch(self, values, rngs):
        return [hfaug.Augmented(error="declined") if "no" in text.split() else text.upper() for text in values]


@pytest.mark.parametrize(
    "composite",
    [
        hfaug.OneOf([Fragile()]),
        hfaug.Sequential([Shout(p=0.0), Fragile()]),
        hfaug.Sequential([Shout(p=0.0), hfaug.OneOf([Fragile()])]),
    ],
    ids=["one_of", "sequence", "nested"],
)
def test_the_error_of_a_copy_names_the_augmenter_of_the_combination_that_raised_it(composite):
    # it was "RuntimeError: library exploded in <Parser>", the copy named only 'one_of' or 'sequence': which of the
    # combination's augmenters failed could not be told
    ds = Dataset.from_dict({"text": ["it goes boom now", "a quiet line"]})
    out = ds.map(composite, batched=True)
    assert out["hfaug_augmenter"][0] == composite.name
    assert out["hfaug_error"] == ["test.fragile: RuntimeError: library exploded in <Parser>", ""]


@pytest.mark.parametrize("composite", [hfaug.OneOf, hfaug.Sequential])
def test_an_error_an_augmenter_of_a_combination_returns_is_named_with_it(composite):
    ds = Dataset.from_dict({"text": ["no way", "a quiet line"]})
    out = ds.map(composite([Refusing()]), batched=True)
    assert (out["text"], out["hfaug_error"]) == (["no way", "A QUIET LINE"], ["test.refusing: declined", ""])


@pytest.mark.parametrize("composite", [hfaug.OneOf, hfaug.Sequential])
def test_under_raise_a_library_error_names_the_augmenter_of_the_combination_that_raised_it(composite):
    ds = Dataset.from_dict({"text": ["abc", "a boom here"]})
    with pytest.raises(RuntimeError, match="library exploded") as raised:
        ds.map(composite([Fragile()], on_error="raise"), batched=True)
    assert raised.value.__notes__ == [
        "test.fragile: raised while augmenting column 'text', value 'a boom here'; pass on_error='keep' to keep "
        "such rows unchanged with the error recorded"
    ]


@pytest.mark.parametrize(
    ("module", "transform", "wrapper"),
    [("torchvision.transforms.v2", "RandomVerticalFlip", "ImageAugment"), ("audiomentations", "Gain", "AudioAugment")],
)
def test_a_transform_object_among_the_augmenters_says_to_wrap_it(module, transform, wrapper):
    # it was "expected an hfaug augmenter, a registry name such as 'synonym', or a dict with a 'name' key, got ..."
    library = pytest.importorskip(module)
    with pytest.raises(TypeError) as caught:
        hfaug.Sequential([getattr(library, transform)()])
    assert str(caught.value) == (
        f"expected an hfaug augmenter, got the {module.partition('.')[0]} transform {transform}; wrap it: "
        f"hfaug.{wrapper}({transform}(...))"
    )
