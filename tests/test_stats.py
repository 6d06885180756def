"""Statistics of augmented splits: the most common error reasons over splits."""

from __future__ import annotations

from hfaug.stats import COMMON_ERRORS, common_errors


def test_the_most_common_error_reasons_over_splits_are_listed_most_frequent_first():
    per_split = [{"a": 6, "b": 5, "c": 1}, {"c": 3, "d": 3, "e": 2, "f": 1}]
    assert COMMON_ERRORS == 5
    assert list(common_errors(per_split).items()) == [("a", 6), ("b", 5), ("c", 4), ("d", 3), ("e", 2)]
