"""Does augmentation help? Train a classifier on a small labelled subset with and without
augmentation, over several seeds, and compare accuracies.

For each seed a class-stratified subset of ``n_train`` rows is drawn from the training data,
a classifier is trained on it (the baseline) and on its augmented version, and both are
scored on the evaluation data. To choose augmentation settings without looking at test
labels, evaluate on ``validation``: a fixed, class-stratified split carved from the training
data before any subset is drawn (it leaves every class a row; the subsets never contain its rows,
nor rows with the same texts), then report ``test``.

Classifiers (see :mod:`hfaug.filters.classifiers`): ``tfidf-lr`` and ``minilm-lr`` run on
CPU in minutes; ``minilm-ft`` fine-tunes MiniLM with `transformers.Trainer` (GPU when
available).
"""

from __future__ import annotations

import logging
import statistics
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from datasets import ClassLabel, Dataset

from hfaug.filters.classifiers import fitting, make_classifier
from hfaug.filters.duplicates import normalized
from hfaug.filters.embeddings import DEFAULT_MODEL, resolve_model
from hfaug.labels import fractional_labels, is_null_label, several_labels
from hfaug.text_columns import holds_text

CLASSIFIERS: tuple[str, ...] = ("tfidf-lr", "minilm-lr", "minilm-ft")
EVAL_SPLITS: tuple[str, ...] = ("test", "validation")
VALIDATION_SEED = 20240
"""Seed of the validation split, fixed so every run carves the same one."""
FINE_TUNING_EPOCHS = 4.0
"""Epochs of ``minilm-ft`` over the (augmented) training rows."""

Augmentation = Callable[[Dataset, int], Dataset]
"""``augmentation(subset, seed)``: the augmented training rows for one seed's subset."""

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Split:
    """Texts and labels of one split."""

    texts: list[str]
    labels: list[Any]

    @classmethod
    def of(
        cls, dataset: Dataset, text_column: str = "text", label_column: str = "label", names: ClassLabel | None = None
    ) -> Split:
        """The split of ``dataset``; with ``names`` (its label column's `ClassLabel`), labels as class names."""
        data = dataset.select_columns([text_column, label_column]).to_dict()
        labels = data[label_column]
        return cls(data[text_column], labels if names is None else names.int2str(labels))


def class_names(dataset: Dataset, other: Dataset, label_column: str = "label") -> ClassLabel | None:
    """The `ClassLabel` of ``dataset``'s labels when ``other``'s labels are names too (class labels or
    strings), so that both sides compare by name; `None` (labels as they are) otherwise."""
    feature = dataset.features[label_column]
    return feature if isinstance(feature, ClassLabel) and _has_names(other.features[label_column]) else None


def _has_names(feature: Any) -> bool:
    return isinstance(feature, ClassLabel) or holds_text(feature)


def stratified_indices(
    labels: Sequence[Any],
    size: int,
    seed: int,
    exclude: Sequence[int] = (),
    leave_one_per_class: bool = False,
    skip: Sequence[int] = (),
) -> list[int]:
    """Indices of a class-stratified random sample of ``size`` rows, avoiding ``exclude``.

    Each class gets its share of ``size`` (see :func:`class_counts`), drawn at random. With
    ``leave_one_per_class``, every class keeps a row out of the sample (a validation split carved
    so leaves every class to the training subsets): a share beyond that goes to the classes with
    the most rows to spare. Rows in ``skip`` count for the shares but are passed over when drawn
    (the next row in the random order is taken instead), so the sample is the one drawn without
    ``skip`` unless that held one of them. The result is sorted, so the subset keeps the data's order.
    """
    excluded = set(exclude)
    pool = [index for index in range(len(labels)) if index not in excluded]
    classes = sorted({labels[index] for index in pool}, key=repr)
    available = len(pool) - len(classes) if leave_one_per_class else len(pool)
    if not 0 < size <= available:
        leaving = " (leaving one row of each class)" if leave_one_per_class else ""
        raise ValueError(f"cannot draw {size} rows: {available} rows are available{leaving}")
    rng = np.random.default_rng(seed)
    members = {label: [index for index in pool if labels[index] == label] for label in classes}
    sizes = {label: len(members[label]) for label in classes}
    counts = class_counts(sizes, size)
    if leave_one_per_class:
        counts = within_room(counts, {label: sizes[label] - 1 for label in classes})
    skipped = set(skip)
    chosen = []
    for label in classes:
        drawn = [int(index) for index in rng.permutation(members[label]) if index not in skipped][: counts[label]]
        if len(drawn) < counts[label]:
            raise ValueError(
                f"cannot draw {counts[label]} rows of class {label!r}: only {len(drawn)} of its rows are neither "
                "excluded nor skipped"
            )
        chosen += drawn
    return sorted(chosen)


