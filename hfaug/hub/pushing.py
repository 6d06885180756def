"""Pushing a version to the Hub: its data, its card and a tag.

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
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from datasets import Dataset, DatasetDict, Translation
from huggingface_hub import HfApi, constants
from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

from hfaug.card import for_hub
from hfaug.errors import HfaugError
from hfaug.hub.card_commit import (
    card_text,
    commit_card,
    refuse_files_left_out,
    refuse_unreadable_card,
    version_files,
)
from hfaug.hub.conflicts import CONFLICT_STATUSES, already_tagged, check_tag_fits
from hfaug.hub.errors import PushConflict, http_status
from hfaug.hub.names import check_repo_id, check_tag
from hfaug.hub.repository import repo_refs
from hfaug.versioned.dataset_types import as_splits
from hfaug.versioned.parquet_shards import holds_translation
from hfaug.versioned.split_checks import (
    WITHOUT_EMPTY_SPLITS,
    empty_split_remedy,
    refuse_changed_splits,
    refuse_empty_splits,
    split_fingerprints,
    with_missing_columns,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushResult:
    """What :func:`push_to_hub` did.

    Attributes:
        repo_id (`str`): The dataset repository, `namespace/name` (its namespace filled in when it was named without).
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
        HfaugError: ``HF_HUB_OFFLINE`` is set, or the YAML metadata of ``card`` cannot be read (checked
            before anything is sent).
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
    check_repo_id("push_to_hub", repo_id)
    tag = _pushed_tag(dataset, tag)
    manifest = manifest if manifest is not None else getattr(dataset, "manifest", None)
    splits, fingerprint = _pushed_splits(dataset, manifest)
    version_id = manifest["version"] if manifest is not None else None
    files = version_files(manifest, getattr(dataset, "samples", None))  # refused now, not after the data commit
    if card is not None:
        refuse_unreadable_card(card)  # so is a card that the Hub and `datasets` cannot read
    api = _answering_hub(repo_id, tag, token)
    existing = already_tagged(api, repo_id, tag, fingerprint, version_id, None)  # refused before any change
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
            text = card_text(dataset, splits, full_id, tag, manifest) if card is None else for_hub(card, full_id, tag)
            head, committed = commit_card(api, repo_id, head, text, files, tag, version_id, fingerprint)
            refuse_files_left_out(api, repo_id, head, splits, committed)
            api.create_tag(repo_id, tag=tag, revision=head, tag_message=f"version {tag}", repo_type="dataset")
            return PushResult(full_id, tag, head, True, _url(api, full_id, tag), made_private)
        except ConnectionError as error:
            if "xet-write-token" not in str(error):
                raise
            raise HfaugError(
                f"push_to_hub: the Hub at {api.endpoint} does not take Xet uploads (HTTP 501); set "
                "HF_HUB_DISABLE_XET=1 in the environment (before huggingface_hub is imported) and push again"
            ) from None
        except HfHubHTTPError as error:
            status = http_status(error)
            if status not in CONFLICT_STATUSES:
                raise
            logger.warning(
                "push of %s to %s met a concurrent change (HTTP %s), attempt %d", tag, repo_id, status, attempt
            )
        existing = already_tagged(api, repo_id, tag, fingerprint, version_id, head)  # another push may have tagged
    if existing is None:
        raise PushConflict(
            f"push_to_hub: {repo_id} kept changing during the push of version {tag!r} ({retries} attempts); "
            "another push is running: wait for it and push again"
        )
    full_id = _full_id(api, repo_id)
    return PushResult(full_id, tag, existing, False, _url(api, full_id, tag), made_private)


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
    check_tag(tag)
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
    otherwise = WITHOUT_EMPTY_SPLITS if manifest is not None else "push the other splits (a DatasetDict without it)"
    refuse_empty_splits(splits, "push_to_hub", empty_split_remedy(manifest, otherwise))
    _refuse_unmeasurable(splits)
    return splits, fingerprint


def _answering_hub(repo_id: str, tag: str, token: str | None) -> HfApi:
    """A client of the Hub, once it answers about ``repo_id`` and ``tag`` fits beside the repository's refs;
    refused when ``HF_HUB_OFFLINE`` is set."""
    if constants.HF_HUB_OFFLINE:
        raise HfaugError("push_to_hub: HF_HUB_OFFLINE=1 is set, which keeps huggingface_hub off the Hub; unset it to push")
    api = HfApi(token=token)
    _refuse_a_silent_hub(api, repo_id)
    check_tag_fits(repo_refs(api, repo_id), repo_id, tag)
    return api


def _refuse_a_silent_hub(api: HfApi, repo_id: str) -> None:
    """Raise the HTTP client's error when the Hub does not answer about ``repo_id`` within ``HF_HUB_ETAG_TIMEOUT``
    seconds (``huggingface_hub``'s own calls wait without a limit: a firewall or a proxy that never answers held the
    push forever); its answers (no such repository yet, a refused token) are the push's to tell."""
    with contextlib.suppress(HfHubHTTPError):
        api.dataset_info(repo_id, timeout=constants.HF_HUB_ETAG_TIMEOUT)


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


def _full_id(api: HfApi, repo_id: str) -> str:
    """``namespace/name`` of a repository named without namespace, as the Hub answers it (e.g.
    the local Hub server's user namespace), for the loading line of its card and the push's result."""
    if "/" in repo_id:
        return repo_id
    try:
        return api.dataset_info(repo_id).id
    except RepositoryNotFoundError:
        return repo_id


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


def _url(api: HfApi, repo_id: str, tag: str) -> str:
    return f"{api.endpoint}/datasets/{repo_id}/tree/{tag}"
