"""``hfaug.augment``: apply one or several augmenters to a whole dataset."""

from __future__ import annotations

import contextlib
import errno
import inspect
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from datasets import Dataset, DatasetDict, Features, IterableDataset, IterableDatasetDict
from datasets import config as datasets_config

from hfaug import devices, parallel, provenance
from hfaug.augmenter import Augmenter
from hfaug.augmenter.arguments import is_count, is_integer
from hfaug.compose import OneOf, Sequential, ordered_specs, shared_on_error
from hfaug.configurable import init_parameters, instance_example
from hfaug.errors import ColumnError, closest, named_columns
from hfaug.held_out import default_splits
from hfaug.media import undecoded
from hfaug.registry import AugmenterSpec, build
from hfaug.schema import format_type, is_dataset, output_features, transmitted_format

if TYPE_CHECKING:
    from hfaug.engines.ray_engine import Source as RaySource

D = TypeVar("D", Dataset, DatasetDict, IterableDataset, IterableDatasetDict)
logger = logging.getLogger("hfaug")

_ROW_OPTION_REMEDIES = {
    "with_indices": "drop it",
    "input_columns": "drop it, and pass column=... to choose the column augmented",
    "fn_kwargs": "set them on the augmenter instead, e.g. hfaug.Synonym(p=0.2)",
}
"""What to do instead of the ``map`` options that would hand the augmenter more than whole rows."""


def combine(
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int | None = None,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
) -> Augmenter:
    """One augmenter that yields ``n`` copies per row from ``augmenters``.

    A single augmenter keeps its own seed and parameters (its ``n`` too when ``n`` is None) but
    takes ``keep_original`` from here; several are combined with :class:`hfaug.OneOf`
    (``mode="one_of"``) or :class:`hfaug.Sequential` (``mode="sequence"``), which must agree on
    ``on_error`` (a `ValueError` otherwise), into ``n`` copies per row (1 when ``n`` is None).
    ``column``, when given, is the column they all read.
    """
    if mode not in ("one_of", "sequence"):
        raise ValueError(f"hfaug.augment: mode must be 'one_of' or 'sequence', got {mode!r}")
    if isinstance(augmenters, (str, Mapping, Augmenter)) or not isinstance(augmenters, Iterable):  # one spec, not a list
        augmenters = [augmenters]
    example = "hfaug.augment(ds, [hfaug.synonym, 'eda.swap'])"
    built = [build(augmenter) for augmenter in ordered_specs(augmenters, "hfaug.augment", example)]
    if not built:
        raise ValueError("hfaug.augment: give at least one augmenter")
    if len(built) == 1:
        changes: dict[str, Any] = {"keep_original": keep_original}
        if n is not None:
            changes["n"] = n
        if seed is not None:
            changes["seed"] = seed
        if column is not None:
            changes["column"] = column
        return built[0].replace(**changes)
    composite = OneOf if mode == "one_of" else Sequential
    return composite(
        built,
        column,
        n=1 if n is None else n,
        keep_original=keep_original,
        seed=built[0].seed if seed is None else seed,
        on_error=shared_on_error(built, "hfaug.augment", f"hfaug.augment(ds, hfaug.{composite.__name__}([...]))"),
    )


