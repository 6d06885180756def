"""Content-derived version ids of augmented datasets.

A version id is a hash of everything that determines the output: the source data (a fingerprint
of its content, wherever it came from), the canonical recipe, the configuration of
every augmenter and filter (model revisions included), the code and libraries their output depends on, the
seed and the hfaug version. The same inputs give the same id on any machine; any change gives a new one.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import inspect
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Dataset, Features
from datasets.features.features import require_storage_embed
from datasets.utils.file_utils import is_local_path
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug.class_source import NOT_HASHED, source_of
from hfaug.content_hash import CONTENT_PREFIX
from hfaug.fingerprint import compiled_code, defined_in_script, script_code
from hfaug.seeding import value_bytes

_BATCH_ROWS = 1000
_DIGEST_BYTES = 16
ID_HEX_CHARS = 12


def content_fingerprint(dataset: Dataset) -> str:
    """A hash of a dataset's features and rows, independent of where and how it is stored.

    Unlike ``Dataset._fingerprint`` (which depends on file paths and modification times), it
    is the same for the same data loaded anywhere, and changes when any value changes. A media
    file that a cell only points to (as from ``imagefolder``) counts by its bytes and base name,
    and a type that Parquet stores as another (``date64``, ``time32[s]``) as the one it reads back,
    as `datasets` stores them when saving or pushing, so it is the same as for the saved data.

    Args:
        dataset (`Dataset`): The data.

    Example:
        >>> hfaug.versioning.content_fingerprint(ds)
        '5f1c0a...'
    """
    hasher = hashlib.blake2b(digest_size=_DIGEST_BYTES)
    hasher.update(json.dumps(read_back_features(dataset.features).to_dict(), sort_keys=True).encode())
    table = dataset.with_format("arrow")
    media = {name for name, feature in dataset.features.items() if require_storage_embed(feature)}
    for batch in hf_tqdm(
        table.iter(batch_size=_BATCH_ROWS),
        total=-(-len(dataset) // _BATCH_ROWS),
        desc="hfaug: content fingerprint",
        unit="ba",
        disable=len(dataset) < 50 * _BATCH_ROWS or None,
    ):
        for name in batch.column_names:
            feature = dataset.features[name]
            for value in batch.column(name).to_pylist():
                data = value_bytes(_embedded(value, feature) if name in media else value)
                hasher.update(len(data).to_bytes(8, "little"))
                hasher.update(data)
    return hasher.hexdigest()


def read_back_features(features: Features) -> Features:
    """``features`` as `datasets` reads them back from the Parquet files it writes (a version folder, a Hub
    version): a column of a type that Parquet stores as another (``date64`` as ``date32``, ``time32[s]`` as
    ``time32[ms]``) as the one read back, any other column as it is."""
    sink = pa.BufferOutputStream()
    pq.write_table(features.arrow_schema.empty_table(), sink)
    return Features.from_arrow_schema(pq.read_schema(pa.BufferReader(sink.getvalue())))


def _embedded(value: Any, feature: Any) -> Any:
    """``value`` with each media cell that only points to a local file as `datasets` embeds it when
    saving or pushing: ``{"bytes": <the file's bytes>, "path": <its base name>}`` (a missing file: no bytes)."""
    if hasattr(feature, "embed_storage") and isinstance(value, dict):
        path = value.get("path")
        if value.get("bytes") is not None or path is None or not is_local_path(path):
            return value
        file = Path(path)
        return {"bytes": file.read_bytes() if file.is_file() else None, "path": os.path.basename(path)}
    item = getattr(feature, "feature", None)  # List and LargeList
    if isinstance(value, list) and item is not None:
        return [_embedded(entry, item) for entry in value]
    if isinstance(value, dict) and isinstance(feature, dict):
        return {key: _embedded(entry, feature.get(key)) for key, entry in value.items()}
    return value


def output_identity(spec: Mapping[str, Any]) -> dict[str, Any]:
    """An augmenter's ``{"name": ..., **config}`` (or a recipe's augmenter entry) without the parameters
    its class declares ``output_neutral``, which change how it runs, not what it outputs (back-translation's
    ``cache_dir``, say), in every augmenter a composite holds: the same rows get the same version id on any
    machine."""
    from hfaug.registry import get_class

    neutral = get_class(spec["name"]).output_neutral if "name" in spec else ()
    return {
        key: [output_identity(child) for child in value] if key == "augmenters" else value
        for key, value in spec.items()
        if key not in neutral
    }


def dependencies(objects: Iterable[Any]) -> dict[str, Any]:
    """What the output of ``objects`` (the augmenter that runs, with a composite's children, and the filters)
    depends on besides their configuration and hfaug's own code: ``code``, a hash of the source of each of their
    classes from outside hfaug (the file of its module or script, with its distribution's version where it is
    installed; helpers it imports from other modules are not in it), ``packages``, the installed version of each
    distribution their classes name in ``output_packages`` (NumPy, nlpaug, torchvision, ...), and ``python``,
    whose ``random`` some of them draw from."""
    classes = {cls for obj in objects for cls in _classes(obj)}
    code = {
        f"{cls.__module__}.{cls.__qualname__}": _code_hash(cls)
        for cls in classes
        if cls.__module__.partition(".")[0] not in NOT_HASHED
    }
    packages = dict(_installed(package) for cls in classes for package in getattr(cls, "output_packages", ()))
    return {
        "code": dict(sorted(code.items())),
        "packages": dict(sorted(packages.items())),
        "python": "{}.{}".format(*sys.version_info[:2]),
    }


def _classes(obj: Any) -> Iterator[type]:
    """The classes ``obj`` is made of: its class and their bases, and those of a composite's children."""
    yield from type(obj).__mro__
    for child in getattr(obj, "children", ()):
        yield from _classes(child)


def _code_hash(cls: type) -> str:
    """A hash of ``cls``'s source: the file of its module or script (whatever its name or folder) as it was when
    the class was defined (:func:`hfaug.class_source.source_of`), else :func:`_code_without_file`, with the
    version of the distribution that installed it; a compiled class by that version alone."""
    installed = "==".join(_installed(cls.__module__.partition(".")[0]))
    try:
        source = source_of(cls)
    except (OSError, TypeError):
        source = _code_without_file(cls)
    return hashlib.blake2b(source + installed.encode(), digest_size=_DIGEST_BYTES).hexdigest()


def _code_without_file(cls: type) -> bytes:
    """The code of a class that has no file (a notebook cell's, one made by ``exec`` or read from stdin): a
    script's as the `datasets` fingerprint of a map reads it, with what the class attributes, globals and
    closures it reads hold, which other cells may change (:func:`hfaug.fingerprint.script_code`), else its
    source, else its members' compiled code."""
    if defined_in_script(cls):
        return script_code(cls)
    try:
        return inspect.getsource(cls).encode()
    except (OSError, TypeError):
        return b"".join(name.encode() + compiled_code(member) for name, member in sorted(vars(cls).items()))


def _installed(name: str) -> tuple[str, str]:
    """The distribution ``name`` (a distribution or top-level module name) and its installed version (``""``
    where it is not installed)."""
    distribution = _module_distributions().get(name, [name])[0]
    try:
        return distribution, importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return distribution, ""


@functools.lru_cache(maxsize=1)
def _module_distributions() -> Mapping[str, list[str]]:
    return importlib.metadata.packages_distributions()


def source_identity(fingerprints: Mapping[str, str]) -> dict[str, Any]:
    """What stands for the source data in the version id: the content fingerprint of each split.

    A Hub revision does not: the rows given may be a slice, a shuffle or an edit of it."""
    return {"fingerprints": dict(sorted(fingerprints.items()))}


_PINNED = "<pinned by its content>"


def pinned_by_content(config: Any) -> Any:
    """``config`` with the local paths that a ``content-`` revision pins (a sound source, a model folder, an nlpaug
    table) left out: the same files give the same version id wherever they are on a machine."""
    if isinstance(config, list):
        return [pinned_by_content(item) for item in config]
    if not isinstance(config, dict):
        return config
    pinned = {key: pinned_by_content(value) for key, value in config.items()}
    if _by_content(pinned.get("revision")):
        if "source" in pinned:  # a sound source
            pinned["source"] = _pinned_source(pinned["source"])
        if "model" in pinned:  # a filter's embedding model
            pinned["model"] = _PINNED
    revisions = pinned.get("revisions")
    if isinstance(revisions, dict):  # nlpaug's file parameters, back-translation's models by direction
        models: dict[str, Any] = pinned["models"] if isinstance(pinned.get("models"), dict) else pinned
        for name, revision in revisions.items():
            if _by_content(revision) and name in models:
                models[name] = _PINNED
    return pinned


def _by_content(revision: Any) -> bool:
    return isinstance(revision, str) and revision.startswith(CONTENT_PREFIX)


def _pinned_source(source: Any) -> Any:
    """A local sound source as its content revision pins it: not where its files or dataset folder are."""
    if isinstance(source, list):
        return [_pinned_source(item) for item in source]
    return {**source, "dataset": _PINNED} if isinstance(source, dict) else _PINNED


def version_id(
    *,
    source: Mapping[str, Any],
    recipe: Mapping[str, Any],
    augmenter: Mapping[str, Any],
    filters: list[Mapping[str, Any]],
    seed: int,
    hfaug_version: str,
    hfaug_code: str,
    depends: Mapping[str, Any],
    name: str | None = None,
) -> str:
    """The version id of an augmented dataset: ``<name>-<12 hex>`` (``v-<12 hex>`` without a name).

    Args:
        source (`dict`): :func:`source_identity` of the input.
        recipe (`dict`): The canonical recipe.
        augmenter (`dict`): Registry name and configuration of the augmenter that runs
            (model revisions included).
        filters (`list[dict]`): Configuration of each filter.
        seed (`int`): The seed.
        hfaug_version (`str`): The hfaug version.
        hfaug_code (`str`): :func:`hfaug.fingerprint.package_code`, the content hash of hfaug's code and
            data (its WordNet lexicon among them), which may change between releases.
        depends (`dict`): :func:`dependencies` of the augmenter and filters.
        name (`str`, *optional*): A readable prefix (the recipe's name).
    """
    payload = {
        "source": source,
        "recipe": pinned_by_content(recipe),
        "augmenter": pinned_by_content(augmenter),
        "filters": pinned_by_content(filters),
        "seed": seed,
        "hfaug": hfaug_version,
        "hfaug_code": hfaug_code,
        "depends": depends,
    }
    digest = hashlib.blake2b(
        json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False).encode(), digest_size=_DIGEST_BYTES
    ).hexdigest()
    return f"{slug(name) if name else 'v'}-{digest[:ID_HEX_CHARS]}"


def slug(text: str) -> str:
    """``text`` reduced to a tag- and path-safe slug (lower case letters, digits, ``.``, ``_``, ``-``)."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-.")
    return cleaned[:64] or "v"
