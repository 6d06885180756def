"""Running a recipe: augment the chosen splits, filter, count, and describe the result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from datasets import (
    ClassLabel,
    Dataset,
    DatasetDict,
    Features,
    IterableDataset,
    IterableDatasetDict,
    concatenate_datasets,
)
from datasets.packaged_modules import _PACKAGED_DATASETS_MODULES

from hfaug import provenance
from hfaug._version import __version__
from hfaug.augmenter import Augmenter
from hfaug.augmenter.arguments import is_integer
from hfaug.configurable import refuse_non_json
from hfaug.dependent_columns import dotted_name_advice
from hfaug.errors import ColumnError, named_columns
from hfaug.filters.base import apply_filters, check_text_feature
from hfaug.fingerprint import package_code
from hfaug.labels import rows_per_label
from hfaug.media_preview import media_kind
from hfaug.pipeline import augment
from hfaug.pipeline.non_datasets import how_to_make_a_dataset
from hfaug.pipeline.options import check_batch_size
from hfaug.recipe_schema import SPLIT_NAME, SPLIT_NAME_RULE, RecipeError
from hfaug.schema import output_features, transmitted_format
from hfaug.seeding import stable_hash, value_bytes
from hfaug.stats import common_errors, copies_per_augmenter, merge, scan
from hfaug.versioned.dataset_types import VersionedDataset, VersionedDatasetDict, as_splits, attach
from hfaug.versioned.samples import sample_records
from hfaug.versioned.split_checks import split_fingerprints
from hfaug.versioning import content_fingerprint, dependencies, output_identity, source_identity, version_id

if TYPE_CHECKING:
    from hfaug.filters import Filter
    from hfaug.recipe import Recipe


def apply_recipe(
    recipe: Recipe,
    dataset: Dataset | DatasetDict | IterableDataset | IterableDatasetDict,
    *,
    source: dict[str, Any] | None = None,
    samples: int = 12,
    **augment_kwargs: Any,
) -> VersionedDataset | VersionedDatasetDict:
    """See :meth:`hfaug.Recipe.apply`."""
    _check_samples(samples)
    _check_source(source)
    check_batch_size(augment_kwargs.get("batch_size"), "recipe.apply")
    augmenter = recipe.build_augmenter()
    dataset = _materialized(recipe, augmenter, dataset)
    single = isinstance(dataset, Dataset)
    splits = _widest_first(as_splits(dataset))
    chosen = _checked_splits(recipe, augmenter, splits, single, (source or {}).get("slices", {}))
    _check_one_schema(splits)
    _check_split_names(splits, single)
    _refuse_earlier_copies(splits, chosen)
    filters = recipe.build_filters()
    for part in (augmenter, *filters):  # the manifest and card record their configurations
        refuse_non_json(part._label(), part.config())
    _ready_filters(recipe, filters, splits, chosen)

    source = {
        **(source or _describe(dataset)),
        "splits": {name: len(split) for name, split in splits.items()},
        "fingerprint": {name: content_fingerprint(split) for name, split in splits.items()},
    }
    code = package_code()
    depends = dependencies([augmenter, *filters])
    version = _version(recipe, augmenter, filters, source, code, depends)

    out: dict[str, Dataset] = {}
    split_stats: dict[str, dict[str, Any]] = {}
    sample_ds: Dataset | None = None
    sample_split = ""
    for name, split in splits.items():
        if name not in chosen:
            out[name] = _as_originals(split, augmenter)
            split_stats[name] = {"augmented": False, "rows_in": len(split), "rows_out": len(split)}
            continue
        wanted = samples if sample_ds is None else 0
        out[name], split_stats[name], sampled = _augment_split(
            recipe, augmenter, filters, split, wanted, augment_kwargs
        )
        if sample_ds is None and sampled is not None:
            sample_ds, sample_split = sampled, name

    stats = _overall_stats(splits, out, split_stats)
    fingerprints = split_fingerprints(out)
    manifest = {
        "version": version,
        "hfaug_version": __version__,
        "hfaug_code": code,
        "depends": depends,
        "recipe": recipe.to_dict(),
        "augmenter": {"name": augmenter._label(), **augmenter.config()},
        "source": source,
        "splits": {
            name: {"rows": len(split), "augmented": name in chosen, "fingerprint": fingerprints[name]}
            for name, split in out.items()
        },
        "stats": stats,
        "provenance": dict(provenance.DESCRIPTIONS),
        "samples": [] if sample_ds is None else sample_records(sample_ds, recipe.column, recipe.label_column, sample_split),
    }
    result = out[next(iter(out))] if single else DatasetDict(out)
    return attach(result, manifest, samples=sample_ds)


def _materialized(recipe: Recipe, augmenter: Augmenter, dataset: Any) -> Dataset | DatasetDict:
    """``dataset``, a stream written to disk first (its splits checked before it is read); a `TypeError`
    for anything else than a `Dataset` or `DatasetDict`."""
    if isinstance(dataset, (IterableDataset, IterableDatasetDict)):
        from hfaug.streaming import materialize

        single_stream = isinstance(dataset, IterableDataset)
        _checked_splits(recipe, augmenter, as_splits(dataset), single_stream, {})  # before the stream is read
        dataset = materialize(dataset)  # to disk batch by batch, memory-mapped: never all in memory
    if not isinstance(dataset, (Dataset, DatasetDict)):
        raise TypeError(
            f"recipe.apply needs a datasets.Dataset or DatasetDict, got {type(dataset).__name__}; "
            f"{how_to_make_a_dataset(dataset)}"
        )
    return dataset


def _ready_filters(recipe: Recipe, filters: list[Filter], splits: dict[str, Dataset], chosen: list[str]) -> None:
    """Fail now, before any augmentation, on labels a filter cannot judge (nulls, ...) in the ``chosen``
    splits, naming the split where there are several (one could then be left out), or on a model it cannot load."""
    for quality_filter in filters:
        if quality_filter.needs_labels:
            label_column = recipe.label_column
            assert label_column is not None  # a recipe is only valid with a label_column when a filter compares labels
            for name in chosen:
                split = splits[name]
                quality_filter.check_label_column(
                    split[label_column], split.features[label_column], label_column, split=name if len(chosen) > 1 else None
                )
        quality_filter.load()


def _version(
    recipe: Recipe,
    augmenter: Augmenter,
    filters: list[Filter],
    source: dict[str, Any],
    code: str,
    depends: dict[str, Any],
) -> str:
    """The version id of the recipe's output from the ``source`` described (see :func:`version_id`)."""
    canonical = recipe.to_dict()
    return version_id(
        source=source_identity(source["fingerprint"]),
        recipe={**canonical, "augmenters": [output_identity(entry) for entry in canonical["augmenters"]]},
        augmenter=output_identity({"name": augmenter._label(), **augmenter.config()}),
        filters=[{"name": flt._label(), **flt.config()} for flt in filters],
        seed=recipe.seed,
        hfaug_version=__version__,
        hfaug_code=code,
        depends=depends,
        name=recipe.name,
    )


