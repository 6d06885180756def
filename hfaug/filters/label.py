"""Label-consistency filter: drop augmented texts that no longer read as their label."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug import provenance
from hfaug.augmenter.arguments import check_count
from hfaug.errors import ModelNotFound
from hfaug.filters.base import UNJUDGED, Candidates, Filter, Verdict, check_fraction
from hfaug.filters.classifiers import (
    classifier_names,
    classifier_revision,
    fitting,
    load_classifier,
    make_classifier,
)
from hfaug.filters.embeddings import DEFAULT_MODEL, warn_unread
from hfaug.labels import fractional_labels, is_null_label, labelled_rows, several_labels

logger = logging.getLogger(__name__)
PROGRESS_ROWS = 1000
"""Originals from which the folds show a progress bar (one fit per fold can take minutes)."""
EMPTY_VOCABULARY = "empty vocabulary"
"""How scikit-learn's TF-IDF features start to say that the texts they are fitted on hold no word they count."""


class LabelConsistency(Filter):
    """Drop augmented rows that a classifier reads as another label than their own (reason
    ``label_changed``), or, with ``min_confidence``, whose own label gets a probability below
    it (reason ``low_confidence``).

    The classifier is cross-fitted: the originals are split into ``folds`` groups (by label,
    then by source id, so the split does not depend on row order) and each copy is judged by
    a classifier trained on the groups that do not hold its source. A classifier that had
    seen the source would read almost every copy of it as the source's label. Copies of a
    source that its own classifier misreads are kept: there the classifier cannot tell what
    the augmentation changed (the report's ``rows_unjudged`` counts them, with copies of a fold
    whose training originals hold fewer than two labels). Each classifier is fitted on its
    originals in source-id order, so the verdicts do not depend on row order. ``folds=1``
    trains one classifier on every original instead.

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
    resolved_from = {"revision": ("classifier",)}
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
            min_confidence = check_fraction("label_consistency", "min_confidence", min_confidence)
        folds = check_count("label_consistency", "folds", folds, optional=False)
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

    def check_labels(self, labels: Sequence[Any], label_column: str, *, split: str | None = None) -> None:
        """Refuse labels no classifier learns from: several per row, nulls (None or NaN), numbers
        that are not whole (not classes), or fewer than two distinct ones; errors name the
        ``split`` when given. No labels at all (an empty split) leave nothing to judge."""
        labels = list(labels)
        if not labels:
            return
        column = _column_named(label_column, split)
        _refuse_label_lists(labels, column)
        _refuse_null_labels(labels, label_column, column, split)
        _refuse_fractions(labels, label_column, column)
        if len(set(labels)) < 2:
            remedy = "remove this filter for single-label data" if split is None else _leave_out()
            raise ValueError(
                f"label_consistency: {column} holds fewer than two labels, so no classifier can be trained on it; "
                f"{remedy}"
            )

    def judge(self, candidates: Candidates) -> list[Verdict]:
        _refuse_unlearned_labels(candidates.labels or [], candidates.original_labels or [])
        self.load()  # before any fit: a missing package or model is told as such, not as an ImportError deep in one
        if self.classifier == "minilm-lr":
            warn_unread(
                logger, "label_consistency (minilm-lr)", candidates.texts, candidates.sources, DEFAULT_MODEL,
                revision=self.revision,
            )
        # the originals come by source id, so each classifier is fitted on them in an order that rows do not change
        labels = candidates.original_labels or []
        ids, copy_labels = candidates.original_ids, candidates.labels or []
        if self.folds == 1:
            return self._verdicts(candidates.originals, labels, candidates.texts, copy_labels)
        fold_of = _folds(ids, labels, self.folds)
        copy_folds = [fold_of[source] for source in candidates.source_ids]
        verdicts: list[Verdict] = [UNJUDGED] * len(candidates)
        for fold in hf_tqdm(
            range(self.folds), desc="hfaug: label_consistency (one classifier per fold)", unit=" folds",
            disable=len(ids) < PROGRESS_ROWS,
        ):
            rows = [row for row, copy_fold in enumerate(copy_folds) if copy_fold == fold]
            held_out = [index for index, source in enumerate(ids) if fold_of[source] == fold]
            train = [index for index, source in enumerate(ids) if fold_of[source] != fold]
            if not rows or len({labels[index] for index in train}) < 2:
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
                if candidates.source_ids[row] not in misread:  # else the classifier misreads the source itself
                    verdicts[row] = verdict
        unjudged = verdicts.count(UNJUDGED)
        if unjudged:
            logger.info(
                "label_consistency: %d of %d copies kept unjudged (their source is misread by the classifier "
                "that did not see it)", unjudged, len(candidates)
            )
        return verdicts

    def _verdicts(
        self, train_texts: list[str], train_labels: Sequence[Any], texts: list[str], labels: Sequence[Any]
    ) -> list[Verdict]:
        """A classifier fitted on ``train_texts``' verdict on each of ``texts`` against its label."""
        with fitting():
            pinned = {} if self.revision is None else {"revision": self.revision}
            model = _fitted(make_classifier(self.classifier, **pinned), self.classifier, train_texts, train_labels)
            probabilities = model.predict_proba(texts)
        classes = list(model.classes_)
        verdicts: list[Verdict] = []
        for label, row in zip(labels, probabilities):
            if classes[int(np.argmax(row))] != label:
                verdicts.append("label_changed")
            elif self.min_confidence is not None and row[classes.index(label)] < self.min_confidence:
                verdicts.append("low_confidence")
            else:
                verdicts.append(None)
        return verdicts