def within_room(counts: dict[Any, int], room: dict[Any, int]) -> dict[Any, int]:
    """``counts`` with no class over its ``room``; each row over goes to the class with the most room left."""
    capped = {label: min(count, room[label]) for label, count in counts.items()}
    for _ in range(sum(counts.values()) - sum(capped.values())):
        capped[max(capped, key=lambda label: room[label] - capped[label])] += 1
    return capped


def validation_indices(labels: Sequence[Any], size: int) -> list[int]:
    """The rows of the validation split: ``size`` rows, class-stratified, the same in every run, leaving every
    class a row to train on (none when ``size`` is 0)."""
    return stratified_indices(labels, size, VALIDATION_SEED, leave_one_per_class=True) if size else []


def rows_with_texts(texts: Sequence[str], chosen: set[str]) -> list[int]:
    """Indices of every row whose text is one of ``chosen``, up to case, Unicode form, apostrophes and whitespace
    (:func:`hfaug.filters.duplicates.normalized`: TREC's *Twin Cities* and *twin cities*, CLINC150's *that’s* and
    *that's*)."""
    wanted = {normalized(text, lowercase=True) for text in chosen}
    return [index for index, text in enumerate(texts) if normalized(text, lowercase=True) in wanted]


def class_counts(sizes: dict[Any, int], size: int) -> dict[Any, int]:
    """Rows per class in a sample of ``size`` from classes of ``sizes`` rows: each class's share
    (largest remainders break ties), and at least one row per class when ``size`` allows (a class
    left out takes one from the class of several rows furthest over its share)."""
    total = sum(sizes.values())
    exact = {label: size * count / total for label, count in sizes.items()}
    counts = {label: int(share) for label, share in exact.items()}
    by_remainder = sorted(sizes, key=lambda label: (-(exact[label] - counts[label]), repr(label)))
    for label in by_remainder[: size - sum(counts.values())]:
        counts[label] += 1
    if size >= len(sizes):
        for label in [label for label in sizes if counts[label] == 0]:
            donors = [donor for donor in counts if counts[donor] > 1]
            counts[max(donors, key=lambda donor: counts[donor] - exact[donor])] -= 1
            counts[label] = 1
    return counts


def _training_subset(labels: Sequence[Any], n_train: int, seed: int, held_out: list[int], skip: list[int]) -> list[int]:
    """The training subset of ``seed`` (:func:`stratified_indices`), out of the ``held_out`` validation rows and the
    rows to ``skip``: those that share a text with the validation split or the test data."""
    try:
        return stratified_indices(labels, n_train, seed, exclude=held_out, skip=skip)
    except ValueError as error:
        why = (
            f"{len(held_out)} training rows are the validation split and {len(skip) - len(held_out)} others share a "
            "text with it or with the test data: none is trained on"
        )
        unusable = set(skip) | set(held_out)
        usable = {labels[index] for index in range(len(labels)) if index not in unusable}
        untrainable = sorted({label for label in labels if label not in usable}, key=repr)
        if untrainable:
            more = f" and {len(untrainable) - 3} more" if len(untrainable) > 3 else ""
            named = ", ".join(map(repr, untrainable[:3])) + more
            classes = f"classes {named} have" if len(untrainable) > 1 else f"class {named} has"
            raise ValueError(
                f"{classes} no row to train on ({why}); leave such classes out of the training data, or drop the test "
                "rows that repeat their training texts"
            ) from None
        raise ValueError(f"{error} ({why}); lower n_train") from None


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
            f"split of n_validation={n_validation}; lower them ({_sizes_that_fit(len(labels), n_train, eval_on)})"
        )
    classes = len(set(labels))
    if classes < 2:
        raise ValueError(
            f"the training data has {classes} class{'' if classes == 1 else 'es'} in its label column; a classifier "
            "needs two or more: pass the column that holds the classes (--label-column)"
        )
    if n_train < classes:
        raise ValueError(
            f"n_train={n_train} is fewer rows than the training data's {classes} classes, and a class-stratified "
            f"subset needs at least one row of each; raise it to {classes} or more"
        )


