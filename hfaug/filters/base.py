"""The filter contract: drop augmented rows that are not good enough, and say why.

A filter looks only at augmented rows (``hfaug_copy > 0``) and judges each one against
the original row with the same ``hfaug_source_id``, which must still be in the dataset
(augment with ``keep_original=True``; drop the originals afterwards if you do not want
them). Originals are never dropped.
"""

from __future__ import annotations

import enum
import numbers
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from datasets import ClassLabel, Dataset, DatasetDict, IterableDataset, IterableDatasetDict

from hfaug import provenance
from hfaug.configurable import Configurable
from hfaug.errors import ColumnError, HfaugError
from hfaug.filters.embeddings import encoding_for, reusing_embeddings
from hfaug.labels import MISSING_CLASS, is_null_label, labelled_rows
from hfaug.pipeline.non_datasets import how_to_make_a_dataset, is_dict_of_splits
from hfaug.text_columns import holds_text

NOT_TEXT = "not_text"


class Unjudged(enum.Enum):
    """The type of :data:`UNJUDGED`."""

    KEPT = "kept unjudged"


UNJUDGED: Final = Unjudged.KEPT
"""The verdict of a filter that cannot judge a copy: the copy is kept, and counted in the report's
``rows_unjudged``."""
Verdict = str | Unjudged | None
"""A filter's verdict on a copy: ``None`` keeps it, a reason drops it, :data:`UNJUDGED` keeps it unjudged."""


@dataclass(frozen=True)
class Candidates:
    """The augmented rows a filter judges, each next to its source, in an order that does not
    depend on the dataset's row order.

    Args:
        texts (`list[str]`): Augmented texts, by source id, then copy number.
        sources (`list[str]`): The source (original) text of each augmented text.
        source_ids (`list[str]`): ``hfaug_source_id`` of each augmented text.
        labels (`list`, *optional*): Label of each augmented row (when a label column is given).
        source_labels (`list`, *optional*): Label of each augmented row's source.
        originals (`list[str]`): Every original text of the dataset (``hfaug_copy == 0``), by source id.
        original_labels (`list`, *optional*): Their labels.
        original_ids (`list[str]`): Their ``hfaug_source_id``.
    """

    texts: list[str]
    sources: list[str]
    source_ids: list[str]
    labels: list[Any] | None
    source_labels: list[Any] | None
    originals: list[str]
    original_labels: list[Any] | None
    original_ids: list[str]

    def __len__(self) -> int:
        return len(self.texts)