def _fitted(model: Any, name: str, texts: list[str], labels: Sequence[Any]) -> Any:
    """The text classifier ``model`` (registered as ``name``) fitted on ``texts``; a ``ValueError`` saying what to do
    when its TF-IDF features find no word in them (emoji, single characters)."""
    try:
        return model.fit(texts, list(labels))
    except ValueError as error:
        if not str(error).startswith(EMPTY_VOCABULARY):
            raise
        raise ValueError(
            f"label_consistency: the text classifier {name!r} found nothing to learn in the {len(texts)} originals it "
            f"was fitted on ({error}): TF-IDF counts words of two or more letters or digits, which these texts lack "
            "(emoji, single characters); remove this filter, or pass a classifier that reads such texts "
            "(hfaug.filters.classifiers.register_classifier adds one)"
        ) from error


def _column_named(label_column: str, split: str | None) -> str:
    """How errors name the labels: ``label column 'label'``, of split ``split`` when given."""
    return f"label column {label_column!r}" + ("" if split is None else f" of split {split!r}")


def _leave_out() -> str:
    """How to go on without the labels of one split of a recipe's data."""
    return "leave that split out of the recipe's 'splits' field (it is then written as it is), or remove this filter"


def _refuse_label_lists(labels: list[Any], column: str) -> None:
    """Refuse rows holding several labels (a list, as multi-label data stores them): the classifier reads one."""
    problem = several_labels(labels, column)
    if problem is not None:
        raise ValueError(
            f"label_consistency: {problem}; pass label_column=<a column with one label per row>, or remove this "
            "filter for multi-label data"
        )


def _refuse_null_labels(labels: list[Any], label_column: str, column: str, split: str | None) -> None:
    """Refuse None and NaN labels (NaN: how pandas stores a missing number), saying how to drop those rows."""
    nulls = [label for label in labels if is_null_label(label)]
    if nulls:
        remedy = "or remove this filter" if split is None else _leave_out()
        raise ValueError(
            f"label_consistency: {column} is null in {len(nulls)} of {len(labels)} rows, and no classifier learns "
            f"from those; drop or fill those rows before augmenting (e.g. ds.filter(lambda row: "
            f"{labelled_rows(label_column, nulls)})), {remedy}"
        )


def _refuse_unlearned_labels(labels: Sequence[Any], original_labels: Sequence[Any]) -> None:
    """Refuse copies whose label (of ``labels``) no original has (``original_labels``), set after augmenting
    (``hfaug.augment`` gives each copy its source's): no classifier fitted on the originals reads a text as that
    label, so dropping them as ``label_changed`` would judge the label, not the text."""
    known = set(original_labels)
    unlearned = [label for label in labels if label not in known]
    if unlearned:
        raise ValueError(
            f"label_consistency: {len(unlearned)} of {len(labels)} augmented rows ({provenance.COPY} > 0) have labels "
            f"no original has ({', '.join(map(repr, sorted(set(unlearned), key=repr)))}), so no classifier trained on "
            "the originals can judge them; give them their source's label (hfaug.augment copies it), or drop them "
            "before filtering"
        )


def _refuse_fractions(labels: list[Any], label_column: str, column: str) -> None:
    """Refuse numbers that are not whole (0.25, a score): classifiers learn classes. Whole ones (1.0) are classes."""
    problem = fractional_labels(labels, label_column, column)
    if problem is not None:
        raise ValueError(
            f"label_consistency: {problem} before augmenting; for scores (a regression target), remove this filter, "
            "which judges classes only"
        )


def _folds(source_ids: Sequence[str], labels: Sequence[Any], folds: int) -> dict[str, int]:
    """Source id -> fold: within each label, sources in id order are dealt to the folds in turn."""
    by_label: dict[Any, list[str]] = {}
    for source, label in zip(source_ids, labels):
        by_label.setdefault(label, []).append(source)
    return {
        source: rank % folds for sources in by_label.values() for rank, source in enumerate(sorted(sources))
    }
