"""``hfaug.augment``: apply one or several augmenters to a whole dataset.

One job a module: refusing data that is not a `datasets` dataset (:mod:`.non_datasets`), checking the options
(:mod:`.options`), choosing the splits of a dataset dict and checking them before any is augmented (:mod:`.splits`,
with their columns checked by :mod:`.columns`), mapping one dataset (:mod:`.mapping`) and reporting the rows it
left out or kept with their error (:mod:`.losses`). Here: :func:`combine` and :func:`augment`, which runs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from datasets import Dataset, DatasetDict, IterableDataset, IterableDatasetDict

from hfaug.augmenter import Augmenter
from hfaug.compose import OneOf, Sequential, ordered_specs, shared_on_error
from hfaug.pipeline.columns import PROVENANCE_SCAN_ROWS, D, columns_to_remove, refuse_absent_columns
from hfaug.pipeline.losses import report_losses
from hfaug.pipeline.mapping import map_augmenter
from hfaug.pipeline.non_datasets import how_to_make_a_dataset, is_dict_of_splits, refuse_non_dataset
from hfaug.pipeline.options import (
    check_batch_size,
    check_num_proc,
    refuse_one_split_options,
    refuse_ray_options,
    refuse_row_options,
    refuse_unknown_options,
)
from hfaug.pipeline.splits import check_split_outputs, chosen_splits, split_options, split_output
from hfaug.registry import AugmenterSpec, build

if TYPE_CHECKING:
    from hfaug.engines.ray_engine import Source as RaySource

__all__ = [
    "PROVENANCE_SCAN_ROWS",
    "augment",
    "check_batch_size",
    "columns_to_remove",
    "combine",
    "how_to_make_a_dataset",
    "is_dict_of_splits",
    "map_augmenter",
    "refuse_absent_columns",
]


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
        refuse_non_dataset(dataset)
    augmenter = combine(augmenters, n=n, keep_original=keep_original, mode=mode, seed=seed, column=column)
    if engine != "ray":
        refuse_ray_options(map_kwargs)
        refuse_row_options(map_kwargs)
        refuse_unknown_options(dataset, map_kwargs, augmenter)
        check_num_proc(map_kwargs.get("num_proc"))
        check_batch_size(map_kwargs.get("batch_size"), "hfaug.augment")
    if isinstance(dataset, (DatasetDict, IterableDatasetDict)):
        chosen = chosen_splits(dataset, splits)
        refuse_one_split_options(map_kwargs, chosen)
        output = map_kwargs.pop("output", None)  # Ray's Parquet output: split S goes to OUTPUT/S
        options = split_options(dataset, chosen, augmenter, map_kwargs)
        if output is not None:  # nothing collected here: the path of each split written
            outputs = {name: split_output(output, name) for name in chosen}
            check_split_outputs(dataset, outputs)
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


def _run(engine: str, dataset: Any, augmenter: Augmenter, split_name: str | None, **kwargs: Any) -> Any:
    """``dataset`` augmented by ``engine``; ``split_name`` is its name in the dataset dict it comes from, if any."""
    if engine != "ray":
        return map_augmenter(dataset, augmenter, split_name=split_name, **kwargs)
    from hfaug.engines import ray_engine

    out = ray_engine.augment(dataset, augmenter, **kwargs)
    if isinstance(dataset, Dataset) and isinstance(out, Dataset):  # not Parquet files, nor the folder of output=
        report_losses(augmenter, dataset, out, split_name)
    return out
