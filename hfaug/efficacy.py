"""Does augmentation help? Train a classifier on a small labelled subset with and without
augmentation, over several seeds, and compare accuracies.

For each seed a class-stratified subset of ``n_train`` rows is drawn from the training data,
a classifier is trained on it (the baseline) and on its augmented version, and both are
scored on the evaluation data. To choose augmentation settings without looking at test
labels, evaluate on ``validation``: a fixed, class-stratified split carved from the training
data before any subset is drawn (the subsets never contain its rows), then report ``test``.

Classifiers (see :mod:`hfaug.filters.classifiers`): ``tfidf-lr`` and ``minilm-lr`` run on
CPU in minutes; ``minilm-ft`` fine-tunes MiniLM with `transformers.Trainer` (GPU when
available).
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from datasets import Dataset

from hfaug.filters.classifiers import make_classifier, single_threaded_blas
from hfaug.filters.embeddings import DEFAULT_MODEL, resolve_model

CLASSIFIERS: tuple[str, ...] = ("tfidf-lr", "minilm-lr", "minilm-ft")
EVAL_SPLITS: tuple[str, ...] = ("test", "validation")
VALIDATION_SEED = 20240
"""Seed of the validation split, fixed so every run carves the same one."""
FINE_TUNING_EPOCHS = 4.0
"""Epochs of ``minilm-ft`` over the (augmented) training rows."""

Augmentation = Callable[[Dataset, int], Dataset]
"""``augmentation(subset, seed)``: the augmented training rows for one seed's subset."""


@dataclass(frozen=True)
class Split:
    """Texts and labels of one split."""

    texts: list[str]
    labels: list[Any]

    @classmethod
    def of(cls, dataset: Dataset, text_column: str = "text", label_column: str = "label") -> Split:
        data = dataset.select_columns([text_column, label_column]).to_dict()
        return cls(data[text_column], data[label_column])


def stratified_indices(labels: Sequence[Any], size: int, seed: int, exclude: Sequence[int] = ()) -> list[int]:
    """Indices of a class-stratified random sample of ``size`` rows, avoiding ``exclude``.

    Each class gets its share of ``size`` (see :func:`class_counts`), drawn at random.
    The result is sorted, so the subset keeps the data's order.
    """
    excluded = set(exclude)
    pool = [index for index in range(len(labels)) if index not in excluded]
    if not 0 < size <= len(pool):
        raise ValueError(f"cannot draw {size} rows: {len(pool)} rows are available")
    rng = np.random.default_rng(seed)
    classes = sorted({labels[index] for index in pool}, key=repr)
    members = {label: [index for index in pool if labels[index] == label] for label in classes}
    counts = class_counts({label: len(members[label]) for label in classes}, size)
    chosen = [int(index) for label in classes for index in rng.permutation(members[label])[: counts[label]]]
    return sorted(chosen)


def class_counts(sizes: dict[Any, int], size: int) -> dict[Any, int]:
    """Rows per class in a sample of ``size`` from classes of ``sizes`` rows: each class's share
    (largest remainders break ties), and at least one row per class when ``size`` allows (a class
    left out takes one from the class with the most)."""
    total = sum(sizes.values())
    exact = {label: size * count / total for label, count in sizes.items()}
    counts = {label: int(share) for label, share in exact.items()}
    by_remainder = sorted(sizes, key=lambda label: (-(exact[label] - counts[label]), repr(label)))
    for label in by_remainder[: size - sum(counts.values())]:
        counts[label] += 1
    if size >= len(sizes):
        for label in [label for label in sizes if counts[label] == 0]:
            counts[max(counts, key=counts.__getitem__)] -= 1
            counts[label] = 1
    return counts


def check_sizes(labels: Sequence[Any], *, n_train: int, n_validation: int, eval_on: str) -> None:
    """Refuse a training subset or validation split that the training data (its ``labels``) cannot hold."""
    if n_validation < 0:
        raise ValueError(f"n_validation must be 0 or more, got {n_validation}")
    if eval_on == "validation" and n_validation == 0:
        raise ValueError(
            "evaluating on validation needs a validation split carved from the training data, and "
            "n_validation=0 carves none; raise it (default 1000)"
        )
    if n_train + n_validation > len(labels):
        raise ValueError(
            f"the training data has {len(labels)} rows, which cannot hold n_train={n_train} plus a validation "
            f"split of n_validation={n_validation}; lower them"
        )
    classes = len(set(labels))
    if n_train < classes:
        raise ValueError(
            f"n_train={n_train} is fewer rows than the training data's {classes} classes, and a class-stratified "
            f"subset needs at least one row of each; raise it to {classes} or more"
        )


