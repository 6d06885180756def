"""The efficacy harness: stratified subsets, a validation split carved from training data,
the result schema of ``scripts/eval_efficacy.py``, and the one-line user errors of it and of
``scripts/sweep_efficacy.py``."""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from datasets import ClassLabel, Dataset, concatenate_datasets

import hfaug
from hfaug.efficacy import VALIDATION_SEED, check_rows, evaluate, format_table, stratified_indices

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
SCRIPT = SCRIPTS / "eval_efficacy.py"
SUMMARY_KEYS = {"baseline", "augmented", "delta", "baseline_std", "augmented_std", "delta_std", "seeds", "settings"}
SEED_KEYS = {"seed", "baseline", "augmented", "delta", "train_rows", "augmented_rows"}
SST2_NAMES = ["negative", "positive"]


def swap_augmentation(subset, seed):
    return hfaug.augment(subset, hfaug.get("eda.swap", alpha=0.2, seed=seed), n=2, keep_original=True)


def with_values(dataset, column, values):
    """``dataset`` with ``column`` set to ``values`` (row index -> value) at those rows."""
    data = dataset.to_dict()
    for index, value in values.items():
        data[column][index] = value
    return Dataset.from_dict(data)


def named_labels(dataset):
    """``dataset`` with its SST-2 labels (0, 1) written as their names."""
    return dataset.map(lambda row: {"label": SST2_NAMES[row["label"]]})


def test_stratified_sample_keeps_class_proportions():
    labels = [0] * 60 + [1] * 30 + [2] * 10
    chosen = stratified_indices(labels, 20, seed=0)
    assert Counter(labels[index] for index in chosen) == {0: 12, 1: 6, 2: 2}
    assert chosen == sorted(set(chosen))


def test_stratified_sample_gives_remainders_to_the_largest_fractions():
    labels = [0] * 5 + [1] * 3 + [2] * 2
    assert Counter(labels[index] for index in stratified_indices(labels, 4, seed=1)) == {0: 2, 1: 1, 2: 1}


def test_stratified_sample_depends_on_the_seed_only():
    labels = [index % 3 for index in range(300)]
    assert stratified_indices(labels, 30, seed=4) == stratified_indices(labels, 30, seed=4)
    assert stratified_indices(labels, 30, seed=4) != stratified_indices(labels, 30, seed=5)


def test_stratified_sample_avoids_excluded_rows():
    labels = [index % 2 for index in range(100)]
    held_out = stratified_indices(labels, 50, VALIDATION_SEED)
    chosen = stratified_indices(labels, 50, seed=0, exclude=held_out)
    assert sorted(chosen + held_out) == list(range(100))


def test_stratified_sample_has_a_row_of_every_class_when_its_size_allows():
    labels = [0] * 98 + [1, 2]
    assert Counter(labels[index] for index in stratified_indices(labels, 3, seed=0)) == {0: 1, 1: 1, 2: 1}


def test_the_row_given_to_a_class_left_out_comes_from_the_class_furthest_over_its_share():
    # it came from the first of the classes with the most rows drawn: here class 1, over class 2 of fewer rows
    labels = [0] + [1] * 50 + [2] * 49  # shares of 4 rows: 0.04, 2.0, 1.96
    assert Counter(labels[index] for index in stratified_indices(labels, 4, seed=0)) == {0: 1, 1: 2, 2: 1}


def test_too_large_a_sample_is_an_error():
    with pytest.raises(ValueError, match="cannot draw 11 rows: 10 rows are available"):
        stratified_indices([0, 1] * 5, 11, seed=0)


def test_skipped_rows_are_passed_over_leaving_the_sample_as_it_was_when_it_held_none():
    labels = [index % 3 for index in range(300)]
    plain = stratified_indices(labels, 30, seed=4)
    others = [index for index in range(300) if index not in plain]
    assert stratified_indices(labels, 30, seed=4, skip=others) == plain
    skipping = stratified_indices(labels, 30, seed=4, skip=plain[:5])
    assert len(skipping) == 30 and not set(skipping) & set(plain[:5])
    assert set(plain[5:]) <= set(skipping)


def test_a_class_with_too_few_rows_left_to_draw_is_an_error():
    message = "cannot draw 2 rows of class 0: only 1 of its rows are neither excluded nor skipped"
    with pytest.raises(ValueError, match=re.escape(message)):
        stratified_indices([0] * 4 + [1] * 4, 4, seed=0, skip=[0, 1, 2])


def test_a_sample_leaving_one_row_per_class_never_takes_a_classs_last_row():
    labels = [0] * 10 + [1]
    chosen = stratified_indices(labels, 5, seed=0, leave_one_per_class=True)
    assert Counter(labels[index] for index in chosen) == {0: 5}


def test_a_sample_leaving_one_row_per_class_is_the_plain_sample_when_every_class_can_spare_its_share():
    labels = [index % 3 for index in range(300)]
    assert stratified_indices(labels, 60, seed=4, leave_one_per_class=True) == stratified_indices(labels, 60, seed=4)


def test_a_sample_leaving_one_row_per_class_counts_only_the_rows_it_may_take():
    message = "cannot draw 9 rows: 8 rows are available (leaving one row of each class)"
    with pytest.raises(ValueError, match=re.escape(message)):
        stratified_indices([0, 1] * 5 + [2], 9, seed=0, leave_one_per_class=True)


@pytest.mark.slow
def test_evaluate_reports_means_and_per_seed_figures_in_points(sst2_train):
    result = evaluate(sst2_train, None, swap_augmentation, n_train=60, seeds=2, eval_on="validation", n_validation=100)
    assert set(result) == SUMMARY_KEYS
    assert [set(row) for row in result["seeds"]] == [SEED_KEYS, SEED_KEYS]
    assert [row["seed"] for row in result["seeds"]] == [0, 1]
    assert all(row["train_rows"] == 60 and 60 < row["augmented_rows"] <= 180 for row in result["seeds"])
    for key in ("baseline", "augmented"):
        assert result[key] == pytest.approx(statistics.fmean(row[key] for row in result["seeds"]), abs=0.01)
    assert all(30 < row["baseline"] <= 100 for row in result["seeds"])
    assert result["settings"]["eval_rows"] == 100
    later = evaluate(
        sst2_train, None, swap_augmentation, n_train=60, seeds=1, first_seed=1, eval_on="validation", n_validation=100
    )
    assert later["seeds"] == result["seeds"][1:]
    assert later["settings"]["first_seed"] == 1


