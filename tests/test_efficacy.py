"""The efficacy harness: stratified subsets, a validation split carved from training data,
the result schema of ``scripts/eval_efficacy.py``, and the one-line user errors of it and of
``scripts/sweep_efficacy.py``."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from datasets import concatenate_datasets

import hfaug
from hfaug.efficacy import VALIDATION_SEED, evaluate, format_table, stratified_indices

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
SCRIPT = SCRIPTS / "eval_efficacy.py"
SUMMARY_KEYS = {"baseline", "augmented", "delta", "baseline_std", "augmented_std", "delta_std", "seeds", "settings"}
SEED_KEYS = {"seed", "baseline", "augmented", "delta", "train_rows", "augmented_rows"}


def swap_augmentation(subset, seed):
    return hfaug.augment(subset, hfaug.get("eda.swap", alpha=0.2, seed=seed), n=2, keep_original=True)


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


def test_too_large_a_sample_is_an_error():
    with pytest.raises(ValueError, match="cannot draw 11 rows: 10 rows are available"):
        stratified_indices([0, 1] * 5, 11, seed=0)


@pytest.mark.slow
def test_evaluate_reports_means_and_per_seed_figures_in_points(sst2_train):
    result = evaluate(sst2_train, None, swap_augmentation, n_train=60, seeds=2, eval_on="validation", n_validation=100)
    assert set(result) == SUMMARY_KEYS
    assert [set(row) for row in result["seeds"]] == [SEED_KEYS, SEED_KEYS]
    assert [row["seed"] for row in result["seeds"]] == [0, 1]
    assert all(row["train_rows"] == 60 and 60 < row["augmented_rows"] <= 180 for row in result["seeds"])
    for key in ("baseline", "augmented", "delta"):
        assert result[key] == round(sum(row[key] for row in result["seeds"]) / 2, 2)
    assert all(30 < row["baseline"] <= 100 for row in result["seeds"])
    assert result["settings"]["eval_rows"] == 100
    later = evaluate(
        sst2_train, None, swap_augmentation, n_train=60, seeds=1, first_seed=1, eval_on="validation", n_validation=100
    )
    assert later["seeds"] == result["seeds"][1:]
    assert later["settings"]["first_seed"] == 1


def test_negative_first_seed_is_an_error(sst2_train):
    with pytest.raises(ValueError, match="first_seed must be 0 or more, got -1"):
        evaluate(sst2_train, None, swap_augmentation, first_seed=-1, eval_on="validation")


def test_fewer_training_rows_than_classes_is_an_error(trec_train):
    with pytest.raises(ValueError, match="n_train=3 is fewer rows than the training data's 6 classes.*raise it to 6"):
        evaluate(trec_train, None, swap_augmentation, n_train=3, seeds=1, eval_on="validation", n_validation=100)


def test_evaluating_on_validation_without_a_validation_split_says_to_raise_it(sst2_train):
    with pytest.raises(ValueError, match="n_validation=0 carves none; raise it"):
        evaluate(sst2_train, None, swap_augmentation, n_train=60, seeds=1, eval_on="validation", n_validation=0)


def test_evaluate_on_test_needs_test_data(sst2_train):
    with pytest.raises(ValueError, match="eval_on='test' needs the test data"):
        evaluate(sst2_train, None, swap_augmentation, n_train=60, seeds=1)


def test_c_is_refused_for_fine_tuning(sst2_train):
    with pytest.raises(ValueError, match="C applies to the logistic regressions"):
        evaluate(sst2_train, None, swap_augmentation, classifier="minilm-ft", C=1.0, n_train=8, eval_on="validation")


def test_equal_steps_is_refused_for_the_logistic_regressions(sst2_train):
    with pytest.raises(ValueError, match="equal_steps applies to fine-tuning"):
        evaluate(sst2_train, None, swap_augmentation, equal_steps=True, n_train=8, eval_on="validation")


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
    assert result["settings"]["eval_on"] == "test" and result["settings"]["eval_rows"] == 100
    assert result["settings"]["recipe"]["seed"] == 7


@pytest.mark.slow
def test_script_selects_on_validation_without_test_data(tiny_files):
    out = tiny_files / "result.json"
    done = run_script(tiny_files, "--select-on", "validation", "--n-validation", "100", "--json", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["settings"]["eval_rows"] == 100


def test_script_says_when_the_training_data_is_too_small(tiny_files):
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"))
    assert done.returncode == 2
    assert "the training data has 300 rows, which cannot hold n_train=40 plus a validation split of n_validation=1000" in done.stderr


def test_script_refuses_fewer_training_rows_than_classes_in_one_line(tiny_files):
    done = run_script(tiny_files, "--test", str(tiny_files / "test.jsonl"), "--n-validation", "100", "--n-train", "1")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: n_train=1 is fewer rows than the training data's 2 classes, and a class-stratified subset needs at "
        "least one row of each; raise it to 2 or more"
    ]


def test_script_without_test_data_says_what_to_pass(tiny_files):
    done = run_script(tiny_files)
    assert done.returncode == 2
    assert "--test is required unless --eval-on validation" in done.stderr


@pytest.mark.slow
def test_minilm_lr_uses_the_embedding_cache(sst2_train, tmp_path):
    result = evaluate(
        sst2_train, None, swap_augmentation, classifier="minilm-lr", n_train=40, seeds=1,
        eval_on="validation", n_validation=60, cache_dir=str(tmp_path),
    )
    assert 40 < result["baseline"] <= 100
    assert (tmp_path / "embeddings.sqlite").stat().st_size > 60 * 384 * 4


@pytest.mark.slow
def test_minilm_ft_fine_tunes_with_trainer(sst2_train):
    result = evaluate(
        sst2_train, None, lambda subset, seed: subset, classifier="minilm-ft", n_train=8, seeds=1,
        eval_on="validation", n_validation=16,
    )
    assert 0 <= result["baseline"] <= 100
    assert result["delta"] == 0  # no augmentation, same seed: fine-tuning is reproducible


@pytest.mark.slow
def test_equal_steps_fine_tunes_the_baseline_as_long_as_the_augmented_run(sst2_train):
    def doubled(subset, seed):
        return concatenate_datasets([subset, subset])

    lines = []
    result = evaluate(
        sst2_train, None, doubled, classifier="minilm-ft", n_train=8, seeds=1, eval_on="validation",
        n_validation=16, equal_steps=True, progress=lines.append,
    )
    assert result["seeds"][0]["baseline_epochs"] == 8.0  # 4 epochs x 16 rows / 8 rows
    assert result["settings"]["equal_steps"] is True
    assert lines[0].endswith("(8 -> 16 rows, baseline fine-tuned for 8.0 epochs)")


def run_sweep(capsys: pytest.CaptureFixture[str], tiny_files: Path, grid: str, *args: str) -> tuple[int, str]:
    """Run ``scripts/sweep_efficacy.py`` on the tiny training file with ``grid``: exit status and last stderr line."""
    (tiny_files / "grid.yaml").write_text(grid, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("sweep_efficacy", SCRIPTS / "sweep_efficacy.py")
    sweep = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sweep)
    with pytest.raises(SystemExit) as stopped:
        sweep.main(
            ["--grid", str(tiny_files / "grid.yaml"), "--train", str(tiny_files / "train.jsonl"), "--classifiers",
             "tfidf-lr", "--n-train", "40", "--n-validation", "100", "--seeds", "1", *args]
        )
    return stopped.value.code, capsys.readouterr().err.splitlines()[-1]


GRID = "base: {column: text, label_column: label, seed: 0}\ncandidates:\n  swap-x2: {augmenters: [eda.swap], n: 2}\n"


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
    ],
    ids=["missing grid", "no seeds", "no candidates", "too few rows", "column not in the data"],
)
def test_sweep_user_errors_are_one_line_and_exit_2(capsys, tiny_files, grid, args, message):
    code, line = run_sweep(capsys, tiny_files, grid, *args)
    assert code == 2
    assert message in line


@pytest.mark.parametrize(("content", "what"), [("[{\"delta\": 1", "is not JSON"), ("{\"delta\": 1}", "does not hold a list of results")])
def test_sweep_refuses_a_json_file_it_did_not_write_and_leaves_it_alone(capsys, tiny_files, content, what):
    results = tiny_files / "results.json"
    results.write_text(content, encoding="utf-8")
    code, line = run_sweep(capsys, tiny_files, GRID, "--json", str(results))
    assert code == 2 and line.startswith(f"error: --json {str(results)!r} {what}")
    assert results.read_text(encoding="utf-8") == content
