"""Versions on the Hub: push an augmented dataset with its card and a tag, load a version by tag.

``push_to_hub`` makes up to two commits and a tag, with the real ``huggingface_hub`` client:

1. the data, with ``datasets``' own ``push_to_hub`` (every split in one commit; files of
   splits the version does not have are removed, so the commit holds exactly this version);
2. the dataset card (``README.md``, whose YAML keeps the ``configs`` and ``dataset_info`` that
   ``datasets`` wrote, and whose loading line names the repository and tag), the manifest
   (``manifest.json``) and the before/after sample rows (``preview/samples.parquet``);
3. a tag, named after the version, on that last commit.

The card records a content fingerprint of the data. Pushing a version whose tag already
exists compares fingerprints and version ids: the same version is a no-op (no commit), other
data, or the same rows as another version, is refused. A push interrupted anywhere leaves the
tags already there untouched, and the next push completes it (unchanged files are not committed
again). A concurrent push that moves the branch under this one (HTTP 409/412) is retried from the
start; one refused because another push took its tag meanwhile puts that tagged version back on
``main``.

``load`` reads a version's files exactly as at its tag, through ``huggingface_hub``'s cache (also
when the Hub is out of reach), and attaches the manifest only to the data its card describes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

import yaml
from datasets import (
    Dataset,
    DatasetDict,
    IterableDataset,
    IterableDatasetDict,
    NamedSplit,
    Split,
    Translation,
    load_dataset,
)
from datasets import config as datasets_config
from datasets.data_files import resolve_pattern, sanitize_patterns
from huggingface_hub import (
    CardData,
    CommitOperationAdd,
    CommitOperationCopy,
    CommitOperationDelete,
    DatasetCard,
    GitRefs,
    HfApi,
    RepoFile,
    constants,
    hf_hub_download,
    snapshot_download,
)
from huggingface_hub.errors import (
    HfHubHTTPError,
    LocalEntryNotFoundError,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    HFValidationError,
    RevisionNotFoundError,
)
from huggingface_hub.utils import validate_repo_id
from huggingface_hub.utils.sha import git_hash

from hfaug import provenance
from hfaug.cache_folders import unwritable_cache_explained
from hfaug.card import for_hub, render_card
from hfaug.errors import HfaugError, HubFailure
from hfaug.media_preview import media_kind
from hfaug.versioned import (
    PREVIEW_DIR,
    SAMPLES_FILE,
    as_splits,
    attach,
    empty_split_remedy,
    holds_translation,
    holds_version,
    load_samples,
    manifest_json,
    missing_manifest_keys,
    refuse_changed_splits,
    refuse_empty_splits,
    split_fingerprints,
    with_missing_columns,
    write_version_shards,
)

logger = logging.getLogger(__name__)

CARD_FILE = "README.md"
MANIFEST_FILE = "manifest.json"
SAMPLES_PATH = f"{PREVIEW_DIR}/{SAMPLES_FILE}"  # the before/after sample rows, as in a version folder
_FETCHED_ALONE = (CARD_FILE, MANIFEST_FILE)
"""The files of a version that hfaug puts in the local cache without its data (``hfaug push`` reads the card back,
``hfaug show`` and ``load_manifest`` read the manifest): a snapshot of them alone is no version to load."""
_PART_OF_SPLITS = re.compile(r"[\[+]")
"""What marks a ``split`` of ``load_dataset`` as part of the rows: a slice (``train[:5]``) or a join (``train+test``).
Whole splits that differ from the manifest are data a stopped push left, not a part of the version."""
_EVERY_SPLIT = str(Split.ALL)  # load_dataset's split of the rows of every split joined: "all"
_TAGS_LISTED = 20  # more tags than this are counted
_NETWORK_MODULES = ("httpx", "httpx2", "httpcore", "requests", "urllib3")  # whose errors mean no answer came
_DATASETS_CARD_KEYS = ("configs", "dataset_info")  # what `load_dataset` reads from the card
_CONFLICT_STATUSES = (409, 412)
CREDENTIALS_REFUSED = (401, 403)  # HTTP statuses of a missing, wrong or too weak token
_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,199}")
REPO_ID_RULE = (
    "use owner/name (or name alone) of letters, digits, '-', '_' and '.', neither part starting or ending with '-' "
    "or '.', without '--' or '..', the name at most 96 characters (e.g. 'me/sst2-aug')"
)
"""What a repository id that the Hub takes looks like (``huggingface_hub``'s ``validate_repo_id``), for messages."""


class VersionConflict(HfaugError):
    """The tag cannot hold the version: it exists on the Hub with other data (or the same rows as
    another version), a branch has its name, or git cannot keep it beside another tag (``release``
    and ``release/v1``)."""


class PushConflict(HfaugError):
    """Concurrent pushes kept moving the branch; the push did not complete."""


class VersionNotFound(HfaugError, FileNotFoundError):
    """No such version (tag) in the repository."""


class VersionUnavailable(HfaugError):
    """A version (or its manifest) cannot be read: no such repository, the token was refused, or
    the Hub cannot be reached and it is not in the local cache."""


class HubUnreachable(VersionUnavailable, ConnectionError):
    """The Hub cannot be reached (or ``HF_HUB_OFFLINE`` is set) and the version, or its data, is not in the local
    cache."""


class _DataNotCached(LocalEntryNotFoundError):
    """The local cache holds files of the version (its card, its manifest) but not its data."""


@dataclass(frozen=True)
class PushResult:
    """What :func:`push_to_hub` did.

    Attributes:
        repo_id (`str`): The dataset repository.
        tag (`str`): The version's tag.
        commit (`str`): The commit the tag points to.
        created (`bool`): False when the version was already on the Hub (nothing was committed).
        url (`str`): Address of the tagged version.
        made_private (`bool`): True when ``private=True`` switched a public repository to private.
    """

    repo_id: str
    tag: str
    commit: str
    created: bool
    url: str
    made_private: bool = False


def push_to_hub(
    dataset: Dataset | DatasetDict,
    repo_id: str,
    tag: str | None = None,
    *,
    private: bool = False,
    token: str | None = None,
    card: str | None = None,
    manifest: Mapping[str, Any] | None = None,
    max_shard_size: int | str | None = None,
    retries: int = 3,
) -> PushResult:
    """Push a versioned dataset to the Hub: data, dataset card and manifest, then a tag.

    Args:
        dataset (`Dataset` or `DatasetDict`): The data, e.g. from ``recipe.apply``. A `Dataset`
            is pushed as the split it says (``train`` when it says none). A column that a split
            lacks and the first split has is pushed as nulls of the first split's type, as
            ``load_dataset`` reads a version folder back.
        repo_id (`str`): ``namespace/name`` of the dataset repository (created when missing).
        tag (`str`, *optional*): Tag of the version; defaults to ``dataset.version``.
        private (`bool`, defaults to `False`): Make the repository private: created private when
            missing, and switched to private, before anything is uploaded, when it exists and is
            public (``made_private`` in the result); a push refused for its tag leaves it as it was.
            ``False`` leaves its visibility as it is.
        token (`str`, *optional*): Hub token; by default the client's own (``HF_TOKEN``, or the
            login cache). It is never written to the card, the manifest or the logs.
        card (`str`, *optional*): Text of the dataset card (``README.md``); by default rendered
            from the manifest. A version folder's card has its loading line pointed at ``repo_id``
            and ``tag``.
        manifest (`dict`, *optional*): The version's manifest; defaults to ``dataset.manifest``.
        max_shard_size (`int` or `str`, *optional*): Passed to ``datasets``' ``push_to_hub``.
        retries (`int`, defaults to 3): Attempts when a concurrent push moves the branch.

    Returns:
        [`PushResult`]: the tag's commit, and whether anything was pushed.

    Raises:
        VersionConflict: The tag exists with other data or as another version, or clashes with a
            branch or another tag (checked before any upload). When another push took the tag after
            this one committed its data, ``main`` is given that tagged version back first.
        PushConflict: Concurrent pushes still conflicted after ``retries`` attempts.
        HfaugError: ``HF_HUB_OFFLINE`` is set (checked before anything is sent).
        httpx.TimeoutException: The Hub did not answer within ``HF_HUB_ETAG_TIMEOUT`` seconds (10 by
            default; checked before anything is sent).
        ValueError: ``dataset`` has no version (plain data) and no ``tag`` is given.

    Example:
        >>> out = hfaug.Recipe.from_yaml("recipes/clinc150-intents.yaml").apply(ds)
        >>> hfaug.push_to_hub(out, "me/clinc150-aug")  # tagged with out.version
        PushResult(repo_id='me/clinc150-aug', tag='clinc150-intents-...', commit='...', created=True, url='...', made_private=False)
        >>> hfaug.push_to_hub(out, "me/clinc150-aug", tag="v1")  # the same data, tagged v1 too
    """
    _check_pushed(dataset, repo_id)
    _check_repo_id("push_to_hub", repo_id)
    tag = _pushed_tag(dataset, tag)
    manifest = manifest if manifest is not None else getattr(dataset, "manifest", None)
    splits, fingerprint = _pushed_splits(dataset, manifest)
    version_id = manifest["version"] if manifest is not None else None
    files = _version_files(manifest, getattr(dataset, "samples", None))  # refused now, not after the data commit
    api = _answering_hub(repo_id, tag, token)
    existing = _already_tagged(api, repo_id, tag, fingerprint, version_id, None)  # refused before any change
    made_private = private and _make_private(api, repo_id)
    head: str | None = None  # the last commit this push made on main
    for attempt in range(1, max(1, retries) + 1):
        if existing is not None:
            break
        try:
            head = splits.push_to_hub(
                repo_id,
                private=private,
                token=token,
                commit_message=f"Upload the data of version {tag}",
                max_shard_size=max_shard_size,
            ).oid
            full_id = _full_id(api, repo_id)
            text = _card_text(dataset, splits, full_id, tag, manifest) if card is None else for_hub(card, full_id, tag)
            head, committed = _commit_card(api, repo_id, head, text, files, tag, version_id, fingerprint)
            _refuse_files_left_out(api, repo_id, head, splits, committed)
            api.create_tag(repo_id, tag=tag, revision=head, tag_message=f"version {tag}", repo_type="dataset")
            return PushResult(repo_id, tag, head, True, _url(api, repo_id, tag), made_private)
        except ConnectionError as error:
            if "xet-write-token" not in str(error):
                raise
            raise HfaugError(
                f"push_to_hub: the Hub at {api.endpoint} does not take Xet uploads (HTTP 501); set "
                "HF_HUB_DISABLE_XET=1 in the environment (before huggingface_hub is imported) and push again"
            ) from None
        except HfHubHTTPError as error:
            status = http_status(error)
            if status not in _CONFLICT_STATUSES:
                raise
            logger.warning(
                "push of %s to %s met a concurrent change (HTTP %s), attempt %d", tag, repo_id, status, attempt
            )
        existing = _already_tagged(api, repo_id, tag, fingerprint, version_id, head)  # another push may have tagged
    if existing is None:
        raise PushConflict(
            f"push_to_hub: {repo_id} kept changing during the push of version {tag!r} ({retries} attempts); "
            "another push is running: wait for it and push again"
        )
    return PushResult(repo_id, tag, existing, False, _url(api, repo_id, tag), made_private)


def _pushed_tag(dataset: Dataset | DatasetDict, tag: Any) -> str:
    """The tag :func:`push_to_hub` gives the version: ``tag``, else ``dataset.version``; refused when it is no
    ``str``, when there is neither, or when git cannot take it."""
    version = getattr(dataset, "version", None)  # a plain Dataset's is its DatasetInfo's: not a str
    if tag is not None and not isinstance(tag, str):
        raise TypeError(
            f"push_to_hub: tag must be a str, got {tag!r} ({type(tag).__name__}); pass e.g. tag='v1' or tag='1'"
        )
    tag = tag if tag is not None else (version if isinstance(version, str) else None)
    if tag is None:
        raise ValueError(
            "push_to_hub: no version to tag; pass tag='v1' or push a dataset made by recipe.apply (it has .version)"
        )
    _check_tag(tag)
    return tag


def _pushed_splits(
    dataset: Dataset | DatasetDict, manifest: Mapping[str, Any] | None
) -> tuple[DatasetDict, dict[str, str]]:
    """The splits :func:`push_to_hub` uploads (columns a split lacks filled with nulls) and their content
    fingerprint, by split name; refused when they differ from the ``manifest``'s, one is empty, or one cannot be
    measured."""
    splits = with_missing_columns(_as_dataset_dict(dataset))
    fingerprint = dict(sorted(split_fingerprints(splits).items()))  # each row hashed once, checked and recorded
    if manifest is not None:
        refuse_changed_splits(splits, manifest, "push_to_hub", fingerprint)
    refuse_empty_splits(splits, "push_to_hub", empty_split_remedy(manifest, "push the other splits (a DatasetDict without it)"))
    _refuse_unmeasurable(splits)
    return splits, fingerprint


def _answering_hub(repo_id: str, tag: str, token: str | None) -> HfApi:
    """A client of the Hub, once it answers about ``repo_id`` and ``tag`` fits beside the repository's refs;
    refused when ``HF_HUB_OFFLINE`` is set."""
    if constants.HF_HUB_OFFLINE:
        raise HfaugError("push_to_hub: HF_HUB_OFFLINE=1 is set, which keeps huggingface_hub off the Hub; unset it to push")
    api = HfApi(token=token)
    _refuse_a_silent_hub(api, repo_id)
    _check_tag_fits(_refs(api, repo_id), repo_id, tag)
    return api


def _refuse_a_silent_hub(api: HfApi, repo_id: str) -> None:
    """Raise the HTTP client's error when the Hub does not answer about ``repo_id`` within ``HF_HUB_ETAG_TIMEOUT``
    seconds (``huggingface_hub``'s own calls wait without a limit: a firewall or a proxy that never answers held the
    push forever); its answers (no such repository yet, a refused token) are the push's to tell."""
    with contextlib.suppress(HfHubHTTPError):
        api.dataset_info(repo_id, timeout=constants.HF_HUB_ETAG_TIMEOUT)


def _already_tagged(
    api: HfApi, repo_id: str, tag: str, fingerprint: dict[str, str], version_id: str | None, head: str | None
) -> str | None:
    """The commit of ``tag`` when it already holds this very version (nothing to push), ``None`` when the tag is
    free; `VersionConflict` when it holds something else (``main`` is given that version back first
    when ``head``, this push's last commit, is still its last)."""
    existing = _tagged_commit(api, repo_id, tag)
    if existing is None:
        return None
    clash = _clash(api, repo_id, tag, fingerprint, version_id)
    if clash is not None:
        raise VersionConflict(clash + _main_after_refusal(api, repo_id, tag, head))
    logger.info("version %s is already in %s at %s: nothing to push", tag, repo_id, existing)
    _warn_if_main_moved_on(api, repo_id, tag, fingerprint)
    return existing


def _warn_if_main_moved_on(api: HfApi, repo_id: str, tag: str, fingerprint: dict[str, str]) -> None:
    """Warn when ``main`` no longer holds the data of the version already tagged ``tag`` (its content
    ``fingerprint``, as its card records it): pushing it again changes nothing, so ``main`` keeps what was
    pushed after it. Other files committed since (notes, an edited card) are no other data."""
    if _recorded_content(api.dataset_info(repo_id, revision="main").card_data) != fingerprint:
        logger.warning(
            "version %s is already in %s under its tag, but main holds other data (pushed after it), which "
            "load_dataset(%r) without a revision gives: load this version with revision=%r, or push it under "
            "another tag to make it main's data again",
            tag,
            repo_id,
            repo_id,
            tag,
        )


def _make_private(api: HfApi, repo_id: str) -> bool:
    """Switch the dataset repository ``repo_id`` to private when it exists and is public; whether it did."""
    try:
        if api.repo_info(repo_id, repo_type="dataset").private:
            return False
    except RepositoryNotFoundError:  # the push creates it, private
        return False
    api.update_repo_settings(repo_id, private=True, repo_type="dataset")
    logger.info("made %s private (it was public)", repo_id)
    return True


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
    """Load one version of a dataset pushed with :func:`push_to_hub`: its files exactly as at
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
            and the version, or its data, is not in the local cache (a :class:`HubUnreachable`, a
            `ConnectionError` too; so with ``streaming=True`` where the Hub cannot be reached).

    Example:
        >>> train = hfaug.load("me/clinc150-aug", version="v1", split="train")
    """
    _check_version("hfaug.load", version)
    _refuse_revision(version, kwargs)
    _refuse_a_streamed_list(kwargs)
    if Path(repo_id).is_dir():
        raise HfaugError(
            f"hfaug.load: {repo_id!r} is a local folder; hfaug.load reads a version pushed to the Hub (a repository "
            f"id and a tag). Read a version folder with hfaug.load_version_dir({repo_id!r})"
        )
    _check_repo_id("hfaug.load", repo_id)
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
    manifest = _hfaug_manifest(folder / MANIFEST_FILE)
    if manifest is None:
        return dataset
    splits = as_splits(dataset)
    whole = holds_version(splits, manifest)
    if not whole and _asks_for_part(split):
        return dataset
    if not (whole and _card_describes(folder / CARD_FILE, splits)):
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


def _check_version(caller: str, version: Any) -> None:
    """Refuse a version that is not a str (``huggingface_hub`` fails on it deep inside)."""
    if not isinstance(version, str):
        raise TypeError(
            f"{caller}: version must be a str (a tag, branch or commit id), got {version!r} "
            f"({type(version).__name__}); pass e.g. version='v1' or version='1'"
        )


def _stream(api: HfApi, repo_id: str, version: str, kwargs: dict[str, Any]) -> IterableDataset | IterableDatasetDict:
    """The version streamed from the Hub at the commit its tag names, nothing downloaded first
    (``load_dataset(repo, revision=tag)`` alone may stream another revision's cached data); with
    ``HF_HUB_OFFLINE=1``, from the local cache as :func:`load` reads it."""
    if constants.HF_HUB_OFFLINE:
        return load_dataset(str(_snapshot(api, repo_id, version)), **kwargs)
    with _reading("hfaug.load", api, repo_id, version, f"version {version!r} of {repo_id}"):
        commit = api.dataset_info(repo_id, revision=version, timeout=constants.HF_HUB_ETAG_TIMEOUT).sha
    return load_dataset(repo_id, revision=commit, **kwargs)


def is_network_error(error: BaseException) -> bool:
    """Whether ``error`` is the HTTP client's failure to reach the server (no answer), not the Hub's answer."""
    return isinstance(error, (ConnectionError, TimeoutError)) or type(error).__module__.partition(".")[0] in _NETWORK_MODULES


def _snapshot(api: HfApi, repo_id: str, version: str) -> Path:
    """The folder of the version's files in the local cache: downloaded as needed, or as they are
    when the Hub cannot be reached or fails (complete, and of this very commit; see :func:`_from_hub_or_cache`)."""
    with _reading("hfaug.load", api, repo_id, version, f"version {version!r} of {repo_id}"):
        return Path(
            _from_hub_or_cache(
                "hfaug.load", api, repo_id, version, lambda local: _download_snapshot(api, repo_id, version, local)
            )
        )


def _download_snapshot(api: HfApi, repo_id: str, version: str, local_files_only: bool) -> str:
    """``snapshot_download`` of the version; a snapshot read from the local cache without its data files raises
    `_DataNotCached` (``huggingface_hub`` gives the snapshot of whatever single files were fetched)."""
    folder = snapshot_download(
        repo_id,
        repo_type="dataset",
        revision=version,  # by its name, which the cache then records, for loads without the Hub
        token=api.token,
        endpoint=api.endpoint,
        local_files_only=local_files_only,
    )
    if local_files_only and not _holds_data(Path(folder)):
        raise _DataNotCached(f"no data files in {folder}")
    return folder


def _holds_data(folder: Path) -> bool:
    """Whether the snapshot ``folder`` holds a data file: one that the ``configs`` of its card name (what
    ``load_dataset`` reads), or, where they name none, any file but those in :data:`_FETCHED_ALONE`."""
    patterns = _configured_data_files(folder / CARD_FILE)
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


def _from_hub_or_cache(caller: str, api: HfApi, repo_id: str, version: str, fetch: Callable[[bool], str]) -> str:
    """``fetch(local_files_only)``: from the Hub when it answers about ``version`` of ``repo_id`` within
    ``HF_HUB_ETAG_TIMEOUT`` seconds (one that takes connections and never answers, a firewall or a proxy, held
    ``huggingface_hub``'s calls forever), else from the local cache, as ``huggingface_hub`` reads it when its own
    check fails, with a warning that says why; where the cache has nothing, the Hub's own error says more than the
    cache's miss."""
    failure = None if constants.HF_HUB_OFFLINE else _failed_check(api, repo_id, version)
    try:
        found = fetch(constants.HF_HUB_OFFLINE or failure is not None)
    except LocalEntryNotFoundError:
        if isinstance(failure, HfHubHTTPError):
            raise failure from None
        raise
    if failure is not None:
        if isinstance(failure, HfHubHTTPError):
            told = refusal_told(api.endpoint, failure, f"read {repo_id}")
        else:
            answer = " ".join(str(failure).split())
            told = f"the Hub at {api.endpoint} did not answer ({type(failure).__name__}: {answer})"
        logger.warning(
            "%s: %s; %s at %s read from the local cache (HF_HUB_OFFLINE=1 reads it without asking)",
            caller, told, repo_id, version,
        )
    return found


def _failed_check(api: HfApi, repo_id: str, version: str) -> Exception | None:
    """Why the Hub's answer about ``version`` of ``repo_id`` leaves it to the local cache: no answer in time, or an
    error other than an unknown revision (a refused token, its own failure); ``None`` when it answered."""
    try:
        api.dataset_info(repo_id, revision=version, timeout=constants.HF_HUB_ETAG_TIMEOUT)
    except RevisionNotFoundError:
        raise
    except Exception as error:
        if not (isinstance(error, HfHubHTTPError) or is_network_error(error)):
            raise
        return error
    return None


def _card_describes(card: Path, splits: Mapping[str, Dataset]) -> bool:
    """Whether the card at ``card`` records the content of each of ``splits`` (whole splits): the
    card commit of a push records its data; a push stopped before its card leaves the last card."""
    recorded = _recorded_content(DatasetCard(card.read_text(encoding="utf-8")).data) if card.is_file() else None
    return recorded is not None and all(
        recorded.get(name) == found for name, found in split_fingerprints(splits).items()
    )


def load_manifest(repo_id: str, version: str, *, token: str | None = None) -> dict[str, Any] | None:
    """The manifest pushed with a version made by a recipe (``manifest.json``: version, recipe,
    source, statistics), or ``None`` when the version has none (plain data, or a ``manifest.json``
    that hfaug did not write).

    Raises:
        VersionNotFound: The repository has no such version; the message lists its tags.
        VersionUnavailable: No such repository, the token was refused, or the Hub cannot be reached
            (or ``HF_HUB_OFFLINE=1``) and the manifest is not in the local cache.
    """
    return _manifest(HfApi(token=token), repo_id, version)


def _manifest(api: HfApi, repo_id: str, version: str) -> dict[str, Any] | None:
    """:func:`load_manifest` through ``api``."""
    _check_repo_id("load_manifest", repo_id)
    _check_version("load_manifest", version)
    with _reading("load_manifest", api, repo_id, version, f"the manifest of {repo_id} at {version}"):
        try:
            path = _from_hub_or_cache(
                "load_manifest", api, repo_id, version, lambda local: _download(api, repo_id, MANIFEST_FILE, version, local)
            )
        except RemoteEntryNotFoundError:
            return None
    return _hfaug_manifest(Path(path))


def _hfaug_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest in ``path`` when hfaug wrote it; ``None`` when there is none, or it is another
    tool's ``manifest.json`` (not JSON, or without the version, splits and stats hfaug writes)."""
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:  # not UTF-8, or not JSON
        return None
    return None if missing_manifest_keys(manifest) else manifest


@contextlib.contextmanager
def _reading(caller: str, api: HfApi, repo_id: str, version: str, what: str) -> Iterator[None]:
    """Turn the client's errors on reading ``what`` (of ``repo_id`` at ``version``) into errors
    that say what to do."""
    try:
        with unwritable_cache_explained(constants.HF_HUB_CACHE, "Hub cache", "HF_HUB_CACHE (or HF_HOME)"):
            yield
    except RevisionNotFoundError:
        raise _version_not_found(caller, api, repo_id, version) from None
    except RepositoryNotFoundError:
        raise VersionUnavailable(f"{caller}: {_no_repository(api, repo_id)}") from None
    except HfHubHTTPError as error:
        status = http_status(error)
        if hub_failed(status):
            raise HubFailure(
                f"{caller}: the Hub at {api.endpoint} {failed(error)} reading {what}; "
                "try again later"
            ) from None
        if status not in CREDENTIALS_REFUSED:
            raise
        raise VersionUnavailable(f"{caller}: {credentials_refused(api.endpoint, error, f'read {repo_id}')}") from None
    except _DataNotCached:
        raise HubUnreachable(
            f"{caller}: the Hub at {api.endpoint} cannot be reached (or HF_HUB_OFFLINE is set) and the data of {what} "
            "is not in the local cache, only its card or manifest (hfaug push and hfaug show fetch them alone); load "
            "it once with the Hub reachable, without streaming=True, and it loads from the cache"
        ) from None
    except Exception as error:  # snapshot_download's LocalEntryNotFoundError, or the HTTP client's own
        if not (isinstance(error, LocalEntryNotFoundError) or is_network_error(error)):
            raise
        raise HubUnreachable(
            f"{caller}: the Hub at {api.endpoint} cannot be reached (or HF_HUB_OFFLINE is set) and {what} is not "
            "in the local cache; check HF_ENDPOINT and the connection (a version loaded once with the Hub "
            "reachable, without streaming=True, loads from the cache)"
        ) from None


def _no_repository(api: HfApi, repo_id: str) -> str:
    """What to say when the Hub of ``api`` has no dataset repository ``repo_id`` that its token can see."""
    return f"no dataset repository {repo_id} at {api.endpoint} (a private one needs a token: HF_TOKEN or `hf auth login`)"


def hub_failed(status: int | None) -> bool:
    """Whether the Hub's answer of HTTP ``status`` is its own failure (5xx, or 429: too many requests), which trying
    again later may mend, and not the request's fault."""
    return status is not None and (status >= 500 or status == 429)


def http_status(error: HfHubHTTPError) -> int | None:
    """The HTTP status of the Hub's answer (``None`` when there was none)."""
    return error.response.status_code if error.response is not None else None


def credentials_refused(endpoint: str, error: HfHubHTTPError, access: str) -> str:
    """What to do when the Hub at ``endpoint`` refused the token (``error``, HTTP 401 or 403) of a
    request that needs to ``access`` a repository (``"read me/x"``, ``"write to me/x"``)."""
    return (
        f"the Hub at {endpoint} refused the request (HTTP {http_status(error)}: {http_detail(error)}); "
        f"set HF_TOKEN or run `hf auth login` with a token that can {access}"
    )


def refusal_told(endpoint: str, error: HfHubHTTPError, access: str) -> str:
    """What the Hub's HTTP ``error`` says about a request that needs to ``access`` a repository: a refused token,
    with what to do (see :func:`credentials_refused`), or a failure of its own."""
    if http_status(error) in CREDENTIALS_REFUSED:
        return credentials_refused(endpoint, error, access)
    return f"the Hub at {endpoint} {failed(error)}"


def failed(error: HfHubHTTPError) -> str:
    """``failed (HTTP 503: <the Hub's message>)``: the Hub's failure as messages tell it."""
    return f"failed (HTTP {http_status(error)}: {http_detail(error)})"


def http_detail(error: HfHubHTTPError) -> str:
    """The Hub's own message in ``error`` (the error's first line when the Hub sent none)."""
    return (error.server_message or str(error).split("\n")[0]).strip()


def _full_id(api: HfApi, repo_id: str) -> str:
    """``namespace/name`` of a repository named without namespace, as the Hub answers it (e.g.
    the local Hub server's user namespace), for the loading line of its card."""
    if "/" in repo_id:
        return repo_id
    try:
        return api.dataset_info(repo_id).id
    except RepositoryNotFoundError:
        return repo_id


def _version_not_found(caller: str, api: HfApi, repo_id: str, version: str) -> VersionNotFound:
    return VersionNotFound(f"{caller}: version {version!r} not found in {repo_id}; its versions are: {listed(_tags(api, repo_id))}")


def listed(tags: list[str]) -> str:
    """``v1, v2, ...``: the first :data:`_TAGS_LISTED` tags, with their number when there are more."""
    more = f", ... ({len(tags)} in all)" if len(tags) > _TAGS_LISTED else ""
    return ", ".join(tags[:_TAGS_LISTED]) + more if tags else "(none)"


def versions_on_hub(repo_id: str) -> list[str] | None:
    """The tags of the dataset repository ``repo_id`` (the versions :func:`load` takes), asked within
    ``HF_HUB_ETAG_TIMEOUT`` seconds; ``None`` when the Hub does not tell: offline, no answer, a refused token.

    Raises:
        VersionUnavailable: The Hub has no such repository (or a private one its token cannot see).
    """
    if constants.HF_HUB_OFFLINE:
        return None
    api = HfApi()
    try:
        api.dataset_info(repo_id, timeout=constants.HF_HUB_ETAG_TIMEOUT)
        return _tags(api, repo_id)
    except RepositoryNotFoundError:
        raise VersionUnavailable(_no_repository(api, repo_id)) from None
    except Exception as error:
        if isinstance(error, (HfHubHTTPError, HFValidationError)) or is_network_error(error):
            return None
        raise


def _refuse_unmeasurable(splits: DatasetDict) -> None:
    """Refuse, before anything is sent, splits whose size `datasets`' own ``push_to_hub`` cannot work out (it
    fails on a `Translation` column beside an `Image` or `Json` one), saying how to push them."""
    for name, split in splits.items():
        try:
            split._estimate_nbytes()
        except AttributeError:
            columns = [column for column, feature in split.features.items() if holds_translation(feature)]
            casts = "".join(
                f"; ds = ds.cast_column({column!r}, {{language: Value('string') for language in "
                f"{split.features[column].languages!r}}})"
                for column in columns
                if isinstance(split.features[column], Translation)
            )
            raise HfaugError(
                f"push_to_hub: `datasets` cannot push split {name!r}: its size estimate fails on a Translation column "
                f"beside an Image or Json one ({', '.join(map(repr, columns))}). Cast it to a struct of strings, "
                f"which holds the same values, and push again{casts}"
            ) from None


def _check_tag(tag: str) -> None:
    """Refuse, before any upload, a tag that git (hence the Hub) would refuse: besides the characters,
    ``..`` anywhere, a final ``.``, and a ``/``-separated part that is empty, starts with ``.`` or
    ends with ``.lock`` (as ``git check-ref-format`` does)."""
    problem = _tag_problem(tag)
    if problem is not None:
        raise ValueError(f"push_to_hub: {tag!r} cannot be a tag: {problem} (e.g. 'v1' or the version id)")


def _check_repo_id(caller: str, repo_id: str) -> None:
    """Refuse, before anything is sent, a repository id that the Hub would refuse, saying what a valid one looks like
    (``huggingface_hub``'s own error names neither the call nor the rule in full)."""
    if not is_repo_id(repo_id):
        raise ValueError(f"{caller}: {repo_id!r} cannot be a repository id: {REPO_ID_RULE}")


def is_repo_id(repo_id: str) -> bool:
    """Whether the Hub takes ``repo_id`` as a repository id (``huggingface_hub``'s ``validate_repo_id``)."""
    try:
        validate_repo_id(repo_id)
    except HFValidationError:
        return False
    return True


def _tag_problem(tag: str) -> str | None:
    """What git finds wrong with ``tag`` (see :func:`_check_tag`), or None."""
    parts = tag.split("/")
    if not _TAG.fullmatch(tag):
        return "use letters, digits, '.', '_', '-' and '/', starting with a letter or digit"
    if ".." in tag:
        return "'..' is not allowed in a tag"
    if any(not part for part in parts):
        return "no part between '/' may be empty"
    if any(part.startswith(".") for part in parts):
        return "no part between '/' may start with '.'"
    if tag.endswith("."):
        return "a tag may not end with '.'"
    if any(part.endswith(".lock") for part in parts):
        return "no part between '/' may end with '.lock'"
    return None


def _check_pushed(dataset: Any, repo_id: Any) -> None:
    """Refuse, before anything else, what is not a dataset to push, naming swapped arguments as such."""
    if isinstance(dataset, (Dataset, DatasetDict)):
        return
    if isinstance(dataset, str) and isinstance(repo_id, (Dataset, DatasetDict)):
        raise TypeError(
            f"push_to_hub: the dataset comes first, then the repository id: push_to_hub(dataset, {dataset!r})"
        )
    raise TypeError(
        f"push_to_hub: expected a Dataset or DatasetDict, got {type(dataset).__name__}; pass what recipe.apply "
        "returned (or a dataset with tag=)"
    )


def _as_dataset_dict(dataset: Dataset | DatasetDict) -> DatasetDict:
    return dataset if isinstance(dataset, DatasetDict) else DatasetDict(as_splits(dataset))


def _refs(api: HfApi, repo_id: str) -> GitRefs | None:
    """The branches and tags of the dataset repository, ``None`` when it does not exist."""
    try:
        return api.list_repo_refs(repo_id, repo_type="dataset")
    except RepositoryNotFoundError:
        return None


def _tags(api: HfApi, repo_id: str) -> list[str]:
    """The repository's tags in natural order (:func:`in_natural_order`)."""
    refs = _refs(api, repo_id)
    return in_natural_order(ref.name for ref in refs.tags) if refs is not None else []


def in_natural_order(names: Iterable[str]) -> list[str]:
    """``names`` with their runs of digits sorted as numbers (``v2`` before ``v10``), ties in one order (``v01``,
    ``v1``)."""
    return sorted(names, key=lambda name: (_natural_order(name), name))


def _natural_order(name: str) -> list[str | int]:
    """``name`` with its runs of digits as numbers, which sort as such: ``['v', 10, '']``."""
    return [int(part) if index % 2 else part for index, part in enumerate(re.split(r"(\d+)", name))]


def _tagged_commit(api: HfApi, repo_id: str, tag: str) -> str | None:
    refs = _refs(api, repo_id)
    return next((ref.target_commit for ref in refs.tags if ref.name == tag), None) if refs is not None else None


def _check_tag_fits(refs: GitRefs | None, repo_id: str, tag: str) -> None:
    """Refuse, before any upload, a tag named like a branch (a revision names the branch first:
    loading the version would give the branch), or one that git cannot keep beside an existing
    tag (of ``release`` and ``release/v1`` only one can exist: a name cannot be both a file and
    a folder)."""
    branches = [ref.name for ref in refs.branches] if refs is not None else ["main"]  # a new repository's
    if tag in branches:
        raise VersionConflict(
            f"push_to_hub: {tag!r} is a branch of {repo_id}, and a branch hides a tag of the same name "
            f"(loading version {tag!r} would give the branch); push under another tag, e.g. 'v1' or the version id"
        )
    tags = [ref.name for ref in refs.tags] if refs is not None else []
    clash = next((name for name in tags if name.startswith(f"{tag}/") or tag.startswith(f"{name}/")), None)
    if clash is not None:
        raise VersionConflict(
            f"push_to_hub: tag {tag!r} cannot be created in {repo_id} beside its tag {clash!r} (git cannot keep both: "
            f"a tag name cannot also be the folder of another); push under another tag, e.g. {_another_tag(tag)!r}"
        )


def _another_tag(tag: str) -> str:
    """A tag to suggest instead of ``tag`` when another tag is in its way: ``release/v1`` gives
    ``release-v1``, ``release`` gives ``release-1``."""
    return tag.replace("/", "-") if "/" in tag else f"{tag}-1"


def _clash(api: HfApi, repo_id: str, tag: str, fingerprint: dict[str, str], version_id: str | None) -> str | None:
    """Why the existing tag ``tag`` cannot stand for this push (it holds other rows, or these rows as
    another version: another card and manifest); ``None`` when it holds this very version."""
    remedy = (
        f"push under another tag, or delete that one first (HfApi().delete_tag({repo_id!r}, tag={tag!r}, "
        "repo_type='dataset'))"
    )
    if _recorded_content(api.dataset_info(repo_id, revision=tag).card_data) != fingerprint:
        return f"push_to_hub: tag {tag!r} already exists in {repo_id} and holds other data; {remedy}"
    manifest = _manifest(api, repo_id, tag)
    tagged_id = manifest["version"] if manifest is not None else None
    if tagged_id != version_id:
        return (
            f"push_to_hub: tag {tag!r} already exists in {repo_id} and holds these rows as {_as_version(tagged_id)}, "
            f"not as {_as_version(version_id)}; {remedy}"
        )
    return None


def _as_version(version_id: str | None) -> str:
    return f"version {version_id!r}" if version_id is not None else "data pushed without a manifest"


def _recorded_content(card_data: CardData | None) -> dict[str, str] | None:
    """The content fingerprint of each split that a card's ``hfaug`` metadata records, if any."""
    metadata = card_data.get("hfaug") if card_data is not None else None
    return metadata.get("content") if isinstance(metadata, dict) else None


def _main_after_refusal(api: HfApi, repo_id: str, tag: str, head: str | None) -> str:
    """After another push took ``tag`` while this one ran: put that tagged version back on ``main``
    when this push's commit ``head`` is still its last; what was done, for the error message."""
    if head is None:  # this push committed nothing
        return ""
    try:
        restored = _restore(api, repo_id, tag, head)
    except HfHubHTTPError as error:
        if http_status(error) not in _CONFLICT_STATUSES:
            raise
        return (
            f"; this push had committed its data to main (commit {head[:12]}) before another push took the tag, "
            "and main has moved on since"
        )
    return (
        f"; this push had committed its data to main before another push took the tag: main holds version {tag!r} "
        f"again (commit {restored[:12]})"
    )


def _restore(api: HfApi, repo_id: str, revision: str, head: str) -> str:
    """Commit on ``main``, whose last commit must be ``head``, the files of ``revision`` as they are
    there (copied on the Hub: nothing is uploaded); returns the new commit."""
    wanted, current = _files(api, repo_id, revision), _files(api, repo_id, head)
    operations: list[CommitOperationCopy | CommitOperationDelete] = [
        CommitOperationDelete(path) for path in current if path not in wanted
    ]
    operations += [
        CommitOperationCopy(path, path, src_revision=revision)
        for path, blob in wanted.items()
        if current.get(path) != blob
    ]
    return api.create_commit(
        repo_id,
        operations,
        commit_message=f"Restore version {revision}",
        repo_type="dataset",
        parent_commit=head,
        revision="main",
    ).oid


def _files(api: HfApi, repo_id: str, revision: str) -> dict[str, str]:
    """The git blob id of each file of the dataset repository at ``revision``, by path."""
    return {path: entry.blob_id for path, entry in _entries(api, repo_id, revision).items()}


def _entries(api: HfApi, repo_id: str, revision: str) -> dict[str, RepoFile]:
    """The files of the dataset repository at ``revision``, by path."""
    tree = api.list_repo_tree(repo_id, recursive=True, revision=revision, repo_type="dataset")
    return {entry.path: entry for entry in tree if isinstance(entry, RepoFile)}


def _holds(entry: RepoFile, data: bytes) -> bool:
    """Whether the repository file ``entry`` holds ``data``: an LFS file by its SHA-256, another by its git
    blob id."""
    if entry.lfs is not None:
        return entry.lfs.sha256 == hashlib.sha256(data).hexdigest()
    return entry.blob_id == git_hash(data)


def _all_shards(split: str, present: Mapping[str, RepoFile]) -> bool:
    """Whether ``present`` holds every data shard of ``split`` (``data/<split>-00000-of-00003.parquet``, ...)."""
    pattern = re.compile(rf"data/{re.escape(split)}-(\d+)-of-(\d+)\.parquet")
    shards = [tuple(map(int, found.groups())) for found in map(pattern.fullmatch, present) if found]
    counts = {count for _, count in shards}
    return len(counts) == 1 and sorted(index for index, _ in shards) == list(range(counts.pop()))


def _card_text(
    dataset: Dataset | DatasetDict, splits: DatasetDict, repo_id: str, tag: str, manifest: Mapping[str, Any] | None
) -> str:
    """The card of a version made by a recipe (see `hfaug.card`); for other data, a short one
    with the version, the splits and the provenance columns."""
    if manifest is not None:
        return render_card(dict(manifest), dataset, repo_id=repo_id, tag=tag)
    rows = "\n".join(f"| {name} | {splits[name].num_rows} |" for name in splits)
    columns = {name for split in splits.values() for name in split.column_names}
    lines = [f"# {repo_id}", "", f"Tag `{tag}`, pushed with hfaug (not made by a recipe: no version id).", ""]
    lines += ["| split | rows |", "|---|---|", rows]
    if any(name in columns for name in provenance.COLUMNS):
        lines += ["", "## Provenance columns", "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{name}` | {provenance.DESCRIPTIONS[name]} |" for name in provenance.COLUMNS if name in columns]
    lines += [
        "",
        "## Loading this version",
        "",
        "```python",
        "from datasets import load_dataset",
        "",
        f'ds = load_dataset("{repo_id}", revision="{tag}")',
        f'# or, with hfaug: import hfaug; ds = hfaug.load("{repo_id}", version="{tag}")',
        "```",
        "",
    ]
    return "\n".join(lines)


def _refuse_files_left_out(
    api: HfApi, repo_id: str, head: str, splits: Mapping[str, Dataset], files: Mapping[str, bytes]
) -> None:
    """Refuse to tag ``head`` when it lacks files of the version, or holds another version's in their
    place: the card, manifest and samples committed (``files``), and every data shard of each split.
    The Hub leaves out of a commit, without an error, what a ``.gitignore`` in the repository matches."""
    present = _entries(api, repo_id, head)
    missing = [path for path, data in files.items() if path not in present or not _holds(present[path], data)]
    missing += [f"data/{split}-*.parquet" for split in splits if not _all_shards(split, present)]
    if missing:
        raise HfaugError(
            f"push_to_hub: {', '.join(missing)} did not reach {repo_id} (commit {head[:12]}), and the version was "
            "not tagged: a .gitignore in the repository leaves out the files it matches; remove those patterns from "
            "it (or delete it) and push again"
        )


def _version_files(manifest: Mapping[str, Any] | None, samples: Dataset | None) -> dict[str, bytes]:
    """The files that describe a version made by a recipe, by path: its manifest and its
    before/after sample rows (media embedded, as in a version folder); none for other data."""
    if manifest is None:
        return {}
    files = {MANIFEST_FILE: manifest_json(manifest).encode()}
    if samples is not None:
        _refuse_samples_naming_files(samples)
        with tempfile.TemporaryDirectory(prefix="hfaug-samples-") as folder:
            files[SAMPLES_PATH] = write_version_shards(samples, Path(folder), None)[0].read_bytes()
    return files


def _refuse_samples_naming_files(samples: Dataset) -> None:
    """Refuse sample media cells without bytes, whose writing would embed (and upload) the local file they
    name: hfaug embeds the bytes of every sample it writes, so they come from a folder changed or written
    elsewhere."""
    rows = samples.data.table.to_pylist()  # as stored: a few rows, never decoded
    for name, feature in samples.features.items():
        named = [path for row in rows for path in _files_named(row[name], feature)]
        if named:
            raise HfaugError(
                f"push_to_hub: {SAMPLES_PATH} holds {len(named)} {name!r} cells without bytes that name "
                f"files (e.g. {named[0]!r}); hfaug embeds the bytes of every sample it writes, so "
                "this version was changed or written elsewhere: write it again with hfaug apply, then push it"
            )


def _files_named(value: Any, feature: Any) -> list[str]:
    """The paths of the media cells without bytes in ``value``, a stored value of ``feature``, at any depth."""
    if media_kind(feature) is not None:
        return [value["path"]] if isinstance(value, dict) and value.get("bytes") is None and value.get("path") else []
    if isinstance(feature, dict) and isinstance(value, dict):
        return [path for key, inner in feature.items() for path in _files_named(value.get(key), inner)]
    inner = getattr(feature, "feature", None)  # List, LargeList, Sequence
    if inner is not None and isinstance(value, list):
        return [path for item in value for path in _files_named(item, inner)]
    return []


def _commit_card(
    api: HfApi,
    repo_id: str,
    data_commit: str,
    text: str,
    files: Mapping[str, bytes],
    tag: str,
    version_id: str | None,
    fingerprint: dict[str, str],
) -> tuple[str, dict[str, bytes]]:
    """Commit the card (keeping the YAML that ``datasets`` wrote) and the version's ``files`` on
    top of ``data_commit``, removing another version's that this one lacks; returns the new head
    (the data commit when nothing changed) and the files committed, by path. The card's ``hfaug``
    metadata records the version id (as its text names it; None for data without a manifest), the tag
    that loads it and the content fingerprint of each split."""
    written = DatasetCard(open(_download(api, repo_id, CARD_FILE, data_commit), encoding="utf-8").read())
    metadata = {key: written.data[key] for key in _DATASETS_CARD_KEYS if written.data.get(key) is not None}
    card = _with_metadata(text, metadata, {"version": version_id, "tag": tag, "content": fingerprint})
    committed = {CARD_FILE: card.encode(), **files}
    operations: list[CommitOperationAdd | CommitOperationDelete] = [
        CommitOperationAdd(path, data) for path, data in committed.items()
    ]
    operations += [
        CommitOperationDelete(path)
        for path in (MANIFEST_FILE, SAMPLES_PATH)
        if path not in files and api.file_exists(repo_id, path, repo_type="dataset", revision=data_commit)
    ]
    head = api.create_commit(
        repo_id,
        operations,
        commit_message=f"Dataset card of version {tag}",
        repo_type="dataset",
        parent_commit=data_commit,
        revision="main",
    ).oid
    return head, committed


def _with_metadata(text: str, metadata: Mapping[str, Any], hfaug_metadata: Mapping[str, Any]) -> str:
    """``text`` (a card, with or without YAML metadata) with ``metadata`` set in its YAML and
    ``hfaug_metadata`` merged into its ``hfaug`` entry."""
    if not text.startswith("---"):
        text = f"---\n{yaml.safe_dump({'hfaug': {}})}---\n\n{text}"
    card = DatasetCard(text)
    for key, value in metadata.items():
        card.data[key] = value
    card.data["hfaug"] = {**(card.data.get("hfaug") or {}), **hfaug_metadata}
    return str(card)


def _download(api: HfApi, repo_id: str, filename: str, revision: str, local_files_only: bool = False) -> str:
    return hf_hub_download(
        repo_id,
        filename,
        repo_type="dataset",
        revision=revision,
        token=api.token,
        endpoint=api.endpoint,
        local_files_only=local_files_only,
    )


def _url(api: HfApi, repo_id: str, tag: str) -> str:
    return f"{api.endpoint}/datasets/{repo_id}/tree/{tag}"