@overload
def augment(
    dataset: D,
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int | None = None,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
    splits: Sequence[str] | None = None,
    engine: Literal["datasets"] = "datasets",
    **map_kwargs: Any,
) -> D: ...
@overload
def augment(
    dataset: RaySource,
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int | None = None,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
    engine: Literal["ray"],
    output: str | os.PathLike[str],
    **ray_options: Any,
) -> str: ...
@overload
def augment(
    dataset: RaySource,
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int | None = None,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
    engine: Literal["ray"],
    output: None = None,
    **ray_options: Any,
) -> Dataset: ...
@overload
def augment(  # type: ignore[overload-cannot-match]  # datasets ships no types: DatasetDict is Any
    dataset: DatasetDict,
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int | None = None,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
    splits: Sequence[str] | None = None,
    engine: Literal["ray"],
    output: str | os.PathLike[str],
    **ray_options: Any,
) -> dict[str, str]: ...
@overload
def augment(  # type: ignore[overload-cannot-match]  # datasets ships no types: DatasetDict is Any
    dataset: DatasetDict,
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int | None = None,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
    splits: Sequence[str] | None = None,
    engine: Literal["ray"],
    output: None = None,
    **ray_options: Any,
) -> DatasetDict: ...
def augment(
    dataset: Dataset | DatasetDict | IterableDataset | IterableDatasetDict | RaySource,
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int | None = None,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
    splits: Sequence[str] | None = None,
    engine: Literal["datasets", "ray"] = "datasets",
    **map_kwargs: Any,
) -> Dataset | DatasetDict | IterableDataset | IterableDatasetDict | dict[str, str] | str:
    """Augment a dataset with one or several augmenters.

    Args:
        dataset (`Dataset`, `DatasetDict`, `IterableDataset` or `IterableDatasetDict`): The data.
        augmenters (`Augmenter`, `str`, `dict` or a list of them): What to apply: augmenters,
            registry names (``"synonym"``, default parameters) or ``{"name": "synonym", "p": 0.2}``.
        n (`int`, *optional*): Augmented copies per row; it replaces an augmenter's own ``n``. By
            default, a single augmenter's own ``n`` (1 unless it was built with another), and 1 for
            several.
        keep_original (`bool`, defaults to `True`): Keep each original row before its copies (it
            replaces an augmenter's own ``keep_original``).
        mode (`str`, defaults to `"one_of"`): With several augmenters, `"one_of"` draws one
            per copy, `"sequence"` applies all of them in order to every copy.
        seed (`int`, *optional*): Seed; defaults to the (first) augmenter's seed.
        column (`str`, *optional*): The column every augmenter reads; defaults to their own
            (``"text"``, ``"image"`` or ``"audio"`` unless they were built with another).
        splits (`list[str]`, *optional*): Splits of a dataset dict to augment; by default every split
            but the held-out ones (test, validation, dev, eval, ...: `hfaug.held_out.HELD_OUT_RULE`).
            Others are returned as they are. A `ValueError` where that is none of them.
        engine (`str`, defaults to `"datasets"`): `"datasets"` maps with ``Dataset.map`` (or
            ``IterableDataset.map``, streamed) on this machine; `"ray"` runs Ray Data
            ``map_batches`` on a Ray cluster (see :func:`hfaug.engines.ray_engine.augment`; then
            ``dataset`` may also be Parquet paths, ``hf://`` paths or a ``ray.data.Dataset``).
        map_kwargs: Passed to ``map`` (``num_proc``, ``batch_size``, ``desc``, ...; not
            ``with_indices``, ``input_columns`` or ``fn_kwargs``: the augmenter takes whole rows), or to the
            Ray engine (``batch_size``, ``concurrency``, ``num_gpus``, ``num_cpus``, ``output``).
            With ``num_proc`` > 1, model augmenters (those taking a ``device``) get one GPU per
            process (see :mod:`hfaug.devices`).

    Returns:
        The same kind of dataset, with the augmented rows and the provenance columns
        described in :mod:`hfaug.provenance`. The Ray engine returns a `datasets.Dataset`
        (a `DatasetDict` for a `DatasetDict`); with ``output``, it collects nothing here and
        returns the path it wrote Parquet to, and for a `DatasetDict` a dict of the paths it
        wrote each augmented split to (``OUTPUT/<split>``; the other splits are not written).

    Example:
        >>> big = hfaug.augment(ds, [hfaug.Synonym(p=0.1), hfaug.RandomSwap()], n=4, num_proc=2)
    """
    if engine not in ("datasets", "ray"):
        raise ValueError(f"hfaug.augment: engine must be 'datasets' or 'ray', got {engine!r}")
    if engine != "ray":
        _refuse_non_dataset(dataset)
    augmenter = combine(augmenters, n=n, keep_original=keep_original, mode=mode, seed=seed, column=column)
    if engine != "ray":
        _refuse_ray_options(map_kwargs)
        _refuse_row_options(map_kwargs)
        _refuse_unknown_options(dataset, map_kwargs, augmenter)
        _check_num_proc(map_kwargs.get("num_proc"))
        check_batch_size(map_kwargs.get("batch_size"), "hfaug.augment")
    if isinstance(dataset, (DatasetDict, IterableDatasetDict)):
        chosen = _chosen_splits(dataset, splits)
        _refuse_one_split_options(map_kwargs, chosen)
        output = map_kwargs.pop("output", None)  # Ray's Parquet output: split S goes to OUTPUT/S
        options = _split_options(dataset, chosen, augmenter, map_kwargs)
        if output is not None:  # nothing collected here: the path of each split written
            outputs = {name: _split_output(output, name) for name in chosen}
            _check_split_outputs(dataset, outputs)
            return {
                name: _run(engine, dataset[name], augmenter, name, **options[name], output=outputs[name])
                for name in chosen
            }
        return type(dataset)(
            {
                name: _run(engine, split, augmenter, name, **options[name]) if name in chosen else split
                for name, split in dataset.items()
            }
        )
    if splits is not None:
        raise TypeError("hfaug.augment: splits= only applies to a DatasetDict or IterableDatasetDict")
    return _run(engine, dataset, augmenter, None, **map_kwargs)


