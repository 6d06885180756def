"""One dataset (or split) augmented through ``Dataset.map``, ``IterableDataset.map`` or the forks of
:mod:`hfaug.parallel` (:func:`map_augmenter`): what `datasets` would get wrong put right (a format, no rows) and a
full disk told."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from datasets import Dataset, Features, IterableDataset
from datasets import config as datasets_config

from hfaug import devices, parallel
from hfaug.augmenter import Augmenter
from hfaug.media import undecoded
from hfaug.pipeline.columns import D, checked_columns, columns_to_remove
from hfaug.pipeline.losses import report_losses
from hfaug.schema import format_type, output_features, transmitted_format


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
    dataset = checked_columns(dataset, augmenter, [] if removed is None else columns_to_remove(augmenter, removed))
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
    with _full_disk_told(dataset, map_kwargs.get("cache_file_name")):
        if devices.needed_start_method(augmenter, 2) is None and parallel.can_map(map_kwargs):  # in one process too
            out = parallel.map_in_forks(dataset, function, **map_kwargs)
        else:
            fingerprint = parallel.map_fingerprint(dataset, function, map_kwargs)  # as the forks': whatever num_proc
            with devices.start_method(devices.needed_start_method(augmenter, map_kwargs.get("num_proc"))):
                out = dataset.map(function, **{**map_kwargs, "new_fingerprint": fingerprint})
    report_losses(augmenter, dataset, out, split_name)
    if len(out) == 0:  # every row skipped: `Dataset.map` gives no provenance columns without rows to infer them from
        out = _empty_output(dataset, map_kwargs.get("features"))
    return redecode(out)


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


def _empty_output(dataset: Dataset, features: Features | None = None) -> Dataset:
    """The output of augmenting ``dataset`` into no rows: its columns and the provenance columns, of the ``features``
    given to the map where there are."""
    features = features or output_features(dataset.features)
    return Dataset.from_dict({name: [] for name in features}, features=features, split=dataset.split)


def _output_features(dataset: IterableDataset) -> Features | None:
    """The streamed output's features, so it keeps the source's Arrow types (None if unknown)."""
    return None if dataset.features is None else output_features(dataset.features)
