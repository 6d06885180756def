"""What ``hfaug.augment`` did not augment, reported after each map: the rows it left out (logged) and the copies it
kept with their error (warned of), naming the split."""

from __future__ import annotations

import logging
from typing import Any

from datasets import Dataset

from hfaug import provenance
from hfaug.augmenter import Augmenter


logger = logging.getLogger("hfaug")


def report_losses(augmenter: Augmenter, source: Dataset, out: Dataset, split_name: str | None) -> None:
    """Log the rows ``augmenter`` left out of ``out`` and warn of the copies it kept with their error, naming the split
    of ``source`` (``split_name``, its name in a dataset dict, else ``source.split``)."""
    split = split_name if split_name is not None else source.split
    of_split = "" if split is None else f" of split {str(split)!r}"
    _log_left_out(augmenter, len(source), len(out), of_split)
    _warn_kept_errors(augmenter, source, out, of_split)


def _log_left_out(augmenter: Augmenter, rows: int, written: int, of_split: str) -> None:
    """Log how many of the rows expected from ``rows`` input rows (``n`` copies each, plus the
    original) ``augmenter`` left out; counted from the lengths, not row by row."""
    expected = rows * (augmenter.n + augmenter.keep_original)
    if written >= expected:
        return
    skipped = "skipped (on_error='skip': their row could not be augmented) or " if augmenter.on_error == "skip" else ""
    logger.info(
        "hfaug.augment: %s left out %d of %d rows%s: copies %sthat could not differ from their source",
        augmenter._label(),
        expected - written,
        expected,
        of_split,
        skipped,
    )


def _warn_kept_errors(augmenter: Augmenter, source: Dataset, out: Dataset, of_split: str) -> None:
    """Warn how many copies ``augmenter`` could not augment and kept as their source
    (``on_error="keep"``), from how many source rows, with the commonest reason and the split: otherwise only their
    ``hfaug_error`` says so. Not after an earlier augmentation, whose reasons that column carries on."""
    if provenance.ERROR in source.column_names or provenance.ERROR not in out.column_names:
        return
    import pyarrow.compute as pc

    table = out.data.table.select([provenance.COPY, provenance.ERROR, provenance.SOURCE_ID])  # not every column
    copies = table.filter(pc.greater(table[provenance.COPY], 0))
    failed = copies.filter(pc.not_equal(copies[provenance.ERROR], ""))
    if len(failed) == 0:
        return
    commonest = max(failed[provenance.ERROR].value_counts().to_pylist(), key=lambda counted: counted["counts"])
    logger.warning(
        "hfaug.augment: %s could not augment %d of its %d copies%s, from %s; they are kept as their source, with "
        "the reason in %s (most often, %d times: %s)",
        augmenter._label(),
        len(failed),
        len(copies),
        of_split,
        _failed_sources(table, failed, len(source)),
        provenance.ERROR,
        commonest["counts"],
        commonest["values"],
    )


def _failed_sources(table: Any, failed: Any, sources: int) -> str:
    """How many of ``sources`` rows the ``failed`` copies of ``table`` come from: counted on the originals
    where ``table`` holds them, else by source id, which rows of equal values share."""
    import pyarrow.compute as pc

    ids = pc.unique(failed[provenance.SOURCE_ID])
    originals = table.filter(pc.equal(table[provenance.COPY], 0))
    if len(originals):
        return f"{pc.sum(pc.is_in(originals[provenance.SOURCE_ID], value_set=ids)).as_py()} of {sources} source rows"
    return f"{len(ids)} of {sources} source rows, counting rows of equal values once"