class Filter(Configurable):
    """Base class of filters: drop augmented rows by comparing each to its source row.

    Subclasses store every ``__init__`` parameter (plain, JSON-serialisable values) under an
    attribute of the same name and implement :meth:`judge`.

    Example:
        >>> flt = hfaug.filters.get("length_ratio", min_ratio=0.5, max_ratio=2.0)
        >>> kept, report = flt.apply(augmented, column="text")
        >>> report
        {'filter': 'length_ratio', 'config': {...}, 'rows_checked': 8, 'rows_dropped': 1, 'rows_unjudged': 0, ...}
    """

    needs_labels: ClassVar[bool] = False

    # ------------------------------------------------------------------ subclass API
    def judge(self, candidates: Candidates) -> Sequence[Verdict]:
        """For each augmented row of ``candidates``, ``None`` to keep it, the reason to drop it, or
        :data:`UNJUDGED` to keep one the filter cannot judge."""
        raise NotImplementedError

    def check_labels(self, labels: Sequence[Any], label_column: str, *, split: str | None = None) -> None:
        """Raise when the originals' ``labels`` cannot be judged (e.g. nulls), for filters that
        use labels: ``hfaug.Recipe.apply`` calls it for each split before any augmentation, naming
        the ``split`` (errors name it), :meth:`apply` on the originals it is given. ``labels`` may
        be empty (an empty split: nothing to judge, not an error); a `ClassLabel`'s missing label
        (:data:`hfaug.labels.MISSING_CLASS`) was refused before (:meth:`check_label_column`). Accepts any labels
        by default."""

    def check_label_column(
        self, labels: Sequence[Any], feature: Any, label_column: str, *, split: str | None = None
    ) -> None:
        """:meth:`check_labels` of a label column of ``feature``, whose `ClassLabel` rows without a label
        (:data:`hfaug.labels.MISSING_CLASS`) are refused first (:func:`refuse_missing_classes`)."""
        refuse_missing_classes(self._label(), labels, feature, label_column, split)
        self.check_labels(labels, label_column, split=split)

    def load(self) -> None:
        """Load what the filter needs (a model, ...), so that a missing one is reported before any
        augmentation; ``hfaug.Recipe.apply`` calls it first. Nothing to load by default."""

    # ------------------------------------------------------------------ applying
    def apply(self, dataset: Dataset, *, column: str, label_column: str | None = None) -> tuple[Dataset, dict[str, Any]]:
        """Drop the augmented rows of ``dataset`` that fail this filter.

        Args:
            dataset (`Dataset`): Augmented rows together with their originals, as produced by
                `hfaug.augment(..., keep_original=True)`.
            column (`str`): The text column to judge.
            label_column (`str`, *optional*): The label column (required by filters that use labels).

        Returns:
            `tuple[Dataset, dict]`: The kept rows (originals always kept, order preserved) and a
            report: ``filter`` (name), ``config``, ``rows_checked`` (augmented rows judged),
            ``rows_dropped``, ``rows_unjudged`` (augmented rows kept because the filter could not
            judge them, counted in ``rows_checked``) and ``reasons`` (number of rows dropped per reason).
            The verdicts do not depend on the dataset's row order.
        """
        self._check_dataset(dataset, column, label_column)
        copies, source_ids, values, labels = _columns(dataset, column, label_column)
        self._refuse_null_provenance(source_ids, copies)
        original_rows = dict(sorted(self._original_rows(source_ids, copies, values, column).items()))
        augmented_rows = sorted(
            (row for row, copy in enumerate(copies) if copy > 0), key=lambda row: (source_ids[row], copies[row])
        )
        _refuse_orphans(self._label(), {source_ids[row] for row in augmented_rows}, original_rows)
        if labels is not None and label_column is not None and self.needs_labels:
            originals = [labels[row] for row in original_rows.values()]
            self.check_label_column(originals, dataset.features[label_column], label_column)
            copy_labels = [labels[row] for row in augmented_rows]
            source_labels = [labels[original_rows[source_ids[row]]] for row in augmented_rows]
            refuse_unlabelled_copies(
                self._label(), copy_labels, source_labels, dataset.features[label_column], label_column
            )

        reasons: dict[int, str] = {}
        judged: list[int] = []
        for row in augmented_rows:
            if _is_text(values[row]) and _is_text(values[original_rows[source_ids[row]]]):
                judged.append(row)
            else:
                reasons[row] = NOT_TEXT
        verdicts = _checked_verdicts(self, _candidates(judged, original_rows, source_ids, values, labels))
        reasons.update((row, reason) for row, reason in zip(judged, verdicts) if reason not in (None, UNJUDGED))
        kept = dataset.select([row for row in range(len(dataset)) if row not in reasons]) if reasons else dataset
        return kept, _report(self, len(augmented_rows), reasons, verdicts)

    def _refuse_null_provenance(self, source_ids: list[str | None], copies: list[int | None]) -> None:
        """A `HfaugError` saying how many rows have no source id or copy number (rows added to the
        output of ``hfaug.augment``): they cannot be matched to an original."""
        nulls = sum(source_id is None or copy is None for source_id, copy in zip(source_ids, copies))
        if nulls:
            kept = " and ".join(f"row[{name!r}] is not None" for name in (provenance.SOURCE_ID, provenance.COPY))
            raise HfaugError(
                f"{self._label()}: {nulls} of {len(copies)} rows have a null {provenance.SOURCE_ID} or "
                f"{provenance.COPY}, so they cannot be matched to an original; filter the output of "
                "hfaug.augment(..., keep_original=True) before adding other rows to it, or drop those rows first "
                f"(e.g. ds.filter(lambda row: {kept}))."
            )

    def _original_rows(
        self, source_ids: list[str], copies: list[int], values: list[Any], column: str
    ) -> dict[str, int]:
        """The row of each source id's original (``hfaug_copy == 0``; repeated rows of the source share
        one id and are one original); a `HfaugError` where the originals of one id differ."""
        rows: dict[str, int] = {}
        for row, copy in enumerate(copies):
            if copy != 0:
                continue
            first = rows.setdefault(source_ids[row], row)
            if values[row] != values[first]:
                raise HfaugError(
                    f"{self._label()}: source id {source_ids[row]!r} has several original rows (hfaug_copy == 0) with "
                    f"different {column!r} values (rows {first} and {row}), so its copies cannot be compared to their "
                    "original. Filter the output of each hfaug.augment(..., keep_original=True) before augmenting it "
                    "again, or drop the hfaug_source_id column before augmenting again so that each original gets "
                    "its own."
                )
        return rows

    def _check_dataset(self, dataset: Any, column: str, label_column: str | None) -> None:
        if not isinstance(dataset, Dataset):
            raise TypeError(f"{self._label()}: filters apply to a datasets.Dataset, {_what_to_pass(dataset)}")
        names = dataset.column_names
        for parameter, needed in (("column", column), ("label_column", label_column)):
            if needed is not None and needed not in names:
                raise ColumnError.missing(needed, names, self._label(), parameter)
        remedy = "pass column=<the text column that was augmented>."
        check_text_feature(dataset.features[column], column, f"{self._label()}: filters", remedy)
        missing = [name for name in (provenance.SOURCE_ID, provenance.COPY) if name not in names]
        if missing:
            raise ColumnError(
                f"{self._label()}: the dataset has no provenance column(s) {missing}; filters apply to the "
                "output of hfaug.augment(..., keep_original=True) (or a recipe), which adds them."
            )
        if self.needs_labels and label_column is None:
            raise ValueError(f"{self._label()}: this filter compares labels; pass label_column=<the label column>.")
        if label_column == column:
            raise ValueError(
                f"{self._label()}: column and label_column both name {column!r}, but column is the column of the "
                "augmented texts the filter judges and label_column the column of their labels; pass "
                f"label_column=<the column that holds the labels>{'' if self.needs_labels else ', or leave it out'}."
            )


