"""Label-consistency filter: drop augmented texts that no longer read as their label."""

from __future__ import annotations

import logging
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug.errors import ModelNotFound
from hfaug.filters.base import Candidates, Filter, check_fraction
from hfaug.filters.classifiers import (
    classifier_names,
    classifier_revision,
    load_classifier,
    make_classifier,
    single_threaded_blas,
)

logger = logging.getLogger(__name__)
PROGRESS_ROWS = 1000
"""Originals from which the folds show a progress bar (one fit per fold can take minutes)."""


class LabelConsistency(Filter):
    """Drop augmented rows that a classifier reads as another label than their own (reason
    ``label_changed``), or, with ``min_confidence``, whose own label gets a probability below
    it (reason ``low_confidence``).

    The classifier is cross-fitted: the originals are split into ``folds`` groups (by label,
    then by source id, so the split does not depend on row order) and each copy is judged by
    a classifier trained on the groups that do not hold its source. A classifier that had
    seen the source would read almost every copy of it as the source's label. Copies of a
    source that its own classifier misreads are kept: there the classifier cannot tell what
    the augmentation changed. ``folds=1`` trains one classifier on every original instead.

    Args:
        classifier (`str`, defaults to `"tfidf-lr"`): A text classifier from
            :mod:`hfaug.filters.classifiers` (`"tfidf-lr"`; `"tfidf-sgd"`, far faster on data
            with dozens of labels; `"minilm-lr"`; or one added with `register_classifier`).
        min_confidence (`float`, *optional*): Also drop rows whose label's probability is below this.
        folds (`int`, defaults to 5): Groups of originals for cross-fitting; 1 to train on all of them.
        revision (`str`, *optional*): For a classifier with a model (``minilm-lr``), the model's
            revision (see :func:`hfaug.filters.classifiers.classifier_revision`); resolved when
            first needed when unset, and recorded in :meth:`config`, so another model gives a
            recipe's output another version id. A recorded revision that no longer matches is refused.

    Example:
        >>> flt = hfaug.filters.LabelConsistency(classifier="tfidf-lr")
        >>> kept, report = flt.apply(augmented, column="text", label_column="label")
    """

    name = "label_consistency"
    requires = ("sklearn",)
    output_packages = ("scikit-learn",)
    needs_labels = True

    def __init__(
        self, classifier: str = "tfidf-lr", min_confidence: float | None = None, folds: int = 5, revision: str | None = None
    ) -> None:
        if classifier not in classifier_names():
            raise ValueError(
                f"label_consistency: unknown classifier {classifier!r}; known: {', '.join(classifier_names())} "
                "(add one with hfaug.filters.classifiers.register_classifier)."
            )
        if min_confidence is not None:
            check_fraction("label_consistency", "min_confidence", min_confidence)
        if isinstance(folds, bool) or not isinstance(folds, int) or folds < 1:
            raise ValueError(f"label_consistency: folds must be an integer >= 1, got {folds!r}")
        if revision is not None and (not isinstance(revision, str) or not revision):
            raise ValueError(f"label_consistency: revision must be a model revision string or None, got {revision!r}")
        self.classifier = classifier
        self.min_confidence = min_confidence
        self.folds = folds
        self._requested_revision = revision
        self._revision: str | None = None

    @property
    def revision(self) -> str | None:
        """The revision of the classifier's model (resolved once); ``None`` for a classifier without one."""
        if self._revision is None:
            try:
                self._revision = classifier_revision(self.classifier, self._requested_revision)
            except (ModelNotFound, ValueError) as error:
                raise type(error)(f"label_consistency: {error}") from error
        return self._revision

    def load(self) -> None:
        """Load what the classifier needs now (``minilm-lr``: its embedding model, once per process) and pin it."""
        try:
            load_classifier(self.classifier)
        except ModelNotFound as error:
            raise ModelNotFound(f"label_consistency: {error}") from error
        self._revision = self.revision

    def check_labels(self, labels: Sequence[Any], label_column: str) -> None:
        """Refuse labels no classifier learns from: several per row, nulls (None or NaN), or fewer
        than two distinct ones. No labels at all (an empty split) leave nothing to judge."""
        labels = list(labels)
        if not labels:
            return
        _refuse_label_lists(labels, label_column)
        _refuse_null_labels(labels, label_column)
        if len(set(labels)) < 2:
            raise ValueError(
                f"label_consistency: label column {label_column!r} holds fewer than two labels, so no classifier "
                "can be trained on it; remove this filter for single-label data"
            )

    def judge(self, candidates: Candidates) -> list[str | None]:
        self.load()  # before any fit: a missing package or model is told as such, not as an ImportError deep in one
        labels = candidates.original_labels or []
        ids, copy_labels = candidates.original_ids, candidates.labels or []
        if self.folds == 1:
            return self._verdicts(candidates.originals, labels, candidates.texts, copy_labels)
        fold_of = _folds(ids, labels, self.folds)
        copy_folds = [fold_of[source] for source in candidates.source_ids]
        verdicts: list[str | None] = [None] * len(candidates)
        unjudged = 0
        for fold in hf_tqdm(
            range(self.folds), desc="hfaug: label_consistency (one classifier per fold)", unit=" folds",
            disable=len(ids) < PROGRESS_ROWS,
        ):
            rows = [row for row, copy_fold in enumerate(copy_folds) if copy_fold == fold]
            held_out = [index for index, source in enumerate(ids) if fold_of[source] == fold]
            train = [index for index, source in enumerate(ids) if fold_of[source] != fold]
            if not rows or len({labels[index] for index in train}) < 2:
                unjudged += len(rows)
                continue
            judged = self._verdicts(  # the copies, then the originals they were made from (each once)
                [candidates.originals[index] for index in train],
                [labels[index] for index in train],
                [candidates.texts[row] for row in rows] + [candidates.originals[index] for index in held_out],
                [copy_labels[row] for row in rows] + [labels[index] for index in held_out],
            )
            source_verdicts = zip(held_out, judged[len(rows) :])
            misread = {ids[index] for index, verdict in source_verdicts if verdict == "label_changed"}
            for row, verdict in zip(rows, judged[: len(rows)]):
                if candidates.source_ids[row] in misread:  # the classifier misreads the source itself
                    unjudged += 1
                else:
                    verdicts[row] = verdict
        if unjudged:
            logger.info(
                "label_consistency: %d of %d copies kept unjudged (their source is misread by the classifier "
                "that did not see it)", unjudged, len(candidates)
            )
        return verdicts

    def _verdicts(
        self, train_texts: list[str], train_labels: Sequence[Any], texts: list[str], labels: Sequence[Any]
    ) -> list[str | None]:
        """A classifier fitted on ``train_texts``' verdict on each of ``texts`` against its label."""
        with single_threaded_blas():
            pinned = {} if self.revision is None else {"revision": self.revision}
            model = make_classifier(self.classifier, **pinned).fit(train_texts, list(train_labels))
            probabilities = model.predict_proba(texts)
        classes = list(model.classes_)
        verdicts: list[str | None] = []
        for label, row in zip(labels, probabilities):
            if classes[int(np.argmax(row))] != label:
                verdicts.append("label_changed")
            elif self.min_confidence is not None and row[classes.index(label)] < self.min_confidence:
                verdicts.append("low_confidence")
            else:
                verdicts.append(None)
        return verdicts


