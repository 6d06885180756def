"""Ray Data engine: the same augmenters, run by ``ray.data.Dataset.map_batches`` on a cluster.

Stateless augmenters run as Ray tasks. Model augmenters (those taking a ``device``
parameter, see :mod:`hfaug.devices`) run in a pool of actors, each building the augmenter
once and keeping its model loaded for all the batches it receives, on a GPU of its own
when the cluster has GPUs. Row-keyed seeding makes the rows identical to those of the
local engine, in the same order unless ``preserve_order=False``.

Ray is imported on first use: install it with ``pip install 'hfaug[ray]'``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import pyarrow as pa
from datasets import Dataset, DatasetInfo, Features
from datasets.fingerprint import Hasher, generate_random_fingerprint
from datasets.table import InMemoryTable

from hfaug.augmenter import Augmenter
from hfaug.augmenter.arguments import is_count
from hfaug.devices import model_augmenters
from hfaug.engines.ray_address import refuse_unreachable_cluster
from hfaug.engines.ray_blocks import BlockAugmenter
from hfaug.errors import HfaugError, optional_imports
from hfaug.schema import output_features, transmitted_format
from hfaug.signals import sigterm_kept

if TYPE_CHECKING:
    import ray.data

Source = Union[Dataset, "ray.data.Dataset", str, os.PathLike, Sequence[Union[str, os.PathLike]]]
OPTIONS = (
    "batch_size",
    "concurrency",
    "num_gpus",
    "num_cpus",
    "output",
    "preserve_order",
    "filesystem",
    "remove_columns",
)
DEFAULT_BATCH_SIZE = 1000


def _import_ray() -> Any:
    with optional_imports(__name__, "engine='ray'"):
        import ray
        import ray.data  # noqa: F401
    if not ray.is_initialized():
        refuse_unreachable_cluster()
        with sigterm_kept():
            ray.init()  # joins the cluster of RAY_ADDRESS or of `ray start` on this machine, else starts one
    return ray


def augment(
    source: Source,
    augmenter: Augmenter,
    *,
    batch_size: int | None = DEFAULT_BATCH_SIZE,
    concurrency: int | tuple[int, int] | None = None,
    num_gpus: float | None = None,
    num_cpus: float | None = None,
    output: str | os.PathLike | None = None,
    preserve_order: bool = True,
    filesystem: Any = None,
    remove_columns: str | Sequence[str] | None = None,
    **unsupported: Any,
) -> Dataset | str:
    """Run ``augmenter`` over ``source`` with Ray Data (what ``hfaug.augment(..., engine="ray")`` calls).

    Args:
        source (`datasets.Dataset`, `ray.data.Dataset`, `str` or `list[str]`): The data: a
            `datasets.Dataset`, a Ray dataset, or Parquet files or folders (local paths,
            ``s3://``/``gs://`` URIs, or ``hf://datasets/OWNER/NAME/...`` paths on the Hub,
            globs allowed there).
        augmenter (`hfaug.Augmenter`): What to apply (see :func:`hfaug.pipeline.combine`).
        batch_size (`int`, defaults to 1000): Rows per call of the augmenter (`None`: the default).
        concurrency (`int` or `tuple[int, int]`, *optional*): For model augmenters, the number of
            actors (or a ``(min, max)`` autoscaling range; Ray's ``ActorPoolStrategy``); defaults
            to as many as the cluster's GPUs (with GPUs) or CPUs hold. For stateless augmenters,
            the most tasks at once (an int; Ray's ``TaskPoolStrategy``), Ray decides by default.
        num_gpus (`float`, *optional*): GPUs per actor of a model augmenter; defaults to 1 when
            the cluster has GPUs, else 0. More than the cluster has is refused (Ray would wait for
            them forever). Stateless augmenters never take GPUs.
        num_cpus (`float`, *optional*): CPUs per task or actor (Ray's default: 1).
        output (`str` or `os.PathLike`, *optional*): Write the result there as Parquet files
            (any filesystem Ray writes to) instead of collecting it on this machine. A local
            folder that already holds files is refused: Ray would add the new files to them;
            so is a source without rows (an empty `datasets.Dataset` before any work, empty
            Parquet files once read), or one whose rows were all left out (``on_error="skip"``):
            Ray would write no file.
        preserve_order (`bool`, defaults to `True`): Keep the rows in the local engine's order
            (then the result equals the local one row for row). `False` lets blocks finish in any
            order, which can be faster on a busy cluster; the rows are the same, sort them by
            ``hfaug_source_id`` and ``hfaug_copy`` to compare.
        filesystem (`fsspec.AbstractFileSystem` or `pyarrow.fs.FileSystem`, *optional*): The
            filesystem of Parquet ``source`` paths, e.g. ``HfFileSystem(endpoint=..., token=...)``
            for a private Hub or one of your own. By default Ray infers it from the paths, and
            ``hf://`` paths are read with an ``HfFileSystem`` of the ``HF_ENDPOINT`` set here.
        remove_columns (`str` or `list[str]`, *optional*): Columns of the source left out of the result, as
            ``hfaug.augment`` leaves them out with the local engine (not the column augmented).

    Returns:
        A `datasets.Dataset` with the features of :func:`hfaug.schema.output_features` (and the
        format of a formatted `datasets.Dataset` source, as the local engine gives it back), or,
        with ``output``, that path as a string (``hfaug.augment`` of a `DatasetDict` with
        ``output`` returns ``{split: path}`` for the splits it augmented).

    Example:
        >>> out = hfaug.augment(ds, hfaug.Synonym(p=0.2), n=4, engine="ray")
        >>> hfaug.augment("hf://datasets/me/corpus/data/*.parquet", bt, engine="ray", output="s3://bucket/aug")
    """
    if unsupported:
        hint = " (Ray decides the parallelism: use concurrency=)" if "num_proc" in unsupported else ""
        raise TypeError(
            f"engine='ray' does not take {', '.join(sorted(unsupported))}{hint}; it takes {', '.join(OPTIONS)}"
        )
    batch_size = DEFAULT_BATCH_SIZE if batch_size is None else batch_size
    _check_sizes(batch_size, concurrency)
    check_output(output)
    _refuse_empty_output(source, output)
    if isinstance(source, Dataset):  # its rows named as by the local engine, before Ray starts
        augmenter.refuse_values_among_texts(source)
    ray = _import_ray()
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    gpus = int(ray.cluster_resources().get("GPU", 0))
    data, features, source_fingerprint = _read(ray, source, batch_size=batch_size, cpus=cpus, filesystem=filesystem)
    if remove_columns is not None:
        data, features, source_fingerprint = _without_columns(data, features, source_fingerprint, augmenter, remove_columns)
    augmenter.check_schema(list(features), features)

    function = BlockAugmenter(augmenter, features)
    options: dict[str, Any] = {"batch_size": batch_size, "batch_format": "pyarrow", "zero_copy_batch": True}
    if num_cpus is not None:
        options["num_cpus"] = num_cpus
    if model_augmenters(augmenter):
        gpus_per_actor = (1 if gpus else 0) if num_gpus is None else num_gpus
        _check_gpus(gpus_per_actor, gpus)
        if gpus_per_actor:
            options["num_gpus"] = gpus_per_actor
        default_actors = max(1, int(gpus // gpus_per_actor) if gpus_per_actor else int(cpus // (num_cpus or 1)))
        result = data.map_batches(
            BlockAugmenter,
            fn_constructor_kwargs={"augmenter": augmenter, "features": features},
            compute=_actor_pool(ray, concurrency or default_actors),
            **options,
        )
    else:
        if num_gpus:
            raise ValueError(f"num_gpus applies to model augmenters only; {augmenter._label()} runs no model")
        result = data.map_batches(function, compute=_task_pool(ray, concurrency, augmenter), **options)
        # The augmenting tasks are the only operator (Parquet reads fuse into them): reserving a
        # share of the cluster per operator would only hold tasks back from the free CPUs.
        result.context.op_resource_reservation_enabled = False

    result.context.execution_options.preserve_order = preserve_order
    result.context.raise_original_map_exception = True  # the augmenter's own error, not a UserCodeException
    with _worker_errors_raised_as_themselves(ray):
        if output is not None:
            result.write_parquet(os.fspath(output))
            _refuse_nothing_written(output, augmenter)
            return os.fspath(output)
        blocks = [pa.table(block) for block in ray.get(result.to_arrow_refs())]
    schema = function.schema
    tables = [block.cast(schema) for block in blocks if block.num_rows]  # an empty block may have no columns
    table = pa.concat_tables(tables) if tables else schema.empty_table()
    augmented = Dataset(
        InMemoryTable(table),
        info=DatasetInfo(features=output_features(features)),
        fingerprint=_result_fingerprint(source_fingerprint, augmenter),
    )
    if isinstance(source, Dataset) and source.format["type"] is not None:  # as the local engine gives it back
        augmented = augmented.with_format(**transmitted_format(source, augmented.column_names))
    return augmented


def _without_columns(
    data: Any, features: Features, fingerprint: str | None, augmenter: Augmenter, columns: str | Sequence[str]
) -> tuple[Any, Features, str | None]:
    """``data``, its ``features`` and its ``fingerprint`` without ``columns`` (one name or several), refused where one
    of them is the column augmented (:func:`hfaug.pipeline.columns.columns_to_remove`) or one the data has not."""
    from hfaug.pipeline.columns import columns_to_remove, refuse_absent_columns  # the pipeline calls this engine

    removed = columns_to_remove(augmenter, columns)
    refuse_absent_columns(removed, list(features), "engine='ray'", "the data has not; it has")
    kept = Features({name: feature for name, feature in features.items() if name not in removed})
    return data.drop_columns(removed), kept, None if fingerprint is None else Hasher.hash((fingerprint, removed))


def _result_fingerprint(source_fingerprint: str | None, augmenter: Augmenter) -> str:
    """The result's fingerprint: from the source's and the augmenter, as `datasets` fingerprints a
    map; a random one for a source without a `datasets` fingerprint (a Ray dataset, Parquet files that
    may be rewritten under the same paths), which a later map must never take for another result."""
    if source_fingerprint is None:
        return generate_random_fingerprint()
    return Hasher.hash(("hfaug-ray", source_fingerprint, augmenter))


def _check_gpus(gpus_per_actor: float, gpus: int) -> None:
    """Refuse actors that need more GPUs than the cluster has: Ray would wait for them forever."""
    if gpus_per_actor > gpus:
        raise ValueError(
            f"engine='ray': num_gpus={gpus_per_actor} asks for more GPUs per actor than the Ray cluster has ({gpus}), "
            "so no actor could ever start; pass num_gpus=0 to run the model on CPUs, or at most the cluster's GPUs, "
            "or add nodes with GPUs to the cluster first (`ray status` lists its resources)"
        )


def _check_sizes(batch_size: int, concurrency: int | tuple[int, int] | None) -> None:
    """Refuse a ``batch_size`` or ``concurrency`` that Ray would fail on (deep in a task), before any work."""
    if not is_count(batch_size):
        raise ValueError(
            f"engine='ray': batch_size must be a whole number of rows, at least 1 (or None for {DEFAULT_BATCH_SIZE}); "
            f"got {batch_size!r}"
        )
    is_range = (
        isinstance(concurrency, tuple)
        and len(concurrency) == 2
        and all(is_count(size) for size in concurrency)
        and concurrency[0] <= concurrency[1]
    )
    if not (concurrency is None or is_count(concurrency) or is_range):
        raise ValueError(
            "engine='ray': concurrency must be an int of at least 1 (the most tasks or actors at once), a (min, max) "
            f"pair of them with min <= max (an autoscaling actor pool), or None for the default; got {concurrency!r}"
        )


def _refuse_empty_output(source: Source, output: str | os.PathLike | None) -> None:
    if output is not None and isinstance(source, Dataset) and source.num_rows == 0:
        raise HfaugError(
            f"engine='ray': the dataset has no rows, so Ray would write no file to output {os.fspath(output)!r}; "
            "augment it without output= (that gives an empty Dataset)"
        )


def _refuse_nothing_written(output: str | os.PathLike, augmenter: Augmenter) -> None:
    """Refuse a local ``output`` that Ray left without files: no row came out, because the source
    (Parquet files, a Ray dataset) had none, which is only known once it is read, or because the
    augmenter left every row out."""
    folder = _local_folder(output)
    if folder is not None and not _holds_files(folder):
        raise HfaugError(
            f"engine='ray': no row came out of {augmenter._label()}, so Ray wrote no file to output "
            f"{os.fspath(output)!r}: the source has no rows, or every row was skipped (on_error='skip') or gave only "
            "copies that could not differ from it; check the paths it reads and its rows, or augment it without "
            "output= (that gives an empty Dataset)"
        )


@contextmanager
def _worker_errors_raised_as_themselves(ray: Any) -> Iterator[None]:
    """Raise the error of a Ray task (a bad value with ``on_error="raise"``, a library's error, a
    missing package) as that error, with its notes, as the local engine does, instead of Ray's wrapper
    around it; Ray's own errors (a lost worker, ...) stay as Ray raised them."""
    try:
        yield
    except ray.exceptions.RayTaskError as error:
        if isinstance(error.cause, Exception) and not isinstance(error.cause, ray.exceptions.RayError):
            raise error.cause from error
        raise


def _actor_pool(ray: Any, concurrency: int | tuple[int, int]) -> Any:
    """A fixed pool of ``concurrency`` actors, or one autoscaling within a ``(min, max)`` range."""
    if isinstance(concurrency, tuple):
        return ray.data.ActorPoolStrategy(min_size=concurrency[0], max_size=concurrency[1])
    return ray.data.ActorPoolStrategy(size=concurrency)


def _task_pool(ray: Any, concurrency: int | tuple[int, int] | None, augmenter: Augmenter) -> Any:
    """Tasks, at most ``concurrency`` at once (as many as Ray decides when ``None``)."""
    if isinstance(concurrency, tuple):
        raise ValueError(
            f"engine='ray': concurrency={concurrency} sizes the actor pool of a model augmenter; "
            f"{augmenter._label()} runs as tasks: pass the most tasks at once as an int, or None to let Ray decide"
        )
    return ray.data.TaskPoolStrategy(size=concurrency)


def _read(
    ray: Any, source: Source, *, batch_size: int, cpus: int, filesystem: Any
) -> tuple[Any, Features, str | None]:
    """The Ray dataset, its `datasets` features and the source's `datasets` fingerprint (``None``
    for a Ray dataset or Parquet paths, whose content no fingerprint follows)."""
    if isinstance(source, Dataset):
        if source._indices is not None:  # a select/shuffle/filter view: materialise its rows
            source = source.flatten_indices()
        table = source.data.table
        rows = max(1, table.num_rows)
        blocks = max(1, min(math.ceil(rows / batch_size), 4 * cpus))
        size = math.ceil(rows / blocks)
        slices = [table.slice(start, size) for start in range(0, rows, size)]
        return ray.data.from_arrow(slices), source.features, source._fingerprint
    if isinstance(source, ray.data.Dataset):
        return source, Features.from_arrow_schema(source.schema().base_schema), None
    if isinstance(source, (str, os.PathLike)) or (
        isinstance(source, Sequence) and source and all(isinstance(path, (str, os.PathLike)) for path in source)
    ):
        paths = [os.fspath(source)] if isinstance(source, (str, os.PathLike)) else [os.fspath(path) for path in source]
        data = _read_parquet(ray, paths, filesystem)
        return data, Features.from_arrow_schema(data.schema().base_schema), None
    raise TypeError(
        "engine='ray' reads a datasets.Dataset, a ray.data.Dataset, or Parquet paths (local, s3://, hf://...); "
        f"got {type(source).__name__}. For an IterableDataset, pass the Parquet files it streams from instead."
    )


def _read_parquet(ray: Any, paths: list[str], filesystem: Any) -> Any:
    on_hub = [path.startswith("hf://") for path in paths]
    if not any(on_hub):
        return ray.data.read_parquet(paths, filesystem=filesystem)
    if not all(on_hub):
        raise ValueError(f"engine='ray': read hf:// paths and other paths in separate calls; got {paths}")
    if filesystem is None:
        from huggingface_hub import HfFileSystem, constants

        filesystem = HfFileSystem(endpoint=constants.ENDPOINT)  # workers read from the endpoint set here
    expanded: list[str] = []
    for path in paths:
        path = path.removeprefix("hf://")
        matches = filesystem.glob(path) if any(char in path for char in "*?[") else [path]
        if not matches:
            raise FileNotFoundError(f"engine='ray': no file on the Hub matches hf://{path}")
        expanded.extend(matches)
    return ray.data.read_parquet(expanded, filesystem=filesystem)


def check_output(output: str | os.PathLike | None) -> None:
    """Refuse a local ``output`` folder that holds files (the rows of both runs would mix)."""
    if output is None:
        return
    folder = _local_folder(output)
    if folder is not None and (folder.is_file() or _holds_files(folder)):
        raise ValueError(
            f"engine='ray': output {os.fspath(output)!r} already holds files, and Ray would add the new Parquet files "
            "to them; remove it or give an empty or new folder"
        )


def _local_folder(output: str | os.PathLike) -> Path | None:
    """``output`` as a local path; ``None`` on another filesystem (``s3://``, ``hf://``, ...)."""
    return None if "://" in os.fspath(output) else Path(output).expanduser()


def _holds_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())