def test_one_seed_has_no_standard_deviation_and_the_table_says_so(sst2_train):
    # it was 0.00, which reads as seeds that agreed exactly
    result = evaluate(sst2_train, None, swap_augmentation, n_train=40, seeds=1, eval_on="validation", n_validation=70)
    assert [result[f"{key}_std"] for key in ("baseline", "augmented", "delta")] == [None, None, None]
    assert [line[-8:] for line in format_table(result).splitlines()[1:]] == ["       -"] * 3


def test_negative_first_seed_is_an_error(sst2_train):
    with pytest.raises(ValueError, match="first_seed must be 0 or more, got -1"):
        evaluate(sst2_train, None, swap_augmentation, first_seed=-1, eval_on="validation")


def test_fewer_training_rows_than_classes_is_an_error(trec_train):
    with pytest.raises(ValueError, match="n_train=3 is fewer rows than the training data's 6 classes.*raise it to 6"):
        evaluate(trec_train, None, swap_augmentation, n_train=3, seeds=1, eval_on="validation", n_validation=100)


def test_evaluating_on_validation_without_a_validation_split_says_to_raise_it(sst2_train):
    with pytest.raises(ValueError, match="n_validation=0 carves none; raise it"):
        evaluate(sst2_train, None, swap_augmentation, n_train=60, seeds=1, eval_on="validation", n_validation=0)


def test_evaluate_refuses_an_augmentation_that_leaves_a_class_out(sst2_train):
    # a recipe whose filters dropped every row of a class (or every row) got sklearn's "empty vocabulary"
    negatives_only = lambda subset, seed: subset.filter(lambda row: row["label"] == 0)  # noqa: E731
    with pytest.raises(ValueError, match=r"^seed 0: the recipe left \d+ training rows, none of class\(es\) 1 of the 60 drawn; "
                       r"keep the originals \(keep_original: true\), or loosen its filters \(its augmenters drop copies that "
                       r"cannot change when n > 1 or on_error is 'skip'\)$"):
        evaluate(sst2_train, None, negatives_only, n_train=60, seeds=1, eval_on="validation", n_validation=100)


def test_a_training_text_the_test_data_holds_in_another_case_or_form_is_never_trained_on():
    # exact matches only were kept out: TREC's "What are the Twin Cities ?" was trained on, "twin cities" tested
    from hfaug.efficacy import rows_with_texts

    texts = ["What are the Twin Cities ?", "that’s not correct", "cafe\u0301  time", "another text"]
    assert rows_with_texts(texts, {"What are the twin cities ?", "that's not correct", "caf\u00e9 time"}) == [0, 1, 2]


def test_a_label_column_of_one_class_is_refused(sst2_train):
    # sklearn's "This solver needs samples of at least 2 classes ... np.str_('clinc')"
    one_class = sst2_train.select(range(200)).map(lambda row: {"label": 0})
    with pytest.raises(ValueError, match=r"^the training data has 1 class in its label column; a classifier needs two or more"):
        evaluate(one_class, None, swap_augmentation, n_train=60, seeds=1, eval_on="validation", n_validation=100)


def test_evaluate_on_test_needs_test_data(sst2_train):
    with pytest.raises(ValueError, match="eval_on='test' needs the test data"):
        evaluate(sst2_train, None, swap_augmentation, n_train=60, seeds=1)


def test_c_is_refused_for_fine_tuning(sst2_train):
    with pytest.raises(ValueError, match="C applies to the logistic regressions"):
        evaluate(sst2_train, None, swap_augmentation, classifier="minilm-ft", C=1.0, n_train=8, eval_on="validation")


def test_equal_steps_is_refused_for_the_logistic_regressions(sst2_train):
    with pytest.raises(ValueError, match="equal_steps applies to fine-tuning"):
        evaluate(sst2_train, None, swap_augmentation, equal_steps=True, n_train=8, eval_on="validation")


def test_the_delta_is_augmented_minus_baseline_of_means_over_unrounded_accuracies(sst2_train):
    result = evaluate(sst2_train, None, swap_augmentation, n_train=40, seeds=3, eval_on="validation", n_validation=70)
    rows = result["settings"]["eval_rows"]
    for key in ("baseline", "augmented"):
        accuracies = [100 * round(row[key] * rows / 100) / rows for row in result["seeds"]]
        assert result[key] == round(statistics.fmean(accuracies), 2)
    assert result["delta"] == round(result["augmented"] - result["baseline"], 2)
    assert all(row["delta"] == round(row["augmented"] - row["baseline"], 2) for row in result["seeds"])


