"""Content-derived version ids of augmented datasets.

A version id is a hash of everything that determines the output: the source data (its Hub
revision, or else a fingerprint of its content), the canonical recipe, the configuration of
every augmenter and filter (model revisions included), the seed and the hfaug version.
The same inputs give the same id on any machine; any change gives a new one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from datasets import Dataset
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug.seeding import value_bytes

_BATCH_ROWS = 1000
_DIGEST_BYTES = 16
ID_HEX_CHARS = 12


def content_fingerprint(dataset: Dataset) -> str:
    """A hash of a dataset's features and rows, independent of where and how it is stored.

    Unlike ``Dataset._fingerprint`` (which depends on file paths and modification times), it
    is the same for the same data loaded anywhere, and changes when any value changes.

    Args:
        dataset (`Dataset`): The data.

    Example:
        >>> hfaug.versioning.content_fingerprint(ds)
        '5f1c0a...'
    """
    hasher = hashlib.blake2b(digest_size=_DIGEST_BYTES)
    hasher.update(json.dumps(dataset.features.to_dict(), sort_keys=True).encode())
    table = dataset.with_format("arrow")
    for batch in hf_tqdm(
        table.iter(batch_size=_BATCH_ROWS),
        total=-(-len(dataset) // _BATCH_ROWS),
        desc="hfaug: fingerprinting the source",
        unit="ba",
        disable=len(dataset) < 50 * _BATCH_ROWS or None,
    ):
        for name in batch.column_names:
            for value in batch.column(name).to_pylist():
                data = value_bytes(value)
                hasher.update(len(data).to_bytes(8, "little"))
                hasher.update(data)
    return hasher.hexdigest()


def source_identity(source: Mapping[str, Any], fingerprints: Mapping[str, str] | None) -> dict[str, Any]:
    """What stands for the source data in the version id: the Hub revision when known
    (with the repository, config and splits), else the content fingerprint of each split."""
    if source.get("revision"):
        return {
            "hub": source.get("id"),
            "config": source.get("config"),
            "revision": source["revision"],
            "splits": sorted(source.get("splits", {})),
        }
    return {"fingerprints": dict(sorted((fingerprints or {}).items()))}


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
