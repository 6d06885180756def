"""Loading a version pushed to the Hub by its tag: its files exactly as at the tag, through ``huggingface_hub``'s
cache (also when the Hub is out of reach), with the manifest attached only to the data its card describes."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, overload

from datasets import (
    Dataset,
    DatasetDict,
    IterableDataset,
    IterableDatasetDict,
    NamedSplit,
    Split,
    load_dataset,
)
from datasets import config as datasets_config
from datasets.data_files import resolve_pattern, sanitize_patterns
from huggingface_hub import DatasetCard, HfApi, constants, snapshot_download

from hfaug.cache_folders import unwritable_cache_explained
from hfaug.errors import HfaugError
from hfaug.hub.fetching import DataNotCached, from_hub_or_cache, reading
from hfaug.hub.manifests import hfaug_manifest
from hfaug.hub.names import check_repo_id, check_version
from hfaug.hub.repository import recorded_content
from hfaug.versioned.dataset_types import as_splits, attach
from hfaug.versioned.layout import CARD, MANIFEST
from hfaug.versioned.loading import load_samples
from hfaug.versioned.split_checks import holds_version, split_fingerprints

logger = logging.getLogger(__name__)

_FETCHED_ALONE = (CARD, MANIFEST)
"""The files of a version that hfaug puts in the local cache without its data (``hfaug push`` reads the card back,
``hfaug show`` and ``load_manifest`` read the manifest): a snapshot of them alone is no version to load."""
_PART_OF_SPLITS = re.compile(r"[\[+]")
"""What marks a ``split`` of ``load_dataset`` as part of the rows: a slice (``train[:5]``) or a join (``train+test``).
Whole splits that differ from the manifest are data a stopped push left, not a part of the version."""
_EVERY_SPLIT = str(Split.ALL)  # load_dataset's split of the rows of every split joined: "all"


@overload
def load(
    repo_id: str, version: str, *, split: None = None, streaming: Literal[False] = False, **kwargs: Any
) -> DatasetDict: ...
@overload
def load(
    repo_id: str, version: str, *, split: str | NamedSplit, streaming: Literal[False] = False, **kwargs: Any
) -> Dataset: ...
@overload
def load(
    repo_id: str, version: str, *, split: list[str | NamedSplit], streaming: Literal[False] = False, **kwargs: Any
) -> list[Dataset]: ...
@overload
def load(
    repo_id: str, version: str, *, split: None = None, streaming: Literal[True], **kwargs: Any
) -> IterableDatasetDict: ...
@overload
def load(
    repo_id: str, version: str, *, split: str | NamedSplit, streaming: Literal[True], **kwargs: Any
) -> IterableDataset: ...
@overload
def load(
    repo_id: str,
    version: str,
    *,
    split: str | NamedSplit | list[str | NamedSplit] | None = None,
    streaming: bool = False,
    **kwargs: Any,
) -> Dataset | DatasetDict | list[Dataset] | IterableDataset | IterableDatasetDict: ...
def load(
    repo_id: str, version: str, **kwargs: Any
) -> Dataset | DatasetDict | list[Dataset] | IterableDataset | IterableDatasetDict:
    """Load one version of a dataset pushed with :func:`hfaug.push_to_hub`: its files exactly as at
    that tag (``huggingface_hub``'s ``snapshot_download``), read by ``load_dataset``. What comes
    back equals what was pushed, row for row. With the Hub out of reach (or ``HF_HUB_OFFLINE=1``)
    the version comes from the local cache, where a version loaded once is kept, and never another
    version's data; a version whose card or manifest alone is there (``hfaug push`` and ``hfaug show``
    fetch them) is not loaded. A version made by a recipe comes back as a versioned dataset, with the
    ``version``, ``stats``, ``manifest`` and ``samples`` that were pushed (as from
    :func:`hfaug.load_version_dir`); part of its rows (``split="train[:5]"``) is not that version
    and comes back as a plain `Dataset`, and so, with a warning, does data its card does not
    describe (a push stopped between its data and its card).

    Args:
        repo_id (`str`): The dataset repository: ``namespace/name``, or a name alone, which the Hub
            resolves in its default namespace (the local Hub server's user).
        version (`str`): The version's tag (a branch or commit id works too).
        kwargs: Passed to ``load_dataset`` (``split``, ``streaming``, ``token``, ``cache_dir``, ...), but
            ``revision``: the version is the revision.

    Returns:
        A `Dataset` with ``split``, a list of them with a list of splits (each as that split alone), else a
        `DatasetDict` (versioned as said above); with ``streaming=True``, an `IterableDataset` with ``split`` (not a
        list: refused), else an `IterableDatasetDict`.

    Raises:
        HfaugError: ``repo_id`` is a local folder (read a version folder with :func:`hfaug.load_version_dir`).
        VersionNotFound: The repository has no such tag, branch or commit; the message lists its tags.
        VersionUnavailable: No such repository, the token was refused, or the Hub cannot be reached
            and the version, or its data, is not in the local cache (a :class:`hfaug.hub.HubUnreachable`, a
            `ConnectionError` too; so with ``streaming=True`` where the Hub cannot be reached).

    Example:
        >>> train = hfaug.load("me/clinc150-aug", version="v1", split="train")
    """
    check_version("hfaug.load", version)
    _refuse_revision(version, kwargs)
    _refuse_a_streamed_list(kwargs)
    if Path(repo_id).is_dir():
        raise HfaugError(
            f"hfaug.load: {repo_id!r} is a local folder; hfaug.load reads a version pushed to the Hub (a repository "
            f"id and a tag). Read a version folder with hfaug.load_version_dir({repo_id!r})"
        )
    check_repo_id("hfaug.load", repo_id)
    api = HfApi(token=kwargs.get("token"))
    if kwargs.get("streaming"):
        return _stream(api, repo_id, version, kwargs)
    folder = _snapshot(api, repo_id, version)
    cache = kwargs.get("cache_dir") or datasets_config.HF_DATASETS_CACHE
    with unwritable_cache_explained(cache, "datasets cache", "HF_DATASETS_CACHE (or cache_dir=)"):
        dataset = load_dataset(str(folder), **kwargs)
    split = kwargs.get("split")
    if isinstance(split, list):  # load_dataset gives a list of splits, each as that split alone
        return [_as_pushed(part, name, folder, repo_id, version) for part, name in zip(dataset, split)]
    return _as_pushed(dataset, split, folder, repo_id, version)


def _as_pushed(dataset: Dataset | DatasetDict, split: Any, folder: Path, repo_id: str, version: str) -> Any:
    """``dataset``, loaded from the snapshot ``folder`` of ``version`` with ``load_dataset``'s ``split``, as a
    versioned dataset when it is whole splits of a version made by a recipe that its card describes; else as it is."""
    manifest = hfaug_manifest(folder / MANIFEST)
    if manifest is None:
        return dataset
    splits = as_splits(dataset)
    whole = holds_version(splits, manifest)
    if not whole and _asks_for_part(split):
        return dataset
    if not (whole and _card_describes(folder / CARD, splits)):
        logger.warning(
            "hfaug.load: %s at %s holds data that its card and manifest do not describe (a push stopped after its "
            "data commit, before its card); it loads as plain data: push the version again to complete it",
            repo_id,
            version,
        )
        return dataset
    return attach(dataset, manifest, samples=load_samples(folder))


def _asks_for_part(split: Any) -> bool:
    """Whether ``load_dataset``'s ``split`` asks for part of a split's rows (``train[:5]``) or for rows of several
    splits (``train+test``, ``all``), rather than for whole splits (all of them, or one by its name)."""
    if split is None:
        return False
    if not isinstance(split, (str, NamedSplit)):  # a ReadInstruction
        return True
    return str(split) == _EVERY_SPLIT or _PART_OF_SPLITS.search(str(split)) is not None


def _refuse_revision(version: str, kwargs: Mapping[str, Any]) -> None:
    """Refuse ``load_dataset``'s ``revision`` beside ``version``: the version is the revision, and ``load_dataset``
    ignores a ``revision`` of the local folder it reads the version from."""
    if "revision" in kwargs:
        raise TypeError(
            f"hfaug.load: the version is the revision to load: pass the tag, branch or commit as version= alone "
            f"(got version={version!r} and revision={kwargs['revision']!r})"
        )


def _refuse_a_streamed_list(kwargs: Mapping[str, Any]) -> None:
    """Refuse a list of splits with ``streaming=True``, which ``load_dataset`` takes for one bad split name."""
    split = kwargs.get("split")
    if kwargs.get("streaming") and isinstance(split, list):
        raise ValueError(
            f"hfaug.load: streaming=True streams one split, not a list ({split!r}): load each split by its name, or "
            "leave out split= to stream them all (an IterableDatasetDict)"
        )


def _stream(api: HfApi, repo_id: str, version: str, kwargs: dict[str, Any]) -> IterableDataset | IterableDatasetDict:
    """The version streamed from the Hub at the commit its tag names, nothing downloaded first
    (``load_dataset(repo, revision=tag)`` alone may stream another revision's cached data); with
    ``HF_HUB_OFFLINE=1``, from the local cache as :func:`load` reads it."""
    if constants.HF_HUB_OFFLINE:
        return load_dataset(str(_snapshot(api, repo_id, version)), **kwargs)
    with reading("hfaug.load", api, repo_id, version, f"version {version!r} of {repo_id}"):
        commit = api.dataset_info(repo_id, revision=version, timeout=constants.HF_HUB_ETAG_TIMEOUT).sha
    return load_dataset(repo_id, revision=commit, **kwargs)


def _snapshot(api: HfApi, repo_id: str, version: str) -> Path:
    """The folder of the version's files in the local cache: downloaded as needed, or as they are
    when the Hub cannot be reached or fails (complete, and of this very commit; see :func:`from_hub_or_cache`)."""
    with reading("hfaug.load", api, repo_id, version, f"version {version!r} of {repo_id}"):
        return Path(
            from_hub_or_cache(
                "hfaug.load", api, repo_id, version, lambda local: _download_snapshot(api, repo_id, version, local)
            )
        )


def _download_snapshot(api: HfApi, repo_id: str, version: str, local_files_only: bool) -> str:
    """``snapshot_download`` of the version; a snapshot read from the local cache without its data files raises
    `DataNotCached` (``huggingface_hub`` gives the snapshot of whatever single files were fetched)."""
    folder = snapshot_download(
        repo_id,
        repo_type="dataset",
        revision=version,  # by its name, which the cache then records, for loads without the Hub
        token=api.token,
        endpoint=api.endpoint,
        local_files_only=local_files_only,
    )
    if local_files_only and not _holds_data(Path(folder)):
        raise DataNotCached(f"no data files in {folder}")
    return folder


def _holds_data(folder: Path) -> bool:
    """Whether the snapshot ``folder`` holds a data file: one that the ``configs`` of its card name (what
    ``load_dataset`` reads), or, where they name none, any file but those in :data:`_FETCHED_ALONE`."""
    patterns = _configured_data_files(folder / CARD)
    if patterns:
        return any(_matches_a_file(pattern, folder) for pattern in patterns)
    return any(
        path.is_file() and path.relative_to(folder).as_posix() not in _FETCHED_ALONE for path in folder.rglob("*")
    )


def _configured_data_files(card: Path) -> list[str]:
    """The patterns of data files that the ``configs`` of the card at ``card`` name (none without the card, or where
    ``configs`` is no list of mappings, which ``load_dataset`` refuses in its own words)."""
    configs = DatasetCard(card.read_text(encoding="utf-8")).data.get("configs") if card.is_file() else None
    if not isinstance(configs, list):
        return []
    return [
        pattern
        for config in configs
        if isinstance(config, dict)
        for patterns in sanitize_patterns(config.get("data_files", [])).values()
        for pattern in patterns
    ]


def _matches_a_file(pattern: str, folder: Path) -> bool:
    """Whether ``pattern`` matches a file in ``folder``, as ``load_dataset`` resolves it."""
    try:
        return bool(resolve_pattern(pattern, str(folder)))
    except FileNotFoundError:
        return False


def _card_describes(card: Path, splits: Mapping[str, Dataset]) -> bool:
    """Whether the card at ``card`` records the content of each of ``splits`` (whole splits): the
    card commit of a push records its data; a push stopped before its card leaves the last card."""
    recorded = recorded_content(DatasetCard(card.read_text(encoding="utf-8")).data) if card.is_file() else None
    return recorded is not None and all(
        recorded.get(name) == found for name, found in split_fingerprints(splits).items()
    )