@pytest.mark.parametrize(
    ("texts", "found"),
    [({0: None, 5: None}, "null texts in 2"), ({0: None, 5: "", 7: " \t"}, "null texts in 1 and blank texts in 2")],
    ids=["null", "null and blank"],
)
def test_null_or_blank_training_texts_are_refused_with_their_counts(sst2_train, texts, found):
    train = with_values(sst2_train.select(range(300)), "text", texts)
    message = (
        f"the training data has {found} of its 300 rows (text column 'text', label column 'label'); a classifier "
        "can neither learn from nor score them: drop or fill those rows first"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        evaluate(train, None, swap_augmentation, n_train=40, seeds=1, eval_on="validation", n_validation=100)


@pytest.mark.parametrize("null", [None, float("nan")], ids=["None", "NaN"])
def test_null_training_labels_are_refused_with_their_count(sst2_train, null):
    train = with_values(sst2_train.select(range(300)), "label", {4: null, 9: null})
    message = "the training data has null labels (None, NaN or a ClassLabel's -1) in 2 of its 300 rows"
    with pytest.raises(ValueError, match=re.escape(message)):
        evaluate(train, None, swap_augmentation, n_train=40, seeds=1, eval_on="validation", n_validation=100)


def test_the_no_label_of_a_class_label_column_counts_as_a_null_label():
    test = Dataset.from_dict({"text": ["a", "b"], "label": [0, -1]}).cast_column("label", ClassLabel(names=["no", "yes"]))
    message = "the test data has null labels (None, NaN or a ClassLabel's -1) in 1 of its 2 rows"
    with pytest.raises(ValueError, match=re.escape(message)):
        check_rows(test, "the test data")


def test_several_labels_in_a_row_are_refused_in_one_line():
    train = Dataset.from_dict({"text": ["a", "b"], "label": [[0, 1], [1]]})
    with pytest.raises(ValueError) as refused:
        check_rows(train, "the training data")
    assert str(refused.value) == (
        "the training data: label column 'label' holds list values such as [0, 1], but a classifier needs one label "
        "per row (single-label classification); pass a label column with one label per row"
    )


def test_null_test_texts_are_refused_with_their_count(sst2_train):
    test = with_values(sst2_train.select(range(300, 400)), "text", {3: None})
    with pytest.raises(ValueError, match=re.escape("the test data has null texts in 1 of its 100 rows")):
        evaluate(sst2_train.select(range(300)), test, swap_augmentation, n_train=40, seeds=1, n_validation=100)


@pytest.mark.parametrize("class_labels_in", ["test", "train"])
def test_class_labels_are_scored_by_name_against_labels_written_as_names(sst2_train, class_labels_in):
    train, test = sst2_train.select(range(300)), sst2_train.select(range(300, 400))
    options = {"n_train": 40, "seeds": 1, "n_validation": 100}
    as_names = evaluate(named_labels(train), named_labels(test), swap_augmentation, **options)
    data = {"train": named_labels(train), "test": named_labels(test)}
    as_class_labels = {"train": train, "test": test}[class_labels_in]
    data[class_labels_in] = as_class_labels.cast_column("label", ClassLabel(names=SST2_NAMES))
    result = evaluate(data["train"], data["test"], swap_augmentation, **options)
    assert result["seeds"] == as_names["seeds"]


def test_test_labels_sharing_no_value_with_the_training_labels_are_refused(sst2_train):
    train, test = named_labels(sst2_train.select(range(300))), sst2_train.select(range(300, 400))
    message = (
        "the test data's labels share no value with the training data's (test: 0, 1; training: 'negative', "
        "'positive'), so every prediction would count as wrong: give both the same kind of labels (names or numbers)"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        evaluate(train, test, swap_augmentation, n_train=40, seeds=1, n_validation=100)


def test_test_labels_the_training_data_lacks_are_warned_about(sst2_train, caplog):
    test = with_values(sst2_train.select(range(300, 400)), "label", {0: 7})
    with caplog.at_level(logging.WARNING, logger="hfaug.efficacy"):
        evaluate(sst2_train.select(range(300)), test, swap_augmentation, n_train=40, seeds=1, n_validation=100)
    assert caplog.messages == [
        "the training data lacks 1 of the test data's 3 label values (7); test rows with such a label always count "
        "as wrong: leave them out of the test data, or give the training data rows of those classes"
    ]


def test_a_class_with_a_single_training_row_is_in_every_training_subset(sst2_train):
    train = with_values(sst2_train.select(range(300)), "label", {0: 2})
    rows_of_the_class = []

    def counting(subset, seed):
        rows_of_the_class.append(subset["label"].count(2))
        return subset

    evaluate(train, None, counting, n_train=40, seeds=2, eval_on="validation", n_validation=100)
    assert rows_of_the_class == [1, 1]


def test_no_validation_text_is_trained_on_when_the_training_texts_repeat(sst2_train):
    train = concatenate_datasets([sst2_train.select(range(150))] * 2)
    held_out = stratified_indices(train["label"], 100, VALIDATION_SEED)  # every class can spare its share
    validation_texts = {train[index]["text"] for index in held_out}
    trained_texts = set()

    def recording(subset, seed):
        trained_texts.update(subset["text"])
        return subset

    evaluate(train, None, recording, n_train=40, seeds=3, eval_on="validation", n_validation=100)
    assert trained_texts and trained_texts.isdisjoint(validation_texts)


def test_no_test_text_is_trained_on_in_either_mode(sst2_train):
    train = sst2_train.select(range(300))
    test = sst2_train.select(range(0, 300, 3))  # a third of the training texts are test texts
    trained_texts = set()

    def recording(subset, seed):
        trained_texts.update(subset["text"])
        return subset

    for eval_on in ("test", "validation"):
        evaluate(train, test, recording, n_train=40, seeds=2, eval_on=eval_on, n_validation=100)
    assert trained_texts and trained_texts.isdisjoint(test["text"])


def test_a_null_test_text_is_passed_over_when_scoring_on_validation(sst2_train):
    # the test texts, never trained on, were compared with the training texts: a null one raised a TypeError
    train = sst2_train.select(range(300))
    test = sst2_train.select(range(0, 300, 3))
    nulled = with_values(test, "text", {1: None})
    options = {"n_train": 40, "seeds": 1, "eval_on": "validation", "n_validation": 100}
    assert (
        evaluate(train, nulled, swap_augmentation, **options)["seeds"]
        == evaluate(train, test.filter(lambda row, index: index != 1, with_indices=True), swap_augmentation, **options)["seeds"]
    )


def test_format_table_shows_mean_and_std():
    table = format_table(
        {"baseline": 83.4, "baseline_std": 0.5, "augmented": 84.9, "augmented_std": 0.4, "delta": 1.5, "delta_std": 0.3}
    )
    assert table.splitlines()[1:] == [
        "baseline     83.40    0.50",
        "augmented    84.90    0.40",
        "delta        +1.50    0.30",
    ]


@pytest.fixture
def tiny_files(tmp_path, sst2_train):
    """Small train and test files and a recipe with a filter."""
    sst2_train.select(range(300)).to_json(tmp_path / "train.jsonl")
    sst2_train.select(range(300, 400)).to_json(tmp_path / "test.jsonl")
    (tmp_path / "recipe.yaml").write_text(
        "column: text\nlabel_column: label\naugmenters:\n  - name: eda.swap\n    alpha: 0.2\nn: 2\nseed: 7\n"
        "filters:\n  - duplicates\n",
        encoding="utf-8",
    )
    return tmp_path


def run_script(tiny_files: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--train", str(tiny_files / "train.jsonl"), "--recipe", str(tiny_files / "recipe.yaml"),
         "--n-train", "40", "--seeds", "2", "--cache-dir", str(tiny_files / "cache"), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_script_writes_the_json_schema(tiny_files):
    out = tiny_files / "result.json"
    done = run_script(
        tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--classifier", "tfidf-lr",
        "--json", str(out),
    )
    assert done.returncode == 0, done.stderr
    assert "baseline" in done.stdout and "delta" in done.stdout
    result = json.loads(out.read_text())
    assert SUMMARY_KEYS <= set(result)
    assert all(SEED_KEYS | {"filters"} <= set(row) for row in result["seeds"])
    assert [report["filter"] for report in result["seeds"][0]["filters"]] == ["duplicates"]
    copies = result["seeds"][0]["copies"]  # every copy asked for accounted for
    assert copies["copies_requested"] == 80 == copies["copies_made"] + copies["dropped_by_augmenters"]
    assert result["settings"]["eval_on"] == "test" and result["settings"]["eval_rows"] == 100
    assert result["settings"]["recipe"]["seed"] == 7


@pytest.mark.slow
def test_script_json_keeps_each_filters_whole_report(tiny_files):
    # the copies label_consistency kept unjudged (rows_unjudged) and the filters' configs were left out
    (tiny_files / "recipe.yaml").write_text(
        "column: text\nlabel_column: label\naugmenters: [eda.swap]\nn: 2\nfilters: [duplicates, label_consistency]\n",
        encoding="utf-8",
    )
    out = tiny_files / "result.json"
    done = run_script(
        tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--seeds", "1", "--json", str(out)
    )
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(out.read_text())["seeds"]
    keys = {"filter", "config", "rows_checked", "rows_dropped", "rows_unjudged", "reasons"}
    assert [(report["filter"], set(report)) for report in row["filters"]] == [
        ("duplicates", keys), ("label_consistency", keys)
    ]
    assert row["filters"][1]["config"]["classifier"] == "tfidf-lr" and row["filters"][1]["rows_unjudged"] > 0
    assert sum(report["rows_dropped"] for report in row["filters"]) == row["copies"]["dropped_by_filters"]


@pytest.mark.slow
def test_script_heading_names_one_seed_as_one(tiny_files):
    # it read "1 seeds (3-3)"
    done = run_script(
        tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--seeds", "1", "--first-seed", "3"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "recipe.yaml | tfidf-lr | N=40 | 1 seed (3) | accuracy (%) on test (100 rows)"


@pytest.mark.slow
def test_script_selects_on_validation_without_test_data(tiny_files):
    out = tiny_files / "result.json"
    done = run_script(tiny_files, "--select-on", "validation", "--n-validation", "100", "--json", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["settings"]["eval_rows"] == 100


def test_script_says_when_the_training_data_is_too_small(tiny_files):
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "error: the training data has 300 rows, which cannot hold n_train=40 plus a validation split of n_validation=1000; "
        "lower them (n_validation=260 fits beside n_train=40; scoring on the test data, it may be 0)"
    )


def test_script_refuses_fewer_training_rows_than_classes_in_one_line(tiny_files):
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--n-train", "1")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: n_train=1 is fewer rows than the training data's 2 classes, and a class-stratified subset needs at "
        "least one row of each; raise it to 2 or more"
    ]


def test_script_takes_a_shipped_recipe_by_name(tiny_files):
    # only a file was taken: "--recipe 'sst2-eda': no such file", where hfaug apply takes the name
    args = ("--train", str(tiny_files / "train.jsonl"), "--test", str(tiny_files / "test.jsonl"), "--n-train", "1", "--n-validation", "0")
    base = [sys.executable, str(SCRIPT), *args, "--cache-dir", str(tiny_files / "cache")]
    named = subprocess.run([*base, "--recipe", "sst2-eda"], capture_output=True, text=True, timeout=300)
    assert named.returncode == 2 and named.stderr.splitlines()[-1].startswith("error: n_train=1 is fewer rows than")
    unknown = subprocess.run([*base, "--recipe", "sst2-edaa"], capture_output=True, text=True, timeout=300)
    assert unknown.returncode == 2
    assert re.search(r"or the name of a shipped recipe: .*sst2-eda.*Did you mean 'sst2-eda'", unknown.stderr.splitlines()[-1])


def test_script_without_test_data_says_what_to_pass(tiny_files):
    done = run_script(tiny_files)
    assert done.returncode == 2
    assert "--test is required unless --eval-on validation" in done.stderr


def test_script_refuses_a_folder_as_json_before_any_work(tiny_files):
    done = run_script(
        tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--json", str(tiny_files)
    )
    assert done.returncode == 2
    # one line, as the scripts' other user errors (not argparse's usage text before it)
    assert done.stderr.splitlines() == [
        f"error: --json {str(tiny_files)!r} is a folder; pass a file path, e.g. {str(tiny_files / 'result.json')!r}"
    ]


@pytest.mark.parametrize("option", ["--train", "--test"])
def test_script_refuses_a_json_path_that_is_an_input_file_before_any_work(tiny_files, option):
    # the result was written over the data file
    data = tiny_files / ("train.jsonl" if option == "--train" else "test.jsonl")
    before = data.read_bytes()
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"), "--json", str(tiny_files / "." / data.name))
    assert (done.returncode, done.stderr.splitlines()) == (
        2,
        [f"error: --json {str(tiny_files / '.' / data.name)!r} is the {option} file, which the result would replace; "
         "pass another path"],
    )
    assert data.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "error: --train: dataset file {path!r} holds no rows; pass a file with data"),
        (
            '{"text": "a", "label": 1}\n{"text": "b", "label": \n',
            "error: --train: cannot read the data in {path!r}: ArrowInvalid: JSON parse error: Invalid value. in row 1. "
            "Fix the data, or give a .csv/.tsv/.json/.jsonl/.parquet/.arrow file, a dataset folder or a Hub id",
        ),
    ],
    ids=["empty", "malformed"],
)
def test_script_refuses_an_unreadable_data_file_in_one_line(tiny_files, content, message):
    bad = tiny_files / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    done = run_script(tiny_files, "--train", str(bad), "--test", str(tiny_files / "test.jsonl"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [message.format(path=str(bad))]


def test_script_refuses_a_text_column_that_holds_no_text_in_one_line(tiny_files, sst2_train):
    # a column of token lists crashed with a traceback ("unhashable type: 'list'")
    train = tiny_files / "train.jsonl"
    sst2_train.select(range(300)).map(lambda row: {"tokens": row["text"].split()}).to_json(train)
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--text-column", "tokens")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: --train's column 'tokens' holds List(Value('string')), not text: pass --text-column/--label-column"
    ]


def test_script_refuses_null_texts_naming_the_file_in_one_line(tiny_files, sst2_train):
    train = tiny_files / "train.jsonl"
    with_values(sst2_train.select(range(300)), "text", {8: None}).to_json(train)
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: --train {str(train)!r} has null texts in 1 of its 300 rows (text column 'text', label column "
        "'label'); a classifier can neither learn from nor score them: drop or fill those rows first"
    ]


@pytest.fixture
def one_torch_thread():
    """Run torch on one thread: on a busy machine its two threads wait on each other, several times slower."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.slow
@pytest.mark.usefixtures("one_torch_thread")
def test_minilm_lr_uses_the_embedding_cache(sst2_train, tmp_path):
    result = evaluate(
        sst2_train, None, swap_augmentation, classifier="minilm-lr", n_train=40, seeds=1,
        eval_on="validation", n_validation=60, cache_dir=str(tmp_path),
    )
    assert 40 < result["baseline"] <= 100
    assert (tmp_path / "embeddings.sqlite").stat().st_size > 60 * 384 * 4


@pytest.mark.slow
@pytest.mark.usefixtures("one_torch_thread")
def test_minilm_ft_fine_tunes_with_trainer(sst2_train):
    result = evaluate(
        sst2_train, None, lambda subset, seed: subset, classifier="minilm-ft", n_train=2, seeds=1,
        eval_on="validation", n_validation=2,
    )
    assert 0 <= result["baseline"] <= 100
    assert result["delta"] == 0  # no augmentation, same seed: fine-tuning is reproducible


@pytest.mark.slow
@pytest.mark.usefixtures("one_torch_thread")
def test_equal_steps_fine_tunes_the_baseline_as_long_as_the_augmented_run(sst2_train):
    def doubled(subset, seed):
        return concatenate_datasets([subset, subset])

    lines = []
    result = evaluate(
        sst2_train, None, doubled, classifier="minilm-ft", n_train=2, seeds=1, eval_on="validation",
        n_validation=2, equal_steps=True, progress=lines.append,
    )
    assert result["seeds"][0]["baseline_epochs"] == 8.0  # 4 epochs x 4 rows / 2 rows
    assert result["settings"]["equal_steps"] is True
    assert lines[0].endswith("(2 -> 4 rows, baseline fine-tuned for 8.0 epochs)")


def load_sweep():
    """``scripts/sweep_efficacy.py`` as a module."""
    spec = importlib.util.spec_from_file_location("sweep_efficacy", SCRIPTS / "sweep_efficacy.py")
    sweep = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sweep)
    return sweep


def run_sweep(capsys: pytest.CaptureFixture[str], tiny_files: Path, grid: str, *args: str) -> tuple[int, str]:
    """Run ``scripts/sweep_efficacy.py`` on the tiny training file with ``grid``: exit status and last stderr line."""
    (tiny_files / "grid.yaml").write_text(grid, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        load_sweep().main(
            ["--grid", str(tiny_files / "grid.yaml"), "--train", str(tiny_files / "train.jsonl"), "--classifiers",
             "tfidf-lr", "--n-train", "40", "--n-validation", "100", "--seeds", "1", *args]
        )
    return stopped.value.code, capsys.readouterr().err.splitlines()[-1]


GRID = "base: {column: text, label_column: label, seed: 0}\ncandidates:\n  swap-x2: {augmenters: [eda.swap], n: 2}\n"


def test_a_json_path_in_a_folder_that_cannot_be_written_is_refused_before_any_work(capsys, tiny_files, monkeypatch):
    # a file there that could be written was written in place; written whole, it failed after the run, with a traceback
    locked = tiny_files / "locked"
    locked.mkdir()
    (locked / "sweep.json").write_text("[]\n", encoding="utf-8")
    can_write = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **options: Path(path) != locked and can_write(path, mode, **options))
    assert run_sweep(capsys, tiny_files, GRID, "--json", str(locked / "sweep.json")) == (
        2,
        f"error: --json {str(locked / 'sweep.json')!r}: the folder {str(locked)!r} cannot be written (the file is written "
        "whole, through a new file beside it); pass a path in a folder you can write",
    )


def test_sweep_refuses_an_only_name_not_in_the_grid(capsys, tiny_files):
    assert run_sweep(capsys, tiny_files, GRID, "--only", "swap-x3") == (
        2,
        f"error: --only 'swap-x3': not in --grid {str(tiny_files / 'grid.yaml')!r}. Did you mean 'swap-x2'? "
        "Its candidates: swap-x2",
    )


@pytest.mark.parametrize(
    ("grid", "args", "message"),
    [
        (GRID, ["--grid", "nope.yaml"], "error: --grid 'nope.yaml': no such file"),
        (GRID, ["--seeds", "0"], "error: argument --seeds: expected a number >= 1, got 0"),
        ("base: {column: text}\n", [], "has no 'candidates': write 'candidates: {NAME: {augmenters: [...], n: 8}}'"),
        (GRID, ["--n-train", "1000"], "the training data has 300 rows, which cannot hold n_train=1000"),
        (GRID.replace("column: text", "column: question"), [], "has no column(s) ['question']; it has ['text', 'label']"),
        (GRID, ["--json", "."], "error: --json '.' is a folder; pass a file path, e.g. 'result.json'"),
        (GRID, ["--json", "<train>"], "error: --json '<train>' is the --train file, which the result would replace"),
        (GRID, ["--json", "<grid>"], "error: --json '<grid>' is the --grid file, which the result would replace"),
        (
            GRID,
            ["--json", str(SCRIPT / "sweep.json")],
            f"error: --json {str(SCRIPT / 'sweep.json')!r}: {str(SCRIPT)!r} is a file, not a folder",
        ),
        (
            "candidates:\n  0.05: {augmenters: [eda.swap], n: 2}\n",
            ["--only", "0.05"],
            "candidate name 0.05 is a float to YAML, not text: put it in quotes, e.g. '0.05': {augmenters: [...]}",
        ),
        (
            "candidates:\n  0.05: {augmenters: [eda.swap], n: 2}\n",
            [],
            "candidate name 0.05 is a float to YAML, not text: put it in quotes, e.g. '0.05': {augmenters: [...]}",
        ),
    ],
    ids=[
        "missing grid", "no seeds", "no candidates", "too few rows", "column not in the data", "json a folder",
        "json the training file", "json the grid", "json under a file", "numeric name with only", "numeric name",
    ],
)
def test_sweep_user_errors_are_one_line_and_exit_2(capsys, tiny_files, grid, args, message):
    def paths(text):  # <train> and <grid>: the paths of those files
        return text.replace("<train>", str(tiny_files / "train.jsonl")).replace("<grid>", str(tiny_files / "grid.yaml"))

    code, line = run_sweep(capsys, tiny_files, grid, *map(paths, args))
    assert code == 2
    assert paths(message) in line


@pytest.mark.parametrize(("content", "what"), [("[{\"delta\": 1", "is not JSON"), ("{\"delta\": 1}", "does not hold a list of results")])
def test_sweep_refuses_a_json_file_it_did_not_write_and_leaves_it_alone(capsys, tiny_files, content, what):
    results = tiny_files / "results.json"
    results.write_text(content, encoding="utf-8")
    code, line = run_sweep(capsys, tiny_files, GRID, "--json", str(results))
    assert code == 2 and line.startswith(f"error: --json {str(results)!r} {what}")
    assert results.read_text(encoding="utf-8") == content


WRITE_PAST_A_SIZE_LIMIT = """
import resource, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from eval_efficacy import write_json
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) half-way, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))
write_json(Path(sys.argv[1]), [{"candidate": "x" * 200}])
"""


def test_a_json_result_whose_writing_stops_half_way_leaves_the_file_that_was_there(tmp_path):
    # it was truncated, and the next sweep refused it as no JSON
    results = tmp_path / "results.json"
    results.write_text('[{"delta": 1}]\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", WRITE_PAST_A_SIZE_LIMIT, str(results), str(SCRIPTS)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1 and done.stderr.splitlines()[-1] == "OSError: [Errno 27] File too large"
    assert results.read_text(encoding="utf-8") == '[{"delta": 1}]\n'
    assert [path.name for path in tmp_path.iterdir()] == ["results.json"]


def test_a_json_result_written_to_a_link_goes_to_its_target_with_the_mode_it_had(tmp_path):
    # the link was replaced by a new file readable by all, and the file it points to kept the old results
    from hfaug.whole_files import write_whole

    target = tmp_path / "kept" / "results.json"
    target.parent.mkdir()
    target.write_text("[]\n", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "results.json"
    link.symlink_to(target)
    write_whole(link, '[{"delta": 1}]\n')
    assert link.is_symlink() and target.read_text(encoding="utf-8") == '[{"delta": 1}]\n'
    assert target.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in target.parent.iterdir()] == ["results.json"]


def test_sweep_creates_the_folder_of_its_json_file(tiny_files):
    (tiny_files / "grid.yaml").write_text(GRID, encoding="utf-8")
    out = tiny_files / "new" / "sweep.json"
    code = load_sweep().main(
        ["--grid", str(tiny_files / "grid.yaml"), "--train", str(tiny_files / "train.jsonl"), "--classifiers",
         "tfidf-lr", "--n-train", "40", "--n-validation", "100", "--seeds", "1", "--json", str(out)]
    )
    assert code == 0
    assert [result["candidate"] for result in json.loads(out.read_text(encoding="utf-8"))] == ["swap-x2"]


def test_sweep_refuses_null_texts_in_a_training_file_before_any_work(capsys, tiny_files, sst2_train):
    train = tiny_files / "train.jsonl"
    with_values(sst2_train.select(range(300)), "text", {8: None}).to_json(train)
    assert run_sweep(capsys, tiny_files, GRID) == (
        2,
        f"error: --train {str(train)!r} has null texts in 1 of its 300 rows (text column 'text', label column "
        "'label'); a classifier can neither learn from nor score them: drop or fill those rows first",
    )


def test_a_test_file_that_holds_the_training_texts_leaves_too_few_rows_to_train_on(sst2_train):
    train = sst2_train.select(range(200))
    with pytest.raises(ValueError, match=r"^classes 0, 1 have no row to train on \(100 training rows are the validation "
                       r"split and 100 others share a text with it or with the test data: none is trained on\)"):
        evaluate(train, train, swap_augmentation, n_train=40, seeds=1, n_validation=100)
    enough = sst2_train.select(range(200, 260))  # each class keeps a few rows: too few for n_train
    with pytest.raises(ValueError, match=r"neither excluded nor skipped \(0 training rows are the validation split and "
                       r"[0-9]+ others share a text with it or with the test data: none is trained on\); lower n_train$"):
        evaluate(concatenate_datasets([train, enough]), train, swap_augmentation, n_train=100, seeds=1, n_validation=0)


def test_a_class_whose_only_training_texts_are_test_texts_is_named_not_told_to_lower_n_train(sst2_train):
    # "lower n_train" was refused next as fewer rows than classes: no value worked
    train = sst2_train.select(range(40)).add_item({"text": "a film with no match", "label": 2})
    test = Dataset.from_dict({"text": ["a film with no match", "fine"], "label": [2, 1]})
    with pytest.raises(ValueError) as refused:
        evaluate(train, test, swap_augmentation, n_train=10, seeds=1, n_validation=0)
    assert str(refused.value) == (
        "class 2 has no row to train on (0 training rows are the validation split and 1 others share a text with it "
        "or with the test data: none is trained on); leave such classes out of the training data, or drop the test "
        "rows that repeat their training texts"
    )


def test_labels_stored_as_a_class_label_draw_the_same_rows_as_the_names_they_stand_for(trec_train):
    words = trec_train.select(range(300)).select_columns(["text", "fine_label"]).rename_column("fine_label", "label")
    drawn: dict[str, list[str]] = {}

    def remember(subset, seed):
        drawn.setdefault(kind, []).extend(subset["text"])
        return subset

    for kind, data in (("names", words), ("class label", words.class_encode_column("label"))):
        evaluate(data, None, remember, n_train=60, seeds=2, eval_on="validation", n_validation=60)
    assert drawn["names"] == drawn["class label"]


def test_scores_are_refused_as_labels(sst2_train):
    scored = Dataset.from_dict({"text": ["a good film", "a dull film"], "label": [4.5, 1.0]})
    with pytest.raises(ValueError, match=r"^the training data: label column 'label' holds numbers that are not whole"):
        evaluate(scored, None, swap_augmentation, n_train=2, seeds=1, eval_on="validation", n_validation=0)


def test_script_tells_to_rename_the_columns_of_a_test_file_named_otherwise(tiny_files, sst2_train):
    # the test file was told to "pass --text-column/--label-column", which rename the training file's columns too
    test = tiny_files / "test.jsonl"
    sst2_train.select(range(300, 400)).rename_column("text", "sentence").to_json(test)
    done = run_script(tiny_files, "--test", str(test), "--n-validation", "100")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: --test has no column(s) ['text']; it has ['sentence', 'label']: the test file takes the training "
        "file's column names (--text-column/--label-column name them in both): rename its columns to those"
    ]


@pytest.mark.parametrize("value", ["0", "-1", "nan"])
def test_script_refuses_a_c_that_is_not_above_zero_before_any_work(tiny_files, value):
    # scikit-learn refused it only at the first fit, after the data was loaded and augmented
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"), "--C", value)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"eval_efficacy.py: error: argument --C: expected a number > 0, got {value}"


def test_script_names_a_folder_given_as_training_file_and_the_files_it_holds(tiny_files):
    # it was "no such file", of a folder that is there
    done = run_script(tiny_files, "--train", str(tiny_files), "--test", str(tiny_files / "test.jsonl"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: --train {str(tiny_files)!r} is a folder (it holds recipe.yaml, test.jsonl, train.jsonl); pass the "
        "path of a file"
    ]


INTERRUPTED = """
import runpy, sys
import hfaug.efficacy
interrupted_at, fits = int(sys.argv[1]), []
def fit_and_score(*args, **kwargs):
    fits.append(1)
    if len(fits) == interrupted_at:
        raise KeyboardInterrupt
    return 0.5
