"""Content-derived version ids of augmented datasets.

A version id is a hash of everything that determines the output: the source data (a fingerprint
of its content, wherever it came from), the canonical recipe, the configuration of
every augmenter and filter (model revisions included), the seed and the hfaug version.
The same inputs give the same id on any machine; any change gives a new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from datasets import Dataset
from datasets.features.features import require_storage_embed
from datasets.utils.file_utils import is_local_path
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug.seeding import value_bytes

_BATCH_ROWS = 1000
_DIGEST_BYTES = 16
ID_HEX_CHARS = 12


def content_fingerprint(dataset: Dataset) -> str:
    """A hash of a dataset's features and rows, independent of where and how it is stored.

    Unlike ``Dataset._fingerprint`` (which depends on file paths and modification times), it
    is the same for the same data loaded anywhere, and changes when any value changes. A media
    file that a cell only points to (as from ``imagefolder``) counts by its bytes and base name,
    as `datasets` stores it when saving or pushing, so it is the same as for the saved data.

    Args:
        dataset (`Dataset`): The data.

    Example:
        >>> hfaug.versioning.content_fingerprint(ds)
        '5f1c0a...'
    """
    hasher = hashlib.blake2b(digest_size=_DIGEST_BYTES)
    hasher.update(json.dumps(dataset.features.to_dict(), sort_keys=True).encode())
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


def source_identity(fingerprints: Mapping[str, str]) -> dict[str, Any]:
    """What stands for the source data in the version id: the content fingerprint of each split.

    A Hub revision does not: the rows given may be a slice, a shuffle or an edit of it."""
    return {"fingerprints": dict(sorted(fingerprints.items()))}


def version_id(
    *,
    source: Mapping[str, Any],
    recipe: Mapping[str, Any],
    augmenter: Mapping[str, Any],
    filters: list[Mapping[str, Any]],
    seed: int,
    hfaug_version: str,
    hfaug_code: str,
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
        name (`str`, *optional*): A readable prefix (the recipe's name).
    """
    payload = {
        "source": source,
        "recipe": recipe,
        "augmenter": augmenter,
        "filters": filters,
        "seed": seed,
        "hfaug": hfaug_version,
        "hfaug_code": hfaug_code,
    }
    digest = hashlib.blake2b(
        json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False).encode(), digest_size=_DIGEST_BYTES
    ).hexdigest()
    return f"{slug(name) if name else 'v'}-{digest[:ID_HEX_CHARS]}"


def slug(text: str) -> str:
    """``text`` reduced to a tag- and path-safe slug (lower case letters, digits, ``.``, ``_``, ``-``)."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-.")
    return cleaned[:64] or "v"