def _augment_split(
    recipe: Recipe,
    augmenter: Augmenter,
    filters: list[Filter],
    split: Dataset,
    samples: int,
    augment_kwargs: dict[str, Any],
) -> tuple[Dataset, dict[str, Any], Dataset | None]:
    """``split`` augmented and filtered, its statistics, and the rows of up to ``samples`` of its sources
    with their copies (``None`` if none)."""
    full = _with_originals(recipe, split, augmenter, augment_kwargs)
    produced = copies_per_augmenter(full) if filters else None
    full, reports = _filter_copies(recipe, full, filters)
    scanned = scan(full, recipe.column, samples=samples, sources=len(split))
    sampled = full.select([row for group in scanned.sample_rows for row in group]) if scanned.sample_rows else None
    result = full if recipe.keep_original else _after(full, len(split))
    stats = _split_stats(recipe, len(split), len(result), scanned, produced, reports)
    if recipe.label_column:
        stats["labels"] = rows_per_label(split, result, recipe.label_column)
    return result, stats, sampled


def _overall_stats(
    splits: dict[str, Dataset], out: dict[str, Dataset], split_stats: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The statistics of all splits together, and of each (``split_stats``)."""
    augmented = [stats for stats in split_stats.values() if stats["augmented"]]
    return {
        "rows_in": sum(len(split) for split in splits.values()),
        "rows_out": sum(len(split) for split in out.values()),
        "augmenters": merge([stats["augmenters"] for stats in augmented]),
        "errors": common_errors([stats["errors"] for stats in augmented]),
        "filters": _merge_reports([stats["filters"] for stats in augmented]),
        "splits": split_stats,
    }


def _check_samples(samples: Any) -> None:
    """Refuse a count of before/after samples that is not a whole number from 0 on."""
    whole = is_integer(samples)
    if not whole or samples < 0:
        raise (ValueError if whole else TypeError)(
            "recipe.apply: samples must be a whole number of source rows to show as before/after samples (0 for "
            f"none), got {samples!r}; pass e.g. samples=3"
        )


def _check_source(source: Any) -> None:
    """Refuse a description of the source data that is not a dict."""
    if source is not None and not isinstance(source, dict):
        raise TypeError(
            f"recipe.apply: source must be a dict that describes the data, got {source!r}; pass e.g. "
            "source={'kind': 'hub', 'id': 'me/data', 'revision': 'main'}, or none"
        )


def _checked_splits(
    recipe: Recipe,
    augmenter: Augmenter,
    splits: Mapping[str, Dataset | IterableDataset],
    single: bool,
    slices: Mapping[str, str],
) -> list[str]:
    """The splits the recipe augments, once they are found to have its columns (as far as a stream's are known);
    ``slices``: the slice of its split that a split holds, by name (the source's ``slices``), for the rows named."""
    chosen = _chosen_splits(recipe, list(splits), single)
    _check_columns(recipe, augmenter, splits, chosen, slices)
    return chosen


def _chosen_splits(recipe: Recipe, names: list[str], single: bool) -> list[str]:
    chosen = recipe.chosen_splits(names)
    if chosen:
        return chosen
    if single:
        raise RecipeError(
            f"the dataset is the {names[0]!r} split, which this recipe does not augment "
            f"(a held-out split, such as test or validation, only when the recipe's 'splits' lists it); add {names[0]!r} "
            "to 'splits' or pass another split"
        )
    raise RecipeError(
        f"this recipe augments none of the splits {names} (held-out splits, such as test or validation, only when its "
        "'splits' field lists them); "
        "set 'splits' in the recipe"
    )


def _check_columns(
    recipe: Recipe,
    augmenter: Augmenter,
    splits: Mapping[str, Dataset | IterableDataset],
    chosen: list[str],
    slices: Mapping[str, str],
) -> None:
    """Fail before any work when a recipe column is missing or of a type its augmenter or filters cannot
    take (in a stream without features, once it is read and has them)."""
    for name in chosen:
        features = splits[name].features
        if features is None:
            continue
        for field_name, column in (("column", recipe.column), ("label_column", recipe.label_column)):
            if column is not None and column not in features:
                having = [other for other, split in splits.items() if column in (split.features or {})]
                raise _missing_recipe_column(field_name, column, features, name, having)
        _check_column_type(augmenter, splits[name], name, slices.get(name))
        if recipe.filters:
            check_text_feature(features[recipe.column], recipe.column, "recipe filters", "remove 'filters' from the recipe")


_ROW = "__hfaug_row"  # a row's position while filters judge the others


def _check_split_names(splits: dict[str, Dataset], single: bool) -> None:
    """Fail before any work on a split name a version could not be written with (``my-split``, or
    ``train[:5]+test[:5]``: rows of several splits in one dataset)."""
    bad = [name for name in splits if not SPLIT_NAME.fullmatch(name)]
    if not bad:
        return
    rule = f"cannot name a split of a version: {SPLIT_NAME_RULE}."
    if single:
        raise RecipeError(f"the dataset's split {bad[0]!r} {rule} Name it: DatasetDict({{'train': ds}})")
    raise RecipeError(
        f"split name(s) {', '.join(map(repr, bad))} {rule} "
        "Rename them, e.g. DatasetDict({'my_split': ds['my-split'], ...})"
    )


def _widest_first(splits: dict[str, Dataset]) -> dict[str, Dataset]:
    """``splits`` led by the first split that has the columns of every other, where one has: a version
    is read back with the columns of its first split (the others' missing columns as nulls, such as the
    labels of an unlabelled test split)."""
    every_column = set().union(*(split.column_names for split in splits.values()))
    widest = next((name for name, split in splits.items() if every_column <= set(split.column_names)), None)
    return splits if widest is None else {widest: splits[widest], **splits}


def _check_one_schema(splits: dict[str, Dataset]) -> None:
    """Fail before any work when a split has a column the first split lacks or holds another type:
    a version folder or Hub version is read back with the first split's columns and types (the
    first split has every column of the others when one split has: :func:`_widest_first`)."""
    first_name, first = next(iter(splits.items()))
    for name, split in splits.items():
        extra = [column for column in split.column_names if column not in first.features]
        if extra:
            raise ColumnError(
                f"split {name!r} has column(s) {', '.join(map(repr, extra))} that split {first_name!r} lacks, and no "
                "split has the columns of every other; a version is read back with the columns of its first split, "
                f"so it could not be loaded. Give the splits the same columns (e.g. ds[{name!r}] = "
                f"ds[{name!r}].remove_columns({extra!r})), or augment one split at a time (--split in hfaug apply)"
            )
        for column in split.column_names:
            if split.features[column] != first.features[column]:
                raise ColumnError(
                    f"column {column!r} holds {split.features[column]} in split {name!r} but "
                    f"{first.features[column]} in split {first_name!r}; a version is read back with the types of "
                    f"its first split. {_type_advice(splits, column, first_name, name)}"
                )


def _type_advice(splits: dict[str, Dataset], column: str, first_name: str, name: str) -> str:
    """How to give ``column`` of split ``name`` its type in split ``first_name``: a cast, but between two
    `ClassLabel`s an alignment by class name (a cast keeps each row's id, whose class then changes)."""
    if all(isinstance(splits[split].features[column], ClassLabel) for split in (first_name, name)):
        return _class_label_advice(splits, column, first_name, name)
    return f"Cast it: ds[{name!r}] = ds[{name!r}].cast_column({column!r}, ds[{first_name!r}].features[{column!r}])"


def _class_label_advice(splits: dict[str, Dataset], column: str, first_name: str, name: str) -> str:
    """How to give the `ClassLabel` ``column`` of split ``name`` the class names of split ``first_name`` with
    ``Dataset.align_labels_with_mapping``, which keeps each row's class name (compared in lower case); or of
    every split, where split ``name`` has class names that ``first_name`` lacks."""
    first_names = splits[first_name].features[column].names
    missing = [label for label in splits[name].features[column].names if label not in first_names]
    labelled = [split for split, data in splits.items() if isinstance(data.features.get(column), ClassLabel)]
    every_name = {label for split in labelled for label in splits[split].features[column].names}
    clash = _case_clash(every_name if missing else first_names)
    by_name = "(by class name: a cast would keep each row's id and so change its class)"
    if clash:
        return (
            f"Class names {' and '.join(map(repr, clash))} differ only in case, which "
            "`Dataset.align_labels_with_mapping` would merge (it compares names in lower case): rename one of them "
            "in every split (a cast to a ClassLabel of the new names keeps each row's class), then align the "
            f"splits' labels {by_name}"
        )
    if not missing:
        return (
            f"Align its labels {by_name}: ds[{name!r}] = ds[{name!r}].align_labels_with_mapping("
            f"{{label: i for i, label in enumerate(ds[{first_name!r}].features[{column!r}].names)}}, {column!r})"
        )
    return (
        f"Split {name!r} has class name(s) {_some(missing)} that split {first_name!r} lacks: give every split one "
        f"ClassLabel of all their class names, aligning their labels {by_name}: names = sorted({{label for split in "
        f"{labelled!r} for label in ds[split].features[{column!r}].names}}); ds.update({{split: ds[split]."
        f"align_labels_with_mapping({{label: i for i, label in enumerate(names)}}, {column!r}) "
        f"for split in {labelled!r}}})"
    )


def _case_clash(names: list[str] | set[str]) -> list[str]:
    """Two of ``names`` that differ only in case (sorted), or none."""
    seen: dict[str, str] = {}
    for label in sorted(names):
        other = seen.setdefault(label.lower(), label)
        if other != label:
            return [other, label]
    return []


def _some(names: list[str], shown: int = 5) -> str:
    """The first ``shown`` of ``names``, quoted, and how many more there are."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(map(repr, names[:shown])) + more


def _refuse_earlier_copies(splits: dict[str, Dataset], chosen: list[str]) -> None:
    """Fail before any work when a split to augment already holds copies (``hfaug_copy > 0``):
    the recipe would make copies of those copies, remake its own (identical with the same
    seed), filter the earlier copies again and count them all as its own."""
    for name in chosen:
        if not {provenance.COPY, provenance.AUGMENTER} <= set(splits[name].column_names):
            continue
        earlier = copies_per_augmenter(splits[name])
        if earlier:
            raise RecipeError(
                f"split {name!r} already holds {sum(earlier.values())} copies made by an earlier augmentation "
                f"({', '.join(earlier)}); a recipe augments source rows and would copy those copies again. Apply it "
                f"to the source data, or to the originals alone: ds.filter(lambda row: row[{provenance.COPY!r}] == 0)"
            )


def _check_column_type(augmenter: Augmenter, split: Dataset | IterableDataset, name: str, taken: str | None) -> None:
    """The augmenter's refusal of the recipe column's type, telling to set the recipe's ``column``; for texts among
    other values, naming their rows first (not in a stream, whose rows are read as it is augmented), in the slice
    ``taken`` of the split where it holds one."""
    features = split.features
    try:
        if isinstance(split, Dataset):
            augmenter.refuse_values_among_texts(split, taken)
        augmenter.check_column(list(features), features, choose="set the recipe's 'column' to {}")
    except ColumnError as error:
        raise ColumnError(f"recipe column (split {name!r}): {error}") from None


def _missing_recipe_column(
    field_name: str, column: str, features: Features, name: str, having: list[str]
) -> ColumnError:
    """A recipe column the split ``name`` (of these ``features``) lacks while the splits ``having`` hold it (an
    unlabelled test split: leave it out); for a missing label of media files, how folders get labels."""
    message = (
        f"recipe {field_name} (split {name!r}): column {column!r} not found; the dataset has columns "
        f"{named_columns(features)}."
    )
    if having:
        return ColumnError(
            f"{message} Split {having[0]!r} has it: leave {name!r} out of the recipe's 'splits' field (it is then "
            "written as it is), or add the column to it."
        )
    message += f" Set the recipe's '{field_name}' to one of them.{dotted_name_advice(column, features)}"
    if field_name == "label_column" and any(media_kind(feature) for feature in features.values()):
        message += (
            " A folder of images or audio gets a 'label' column from `datasets` only when every file sits in a "
            "class folder at the same depth (train/scratch/1.jpg, not train/scratch/batch2/1.jpg or train/1.jpg), "
            "or from a metadata.csv or metadata.jsonl that gives one"
        )
    return ColumnError(message)


def _describe(dataset: Dataset | DatasetDict) -> dict[str, Any]:
    """The source, as far as the data says: its dataset name, the format of the data files a
    packaged loader read (``load_dataset("json", data_files=...)``: not a dataset's name), or none.
    Not part of the version id, which the content stands for."""
    first = dataset if isinstance(dataset, Dataset) else next(iter(dataset.values()), None)
    info = first.info if first is not None else None
    name = (info.dataset_name or info.builder_name) if info is not None else None
    if name in _PACKAGED_DATASETS_MODULES:
        return {"kind": "dataset", "description": f"{name} data files"}
    return {"kind": "dataset", "description": name or "an in-memory dataset"}


def _as_originals(dataset: Dataset, augmenter: Augmenter) -> Dataset:
    """A split left as it is, with the provenance columns of original rows (``hfaug_copy`` 0),
    so that every split of the result shares one schema (one Hub config)."""
    if provenance.SOURCE_ID in dataset.column_names:
        return dataset
    features = output_features(dataset.features)
    if not len(dataset):  # `Dataset.map` returns an empty dataset as it is
        marked = Dataset.from_dict({name: [] for name in features}, features, split=dataset.split)
    else:
        column = augmenter.column if augmenter.column in dataset.column_names else None
        marked = dataset.with_format(None).map(  # the rows as stored, identified as the augmenter identifies them
            partial(_original_marks, augmenter=augmenter, column=column),  # picklable: `datasets` caches the map
            batched=True,
            features=features,
            desc="hfaug: provenance of the splits left as they are",
        )
    return marked.with_format(**transmitted_format(dataset, marked.column_names))


def _original_marks(batch: dict[str, list[Any]], *, augmenter: Augmenter, column: str | None) -> dict[str, list[Any]]:
    """The provenance columns of a batch of original rows, identified as ``augmenter`` identifies
    them: by their ``column`` value, or by the whole row when the split lacks that column."""
    size = len(next(iter(batch.values())))
    if column is None:
        keys = [stable_hash(value_bytes({name: batch[name][row] for name in batch})) for row in range(size)]
    else:
        keys = [stable_hash(augmenter.value_key(value)) for value in batch[column]]
    return {
        provenance.SOURCE_ID: augmenter.source_ids(batch, keys),
        provenance.AUGMENTER: [provenance.ORIGINAL] * size,
        provenance.COPY: [0] * size,
        provenance.PARAMS: ["{}"] * size,
        provenance.ERROR: [""] * size,
    }


def _with_originals(recipe: Recipe, split: Dataset, augmenter: Augmenter, augment_kwargs: dict[str, Any]) -> Dataset:
    """``split`` augmented as `hfaug.augment` does with the recipe's fields, with every original
    row (filters and statistics compare copies to them): next to their copies when the recipe
    keeps them, else first, so that the copies that follow them are the result."""
    augmented = augment(
        split, augmenter, n=recipe.n, keep_original=recipe.keep_original, seed=recipe.seed, **augment_kwargs
    )
    if recipe.keep_original or not len(split):
        return augmented
    return concatenate_datasets([_as_originals(split, augmenter), augmented])


def _filter_copies(recipe: Recipe, dataset: Dataset, filters: list[Filter]) -> tuple[Dataset, list[dict[str, Any]]]:
    """``dataset`` after the recipe's ``filters``, and their reports. Filters judge the copies the
    augmenters made: a row kept with an error (``on_error: keep``, ``hfaug_error`` set) stands for
    a source row that could not be augmented, is not judged and stays, as its error is counted."""
    if not filters:
        return dataset, []
    marks = dataset.select_columns([provenance.COPY, provenance.ERROR]).with_format("arrow")[:]
    kept_with_error = [
        row
        for row, (copy, error) in enumerate(zip(marks.column(0).to_pylist(), marks.column(1).to_pylist()))
        if copy and error
    ]
    if not kept_with_error:
        return apply_filters(dataset, filters, column=recipe.column, label_column=recipe.label_column)
    skipped = set(kept_with_error)
    numbered = dataset.add_column(_ROW, range(len(dataset)))
    judged = numbered.select([row for row in range(len(dataset)) if row not in skipped])
    kept, reports = apply_filters(judged, filters, column=recipe.column, label_column=recipe.label_column)
    return dataset.select(sorted([*kept[_ROW], *kept_with_error])), reports


def _after(dataset: Dataset, start: int) -> Dataset:
    """The rows of ``dataset`` from ``start`` on (``Dataset.select`` refuses a range that starts at its end)."""
    return dataset.select(range(start, len(dataset))) if start < len(dataset) else dataset.select([])


def _split_stats(
    recipe: Recipe,
    rows_in: int,
    rows_out: int,
    scanned: Any,
    produced: dict[str, int] | None,
    reports: list[dict[str, Any]],
) -> dict[str, Any]:
    augmenters = scanned.augmenter_stats()
    for name, count in (produced or {}).items():
        entry = augmenters.setdefault(name, {"rows_out": 0, "changed": 0, "repeats": 0, "unchanged": 0, "errors": 0})
        entry["filtered"] = count - entry["rows_out"]
    produced_total = sum(produced.values()) if produced is not None else scanned.copies
    return {
        "augmented": True,
        "rows_in": rows_in,
        "rows_out": rows_out,
        "copies_requested": rows_in * recipe.n,
        "copies_made": produced_total,
        "dropped_by_augmenters": rows_in * recipe.n - produced_total,
        "dropped_by_filters": sum(report["rows_dropped"] for report in reports),
        "originals_kept": recipe.keep_original,
        "augmenters": augmenters,
        "errors": common_errors([scanned.errors]),
        "filters": reports,
    }


_SUMMED_COUNTS = ("rows_checked", "rows_dropped", "rows_unjudged")  # of filter reports, added up over splits


def _merge_reports(per_split: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Sum the filter reports of several splits, filter by filter."""
    merged: list[dict[str, Any]] = []
    for reports in per_split:
        for index, report in enumerate(reports):
            if index == len(merged):
                merged.append({**report, **dict.fromkeys(_SUMMED_COUNTS, 0), "reasons": Counter()})
            for count in _SUMMED_COUNTS:
                merged[index][count] += report.get(count, 0)
            merged[index]["reasons"].update(report["reasons"])
    return [{**report, "reasons": dict(sorted(report["reasons"].items()))} for report in merged]
