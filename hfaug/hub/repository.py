"""A dataset repository on the Hub as hfaug reads it: where a version keeps its card, manifest and samples, its
branches and tags, its files at a revision, and the content its card records."""

from __future__ import annotations

from huggingface_hub import CardData, GitRefs, HfApi, RepoFile, constants, hf_hub_download
from huggingface_hub.errors import HfHubHTTPError, HFValidationError, RepositoryNotFoundError

from hfaug.hub.errors import VersionUnavailable, is_network_error, no_repository
from hfaug.hub.names import in_natural_order
from hfaug.versioned.layout import PREVIEW_DIR, SAMPLES_FILE

SAMPLES_PATH = f"{PREVIEW_DIR}/{SAMPLES_FILE}"  # the before/after sample rows, as in a version folder


def versions_on_hub(repo_id: str) -> list[str] | None:
    """The tags of the dataset repository ``repo_id`` (the versions :func:`hfaug.load` takes), asked within
    ``HF_HUB_ETAG_TIMEOUT`` seconds; ``None`` when the Hub does not tell: offline, no answer, a refused token.

    Raises:
        VersionUnavailable: The Hub has no such repository (or a private one its token cannot see).
    """
    if constants.HF_HUB_OFFLINE:
        return None
    api = HfApi()
    try:
        api.dataset_info(repo_id, timeout=constants.HF_HUB_ETAG_TIMEOUT)
        return tags(api, repo_id)
    except RepositoryNotFoundError:
        raise VersionUnavailable(no_repository(api, repo_id)) from None
    except Exception as error:
        if isinstance(error, (HfHubHTTPError, HFValidationError)) or is_network_error(error):
            return None
        raise


def repo_refs(api: HfApi, repo_id: str) -> GitRefs | None:
    """The branches and tags of the dataset repository, ``None`` when it does not exist."""
    try:
        return api.list_repo_refs(repo_id, repo_type="dataset")
    except RepositoryNotFoundError:
        return None


def tags(api: HfApi, repo_id: str) -> list[str]:
    """The repository's tags in natural order (:func:`in_natural_order`)."""
    refs = repo_refs(api, repo_id)
    return in_natural_order(ref.name for ref in refs.tags) if refs is not None else []


def tagged_commit(api: HfApi, repo_id: str, tag: str) -> str | None:
    refs = repo_refs(api, repo_id)
    return next((ref.target_commit for ref in refs.tags if ref.name == tag), None) if refs is not None else None


def recorded_content(card_data: CardData | None) -> dict[str, str] | None:
    """The content fingerprint of each split that a card's ``hfaug`` metadata records, if any."""
    metadata = card_data.get("hfaug") if card_data is not None else None
    return metadata.get("content") if isinstance(metadata, dict) else None


def entries(api: HfApi, repo_id: str, revision: str) -> dict[str, RepoFile]:
    """The files of the dataset repository at ``revision``, by path."""
    tree = api.list_repo_tree(repo_id, recursive=True, revision=revision, repo_type="dataset")
    return {entry.path: entry for entry in tree if isinstance(entry, RepoFile)}


def download(api: HfApi, repo_id: str, filename: str, revision: str, local_files_only: bool = False) -> str:
    return hf_hub_download(
        repo_id,
        filename,
        repo_type="dataset",
        revision=revision,
        token=api.token,
        endpoint=api.endpoint,
        local_files_only=local_files_only,
    )
