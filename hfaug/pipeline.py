"""``hfaug.augment``: apply one or several augmenters to a whole dataset."""

from __future__ import annotations

import inspect
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from datasets import Dataset, DatasetDict, Features, IterableDataset, IterableDatasetDict

from hfaug import devices, parallel
from hfaug.augmenter import Augmenter
from hfaug.compose import OneOf, Sequential, shared_on_error
from hfaug.errors import closest
from hfaug.media import undecoded
from hfaug.registry import AugmenterSpec, build
from hfaug.schema import format_arguments, output_features

D = TypeVar("D", Dataset, DatasetDict, IterableDataset, IterableDatasetDict)
logger = logging.getLogger("hfaug")


def combine(
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int = 1,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
) -> Augmenter:
    """One augmenter that yields ``n`` copies per row from ``augmenters``.

    A single augmenter keeps its own seed and parameters except ``n`` and ``keep_original``,
    which are those given here; several are combined with :class:`hfaug.OneOf`
    (``mode="one_of"``) or :class:`hfaug.Sequential` (``mode="sequence"``), which must agree on
    ``on_error`` (a `ValueError` otherwise). ``column``, when given, is the column they all read.
    """
    if mode not in ("one_of", "sequence"):
        raise ValueError(f"hfaug.augment: mode must be 'one_of' or 'sequence', got {mode!r}")
    if isinstance(augmenters, (str, Mapping)) or not isinstance(augmenters, Iterable):  # one spec, not a list
        augmenters = [augmenters]
    augmenters = [build(augmenter) for augmenter in augmenters]
    if not augmenters:
        raise ValueError("hfaug.augment: give at least one augmenter")
    if len(augmenters) == 1:
        changes: dict[str, Any] = {"n": n, "keep_original": keep_original}
        if seed is not None:
            changes["seed"] = seed
        if column is not None:
            changes["column"] = column
        return augmenters[0].replace(**changes)
    composite = OneOf if mode == "one_of" else Sequential
    return composite(
        augmenters,
        column,
        n=n,
        keep_original=keep_original,
        seed=augmenters[0].seed if seed is None else seed,
        on_error=shared_on_error(augmenters, "hfaug.augment"),
    )