def _sizes_that_fit(rows: int, n_train: int, eval_on: str) -> str:
    """What to lower when ``rows`` training rows cannot hold ``n_train`` plus the validation split: the split that
    fits beside ``n_train``, else the largest ``n_train`` (all rows when scoring on test, beside no split)."""
    room = rows - n_train
    if eval_on == "test" and room < 0:
        return f"lower n_train to {rows} or fewer, with n_validation=0: scoring on the test data, it may be 0"
    if room > 0 or eval_on == "test":
        may_be_0 = "; scoring on the test data, it may be 0" if room > 0 and eval_on == "test" else ""
        return f"n_validation={room} fits beside n_train={n_train}{may_be_0}"
    return f"lower n_train below {rows}"


def check_rows(dataset: Dataset, what: str, text_column: str = "text", label_column: str = "label") -> None:
    """Refuse rows that a classifier can neither learn from nor score: several labels in a row (multi-label
    data), numbers that are not whole (scores), null or blank texts, null (None, NaN, a `ClassLabel`'s -1)
    labels. ``what`` names ``dataset`` in the
    message (e.g. ``"the training data"``)."""
    texts, labels, feature = dataset[text_column], list(dataset[label_column]), dataset.features[label_column]
    column = f"label column {label_column!r}"
    several = several_labels(labels, column)
    if several is not None:
        raise ValueError(f"{what}: {several}; pass a label column with one label per row")
    problems = {
        "null texts": sum(text is None for text in texts),
        "blank texts": sum(isinstance(text, str) and not text.strip() for text in texts),
        "null labels (None, NaN or a ClassLabel's -1)": sum(is_null_label(label, feature) for label in labels),
    }
    found = [f"{problem} in {count}" for problem, count in problems.items() if count]
    if found:
        listed = f"{', '.join(found[:-1])} and {found[-1]}" if len(found) > 1 else found[0]
        raise ValueError(
            f"{what} has {listed} of its {len(texts)} rows (text column {text_column!r}, label column "
            f"{label_column!r}); a classifier can neither learn from nor score them: drop or fill those rows first"
        )
    fractions = fractional_labels(labels, label_column, column)
    if fractions is not None:
        raise ValueError(f"{what}: {fractions}")


def check_shared_labels(trained: Collection[Any], tested: Collection[Any]) -> None:
    """Refuse test labels that share no value with the training labels (every prediction would count as
    wrong, as when one side holds names and the other numbers); warn about those the training labels lack."""
    trained, tested = set(trained), set(tested)
    if not trained & tested:
        raise ValueError(
            f"the test data's labels share no value with the training data's (test: {_some(tested)}; training: "
            f"{_some(trained)}), so every prediction would count as wrong: give both the same kind of labels "
            "(names or numbers)"
        )
    unknown = tested - trained
    if unknown:
        logger.warning(
            "the training data lacks %d of the test data's %d label values (%s); test rows with such a label "
            "always count as wrong: leave them out of the test data, or give the training data rows of those classes",
            len(unknown),
            len(tested),
            _some(unknown),
        )


def _some(values: Collection[Any], shown: int = 5) -> str:
    ordered = sorted(values, key=repr)
    return ", ".join(map(repr, ordered[:shown])) + (", ..." if len(ordered) > shown else "")


