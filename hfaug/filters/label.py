"""Label-consistency filter: drop augmented texts that no longer read as their label."""

from __future__ import annotations

from hfaug.filters.base import Candidates, Filter, check_fraction
from hfaug.filters.classifiers import classifier_names, make_classifier, single_threaded_blas


class LabelConsistency(Filter):
    """Drop augmented rows that a classifier trained on the original rows assigns to another
    label (reason ``label_changed``), or, with ``min_confidence``, whose own label gets a
    probability below it (reason ``low_confidence``).

    Args:
        classifier (`str`, defaults to `"tfidf-lr"`): A text classifier from
            :mod:`hfaug.filters.classifiers` (`"tfidf-lr"`, `"minilm-lr"`, or one added with
            `register_classifier`).
        min_confidence (`float`, *optional*): Also drop rows whose label's probability is below this.

    Example:
        >>> flt = hfaug.filters.LabelConsistency(classifier="tfidf-lr")
        >>> kept, report = flt.apply(augmented, column="text", label_column="label")
    """

    name = "label_consistency"
    needs_labels = True

    def __init__(self, classifier: str = "tfidf-lr", min_confidence: float | None = None) -> None:
        if classifier not in classifier_names():
            raise ValueError(
                f"label_consistency: unknown classifier {classifier!r}; known: {', '.join(classifier_names())} "
                "(add one with hfaug.filters.classifiers.register_classifier)."
            )
        if min_confidence is not None:
            check_fraction("label_consistency", "min_confidence", min_confidence)
        self.classifier = classifier
        self.min_confidence = min_confidence

    def judge(self, candidates: Candidates) -> list[str | None]:
        labels = candidates.original_labels or []
        if len(set(labels)) < 2:
            raise ValueError(
                "label_consistency: the original rows hold fewer than two labels, so no classifier can be "
                "trained on them; drop this filter for single-label data."
            )
        with single_threaded_blas():
            model = make_classifier(self.classifier).fit(candidates.originals, labels)
            probabilities = model.predict_proba(candidates.texts)
        classes = list(model.classes_)
        verdicts: list[str | None] = []
        for label, row in zip(candidates.labels or [], probabilities):
            if classes[int(row.argmax())] != label:
                verdicts.append("label_changed")
            elif self.min_confidence is not None and row[classes.index(label)] < self.min_confidence:
                verdicts.append("low_confidence")
            else:
                verdicts.append(None)
        return verdicts