def _what_to_pass(dataset: Any) -> str:
    """What a filter got instead of a ``Dataset``, and how to give it one."""
    got = f"got {type(dataset).__name__}"
    if isinstance(dataset, (IterableDataset, IterableDatasetDict)):
        return (
            f"{got}, and judging a copy needs the whole data: materialise the stream first "
            "(from hfaug.streaming import materialize; ds = materialize(ds)), which writes it to disk and "
            "returns a Dataset (a DatasetDict for an IterableDatasetDict: then filter each split)."
        )
    if isinstance(dataset, DatasetDict) or is_dict_of_splits(dataset):
        split = next(iter(dataset), "train")
        return f"{got}; apply the filter to each split, e.g. flt.apply(ds[{split!r}], column=...)."
    advice = how_to_make_a_dataset(dataset)
    return f"{got}; pass the output of hfaug.augment(..., keep_original=True) as a Dataset ({advice})."


def _columns(
    dataset: Dataset, column: str, label_column: str | None
) -> tuple[list[Any], list[Any], list[Any], list[Any] | None]:
    """The copy numbers, source ids, ``column`` values and labels (``None`` without ``label_column``) of ``dataset``."""
    wanted = [provenance.COPY, provenance.SOURCE_ID, column]
    if label_column is not None and label_column not in wanted:
        wanted.append(label_column)
    data = dataset.select_columns(wanted).to_dict()
    labels = data[label_column] if label_column is not None else None
    return data[provenance.COPY], data[provenance.SOURCE_ID], data[column], labels


def _candidates(
    judged: list[int], original_rows: dict[str, int], source_ids: list[str], values: list[Any], labels: list[Any] | None
) -> Candidates:
    """The :class:`Candidates` of the ``judged`` rows, each next to its original (``original_rows``: by source id)."""
    originals = [row for row in original_rows.values() if _is_text(values[row])]
    return Candidates(
        texts=[values[row] for row in judged],
        sources=[values[original_rows[source_ids[row]]] for row in judged],
        source_ids=[source_ids[row] for row in judged],
        labels=None if labels is None else [labels[row] for row in judged],
        source_labels=None if labels is None else [labels[original_rows[source_ids[row]]] for row in judged],
        originals=[values[row] for row in originals],
        original_labels=None if labels is None else [labels[row] for row in originals],
        original_ids=[source_ids[row] for row in originals],
    )


