"""A push's tag against what the repository holds: a tag that exists already (with this very version, or with
something else), a tag in the way of a branch or of another tag, and ``main`` given back the tagged version when
another push took the tag during this one."""

from __future__ import annotations

import logging

from huggingface_hub import CommitOperationCopy, CommitOperationDelete, GitRefs, HfApi
from huggingface_hub.errors import HfHubHTTPError

from hfaug.hub.errors import VersionConflict, http_status
from hfaug.hub.manifests import manifest_of
from hfaug.hub.repository import entries, recorded_content, tagged_commit

logger = logging.getLogger(__name__)

CONFLICT_STATUSES = (409, 412)  # HTTP statuses of a commit whose branch another push moved meanwhile


def already_tagged(
    api: HfApi, repo_id: str, tag: str, fingerprint: dict[str, str], version_id: str | None, head: str | None
) -> str | None:
    """The commit of ``tag`` when it already holds this very version (nothing to push), ``None`` when the tag is
    free; `VersionConflict` when it holds something else (``main`` is given that version back first
    when ``head``, this push's last commit, is still its last)."""
    existing = tagged_commit(api, repo_id, tag)
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
    if recorded_content(api.dataset_info(repo_id, revision="main").card_data) != fingerprint:
        logger.warning(
            "version %s is already in %s under its tag, but main holds other data (pushed after it), which "
            "load_dataset(%r) without a revision gives: load this version with revision=%r, or push it under "
            "another tag to make it main's data again",
            tag,
            repo_id,
            repo_id,
            tag,
        )


def check_tag_fits(refs: GitRefs | None, repo_id: str, tag: str) -> None:
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
    if recorded_content(api.dataset_info(repo_id, revision=tag).card_data) != fingerprint:
        return f"push_to_hub: tag {tag!r} already exists in {repo_id} and holds other data; {remedy}"
    manifest = manifest_of(api, repo_id, tag)
    tagged_id = manifest["version"] if manifest is not None else None
    if tagged_id != version_id:
        return (
            f"push_to_hub: tag {tag!r} already exists in {repo_id} and holds these rows as {_as_version(tagged_id)}, "
            f"not as {_as_version(version_id)}; {remedy}"
        )
    return None


def _as_version(version_id: str | None) -> str:
    return f"version {version_id!r}" if version_id is not None else "data pushed without a manifest"


def _main_after_refusal(api: HfApi, repo_id: str, tag: str, head: str | None) -> str:
    """After another push took ``tag`` while this one ran: put that tagged version back on ``main``
    when this push's commit ``head`` is still its last; what was done, for the error message."""
    if head is None:  # this push committed nothing
        return ""
    try:
        restored = _restore(api, repo_id, tag, head)
    except HfHubHTTPError as error:
        if http_status(error) not in CONFLICT_STATUSES:
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
    return {path: entry.blob_id for path, entry in entries(api, repo_id, revision).items()}
