"""Provenance of augmented rows augmented again (chains) and of rows with list and struct columns."""

from __future__ import annotations

import datetime
import decimal
from collections import Counter

import pytest
from datasets import Dataset

import hfaug
from hfaug import provenance
from hfaug.seeding import stable_hash
from toy_augmenters import Shout

PAIRS = Dataset.from_dict(
    {
        "premise": ["a man plays a guitar", "two kids run in a park", "a dog sleeps"],
        "hypothesis": ["a person makes music", "kids sleep at home", "an animal rests"],
        "label": [0, 2, 0],
    }
)


def _chained(data: Dataset, first_kept: bool, second_kept: bool, **options) -> Dataset:
    once = data.map(Shout("premise", n=2, keep_original=first_kept, seed=1), batched=True, **options)
    return once.map(Shout("hypothesis", n=3, keep_original=second_kept, seed=2), batched=True, **options)


def _pairs(data: Dataset) -> list[tuple[str, int]]:
    return list(zip(data[provenance.SOURCE_ID], data[provenance.COPY]))


@pytest.mark.parametrize("first_kept", [True, False])
@pytest.mark.parametrize("second_kept", [True, False])
def test_every_row_of_a_chain_has_its_own_source_id_and_copy_number(first_kept, second_kept):
    chained = _chained(PAIRS, first_kept, second_kept)
    assert [pair for pair, count in Counter(_pairs(chained)).items() if count > 1] == []
    per_source = (2 + first_kept) * (3 + second_kept)
    assert len(chained) == len(PAIRS) * per_source


def test_a_chain_that_keeps_every_row_numbers_them_from_0_to_rows_per_source_minus_1():
    chained = _chained(PAIRS, True, True)
    source = chained[provenance.SOURCE_ID][0]
    rows = [row for row in chained if row[provenance.SOURCE_ID] == source]
    assert [row[provenance.COPY] for row in rows] == list(range(12))
    assert [row[provenance.AUGMENTER] for row in rows[:5]] == [
        "original", "test.shout", "test.shout", "test.shout", "test.shout"
    ]  # the original, its copies 1..3, then copy 1 of the first step kept as 4 (1 × (3 + 1))
    assert {row[provenance.AUGMENTER] for row in rows[5:8]} == {"test.shout>test.shout"}


def test_a_chain_that_keeps_no_row_numbers_the_copies_of_copy_p_after_p_times_m():
    chained = _chained(PAIRS, False, False)
    assert chained[provenance.COPY][:6] == [4, 5, 6, 7, 8, 9]


def test_chained_provenance_does_not_depend_on_batch_size_or_row_order():
    reference = _chained(PAIRS, True, True)
    assert _chained(PAIRS, True, True, batch_size=1).data.table.equals(reference.data.table)
    reversed_rows = _chained(PAIRS.select([2, 1, 0]), True, True)
    assert sorted(zip(_pairs(reversed_rows), reversed_rows["hypothesis"])) == sorted(
        zip(_pairs(reference), reference["hypothesis"])
    )


def test_the_duplicates_filter_keeps_the_same_rows_of_a_chain_in_any_row_order():
    chained = _chained(PAIRS, True, True)
    duplicates = hfaug.filters.get("duplicates", lowercase=False)

    def kept(data: Dataset) -> list[tuple[str, int, str, str]]:
        rows, _ = duplicates.apply(data, column="hypothesis")
        return sorted(zip(rows[provenance.SOURCE_ID], rows[provenance.COPY], rows["premise"], rows["hypothesis"]))

    assert kept(chained.select(range(len(chained) - 1, -1, -1))) == kept(chained)


def _source_ids(columns: dict[str, list]) -> list[str]:
    out = hfaug.augment(Dataset.from_dict(columns), Shout(seed=1), n=1, keep_original=False)
    return list(out[provenance.SOURCE_ID])


@pytest.mark.parametrize(
    "other",
    [
        {"labels": [[0, 1], [2, 3]]},
        {"labels": [[0.5], [None]]},
        {"embedding": [[0.5, 0.25], [0.5, 0.125]]},
        {"grid": [[[0.5], [0.25]], [[0.5], [0.125]]]},
        {"answers": [{"text": ["a"], "start": [0]}, {"text": ["a"], "start": [2]}]},
        {"spans": [[{"start": 0, "label": "PER"}], [{"start": 0, "label": "LOC"}]]},
    ],
    ids=["list", "list-of-null", "floats", "nested-floats", "struct", "list-of-structs"],
)
def test_rows_that_differ_only_in_a_list_or_struct_column_get_different_source_ids(other):
    ids = _source_ids({"text": ["the same text", "the same text"], **other})
    assert ids[0] != ids[1]


def _ids_of(column: list) -> list[str]:
    """The source ids of rows of one text that differ in ``column``, as a plain batch (a stream's) gives them."""
    shout = Shout(seed=1)
    keys = [stable_hash(shout.value_key("a b"))] * len(column)
    return shout.source_ids({"text": ["a b"] * len(column), "other": column}, keys)