def fit_and_score(
    classifier: str,
    train: Split,
    evaluation: Split,
    *,
    seed: int,
    cache_dir: str | None,
    C: float | None = None,
    epochs: float = FINE_TUNING_EPOCHS,
) -> float:
    """Accuracy (in [0, 1]) on ``evaluation`` of ``classifier`` trained on ``train`` (``epochs``: ``minilm-ft`` only)."""
    if classifier == "minilm-ft":
        return fine_tune_and_score(train, evaluation, seed=seed, epochs=epochs)
    params: dict[str, Any] = {} if C is None else {"C": C}
    if classifier == "minilm-lr":
        params["cache_dir"] = cache_dir
    model = make_classifier(classifier, **params)
    with single_threaded_blas():
        model.fit(train.texts, train.labels)
        predictions = model.predict(evaluation.texts)
    return float(np.mean(np.asarray(predictions) == np.asarray(evaluation.labels)))


def fine_tune_and_score(
    train: Split,
    evaluation: Split,
    *,
    seed: int,
    model: str = DEFAULT_MODEL,
    epochs: float = FINE_TUNING_EPOCHS,
    learning_rate: float = 5e-5,
    batch_size: int = 32,
) -> float:
    """Fine-tune a sentence encoder (with a fresh classification head) using `transformers.Trainer`."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments, set_seed

    classes = sorted(set(train.labels) | set(evaluation.labels), key=repr)
    index = {label: number for number, label in enumerate(classes)}
    path = resolve_model(model)
    tokenizer = AutoTokenizer.from_pretrained(path)
    set_seed(seed)  # the new classification head's initial weights
    network = AutoModelForSequenceClassification.from_pretrained(path, num_labels=len(classes))

    def encoded(split: Split) -> Dataset:
        rows = Dataset.from_dict({"text": split.texts, "labels": [index[label] for label in split.labels]})
        return rows.map(lambda batch: tokenizer(batch["text"], truncation=True, max_length=128), batched=True)

    with tempfile.TemporaryDirectory(prefix="hfaug-efficacy-") as output_dir:
        arguments = TrainingArguments(
            output_dir=output_dir,
            num_train_epochs=epochs,
            learning_rate=learning_rate,
            per_device_train_batch_size=batch_size,
            per_device_eval_batch_size=128,
            warmup_steps=0.1,
            seed=seed,
            save_strategy="no",
            report_to="none",
            disable_tqdm=True,
            dataloader_pin_memory=torch.cuda.is_available(),
        )
        trainer = Trainer(model=network, args=arguments, train_dataset=encoded(train), processing_class=tokenizer)
        trainer.train()
        predictions = trainer.predict(encoded(evaluation)).predictions
    gold = np.asarray([index[label] for label in evaluation.labels])
    return float(np.mean(predictions.argmax(-1) == gold))


def evaluate(
    train: Dataset,
    test: Dataset | None,
    augmentation: Augmentation,
    *,
    n_train: int = 500,
    classifier: str = "tfidf-lr",
    seeds: int = 5,
    first_seed: int = 0,
    eval_on: Literal["test", "validation"] = "test",
    n_validation: int = 1000,
    text_column: str = "text",
    label_column: str = "label",
    cache_dir: str | None = None,
    C: float | None = None,
    equal_steps: bool = False,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Accuracy with and without augmentation, per seed and on average (percentage points).

    Args:
        train (`Dataset`): The training data the subsets (and the validation split) are drawn from.
        test (`Dataset`, *optional*): The test data (needed when ``eval_on="test"``).
        augmentation (`Callable[[Dataset, int], Dataset]`): Returns the augmented training rows of
            a subset for a seed (originals included when they should be trained on).
        n_train (`int`, defaults to 500): Rows per training subset, at least one per class.
        classifier (`str`, defaults to `"tfidf-lr"`): One of ``tfidf-lr``, ``minilm-lr``, ``minilm-ft``.
        seeds (`int`, defaults to 5): Number of subsets (seeds ``first_seed .. first_seed+seeds-1``).
        first_seed (`int`, defaults to 0): The first seed; a later run can add seeds to an earlier one.
        eval_on (`str`, defaults to `"test"`): Score on the `"test"` data or on the `"validation"`
            split carved from ``train``.
        n_validation (`int`, defaults to 1000): Rows of the validation split; they are never trained on,
            also when evaluating on test, so that both evaluations see the same training subsets
            (0 carves none).
        text_column (`str`, defaults to `"text"`): The text column.
        label_column (`str`, defaults to `"label"`): The label column.
        cache_dir (`str`, *optional*): On-disk cache of sentence embeddings (``minilm-lr``).
        C (`float`, *optional*): Inverse regularisation strength of the logistic regression
            (``tfidf-lr``, ``minilm-lr``); defaults to the classifier's (chosen on validation data).
        equal_steps (`bool`, defaults to `False`): ``minilm-ft`` only: fine-tune the baseline for as
            many optimisation steps as the augmented run (its epochs times augmented rows / rows),
            so that a gain is not merely the longer training that more rows bring.
        progress (`Callable[[str], None]`, *optional*): Called with one line per finished seed.

    Returns:
        `dict`: ``baseline``, ``augmented`` and ``delta`` (means over seeds, in points), their
        ``*_std`` (sample standard deviation), ``seeds`` (the same three figures, and the row
        counts, per seed) and ``settings``.

    Example:
        >>> result = evaluate(train, test, lambda subset, seed: hfaug.augment(subset, hfaug.EDA(seed=seed), n=4))
        >>> result["delta"]
        1.7
    """
    if classifier not in CLASSIFIERS:
        raise ValueError(f"classifier must be one of {CLASSIFIERS}, got {classifier!r}")
    if eval_on not in EVAL_SPLITS:
        raise ValueError(f"eval_on must be one of {EVAL_SPLITS}, got {eval_on!r}")
    if eval_on == "test" and test is None:
        raise ValueError("eval_on='test' needs the test data; pass test=... or eval_on='validation'")
    if C is not None and classifier == "minilm-ft":
        raise ValueError("C applies to the logistic regressions (tfidf-lr, minilm-lr), not to minilm-ft; drop it")
    if equal_steps and classifier != "minilm-ft":
        raise ValueError(
            f"equal_steps applies to fine-tuning (minilm-ft); {classifier} is fitted to convergence: drop it"
        )
    if seeds < 1:
        raise ValueError(f"seeds must be at least 1, got {seeds}")
    if first_seed < 0:
        raise ValueError(f"first_seed must be 0 or more, got {first_seed}")
    labels = list(train[label_column])
    check_sizes(labels, n_train=n_train, n_validation=n_validation, eval_on=eval_on)
    held_out = stratified_indices(labels, n_validation, VALIDATION_SEED) if n_validation else []
    evaluation = Split.of(train.select(held_out) if eval_on == "validation" else test, text_column, label_column)
    columns = [text_column, label_column]

    per_seed = []
    for seed in range(first_seed, first_seed + seeds):
        subset = train.select(stratified_indices(labels, n_train, seed, exclude=held_out)).select_columns(columns)
        augmented = augmentation(subset, seed)
        options: dict[str, Any] = {"seed": seed, "cache_dir": cache_dir, "C": C}
        epochs = FINE_TUNING_EPOCHS * len(augmented) / len(subset) if equal_steps else FINE_TUNING_EPOCHS
        baseline = fit_and_score(classifier, Split.of(subset, *columns), evaluation, epochs=epochs, **options)
        boosted = fit_and_score(classifier, Split.of(augmented, *columns), evaluation, **options)
        per_seed.append(
            {
                "seed": seed,
                "baseline": _points(baseline),
                "augmented": _points(boosted),
                "delta": _points(boosted - baseline),
                "train_rows": len(subset),
                "augmented_rows": len(augmented),
                **({"baseline_epochs": round(epochs, 2)} if equal_steps else {}),
            }
        )
        if progress is not None:
            progress(_seed_line(per_seed[-1]))

    summary: dict[str, Any] = {}
    for key in ("baseline", "augmented", "delta"):
        values = [row[key] for row in per_seed]
        summary[key] = round(statistics.fmean(values), 2)
        summary[f"{key}_std"] = round(statistics.stdev(values), 2) if len(values) > 1 else 0.0
    summary["seeds"] = per_seed
    summary["settings"] = {
        "n_train": n_train,
        "classifier": classifier,
        "seeds": seeds,
        "first_seed": first_seed,
        "eval_on": eval_on,
        "eval_rows": len(evaluation.texts),
        "n_validation": n_validation,
        "C": C,
        "equal_steps": equal_steps,
    }
    return summary


def _points(accuracy: float) -> float:
    return round(100 * accuracy, 2)


def _seed_line(row: dict[str, Any]) -> str:
    epochs = f", baseline fine-tuned for {row['baseline_epochs']} epochs" if "baseline_epochs" in row else ""
    return (
        f"seed {row['seed']}: baseline {row['baseline']:.2f}  augmented {row['augmented']:.2f}  "
        f"delta {row['delta']:+.2f}  ({row['train_rows']} -> {row['augmented_rows']} rows{epochs})"
    )


def format_table(result: dict[str, Any]) -> str:
    """The result as a small text table (accuracy in %, mean and standard deviation over seeds)."""
    lines = [f"{'':<10}{'mean':>8}{'std':>8}"]
    for key in ("baseline", "augmented", "delta"):
        mean = f"{result[key]:+.2f}" if key == "delta" else f"{result[key]:.2f}"
        lines.append(f"{key:<10}{mean:>8}{result[key + '_std']:>8.2f}")
    return "\n".join(lines)
