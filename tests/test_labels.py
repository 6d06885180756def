"""Counting the rows of each label before and after augmenting."""

from __future__ import annotations

from datasets import ClassLabel, Dataset, Features, Value

from hfaug.labels import MOST_LABELS_COUNTED, rows_per_label


def test_rows_per_label_names_a_class_labels_classes_and_counts_missing_labels_first():
    features = Features({"label": ClassLabel(names=["neg", "pos"])})
    before = Dataset.from_dict({"label": [1, 0, -1, 1]}, features=features)
    after = Dataset.from_dict({"label": [1, 1, 0, -1, 1, 1, 0]}, features=features)
    assert list(rows_per_label(before, after, "label").items()) == [
        ("(no label)", {"rows_in": 1, "rows_out": 1}),
        ("neg", {"rows_in": 1, "rows_out": 2}),
        ("pos", {"rows_in": 2, "rows_out": 4}),
    ]


def test_rows_per_label_counts_strings_and_leaves_out_columns_that_hold_no_classes():
    words = Dataset.from_dict({"label": ["b", None, "a", "b"]})
    assert rows_per_label(words, words, "label") == {
        "(no label)": {"rows_in": 1, "rows_out": 1}, "a": {"rows_in": 1, "rows_out": 1}, "b": {"rows_in": 2, "rows_out": 2}
    }
    scores = Dataset.from_dict({"label": [0.5, 1.0]}, features=Features({"label": Value("float32")}))
    ids = Dataset.from_dict({"label": list(range(MOST_LABELS_COUNTED + 1))})
    several = Dataset.from_dict({"label": [[0, 1], [1]]})
    assert [rows_per_label(data, data, "label") for data in (scores, ids, several)] == [None, None, None]


def test_rows_per_label_counts_whole_numbers_stored_as_floats_as_classes():
    # a CSV label column with an empty cell reads as float64: the card had no rows per label
    read = Dataset.from_dict({"label": [1.0, None, 0.0, 1.0]}, features=Features({"label": Value("float64")}))
    assert rows_per_label(read, read, "label") == {
        "(no label)": {"rows_in": 1, "rows_out": 1}, "0": {"rows_in": 1, "rows_out": 1}, "1": {"rows_in": 2, "rows_out": 2}
    }


def test_rows_per_label_counts_every_class_of_a_class_label_and_leaves_missing_labels_out_of_the_limit():
    many = Features({"label": ClassLabel(num_classes=MOST_LABELS_COUNTED + 1)})
    classes = Dataset.from_dict({"label": list(range(MOST_LABELS_COUNTED + 1))}, features=many)
    assert len(rows_per_label(classes, classes, "label")) == MOST_LABELS_COUNTED + 1
    ids = Dataset.from_dict({"label": [*range(MOST_LABELS_COUNTED), None]})
    assert len(rows_per_label(ids, ids, "label")) == MOST_LABELS_COUNTED + 1  # (no label) among them


def test_rows_per_label_counts_zero_and_negative_zero_as_one_label():
    labels = Dataset.from_dict({"label": [0.0, -0.0, 1.0]}, features=Features({"label": Value("float64")}))
    assert rows_per_label(labels, labels, "label") == {"0": {"rows_in": 2, "rows_out": 2}, "1": {"rows_in": 1, "rows_out": 1}}


def test_rows_per_label_tells_missing_labels_apart_from_a_label_named_like_them():
    labels = Dataset.from_dict({"label": ["(no label)", None, "(no label) (missing)", "a"]})
    assert rows_per_label(labels, labels, "label") == {
        "(no label) (missing) (missing)": {"rows_in": 1, "rows_out": 1},
        "(no label)": {"rows_in": 1, "rows_out": 1},
        "(no label) (missing)": {"rows_in": 1, "rows_out": 1},
        "a": {"rows_in": 1, "rows_out": 1},
    }