def _refuse_orphans(owner: str, source_ids: set[str], original_rows: dict[str, int]) -> None:
    """A `HfaugError` naming the augmented rows' ``source_ids`` that have no original row."""
    orphans = sorted(source_ids - set(original_rows))
    if orphans:
        raise HfaugError(
            f"{owner}: {len(orphans)} source id(s) have augmented rows but no original row "
            f"(hfaug_copy == 0) in the dataset, e.g. {orphans[0]!r}. Filters compare each copy to its "
            "original: augment with keep_original=True and drop the originals after filtering."
        )


def _checked_verdicts(flt: Filter, candidates: Candidates) -> Sequence[Verdict]:
    """``flt``'s verdicts on ``candidates`` (none on none), refused unless one per row, each ``None``, a reason
    or :data:`UNJUDGED`."""
    with reusing_embeddings(), encoding_for(flt._label()):
        verdicts = flt.judge(candidates) if len(candidates) else []
    if len(verdicts) != len(candidates):
        raise RuntimeError(f"{flt._label()}.judge returned {len(verdicts)} verdicts for {len(candidates)} rows")
    odd = [verdict for verdict in verdicts if not (verdict is None or verdict is UNJUDGED or _is_text(verdict))]
    if odd:  # True or False would drop every row, counted under its reason
        raise TypeError(
            f"{flt._label()}.judge returned the verdict {odd[0]!r}; a verdict is None to keep a row, the reason "
            "to drop it (a non-empty string, e.g. 'too_short'), or hfaug.filters.base.UNJUDGED to keep one it "
            "cannot judge"
        )
    return verdicts