def augment(
    dataset: D,
    augmenters: AugmenterSpec | Sequence[AugmenterSpec],
    *,
    n: int = 1,
    keep_original: bool = True,
    mode: Literal["one_of", "sequence"] = "one_of",
    seed: int | None = None,
    column: str | None = None,
    splits: Sequence[str] | None = None,
    engine: Literal["datasets", "ray"] = "datasets",
    **map_kwargs: Any,
) -> D:
    """Augment a dataset with one or several augmenters.

    Args:
        dataset (`Dataset`, `DatasetDict`, `IterableDataset` or `IterableDatasetDict`): The data.
        augmenters (`Augmenter`, `str`, `dict` or a list of them): What to apply: augmenters,
            registry names (``"synonym"``, default parameters) or ``{"name": "synonym", "p": 0.2}``.
        n (`int`, defaults to 1): Augmented copies per row (it replaces an augmenter's own ``n``).
        keep_original (`bool`, defaults to `True`): Keep each original row before its copies (it
            replaces an augmenter's own ``keep_original``).
        mode (`str`, defaults to `"one_of"`): With several augmenters, `"one_of"` draws one
            per copy, `"sequence"` applies all of them in order to every copy.
        seed (`int`, *optional*): Seed; defaults to the (first) augmenter's seed.
        column (`str`, *optional*): The column every augmenter reads; defaults to their own
            (``"text"``, ``"image"`` or ``"audio"`` unless they were built with another).
        splits (`list[str]`, *optional*): Splits of a dataset dict to augment; by default
            every split except those whose name starts with ``test``. Others are returned as they are.
        engine (`str`, defaults to `"datasets"`): `"datasets"` maps with ``Dataset.map`` (or
            ``IterableDataset.map``, streamed) on this machine; `"ray"` runs Ray Data
            ``map_batches`` on a Ray cluster (see :func:`hfaug.engines.ray_engine.augment`; then
            ``dataset`` may also be Parquet paths, ``hf://`` paths or a ``ray.data.Dataset``).
        map_kwargs: Passed to ``map`` (``num_proc``, ``batch_size``, ``desc``, ...), or to the
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
    augmenter = combine(augmenters, n=n, keep_original=keep_original, mode=mode, seed=seed, column=column)
    if engine not in ("datasets", "ray"):
        raise ValueError(f"hfaug.augment: engine must be 'datasets' or 'ray', got {engine!r}")
    if engine != "ray":
        _refuse_ray_options(map_kwargs)
        _refuse_unknown_options(dataset, map_kwargs)
    if isinstance(dataset, (DatasetDict, IterableDatasetDict)):
        chosen = _chosen_splits(dataset, splits)
        output = map_kwargs.pop("output", None)  # Ray's Parquet output: split S goes to OUTPUT/S
        if output is not None:  # nothing collected here: the path of each split written
            outputs = {name: _split_output(output, name) for name in chosen}
            _check_split_outputs(dataset, outputs)
            return {
                name: _run(engine, dataset[name], augmenter, **map_kwargs, output=outputs[name]) for name in chosen
            }
        return type(dataset)(
            {
                name: _run(engine, split, augmenter, **map_kwargs) if name in chosen else split
                for name, split in dataset.items()
            }
        )
    if splits is not None:
        raise TypeError("hfaug.augment: splits= only applies to a DatasetDict or IterableDatasetDict")
    return _run(engine, dataset, augmenter, **map_kwargs)


def _refuse_ray_options(map_kwargs: Mapping[str, Any]) -> None:
    """Refuse the options of engine='ray' that ``Dataset.map`` would reject with a bare `TypeError`
    (all but ``batch_size``, which both engines take)."""
    from hfaug.engines.ray_engine import OPTIONS

    if "output" in map_kwargs:
        raise TypeError(
            "hfaug.augment: output= is an option of engine='ray'; to write Parquet files here, pass the result to "
            "hfaug.write_parquet_shards(result, folder) (one batch at a time, streamed or not) or call "
            "result.to_parquet(path)"
        )
    given = [name for name in OPTIONS if name in map_kwargs and name != "batch_size"]
    if given:
        raise TypeError(
            f"hfaug.augment: {', '.join(f'{name}=' for name in given)} {'is an option' if len(given) == 1 else 'are options'} "
            "of engine='ray'; pass engine='ray', or num_proc= to use several processes on this machine"
        )


def _refuse_unknown_options(dataset: Any, map_kwargs: Mapping[str, Any]) -> None:
    """Refuse, before any work, options that neither ``augment`` nor the ``map`` it calls takes,
    suggesting the closest and saying where a composite's ``weights`` go (the Ray engine names
    what it does not take itself)."""
    streamed = isinstance(dataset, (IterableDataset, IterableDatasetDict))
    mapper = IterableDataset.map if streamed else Dataset.map
    taken = tuple(name for name in inspect.signature(mapper).parameters if name not in ("self", "function"))
    if streamed:  # checked, or left out, by `map_augmenter` as for a `Dataset`
        taken += ("num_proc", "desc")
    unknown = [name for name in map_kwargs if name not in taken]
    if not unknown:
        return
    name = unknown[0]
    own = [parameter for parameter in inspect.signature(augment).parameters if parameter not in ("dataset", "map_kwargs")]
    hint = (
        " Weights belong to the combination: hfaug.augment(ds, hfaug.OneOf([...], weights=[...]))."
        if name == "weights"
        else closest(name, [*own, *taken])
    )
    raise TypeError(
        f"hfaug.augment: unknown option {name}=.{hint} It takes {', '.join(own)} and the options of "
        f"{mapper.__qualname__}: {', '.join(taken)}."
    )


def _run(engine: str, dataset: Any, augmenter: Augmenter, **kwargs: Any) -> Any:
    if engine == "ray":
        from hfaug.engines import ray_engine

        return ray_engine.augment(dataset, augmenter, **kwargs)
    return map_augmenter(dataset, augmenter, **kwargs)


def _chosen_splits(dataset: DatasetDict | IterableDatasetDict, splits: Sequence[str] | None) -> list[str]:
    chosen = list(splits) if splits is not None else [name for name in dataset if not name.startswith("test")]
    unknown = [name for name in chosen if name not in dataset]
    if unknown:
        raise KeyError(f"hfaug.augment: no split named {unknown}; the dataset has splits {list(dataset)}")
    return chosen


def _split_output(output: str | os.PathLike[str], split: str) -> str:
    return f"{os.fspath(output).rstrip('/')}/{split}"


def _check_split_outputs(dataset: DatasetDict | IterableDatasetDict, outputs: Mapping[str, str]) -> None:
    """Refuse, before any split is augmented, an empty split (Ray would write no file for it) and a
    used output folder (Ray would add the new files to the old ones)."""
    from hfaug.engines.ray_engine import check_output
    from hfaug.versioned import refuse_empty_splits

    splits = {name: dataset[name] for name in outputs if isinstance(dataset[name], Dataset)}
    kept = [name for name, split in splits.items() if split.num_rows]
    remedy = f"leave it out with splits={kept} (Ray writes no file for a split without rows)"
    refuse_empty_splits(splits, "engine='ray' with output=", remedy)
    for path in outputs.values():
        check_output(path)


def map_augmenter(dataset: D, augmenter: Augmenter, **map_kwargs: Any) -> D:
    """``dataset.map(augmenter, batched=True)`` after checking the schema up front.

    ``remove_columns`` removes columns before the map: the augmenter carries every column it is
    given into its copies, so `datasets` would otherwise put them back. A formatted dataset,
    streamed or not (``with_format("torch")``, ...), is mapped unformatted, and the result gets
    its format back.
    """
    formatted = _format_of(dataset)
    if formatted is not None:  # augmenters read Python values
        return map_augmenter(dataset.with_format(None), augmenter, **map_kwargs).with_format(**formatted)
    removed = map_kwargs.pop("remove_columns", None)
    if removed is not None:
        removed = [removed] if isinstance(removed, str) else list(removed)
        if augmenter.column in removed:
            raise ValueError(
                f"hfaug.augment: remove_columns names {augmenter.column!r}, the column being augmented; "
                "remove it from the result instead"
            )
        dataset = dataset.remove_columns(removed)
    if dataset.column_names is not None:  # unknown for some streamed datasets until iterated
        augmenter.check_schema(dataset.column_names, dataset.features)
    if map_kwargs.get("batched") is False:
        raise ValueError("hfaug.augment always maps in batches; drop batched=False")
    map_kwargs = {"batched": True, **map_kwargs}
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
        return redecode(_empty_output(dataset))
    map_kwargs.setdefault("desc", f"hfaug: {augmenter._label()}")
    if map_kwargs.get("num_proc") == 1:  # `datasets` would start a pool of one worker process
        map_kwargs["num_proc"] = None
    function, map_kwargs = devices.map_function(augmenter, map_kwargs)
    method = devices.needed_start_method(augmenter, map_kwargs.get("num_proc"))
    if method is None and parallel.can_fork(map_kwargs):
        out = parallel.map_in_forks(dataset, function, **map_kwargs)
    else:
        with devices.start_method(method):
            out = dataset.map(function, **map_kwargs)
    _log_left_out(augmenter, len(dataset), len(out))
    if len(out) == 0:  # every row skipped: `Dataset.map` gives no provenance columns without rows to infer them from
        out = _empty_output(dataset)
    return redecode(out)


def _format_of(dataset: Dataset | IterableDataset) -> dict[str, Any] | None:
    """The ``with_format`` arguments that give ``dataset`` back its format; None when it has none."""
    if isinstance(dataset, Dataset):
        return format_arguments(dataset.format) if dataset.format["type"] is not None else None
    formatting = getattr(dataset, "_formatting", None)  # `IterableDataset` has no public accessor of its format
    return {"type": formatting.format_type} if formatting is not None and formatting.format_type is not None else None


def _log_left_out(augmenter: Augmenter, rows: int, written: int) -> None:
    """Log how many of the rows expected from ``rows`` input rows (``n`` copies each, plus the
    original) ``augmenter`` left out; counted from the lengths, not row by row."""
    expected = rows * (augmenter.n + augmenter.keep_original)
    if written >= expected:
        return
    skipped = "skipped (on_error='skip': their row could not be augmented) or " if augmenter.on_error == "skip" else ""
    logger.info(
        "hfaug.augment: %s left out %d of %d rows: copies %sthat could not differ from their source",
        augmenter._label(),
        expected - written,
        expected,
        skipped,
    )


def _empty_output(dataset: Dataset) -> Dataset:
    """The output of augmenting ``dataset`` into no rows: its columns and the provenance columns."""
    features = output_features(dataset.features)
    return Dataset.from_dict({name: [] for name in features}, features=features, split=dataset.split)


def _output_features(dataset: IterableDataset) -> Features | None:
    """The streamed output's features, so it keeps the source's Arrow types (None if unknown)."""
    return None if dataset.features is None else output_features(dataset.features)