def _refuse_label_lists(labels: list[Any], label_column: str) -> None:
    """Refuse rows holding several labels (a list, as multi-label data stores them): the classifier reads one."""
    several = next((label for label in labels if not isinstance(label, Hashable)), None)
    if several is not None:
        raise ValueError(
            f"label_consistency: label column {label_column!r} holds {type(several).__name__} values such as "
            f"{several!r}, but this filter needs one label per row (single-label classification); pass "
            "label_column=<a column with one label per row>, or remove this filter for multi-label data"
        )


def _refuse_null_labels(labels: list[Any], label_column: str) -> None:
    """Refuse None and NaN labels (NaN: how pandas stores a missing number), saying how to drop those rows."""
    nulls = [label for label in labels if is_null_label(label)]
    if nulls:
        keep = f"row[{label_column!r}] is not None"
        if any(label is not None for label in nulls):
            keep += f" and not math.isnan(row[{label_column!r}])"
        raise ValueError(
            f"label_consistency: label column {label_column!r} is null in {len(nulls)} of {len(labels)} rows, and no "
            "classifier learns from those; drop or fill those rows before augmenting (e.g. "
            f"ds.filter(lambda row: {keep})), or remove this filter"
        )


def is_null_label(label: Any) -> bool:
    """Whether ``label`` is missing: None, or NaN (how pandas stores a missing number)."""
    return label is None or (isinstance(label, (float, np.floating)) and bool(np.isnan(label)))


def _folds(source_ids: Sequence[str], labels: Sequence[Any], folds: int) -> dict[str, int]:
    """Source id -> fold: within each label, sources in id order are dealt to the folds in turn."""
    by_label: dict[Any, list[str]] = {}
    for source, label in zip(source_ids, labels):
        by_label.setdefault(label, []).append(source)
    return {
        source: rank % folds for sources in by_label.values() for rank, source in enumerate(sorted(sources))
    }