def _check_augmented(augmented: Dataset, subset: Dataset, label_column: str, seed: int) -> None:
    """Refuse augmented training rows that leave out one of ``subset``'s classes (all rows, at worst): the
    recipe's filters or augmenters dropped them, and it kept no originals; the classifier would learn fewer classes."""
    lost = sorted(set(subset[label_column]) - set(augmented[label_column]), key=repr)
    if lost:
        raise ValueError(
            f"seed {seed}: the recipe left {len(augmented)} training rows, none of class(es) {_some(lost)} of the "
            f"{len(subset)} drawn; keep the originals (keep_original: true), or loosen its filters (its augmenters "
            "drop copies that cannot change when n > 1 or on_error is 'skip')"
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
    with fitting():
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
    assert isinstance(predictions, np.ndarray)  # the logits alone: the model returns no other outputs
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
        n_validation (`int`, defaults to 1000): Rows of the validation split; they (and rows with the
            same texts, or with a text of ``test`` when given, up to case, Unicode form and apostrophes) are never trained on, also when evaluating
            on test, so that both evaluations see the same training subsets (0 carves none).
        text_column (`str`, defaults to `"text"`): The text column; null or blank texts are refused.
        label_column (`str`, defaults to `"label"`): The label column; null labels are refused. A
            `ClassLabel` column is compared by class name with labels written as names; test labels
            that share no value with the training labels are refused.
        cache_dir (`str`, *optional*): On-disk cache of sentence embeddings (``minilm-lr``).
        C (`float`, *optional*): Inverse regularisation strength of the logistic regression
            (``tfidf-lr``, ``minilm-lr``); defaults to the classifier's (chosen on validation data).
        equal_steps (`bool`, defaults to `False`): ``minilm-ft`` only: fine-tune the baseline for as
            many optimisation steps as the augmented run (its epochs times augmented rows / rows),
            so that a gain is not merely the longer training that more rows bring.
        progress (`Callable[[str], None]`, *optional*): Called with one line per finished seed.

    Returns:
        `dict`: ``baseline`` and ``augmented`` (means over seeds, in points), ``delta`` (augmented
        minus baseline, as rounded), their ``*_std`` (sample standard deviation; None for one seed),
        ``seeds`` (the same three figures, and the row counts, per seed) and ``settings``. Figures
        are rounded to 2 decimals; means and standard deviations come from the unrounded accuracies.

    Example:
        >>> result = evaluate(train, test, lambda subset, seed: hfaug.augment(subset, hfaug.EDA(seed=seed), n=4))
        >>> result["delta"]
        1.7
    """
    _check_options(
        classifier, eval_on, has_test=test is not None, C=C, equal_steps=equal_steps, seeds=seeds, first_seed=first_seed
    )
    check_rows(train, "the training data", text_column, label_column)
    if eval_on == "test":
        check_rows(test, "the test data", text_column, label_column)
    labels = list(train[label_column])
    feature = train.features[label_column]
    # classes by name: a ClassLabel copy of data labelled with names draws the same rows
    classes = feature.int2str(labels) if isinstance(feature, ClassLabel) else labels
    check_sizes(classes, n_train=n_train, n_validation=n_validation, eval_on=eval_on)
    held_out = validation_indices(classes, n_validation)
    rows_of_evaluated_texts = _rows_of_evaluated_texts(train[text_column], held_out, test, text_column)
    columns = [text_column, label_column]
    evaluated = train.select(held_out) if eval_on == "validation" else test
    train_names = class_names(train, evaluated, label_column)
    evaluation = Split.of(evaluated, text_column, label_column, class_names(evaluated, train, label_column))
    if eval_on == "test":
        check_shared_labels(labels if train_names is None else classes, evaluation.labels)

    per_seed = []
    scores = []
    for seed in range(first_seed, first_seed + seeds):
        drawn = _training_subset(classes, n_train, seed, held_out, rows_of_evaluated_texts)
        subset = train.select(drawn).select_columns(columns)
        augmented = augmentation(subset, seed)
        _check_augmented(augmented, subset, label_column, seed)
        options: dict[str, Any] = {"seed": seed, "cache_dir": cache_dir, "C": C}
        epochs = FINE_TUNING_EPOCHS * len(augmented) / len(subset) if equal_steps else FINE_TUNING_EPOCHS
        baseline = fit_and_score(
            classifier, Split.of(subset, text_column, label_column, train_names), evaluation, epochs=epochs, **options
        )
        augmented_split = Split.of(augmented, text_column, label_column, train_names)
        boosted = fit_and_score(classifier, augmented_split, evaluation, **options)
        scores.append((baseline, boosted))
        per_seed.append(_seed_row(seed, baseline, boosted, subset, augmented, epochs if equal_steps else None))
        if progress is not None:
            progress(_seed_line(per_seed[-1]))

    summary: dict[str, Any] = summarize(scores)
    summary["seeds"] = per_seed
    summary["settings"] = {
        "n_train": n_train,
        "classifier": classifier,
        "seeds": seeds,
        "first_seed": first_seed,
        "eval_on": eval_on,
        "eval_rows": len(evaluation.texts),
        "n_validation": n_validation,
        "text_column": text_column,
        "label_column": label_column,
        "C": C,
        "equal_steps": equal_steps,
    }
    return summary


def _check_options(
    classifier: str, eval_on: str, *, has_test: bool, C: float | None, equal_steps: bool, seeds: int, first_seed: int
) -> None:
    """Refuse :func:`evaluate`'s options that are unknown, out of range or meaningless together."""
    if classifier not in CLASSIFIERS:
        raise ValueError(f"classifier must be one of {CLASSIFIERS}, got {classifier!r}")
    if eval_on not in EVAL_SPLITS:
        raise ValueError(f"eval_on must be one of {EVAL_SPLITS}, got {eval_on!r}")
    if eval_on == "test" and not has_test:
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


def _rows_of_evaluated_texts(
    texts: Sequence[str], held_out: list[int], test: Dataset | None, text_column: str
) -> list[int]:
    """The rows of ``texts`` (the training texts) whose text is that of a ``held_out`` (validation) row or a
    ``test`` row: never trained on, in either mode. A null test text (not refused when scoring on validation)
    is no training text."""
    evaluated_texts = {texts[index] for index in held_out} | (set(test[text_column]) if test is not None else set())
    return rows_with_texts(texts, evaluated_texts - {None})


def _seed_row(
    seed: int, baseline: float, boosted: float, subset: Dataset, augmented: Dataset, baseline_epochs: float | None
) -> dict[str, Any]:
    """One seed's entry of :func:`evaluate`'s ``seeds``: its figures and row counts, and the baseline's epochs
    when given (``equal_steps``)."""
    return {
        "seed": seed,
        **figures(100 * baseline, 100 * boosted),
        "train_rows": len(subset),
        "augmented_rows": len(augmented),
        **({"baseline_epochs": round(baseline_epochs, 2)} if baseline_epochs is not None else {}),
    }


def figures(baseline: float, augmented: float) -> dict[str, float]:
    """``baseline`` and ``augmented`` (accuracy in points) rounded to 2 decimals, and ``delta``: the
    difference of those, so that it reads as augmented minus baseline wherever they are shown."""
    shown = {"baseline": round(baseline, 2), "augmented": round(augmented, 2)}
    return {**shown, "delta": round(shown["augmented"] - shown["baseline"], 2)}


def summarize(scores: Sequence[tuple[float, float]]) -> dict[str, float | None]:
    """Over seeds' (baseline, augmented) accuracies in [0, 1]: the :func:`figures` of their means and the
    sample standard deviations (``*_std``) of the accuracies and of their differences, in points (None for
    one seed, which has none)."""
    points = {
        "baseline": [100 * baseline for baseline, _ in scores],
        "augmented": [100 * augmented for _, augmented in scores],
        "delta": [100 * (augmented - baseline) for baseline, augmented in scores],
    }
    means = figures(statistics.fmean(points["baseline"]), statistics.fmean(points["augmented"]))
    summary: dict[str, float | None] = {}
    for key, values in points.items():
        summary[key] = means[key]
        summary[f"{key}_std"] = round(statistics.stdev(values), 2) if len(values) > 1 else None
    return summary


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
        lines.append(f"{key:<10}{mean:>8}{shown_std(result[key + '_std']):>8}")
    return "\n".join(lines)


def shown_std(std: float | None) -> str:
    """A standard deviation of :func:`summarize` as printed: 2 decimals, or ``-`` for one seed's (none)."""
    return "-" if std is None else f"{std:.2f}"
