"""The columns of the data that ``hfaug.augment`` maps: those to remove, and the checks that the others hold the
column augmented, of a type it takes, and provenance values in every row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from datasets import Dataset, DatasetDict, IterableDataset, IterableDatasetDict

from hfaug import provenance
from hfaug.augmenter import Augmenter
from hfaug.errors import named_columns


D = TypeVar("D", Dataset, DatasetDict, IterableDataset, IterableDatasetDict)


def columns_to_remove(augmenter: Augmenter, columns: str | Iterable[str]) -> list[str]:
    """``remove_columns`` (one column name, or several) as a list, refused where it names the column ``augmenter``
    augments (both engines remove them before augmenting)."""
    removed = [columns] if isinstance(columns, str) else list(columns)
    if augmenter.column in removed:
        raise ValueError(
            f"hfaug.augment: remove_columns names {augmenter.column!r}, the column being augmented; "
            "remove it from the result instead"
        )
    return removed


def refuse_absent_columns(removed: list[str], existing: list[str], owner: str, lacking: str) -> None:
    """Refuse columns to remove that are not among the ``existing`` ones (a misspelt name would stay in the result),
    naming them and those that exist; ``lacking`` says who lacks them and has the others."""
    absent = [name for name in removed if name not in existing]
    if absent:
        raise ValueError(
            f"{owner}: remove_columns names {named_columns(absent)}, which {lacking} columns {named_columns(existing)}"
        )


def checked_columns(dataset: D, augmenter: Augmenter, removed: list[str]) -> D:
    """``dataset`` without its ``removed`` columns (:func:`columns_to_remove`), once found to have the column
    ``augmenter`` augments, of a type it takes (:meth:`~hfaug.Augmenter.check_schema`; as far as a stream's columns
    are known before it is read), and, not streamed, no rows without provenance values."""
    if removed:
        if dataset.column_names is not None:  # unknown for some streamed datasets until iterated
            refuse_absent_columns(removed, dataset.column_names, "hfaug.augment", "the dataset has not; it has")
        dataset = dataset.remove_columns(removed)
    if isinstance(dataset, Dataset):  # rows named before the column's type, which does not lead to them
        augmenter.refuse_values_among_texts(dataset)
    if dataset.column_names is not None:  # unknown for some streamed datasets until iterated
        augmenter.check_schema(dataset.column_names, dataset.features)
    if isinstance(dataset, Dataset):  # a stream's rows are known once read: its batches refuse them then
        _refuse_rows_without_provenance(dataset, augmenter)
    return dataset


PROVENANCE_SCAN_ROWS = 100_000
"""Rows of the provenance columns read at once to count their missing values: memory stays flat in the rows."""


def _refuse_rows_without_provenance(dataset: Dataset, augmenter: Augmenter) -> None:
    """Refuse rows without a value in the first provenance column (rows joined to augmented ones, which have none in
    any) before any work, as each batch would refuse them once reached: counted by Arrow in the rows selected, at no
    cost per row."""
    name = next((name for name in provenance.COLUMNS if name in dataset.column_names and name != provenance.ERROR), None)
    if name is None or not dataset.data.column(name).null_count:
        return  # no row of the table lacks a value, so none of those selected from it does
    column = dataset.select_columns([name]).with_format("arrow")
    missing = sum(table.column(name).null_count for table in column.iter(batch_size=PROVENANCE_SCAN_ROWS))
    if missing:
        raise augmenter.missing_provenance_error(name, missing, "the dataset", dataset.column_names)
