"""Statistics of an augmented split, read from its provenance columns, and the choice of
before/after samples.

Per augmenter: copies produced (``rows_out``), how many differ from their source
(``changed``) or not (``unchanged``), how many of the changed ones repeat an earlier copy of
the same row (``repeats``: they add no new text to train on), how many kept the original value
because the row could not be augmented (``errors``), and the most common reasons recorded for them
(``hfaug_error``). Per split: source rows in, copies the augmenters did not emit (``dropped``:
duplicates of their source, or rows skipped with ``on_error="skip"``), and rows out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datasets import Dataset
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug import provenance
from hfaug.seeding import stable_hash, value_bytes

_BATCH_ROWS = 1000
# Sources remembered (with their row indices) while scanning, to choose samples from.
_CANDIDATES_PER_SAMPLE = 8
COMMON_ERRORS = 5
"""Distinct error reasons kept in the statistics, the most frequent first."""


@dataclass
class Scan:
    """What :func:`scan` reads from one augmented split (originals included)."""

    rows_in: int = 0
    copies: int = 0
    augmenters: dict[str, Counter] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    sample_rows: list[list[int]] = field(default_factory=list)

    def augmenter_stats(self) -> dict[str, dict[str, int]]:
        return {
            name: {key: counts[key] for key in ("rows_out", "changed", "repeats", "unchanged", "errors")}
            for name, counts in sorted(self.augmenters.items())
        }


def scan(dataset: Dataset, column: str, *, samples: int, sources: int) -> Scan:
    """Count copies per augmenter and pick ``samples`` sources to show (originals + copies).

    Values are compared as stored (for `Image` and `Audio` columns, their encoded bytes).
    Samples are drawn from candidates spread evenly over the split (so they cover its
    classes), preferring sources with at least one changed copy. A source that occurs more
    than once in the data is shown once, with the copies of its first occurrence.

    Args:
        dataset (`Dataset`): An augmented split that still holds its originals.
        column (`str`): The augmented column.
        samples (`int`): How many sources to pick.
        sources (`int`): How many source rows the split has.
    """
    result = Scan()
    candidates = min(sources, samples * _CANDIDATES_PER_SAMPLE)
    wanted_ordinals = {position * sources // candidates for position in range(candidates)} if candidates else set()
    originals: dict[str, str] = {}
    rows_of: dict[str, list[int]] = {}
    repeated: set[str] = set()  # sources seen again: copies that follow belong to the repeat, not the sample
    copies_of_row: set[str] = set()  # digests of the changed copies of the row being read
    last_copy: tuple[str | None, int] = (None, 0)  # (source id, copy number) of the previous copy: a row's copies are contiguous
    changed_sources: list[str] = []
    other_sources: list[str] = []
    wanted = [provenance.COPY, provenance.SOURCE_ID, provenance.AUGMENTER, provenance.ERROR, column]
    table = dataset.select_columns(wanted).with_format("arrow")
    offset = 0
    for batch in hf_tqdm(
        table.iter(batch_size=_BATCH_ROWS),
        total=-(-len(dataset) // _BATCH_ROWS),
        desc="hfaug: statistics",
        unit="ba",
    ):
        columns = {name: batch.column(name).to_pylist() for name in wanted}
        for row, copy in enumerate(columns[provenance.COPY]):
            source_id = columns[provenance.SOURCE_ID][row]
            digest = stable_hash(value_bytes(columns[column][row]))
            index = offset + row
            if copy == 0:
                if source_id in originals:
                    repeated.add(source_id)
                elif result.rows_in in wanted_ordinals:
                    rows_of[source_id] = [index]
                result.rows_in += 1
                originals[source_id] = digest
                continue
            result.copies += 1
            if last_copy[0] != source_id or last_copy[1] >= copy:
                copies_of_row.clear()
            last_copy = (source_id, copy)
            counts = result.augmenters.setdefault(columns[provenance.AUGMENTER][row], Counter())
            counts["rows_out"] += 1
            if columns[provenance.ERROR][row]:
                counts["errors"] += 1
                result.errors[columns[provenance.ERROR][row]] += 1
                continue
            changed = originals.get(source_id) != digest
            counts["changed" if changed else "unchanged"] += 1
            if changed:
                counts["repeats"] += digest in copies_of_row
                copies_of_row.add(digest)
            if source_id in rows_of and source_id not in repeated:
                rows_of[source_id].append(index)
                bucket = changed_sources if changed else other_sources
                if source_id not in bucket:
                    bucket.append(source_id)
        offset += len(batch)
    chosen = _spread(changed_sources, samples)
    chosen += _spread([source for source in other_sources if source not in chosen], samples - len(chosen))
    order = {source: position for position, source in enumerate(rows_of)}
    result.sample_rows = [rows_of[source] for source in sorted(chosen, key=order.__getitem__)]
    return result


def _spread(items: list[str], count: int) -> list[str]:
    """``count`` items taken at even steps through ``items`` (all of them when there are fewer)."""
    if count >= len(items):
        return list(items)
    return [items[position * len(items) // count] for position in range(count)]


def copies_per_augmenter(dataset: Dataset) -> dict[str, int]:
    """How many augmented rows (``hfaug_copy > 0``) of ``dataset`` each augmenter produced."""
    table = dataset.select_columns([provenance.COPY, provenance.AUGMENTER]).with_format("arrow")[:]
    counts: Counter = Counter()
    for copy, name in zip(table.column(provenance.COPY).to_pylist(), table.column(provenance.AUGMENTER).to_pylist()):
        if copy:
            counts[name] += 1
    return dict(sorted(counts.items()))


def common_errors(per_split: list[dict[str, int]]) -> dict[str, int]:
    """The :data:`COMMON_ERRORS` most frequent error reasons over splits, with their counts."""
    total: Counter = Counter()
    for errors in per_split:
        total.update(errors)
    return dict(total.most_common(COMMON_ERRORS))


def merge(per_split: list[dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    """Sum per-augmenter statistics over splits."""
    total: dict[str, Counter] = {}
    for stats in per_split:
        for name, counts in stats.items():
            total.setdefault(name, Counter()).update(counts)
    return {name: dict(counts) for name, counts in sorted(total.items())}