hfaug.efficacy.fit_and_score = fit_and_score
sys.argv = sys.argv[2:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""
"""Runs the script given after it with Ctrl-C pressed at the fit given before it (two fits a seed)."""


@pytest.mark.parametrize(
    ("fit", "first_seed", "message"),
    [
        (3, 0, "interrupted after 1 of 3 seeds (their lines are above; no result written): run the others with "
         "--first-seed 1 --seeds 2"),
        (3, 4, "interrupted after 1 of 3 seeds (their lines are above; no result written): run the others with "
         "--first-seed 5 --seeds 2"),
        (1, 0, "interrupted before the first seed finished (no result written)"),
    ],
    ids=["second seed", "second seed from 4", "first seed"],
)
def test_script_interrupted_says_how_to_run_the_seeds_it_did_not_finish(tiny_files, fit, first_seed, message):
    # Ctrl-C ended it with a traceback, and the finished seeds were lost with no word of how to go on
    args = ["--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--seeds", "3", "--first-seed", str(first_seed)]
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED, str(fit), str(SCRIPT), "--train", str(tiny_files / "train.jsonl"),
         "--recipe", str(tiny_files / "recipe.yaml"), "--n-train", "40", *args, "--json", str(tiny_files / "out.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 130
    assert done.stderr.splitlines()[-1] == message
    assert done.stdout == "" and not (tiny_files / "out.json").exists()


def test_script_interrupted_after_its_last_seed_says_to_run_it_again(capsys):
    # it told to run the others with --seeds 0, which the script refuses
    spec = importlib.util.spec_from_file_location("eval_efficacy", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.interrupted(argparse.Namespace(seeds=3, first_seed=4), 3) == 130
    assert capsys.readouterr().err == "interrupted after the last seed, before the result was written: run it again\n"


def test_script_warns_when_the_recipe_keeps_no_copy(tiny_files):
    # the augmented run trained on the originals alone, which only "delta +0.00" and "(40 -> 40 rows)" showed
    (tiny_files / "recipe.yaml").write_text(
        "column: text\nlabel_column: label\naugmenters: [eda.swap]\nn: 2\n"
        "filters: [{name: length_ratio, min_ratio: 3, max_ratio: 4}]\n",
        encoding="utf-8",
    )
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--seeds", "1")
    assert done.returncode == 0, done.stderr
    warning, seed_line = done.stderr.splitlines()
    assert warning == (
        "warning: seed 0: the recipe kept none of the 80 copies asked for (0 dropped by its augmenters, 80 by its "
        "filters), so the augmented run trains on the originals alone: loosen its filters or change its augmenters"
    )
    assert seed_line.endswith("delta +0.00  (40 -> 40 rows)")


def test_sweep_warns_once_a_seed_when_a_candidate_keeps_no_copy(capsys, tiny_files):
    grid = GRID.replace("n: 2}", "n: 2, filters: [{name: length_ratio, min_ratio: 3, max_ratio: 4}]}")
    (tiny_files / "grid.yaml").write_text(grid, encoding="utf-8")
    capsys.readouterr()  # the fixture's progress bars
    code = load_sweep().main(
        ["--grid", str(tiny_files / "grid.yaml"), "--train", str(tiny_files / "train.jsonl"), "--classifiers",
         "tfidf-lr", "tfidf-lr", "--n-train", "40", "--n-validation", "100", "--seeds", "1"]
    )
    assert code == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: --train {str(tiny_files / 'train.jsonl')!r}, candidate 'swap-x2', seed 0: the recipe kept none of "
        "the 80 copies asked for (0 dropped by its augmenters, 80 by its filters), so the augmented run trains on the "
        "originals alone: loosen its filters or change its augmenters"
    ]


def test_sweep_with_one_seed_prints_no_standard_deviation(capsys, tiny_files):
    (tiny_files / "grid.yaml").write_text(GRID, encoding="utf-8")
    capsys.readouterr()  # the fixture's progress bars
    code = load_sweep().main(
        ["--grid", str(tiny_files / "grid.yaml"), "--train", str(tiny_files / "train.jsonl"), "--classifiers",
         "tfidf-lr", "--n-train", "40", "--n-validation", "100", "--seeds", "1"]
    )
    (line,) = capsys.readouterr().out.splitlines()
    assert code == 0 and re.search(r" delta +[+-]\d+\.\d\d ± -  rows \d+$", line), line


def test_the_settings_name_the_text_and_label_columns_read(sst2_train):
    # they were left out: a run on other columns than its recipe's could not be told from the JSON
    data = sst2_train.select(range(200)).rename_columns({"text": "sentence", "label": "polarity"})
    result = evaluate(
        data, None, lambda subset, seed: subset, n_train=20, seeds=1, eval_on="validation", n_validation=50,
        text_column="sentence", label_column="polarity",
    )
    assert (result["settings"]["text_column"], result["settings"]["label_column"]) == ("sentence", "polarity")


def test_sweep_interrupted_says_how_many_results_it_wrote(tiny_files):
    # Ctrl-C ended it with a traceback
    (tiny_files / "grid.yaml").write_text(GRID, encoding="utf-8")
    out = tiny_files / "sweep.json"
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED, "3", str(SCRIPTS / "sweep_efficacy.py"), "--grid", str(tiny_files / "grid.yaml"),
         "--train", str(tiny_files / "train.jsonl"), "--classifiers", "tfidf-lr", "tfidf-lr", "--n-train", "40",
         "--n-validation", "100", "--seeds", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 130
    assert done.stderr.splitlines()[-1] == f"interrupted after 1 of 2 results (written to --json {str(out)!r})"
    assert [result["candidate"] for result in json.loads(out.read_text(encoding="utf-8"))] == ["swap-x2"]


PRESSED_WHILE = """
import argparse, runpy, sys
import hfaug.sources
def pressed(*args, **kwargs):
    raise KeyboardInterrupt
owner, name = {"arguments": (argparse.ArgumentParser, "parse_args"), "data": (hfaug.sources, "load_source")}[sys.argv[1]]
setattr(owner, name, pressed)
sys.argv = sys.argv[2:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""
"""Runs the script given after it with Ctrl-C pressed while it reads its arguments or its data (given before it)."""


@pytest.mark.parametrize("stage", ["arguments", "data"])
@pytest.mark.parametrize(
    ("script", "options", "message"),
    [
        (
            "eval_efficacy.py",
            ["--recipe", "{files}/recipe.yaml", "--eval-on", "validation"],
            "interrupted before the first seed finished (no result written)",
        ),
        ("sweep_efficacy.py", ["--grid", "{files}/grid.yaml"], "interrupted before the first result (none written)"),
    ],
    ids=["eval", "sweep"],
)
def test_scripts_interrupted_before_training_say_so_in_one_line(tiny_files, script, options, message, stage):
    # Ctrl-C while they read their arguments or data ended them with a traceback
    (tiny_files / "grid.yaml").write_text(GRID, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PRESSED_WHILE, stage, str(SCRIPTS / script), "--train", str(tiny_files / "train.jsonl"),
         *(option.format(files=tiny_files) for option in options), "--n-train", "40", "--n-validation", "100"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (done.returncode, done.stderr) == (130, f"{message}\n")


@pytest.mark.parametrize(
    ("n_train", "eval_on", "hint"),
    [
        (400, "test", "lower n_train to 300 or fewer, with n_validation=0: scoring on the test data, it may be 0"),
        (300, "test", "n_validation=0 fits beside n_train=300"),
        (40, "test", "n_validation=260 fits beside n_train=40; scoring on the test data, it may be 0"),
        (400, "validation", "lower n_train below 300"),
        (300, "validation", "lower n_train below 300"),
        (40, "validation", "n_validation=260 fits beside n_train=40"),
    ],
)
def test_too_small_training_data_says_which_sizes_fit(sst2_train, n_train, eval_on, hint):
    # scoring on test, n_train=400 of 300 rows was told "lower n_train below 300", though 300 fits beside no split
    with pytest.raises(ValueError) as refused:
        evaluate(
            sst2_train.select(range(300)), sst2_train.select(range(300, 400)), swap_augmentation, n_train=n_train,
            n_validation=1000, eval_on=eval_on, seeds=1,
        )
    assert str(refused.value) == (
        f"the training data has 300 rows, which cannot hold n_train={n_train} plus a validation split of "
        f"n_validation=1000; lower them ({hint})"
    )


def test_sweep_help_gives_the_defaults_the_docs_give(capsys):
    # --seeds, --n-validation, --classifiers and --cache-dir had no help, --n-train no default
    with pytest.raises(SystemExit):
        load_sweep().parse_args(["--help"])
    described = " ".join(capsys.readouterr().out.split())
    for option in [
        "--classifiers {tfidf-lr,minilm-lr,minilm-ft} [{tfidf-lr,minilm-lr,minilm-ft} ...] classifiers to score each "
        "candidate with (default: tfidf-lr minilm-lr) ",
        "--n-train N_TRAIN training rows per seed, at least one per class (default 500) ",
        "--seeds SEEDS number of seeds (default 3) ",
        "--n-validation N_VALIDATION rows of the validation split (default 1000) ",
        "--cache-dir CACHE_DIR on-disk cache of sentence embeddings (default $HFAUG_EMBEDDING_CACHE or ",
    ]:
        assert option in described


def test_eval_help_gives_the_classifier_default_the_docs_give():
    # --classifier had no help
    done = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=300)
    described = " ".join(done.stdout.split())
    assert "--classifier {tfidf-lr,minilm-lr,minilm-ft} classifier to train and score (default tfidf-lr) " in described