def test_a_struct_value_gets_the_same_source_id_whatever_the_order_of_its_keys():
    first, second = _ids_of([{"text": "a", "start": 0}, {"start": 0, "text": "a"}])
    assert first == second


def test_list_values_of_different_types_get_different_source_ids():
    assert len(set(_ids_of([[1], ["1"], [1.0], [True], {"0": 1}, [[1.0]], [1.0, None]]))) == 7


def test_values_that_are_not_plain_data_are_left_out_of_the_source_id():
    shout = Shout(seed=1)
    keys = [stable_hash(shout.value_key("a b"))] * 2
    batch = {"text": ["a b", "a b"], "label": [0, 0], "media": [{"bytes": b"\x00", "path": None}, object()]}
    without_media = {"text": batch["text"], "label": batch["label"]}
    assert shout.source_ids(batch, keys) == shout.source_ids(without_media, keys)


def test_source_ids_of_rows_with_only_scalar_columns_stay_as_they_were():
    assert _source_ids({"text": ["a b c"], "label": [1], "id": ["x"]}) == ["8421de7f79e2eae7d5cd10d023e390ea"]
    assert _source_ids({"text": ["a gentle , funny film"]}) == ["37d45c76e01d5e42a8bee72b71ed2946"]  # one column


def test_source_ids_of_rows_with_columns_of_numbers_stay_as_they_were():
    assert _source_ids({"text": ["a b c"], "embedding": [[0.5, 1.5]]}) == ["20994b4a508dad835a21bb7025a09957"]
    assert _source_ids({"text": ["a b c"], "counts": [[1, 2, 3]]}) == ["75b66025afea3ae2b4e646e05fe9bbb9"]


def test_augmented_rows_read_back_from_csv_are_augmented_again_once_their_reasons_are_text(tmp_path):
    # a CSV file writes empty reasons as empty cells: hfaug_error came back as float64 nulls, refused as rows hfaug
    # did not make (after the cast too), with advice to rename the column
    import datasets

    from hfaug.errors import ColumnError

    augmented = hfaug.augment(Dataset.from_dict({"text": ["a b c d", "e f g h"]}), Shout(seed=1), n=1)
    augmented.to_csv(tmp_path / "rows.csv")
    read = datasets.load_dataset("csv", data_files=str(tmp_path / "rows.csv"), split="train")
    with pytest.raises(ColumnError, match=r"a CSV file writes its empty reasons as empty cells.*cast_column\('hfaug_error'"):
        hfaug.augment(read, Shout(seed=2), n=1)
    again = hfaug.augment(read.cast_column(provenance.ERROR, datasets.Value("string")), Shout(seed=2), n=1)
    assert list(again[provenance.ERROR]) == [""] * 8 and list(again[provenance.COPY]) == [0, 1, 2, 3] * 2


def test_numpy_scalars_count_as_the_values_they_hold():
    # a stream's labels from scikit-learn's LabelEncoder are np.int64: they were left out of the id, so that rows
    # of one text and two labels shared one, unlike the same rows in a Dataset
    import numpy as np

    python = {"text": ["good film", "good film"], "label": [0, 1], "ids": [[1, 2], [3, 4]]}
    numpy = {**python, "label": [np.int64(0), np.int64(1)], "ids": [[np.int64(1), np.int64(2)], [3, 4]]}
    ids = [Shout(seed=1)(batch)[provenance.SOURCE_ID] for batch in (python, numpy)]  # as a stream hands them over
    assert ids[0] == ids[1] == _source_ids(python) and len(set(ids[0])) == 2


def test_list_columns_change_source_ids_but_not_the_copies():
    plain = hfaug.augment(Dataset.from_dict({"text": ["a b c d e f"]}), Shout(seed=1), n=3)
    tagged = hfaug.augment(Dataset.from_dict({"text": ["a b c d e f"], "tags": [[1, 2]]}), Shout(seed=1), n=3)
    assert tagged["text"] == plain["text"]
    assert tagged[provenance.SOURCE_ID] != plain[provenance.SOURCE_ID]


BERLIN_WINTER = datetime.timezone(datetime.timedelta(hours=1))


@pytest.mark.parametrize(
    "pair",
    [
        [datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)],
        [datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc), datetime.datetime(2024, 1, 1, tzinfo=BERLIN_WINTER)],
        [datetime.time(1), datetime.time(2)],
        [datetime.timedelta(seconds=1), datetime.timedelta(seconds=1, microseconds=1)],
        [decimal.Decimal("9.99"), decimal.Decimal("19.99")],
        [{"at": datetime.datetime(2024, 1, 1), "user": "ann"}, {"at": datetime.datetime(2024, 1, 2), "user": "ann"}],
        [[datetime.date(2024, 1, 1)], [datetime.date(2024, 1, 2)]],
    ],
)
def test_rows_that_differ_only_in_a_date_time_duration_or_decimal_get_different_source_ids(pair):
    first, second = _ids_of(pair)
    assert first != second


def test_a_date_counts_in_the_source_id_by_its_iso_format_tagged_as_a_date():
    assert _ids_of([datetime.date(2024, 1, 2)]) == ["c39aa3713d4879c10fbc068e6f91c280"]
