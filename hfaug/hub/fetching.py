"""Reading a version's files from the Hub when it answers in time, else from the local cache, with the client's
errors turned into errors that say what to do."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator

from huggingface_hub import HfApi, constants
from huggingface_hub.errors import (
    HfHubHTTPError,
    LocalEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)

from hfaug.cache_folders import unwritable_cache_explained
from hfaug.errors import HubFailure
from hfaug.hub.errors import (
    CREDENTIALS_REFUSED,
    HubUnreachable,
    VersionNotFound,
    VersionUnavailable,
    credentials_refused,
    failed,
    http_status,
    hub_failed,
    is_network_error,
    no_repository,
    refusal_told,
)
from hfaug.hub.names import listed
from hfaug.hub.repository import tags

logger = logging.getLogger(__name__)


class DataNotCached(LocalEntryNotFoundError):
    """The local cache holds files of the version (its card, its manifest) but not its data."""


def from_hub_or_cache(caller: str, api: HfApi, repo_id: str, version: str, fetch: Callable[[bool], str]) -> str:
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
        if isinstance(failure, RepositoryNotFoundError):  # private, to a request without a token, or gone
            told = f"the Hub answered there is {no_repository(api, repo_id)}"
        elif isinstance(failure, HfHubHTTPError):
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


@contextlib.contextmanager
def reading(caller: str, api: HfApi, repo_id: str, version: str, what: str) -> Iterator[None]:
    """Turn the client's errors on reading ``what`` (of ``repo_id`` at ``version``) into errors
    that say what to do."""
    try:
        with unwritable_cache_explained(constants.HF_HUB_CACHE, "Hub cache", "HF_HUB_CACHE (or HF_HOME)"):
            yield
    except RevisionNotFoundError:
        raise _version_not_found(caller, api, repo_id, version) from None
    except RepositoryNotFoundError:
        raise VersionUnavailable(f"{caller}: {no_repository(api, repo_id)}") from None
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
    except DataNotCached:
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


def _version_not_found(caller: str, api: HfApi, repo_id: str, version: str) -> VersionNotFound:
    return VersionNotFound(f"{caller}: version {version!r} not found in {repo_id}; its versions are: {listed(tags(api, repo_id))}")
