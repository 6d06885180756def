"""``hfaug show``'s summary lines, from a manifest written out by hand."""

from __future__ import annotations

from hfaug.cli.show_command import summary_lines

MANIFEST = {
    "version": "toy-0123456789ab",
    "hfaug_version": "0.0.0",
    "recipe": {"name": "toy", "column": "text", "n": 2, "seed": 3, "mode": "one_of", "augmenters": [{"name": "eda"}]},
    "source": {"path": "data"},
    "stats": {
        "splits": {"train": {"rows_in": 10, "rows_out": 30, "augmented": True}},
        "augmenters": {"eda": {"rows_out": 20, "changed": 20, "errors": 0}},
        "filters": [],
    },
}


def filter_line(report: dict) -> str:
    manifest = {**MANIFEST, "stats": {**MANIFEST["stats"], "filters": [report]}}
    lines = summary_lines(manifest, where=("folder", "out"), samples=0)
    return next(line for line in lines if line.startswith("filter"))


def test_a_filter_line_counts_the_copies_kept_unjudged_among_those_checked():
    report = {"filter": "label_consistency", "rows_checked": 960, "rows_dropped": 55, "rows_unjudged": 487,
              "reasons": {"label_changed": 55}}
    assert filter_line(report) == (
        "filter      label_consistency: 960 checked (487 kept unjudged), 55 dropped (label_changed 55)"
    )


def test_a_filter_line_without_copies_kept_unjudged_or_made_before_they_were_counted_says_nothing_of_them():
    report = {"filter": "duplicates", "rows_checked": 20, "rows_dropped": 2, "reasons": {"duplicate": 2}}
    assert filter_line(report) == filter_line({**report, "rows_unjudged": 0}) == (
        "filter      duplicates: 20 checked, 2 dropped (duplicate 2)"
    )


def augmenter_line(counts: dict) -> str:
    manifest = {**MANIFEST, "stats": {**MANIFEST["stats"], "augmenters": {"eda": counts}}}
    lines = summary_lines(manifest, where=("folder", "out"), samples=0)
    return lines[lines.index("augmenters") + 1]


def test_an_augmenter_line_counts_the_changed_copies_that_repeat_an_earlier_copy():
    assert augmenter_line({"rows_out": 20, "changed": 18, "repeats": 3, "errors": 0}) == (
        "  eda                    20 copies, 18 changed (3 repeating an earlier copy), 0 errors"
    )
    assert augmenter_line({"rows_out": 20, "changed": 20, "repeats": 0, "errors": 0}) == augmenter_line(
        {"rows_out": 20, "changed": 20, "errors": 0}
    ) == "  eda                    20 copies, 20 changed, 0 errors"


def labels_line(labels: dict) -> str:
    splits = {"train": {**MANIFEST["stats"]["splits"]["train"], "labels": labels}, "test": {"rows_in": 5, "rows_out": 5, "augmented": False}}
    manifest = {**MANIFEST, "stats": {**MANIFEST["stats"], "splits": splits}}
    return next(line for line in summary_lines(manifest, where=("folder", "out"), samples=0) if line.startswith("labels"))


def test_a_labels_line_counts_the_rows_of_each_label_or_spans_the_growth_of_many():
    assert labels_line({"neg": {"rows_in": 4, "rows_out": 12}, "pos": {"rows_in": 6, "rows_out": 17}}) == (
        "labels      train: neg 4 -> 12, pos 6 -> 17"
    )
    many = {str(label): {"rows_in": 10, "rows_out": 20 + label} for label in range(12)}
    assert labels_line(many) == (
        "labels      train: 12 labels, each 2.0x to 3.1x its rows (the version's README.md counts them)"
    )


def test_a_labels_line_quotes_names_that_would_not_read_as_one():
    odd = {"": 1, "pos ": 2, "a, b": 3, "pos": 4}
    assert labels_line({name: {"rows_in": rows, "rows_out": 2 * rows} for name, rows in odd.items()}) == (
        "labels      train: '' 1 -> 2, 'pos ' 2 -> 4, 'a, b' 3 -> 6, pos 4 -> 8"
    )


def recipe_line(augmenters: list[dict], mode: str) -> str:
    manifest = {**MANIFEST, "recipe": {**MANIFEST["recipe"], "augmenters": augmenters, "mode": mode}}
    return next(line for line in summary_lines(manifest, where=("folder", "out"), samples=0) if line.startswith("recipe"))


def test_the_recipe_line_names_the_mode_of_several_augmenters_but_not_of_one():
    assert recipe_line([{"name": "eda.swap"}, {"name": "synonym", "p": 0.2}], "sequence") == (
        "recipe      toy: column 'text', n=2, seed 3, sequence: eda.swap, synonym"
    )
    assert recipe_line([{"name": "eda.swap"}, {"name": "synonym"}], "one_of") == (
        "recipe      toy: column 'text', n=2, seed 3, one_of: eda.swap, synonym"
    )
    assert recipe_line([{"name": "eda.swap"}], "one_of") == "recipe      toy: column 'text', n=2, seed 3, eda.swap"
