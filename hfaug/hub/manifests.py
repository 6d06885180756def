"""The manifest of a version on the Hub (``manifest.json``: version, recipe, source, statistics), when hfaug wrote
it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from huggingface_hub import HfApi
from huggingface_hub.errors import RemoteEntryNotFoundError

from hfaug.hub.fetching import from_hub_or_cache, reading
from hfaug.hub.names import check_repo_id, check_version
from hfaug.hub.repository import download
from hfaug.versioned.layout import MANIFEST
from hfaug.versioned.manifests import missing_manifest_keys


def load_manifest(repo_id: str, version: str, *, token: str | None = None) -> dict[str, Any] | None:
    """The manifest pushed with a version made by a recipe (``manifest.json``: version, recipe,
    source, statistics), or ``None`` when the version has none (plain data, or a ``manifest.json``
    that hfaug did not write).

    Raises:
        VersionNotFound: The repository has no such version; the message lists its tags.
        VersionUnavailable: No such repository, the token was refused, or the Hub cannot be reached
            (or ``HF_HUB_OFFLINE=1``) and the manifest is not in the local cache.
    """
    return manifest_of(HfApi(token=token), repo_id, version)


def manifest_of(api: HfApi, repo_id: str, version: str) -> dict[str, Any] | None:
    """:func:`load_manifest` through ``api``."""
    check_repo_id("load_manifest", repo_id)
    check_version("load_manifest", version)
    with reading("load_manifest", api, repo_id, version, f"the manifest of {repo_id} at {version}"):
        try:
            path = from_hub_or_cache(
                "load_manifest", api, repo_id, version, lambda local: download(api, repo_id, MANIFEST, version, local)
            )
        except RemoteEntryNotFoundError:
            return None
    return hfaug_manifest(Path(path))


def hfaug_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest in ``path`` when hfaug wrote it; ``None`` when there is none, or it is another
    tool's ``manifest.json`` (not JSON, or without the version, splits and stats hfaug writes)."""
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:  # not UTF-8, or not JSON
        return None
    return None if missing_manifest_keys(manifest) else manifest