def _report(flt: Filter, checked: int, reasons: dict[int, str], verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The report of ``flt.apply`` on ``checked`` augmented rows, of which ``reasons`` drops some."""
    return {
        "filter": flt._label(),
        "config": flt.config(),
        "rows_checked": checked,
        "rows_dropped": len(reasons),
        "rows_unjudged": sum(verdict is UNJUDGED for verdict in verdicts),
        "reasons": dict(sorted(Counter(reasons.values()).items())),
    }


def check_text_feature(feature: Any, column: str, owner: str, remedy: str) -> None:
    """Raise a :class:`ColumnError` unless ``column``'s ``feature`` holds text (:func:`hfaug.text_columns.holds_text`):
    filters judge text. ``owner`` starts the message, ``remedy`` ends it."""
    if not holds_text(feature):
        raise ColumnError(f"{owner} judge text, but column {column!r} holds {feature}; {remedy}")


def refuse_missing_classes(
    owner: str, labels: Sequence[Any], feature: Any, label_column: str, split: str | None = None
) -> None:
    """Refuse the rows of a `ClassLabel` column (of ``feature``) without a label (:data:`hfaug.labels.MISSING_CLASS`),
    which filters that compare labels cannot learn from, saying how to drop them, or to leave out a split of none."""
    missing = sum(label == MISSING_CLASS for label in labels) if isinstance(feature, ClassLabel) else 0
    if not missing:
        return
    where = "" if split is None else f" of split {split!r}"
    leave_out = "leave that split out of the recipe's 'splits' field"
    if missing < len(labels):
        kept = labelled_rows(label_column, [MISSING_CLASS])
        remedy = f"drop them before augmenting (e.g. ds.filter(lambda row: {kept}))"
        remedy += "" if split is None else f", or {leave_out}"
    else:  # an unlabelled split, such as GLUE's test split: dropping its rows would leave none
        remedy = "label them, or remove this filter" if split is None else leave_out
    raise ValueError(
        f"{owner}: label column {label_column!r}{where} is null in {missing} of {len(labels)} rows (-1, a "
        f"ClassLabel's missing label, as in GLUE's test splits), and no classifier learns from those; {remedy}"
    )


def refuse_unlabelled_copies(
    owner: str, labels: Sequence[Any], source_labels: Sequence[Any], feature: Any, label_column: str
) -> None:
    """Refuse copies (of ``labels``, in a column of ``feature``) without a label (:func:`hfaug.labels.is_null_label`)
    whose source has one (``source_labels``, in the same order), which a filter that compares labels cannot judge: a
    missing label is no changed one, and keeping them unjudged would let unlabelled rows through. ``hfaug.augment``
    gives every copy its source's label, so they were set after; a copy of a source without a label (which
    ``check_labels`` may accept) has its source's."""
    nulls = [
        label
        for label, source in zip(labels, source_labels)
        if is_null_label(label, feature) and not is_null_label(source, feature)
    ]
    if not nulls:
        return
    kept = labelled_rows(label_column, nulls)
    raise ValueError(
        f"{owner}: label column {label_column!r} is null in {len(nulls)} of {len(labels)} augmented rows "
        f"({provenance.COPY} > 0), and a missing label is no changed one: they cannot be judged; give them their "
        f"source's label (hfaug.augment copies it), or drop them before filtering (e.g. ds.filter(lambda row: "
        f"row[{provenance.COPY!r}] == 0 or ({kept})))"
    )


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def check_fraction(owner: str, name: str, value: Any, *, low: float = 0.0, high: float = 1.0) -> float:
    """``value`` as a float in ``[low, high]``, or a ``ValueError`` naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not low <= float(value) <= high:
        raise ValueError(f"{owner}: {name} must be a number between {low} and {high}, got {value!r}")
    return float(value)


def apply_filters(
    dataset: Dataset,
    filters: Filter | str | Iterable[Filter | str],
    *,
    column: str,
    label_column: str | None = None,
) -> tuple[Dataset, list[dict[str, Any]]]:
    """Apply ``filters`` one after the other; return the kept rows and one report per filter.

    Args:
        dataset (`Dataset`): Augmented rows with their originals, as `Filter.apply` takes them.
        filters (`Filter`, `str` or a sequence of them): The filters, or the names they are
            registered under (built with their defaults); one filter or name alone works too.
        column (`str`): The text column to judge.
        label_column (`str`, *optional*): The label column (required by filters that use labels).

    Example:
        >>> kept, reports = hfaug.filters.apply_filters(
        ...     augmented, ["duplicates", hfaug.filters.get("length_ratio", min_ratio=0.3)], column="text"
        ... )
    """
    reports = []
    with reusing_embeddings():  # filters that embed texts encode each original once
        for flt in _as_filters(filters):
            dataset, report = flt.apply(dataset, column=column, label_column=label_column)
            reports.append(report)
    return dataset, reports


def _as_filters(filters: Filter | str | Iterable[Filter | str]) -> list[Filter]:
    """``filters`` as a list of filters, names built from the registry; a `TypeError` naming anything else."""
    from hfaug.filters.registry import get  # the registry imports this module

    if isinstance(filters, Mapping):  # iterating it would build the filters it names with their defaults
        raise TypeError(_parameters_unread(filters))
    listed = [filters] if isinstance(filters, (Filter, str)) or not isinstance(filters, Iterable) else list(filters)
    for item in listed:
        if isinstance(item, Mapping):
            raise TypeError(_parameters_unread(item))
        if not isinstance(item, (Filter, str)):
            raise TypeError(
                f"apply_filters: got {item!r} ({type(item).__name__}) among the filters; pass Filter instances or "
                "registered names (hfaug.filters.names())"
            )
    return [get(item) if isinstance(item, str) else item for item in listed]


def _parameters_unread(given: Mapping[Any, Any]) -> str:
    """Why ``apply_filters`` refuses filters given as a dict of parameters (as a recipe lists them), and how to build
    them instead."""
    return (
        f"apply_filters: got the dict {given!r}, but apply_filters reads no parameters from a dict (a recipe's "
        "'filters' field does); build each filter with its parameters, e.g. "
        "[hfaug.filters.get('length_ratio', min_ratio=0.6)], and pass the filters or registered names"
    )