_ONE_SPLIT_OPTIONS = ("new_fingerprint", "cache_file_name")
"""``Dataset.map`` options that name one result: given for several splits, each split would get the first's."""


def _refuse_one_split_options(map_kwargs: dict[str, Any], chosen: list[str]) -> None:
    """Refuse, for several splits, the options that name one map's result (:data:`_ONE_SPLIT_OPTIONS`): the
    splits after the first would be read back from the first's cache file, with its rows."""
    given = [option for option in _ONE_SPLIT_OPTIONS if map_kwargs.get(option) is not None]
    if given and len(chosen) > 1:
        raise ValueError(
            f"hfaug.augment: {given[0]}= names the result of one map, but {len(chosen)} splits are augmented "
            f"({', '.join(map(repr, chosen))}), and each would get the first's rows; augment each split alone with its "
            f"own {given[0]}, e.g. {{name: hfaug.augment(ds[name], ..., {given[0]}=...) for name in ds}}"
        )


def _split_options(
    dataset: DatasetDict | IterableDatasetDict, chosen: list[str], augmenter: Augmenter, map_kwargs: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """The map options of each ``chosen`` split, its ``remove_columns`` narrowed to the columns it has (splits
    may have different columns), once every one of them is found fit to augment: before any is augmented."""
    if "remove_columns" not in map_kwargs:
        _check_splits(dataset, chosen, augmenter, dict.fromkeys(chosen, []))
        return dict.fromkeys(chosen, map_kwargs)
    removed = columns_to_remove(augmenter, map_kwargs["remove_columns"])
    _refuse_columns_of_no_split(dataset, chosen, removed)
    kept = {name: _columns_there(dataset[name], removed) for name in chosen}
    _check_splits(dataset, chosen, augmenter, kept)
    return {name: {**map_kwargs, "remove_columns": kept[name]} for name in chosen}


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


def _columns_there(split: Dataset | IterableDataset, columns: list[str]) -> list[str]:
    """Those of ``columns`` that ``split`` has (all of them where its columns are not known before it is read)."""
    return columns if split.column_names is None else [name for name in columns if name in split.column_names]


def _refuse_columns_of_no_split(dataset: DatasetDict | IterableDatasetDict, chosen: list[str], removed: list[str]) -> None:
    """Refuse columns to remove that none of the ``chosen`` splits has (a misspelt name), where their columns are known."""
    known = [dataset[name].column_names for name in chosen]
    if any(names is None for names in known):
        return
    existing = list(dict.fromkeys(name for names in known for name in names))
    refuse_absent_columns(removed, existing, "hfaug.augment", "no split augmented has; they have")


def refuse_absent_columns(removed: list[str], existing: list[str], owner: str, lacking: str) -> None:
    """Refuse columns to remove that are not among the ``existing`` ones (a misspelt name would stay in the result),
    naming them and those that exist; ``lacking`` says who lacks them and has the others."""
    absent = [name for name in removed if name not in existing]
    if absent:
        raise ValueError(
            f"{owner}: remove_columns names {named_columns(absent)}, which {lacking} columns {named_columns(existing)}"
        )


def _check_splits(
    dataset: DatasetDict | IterableDatasetDict, chosen: list[str], augmenter: Augmenter, removed: dict[str, list[str]]
) -> None:
    """Fail before any split is augmented when one of the ``chosen`` splits, without its ``removed`` columns, lacks
    the augmenter's column, holds a type it cannot take or rows without provenance values, naming that split and
    the others it could augment."""
    for name in chosen:
        try:
            _checked_columns(dataset[name], augmenter, removed[name])
        except ColumnError as error:
            others = [other for other in chosen if other != name]
            leave_out = f" Or leave the split out: splits={others}" if others else ""
            raise ColumnError(f"split {name!r}: {error}{leave_out}") from None


def _refuse_non_dataset(data: Any) -> None:
    """Refuse, before any work, data that is not a `datasets` dataset, saying how to make one of it."""
    if is_dataset(data):
        return
    raise TypeError(
        "hfaug.augment needs a datasets.Dataset, DatasetDict, IterableDataset or IterableDatasetDict, "
        f"got {type(data).__name__}; {how_to_make_a_dataset(data)}"
    )


def is_dict_of_splits(data: Any) -> bool:
    """Whether ``data`` is a plain mapping of split names to `Dataset` objects (not a `DatasetDict`'s own type)."""
    return isinstance(data, Mapping) and bool(data) and all(isinstance(split, Dataset) for split in data.values())


def how_to_make_a_dataset(data: Any) -> str:
    """How to make a `datasets` dataset of ``data``, as messages say it."""
    if is_dict_of_splits(data):
        return "make one with datasets.DatasetDict(splits)"
    if isinstance(data, Mapping):
        return "make one with datasets.Dataset.from_dict(columns)"
    library = type(data).__module__.partition(".")[0]
    if isinstance(data, (list, tuple)) and data and all(isinstance(item, str) for item in data):
        return "make one with datasets.Dataset.from_dict({'text': texts})"
    if isinstance(data, list):
        return "make one with datasets.Dataset.from_list(rows)"
    if library == "pandas":
        frame = "series.to_frame('text')" if type(data).__name__ == "Series" else "frame"
        return f"make one with datasets.Dataset.from_pandas({frame})"
    if library == "polars":
        return "make one with datasets.Dataset.from_polars(frame)"
    if library == "numpy":
        return "make one with datasets.Dataset.from_dict({'text': array.tolist()})"
    if isinstance(data, Iterator):
        return "make one with datasets.Dataset.from_generator(function) (or IterableDataset.from_generator to stream)"
    return "load one with datasets.load_dataset(...), or build one with datasets.Dataset.from_list, from_dict or from_pandas"


def _refuse_ray_options(map_kwargs: Mapping[str, Any]) -> None:
    """Refuse the options of engine='ray' that ``Dataset.map`` would reject with a bare `TypeError`
    (all but ``batch_size`` and ``remove_columns``, which both engines take)."""
    from hfaug.engines.ray_engine import OPTIONS

    if "output" in map_kwargs:
        raise TypeError(
            "hfaug.augment: output= is an option of engine='ray'; to write Parquet files here, pass the result to "
            "hfaug.write_parquet_shards(result, folder) (one batch at a time, streamed or not) or call "
            "result.to_parquet(path)"
        )
    given = [name for name in OPTIONS if name in map_kwargs and name not in ("batch_size", "remove_columns")]
    if given:
        raise TypeError(
            f"hfaug.augment: {', '.join(f'{name}=' for name in given)} {'is an option' if len(given) == 1 else 'are options'} "
            "of engine='ray'; pass engine='ray', or num_proc= to use several processes on this machine"
        )


def _refuse_unknown_options(dataset: Any, map_kwargs: Mapping[str, Any], augmenter: Augmenter) -> None:
    """Refuse, before any work, options that neither ``augment`` nor the ``map`` it calls takes,
    suggesting the closest and saying where a composite's ``weights`` and ``augmenter``'s own
    parameters go (the Ray engine names what it does not take itself)."""
    streamed = isinstance(dataset, (IterableDataset, IterableDatasetDict))
    mapper = IterableDataset.map if streamed else Dataset.map
    left_out = ("self", "function", *_ROW_OPTION_REMEDIES)
    taken = tuple(name for name in inspect.signature(mapper).parameters if name not in left_out)
    if streamed:  # checked, or left out, by `map_augmenter` as for a `Dataset`
        taken += ("num_proc", "desc")
    unknown = [name for name in map_kwargs if name not in taken]
    if not unknown:
        return
    name = unknown[0]
    own = [parameter for parameter in inspect.signature(augment).parameters if parameter not in ("dataset", "map_kwargs")]
    if name == "weights":
        hint = " Weights belong to the combination: hfaug.augment(ds, hfaug.OneOf([...], weights=[...]))."
    elif name == "on_error" and isinstance(augmenter, (OneOf, Sequential)):
        combination = f"hfaug.{type(augmenter).__name__}([...], on_error={map_kwargs[name]!r})"
        hint = f" on_error applies to every copy of the combination: set it there, e.g. hfaug.augment(ds, {combination})."
    elif (owner := _parameter_owner(augmenter, name)) is not None:
        example = instance_example(type(owner), **{name: map_kwargs[name]})
        hint = f" {name} is a parameter of the augmenter: set it there, e.g. {example}."
    else:
        hint = closest(name, [*own, *taken])
    raise TypeError(
        f"hfaug.augment: unknown option {name}=.{hint} It takes {', '.join(own)} and the options of "
        f"{mapper.__qualname__}: {', '.join(taken)}."
    )


def _refuse_row_options(map_kwargs: Mapping[str, Any]) -> None:
    """Refuse the ``map`` options that would hand the augmenter something other than whole rows, or not all of
    them (``drop_last_batch``: which rows depends on ``batch_size`` and ``num_proc``)."""
    if map_kwargs.get("drop_last_batch"):
        raise TypeError(
            "hfaug.augment: drop_last_batch=True would leave out the rows of each process's last batch, which "
            "ones depending on batch_size and num_proc; leave it out, and select the rows to augment first "
            "(ds.select(range(k)))"
        )
    for name, remedy in _ROW_OPTION_REMEDIES.items():
        if name in map_kwargs:
            raise TypeError(
                f"hfaug.augment: {name}= does not apply: the augmenter takes whole rows (every column, carried "
                f"into its copies) and nothing else; {remedy}"
            )


def check_batch_size(batch_size: Any, owner: str) -> None:
    """Refuse a ``batch_size`` that is not a whole number (``Dataset.map`` fails on it with a bare `TypeError`)."""
    if batch_size is not None and not is_integer(batch_size):
        raise TypeError(f"{owner}: batch_size must be a whole number of rows per batch, got {batch_size!r}; pass e.g. batch_size=1000")


def _check_num_proc(num_proc: Any) -> None:
    """Refuse a ``num_proc`` that is not a count of processes (a `str`, a `float`, 0, ...)."""
    if num_proc is not None and not is_count(num_proc):
        raise ValueError(
            f"hfaug.augment: num_proc must be an int of at least 1 (processes on this machine) or None for one; "
            f"got {num_proc!r}"
        )


def _parameter_owner(augmenter: Augmenter, name: str) -> Augmenter | None:
    """The augmenter that takes parameter ``name``: ``augmenter``, or the first of its children
    that does when it combines others; None if none does."""
    parts = augmenter.children if isinstance(augmenter, (OneOf, Sequential)) else [augmenter]
    return next((part for part in parts if name in init_parameters(type(part))), None)


def _run(engine: str, dataset: Any, augmenter: Augmenter, split_name: str | None, **kwargs: Any) -> Any:
    """``dataset`` augmented by ``engine``; ``split_name`` is its name in the dataset dict it comes from, if any."""
    if engine != "ray":
        return map_augmenter(dataset, augmenter, split_name=split_name, **kwargs)
    from hfaug.engines import ray_engine

    out = ray_engine.augment(dataset, augmenter, **kwargs)
    if isinstance(dataset, Dataset) and isinstance(out, Dataset):  # not Parquet files, nor the folder of output=
        _report_losses(augmenter, dataset, out, split_name)
    return out


def _chosen_splits(dataset: DatasetDict | IterableDatasetDict, splits: Sequence[str] | None) -> list[str]:
    """The splits of ``dataset`` to augment: ``splits``, by default all but the held-out ones; refused when that
    is none of them, which would give the dataset back as it is."""
    if splits is None:
        chosen = default_splits(dataset)
        if dataset and not chosen:
            raise ValueError(
                f"hfaug.augment: every split of the dataset is held out ({list(dataset)}), and held-out splits are "
                f"augmented only when splits= lists them; pass the splits to augment, e.g. splits={list(dataset)[:1]}"
            )
        return chosen
    if isinstance(splits, str) or not isinstance(splits, Iterable):
        example = [splits] if isinstance(splits, str) else ["train"]
        raise TypeError(
            f"hfaug.augment: splits must be a list of split names, got {splits!r}; pass a list, e.g. splits={example}"
        )
    chosen = list(splits)
    if not chosen:
        example = (default_splits(dataset) or list(dataset) or ["train"])[:1]
        raise ValueError(
            f"hfaug.augment: splits={splits!r} chooses no split to augment; pass the splits to augment, e.g. "
            f"splits={example}, or leave splits out to augment all but the held-out ones"
        )
    unknown = [name for name in chosen if name not in dataset]
    if unknown:
        raise ValueError(
            f"hfaug.augment: the dataset has no split named {', '.join(map(repr, unknown))}; it has splits "
            f"{list(dataset)}. Pass splits= among them"
        )
    return chosen


def _split_output(output: str | os.PathLike[str], split: str) -> str:
    return f"{os.fspath(output).rstrip('/')}/{split}"


def _check_split_outputs(dataset: DatasetDict | IterableDatasetDict, outputs: Mapping[str, str]) -> None:
    """Refuse, before any split is augmented, an empty split (Ray would write no file for it) and a
    used output folder (Ray would add the new files to the old ones)."""
    from hfaug.engines.ray_engine import check_output
    from hfaug.versioned.split_checks import refuse_empty_splits

    splits = {name: dataset[name] for name in outputs if isinstance(dataset[name], Dataset)}
    kept = [name for name, split in splits.items() if split.num_rows]
    remedy = f"leave it out with splits={kept} (Ray writes no file for a split without rows)"
    refuse_empty_splits(splits, "engine='ray' with output=", remedy)
    for path in outputs.values():
        check_output(path)


def map_augmenter(dataset: D, augmenter: Augmenter, *, split_name: str | None = None, **map_kwargs: Any) -> D:
    """``dataset.map(augmenter, batched=True)`` after checking the schema up front.

    ``remove_columns`` removes columns before the map: the augmenter carries every column it is
    given into its copies, so `datasets` would otherwise put them back. A formatted dataset,
    streamed or not (``with_format("torch")``, ...), is mapped unformatted, and the result gets
    its format as ``map`` passes it on (the provenance columns formatted too). ``split_name``, the
    name of ``dataset`` in the dataset dict it comes from, names it in the log of rows left out and the
    warning of copies kept with their error (its own ``split`` does otherwise).
    """
    if format_type(dataset) is not None:  # augmenters read Python values
        output = map_augmenter(dataset.with_format(None), augmenter, split_name=split_name, **map_kwargs)
        return output.with_format(**_output_format(dataset, output))
    removed = map_kwargs.pop("remove_columns", None)
    dataset = _checked_columns(dataset, augmenter, [] if removed is None else columns_to_remove(augmenter, removed))
    if map_kwargs.get("batched") is False:
        raise ValueError("hfaug.augment always maps in batches; drop batched=False")
    map_kwargs = {"batched": True, **map_kwargs}
    if map_kwargs.get("features") is not None:  # the user's types (a label cast to ClassLabel), and the provenance's
        map_kwargs["features"] = output_features(Features(map_kwargs["features"]))
    dataset, redecode = undecoded(dataset, augmenter)  # media columns are read as stored, decoded once
    if isinstance(dataset, IterableDataset):
        if map_kwargs.pop("num_proc", None) not in (None, 1):
            raise TypeError(
                "hfaug.augment: num_proc does not apply to an IterableDataset (streamed rows are "
                "processed in order); drop num_proc or load the dataset without streaming"
            )
        map_kwargs.pop("desc", None)
        map_kwargs.setdefault("features", _output_features(dataset))
        return redecode(dataset.map(augmenter, **map_kwargs))
    if len(dataset) == 0:  # `Dataset.map` returns an empty dataset as it is, without provenance columns
        return redecode(_empty_output(dataset, map_kwargs.get("features")))
    map_kwargs.setdefault("desc", f"hfaug: {augmenter._label()}")
    if map_kwargs.get("num_proc") == 1:  # `datasets` would start a pool of one worker process
        map_kwargs["num_proc"] = None
    function, map_kwargs = devices.map_function(augmenter, map_kwargs)
    method = devices.needed_start_method(augmenter, map_kwargs.get("num_proc"))
    with _full_disk_told(dataset, map_kwargs.get("cache_file_name")):
        if devices.needed_start_method(augmenter, 2) is None and parallel.can_map(map_kwargs):  # in one process too
            out = parallel.map_in_forks(dataset, function, **map_kwargs)
        else:
            with devices.start_method(method):
                out = dataset.map(function, **map_kwargs)
    _report_losses(augmenter, dataset, out, split_name)
    if len(out) == 0:  # every row skipped: `Dataset.map` gives no provenance columns without rows to infer them from
        out = _empty_output(dataset, map_kwargs.get("features"))
    return redecode(out)


def _checked_columns(dataset: D, augmenter: Augmenter, removed: list[str]) -> D:
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


@contextlib.contextmanager
def _full_disk_told(dataset: Dataset, cache_file_name: str | None) -> Iterator[None]:
    """A disk that fills up under the map's result, told with the folder `datasets` writes it to (beside the
    dataset's own cache files, or ``cache_file_name``) and what to do: the system's error names no folder."""
    try:
        yield
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT) or not (cache_file_name or dataset.cache_files):
            raise
        folder = os.path.dirname(os.path.abspath(cache_file_name or dataset.cache_files[0]["filename"]))
        if cache_file_name:
            elsewhere = "pass a cache_file_name on a disk with room"
        elif Path(folder).is_relative_to(os.path.abspath(datasets_config.HF_DATASETS_CACHE)):
            elsewhere = "set HF_DATASETS_CACHE (or HF_HOME) to a folder on a disk with room, where the dataset is read again"
        else:  # a dataset saved with save_to_disk: `datasets` writes beside it whatever the cache
            elsewhere = "save the dataset on a disk with room (save_to_disk) and load it from there"
        raise OSError(
            error.errno,
            f"the augmented rows are written beside the dataset's cache files, in {folder!r}, and that failed: "
            f"{os.strerror(error.errno)}. Free space there, or {elsewhere}",
        ) from error


def _output_format(source: Dataset | IterableDataset, output: Dataset | IterableDataset) -> dict[str, Any]:
    """The ``with_format`` arguments that give ``output``, augmented from ``source``, the format of
    ``source`` as ``map`` passes it on (the provenance columns included)."""
    if isinstance(source, Dataset):
        return transmitted_format(source, output.column_names)
    return {"type": format_type(source)}


def _report_losses(augmenter: Augmenter, source: Dataset, out: Dataset, split_name: str | None) -> None:
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


def _empty_output(dataset: Dataset, features: Features | None = None) -> Dataset:
    """The output of augmenting ``dataset`` into no rows: its columns and the provenance columns, of the ``features``
    given to the map where there are."""
    features = features or output_features(dataset.features)
    return Dataset.from_dict({name: [] for name in features}, features=features, split=dataset.split)


def _output_features(dataset: IterableDataset) -> Features | None:
    """The streamed output's features, so it keeps the source's Arrow types (None if unknown)."""
    return None if dataset.features is None else output_features(dataset.features)
