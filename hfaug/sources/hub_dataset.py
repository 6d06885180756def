"""Reading a dataset on the Hub: its revision resolved to a commit, its splits, and the Hub's refusals and a missing
cached copy told in words that say what to do."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from datasets import DatasetDict, get_dataset_split_names, load_dataset
from datasets import config as datasets_config

from hfaug.errors import HfaugError, HubFailure
from hfaug.sources.splits import check_splits

if TYPE_CHECKING:
    from huggingface_hub.errors import HfHubHTTPError


def resolve_revision(repo_id: str, revision: str | None) -> str | None:
    """The commit hash of ``revision`` of a Hub dataset (``None`` in offline mode: ``HF_HUB_OFFLINE``, or
    ``HF_DATASETS_OFFLINE``, which `datasets` also reads), asked within ``HF_HUB_ETAG_TIMEOUT`` seconds (a Hub that
    takes connections and never answers held the command forever)."""
    from huggingface_hub import HfApi, constants
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled, RepositoryNotFoundError, RevisionNotFoundError

    if datasets_config.HF_HUB_OFFLINE:
        return None
    try:
        return HfApi().dataset_info(repo_id, revision=revision, timeout=constants.HF_HUB_ETAG_TIMEOUT).sha
    except OfflineModeIsEnabled:
        return None
    except RepositoryNotFoundError:
        raise FileNotFoundError(
            f"dataset {repo_id!r} not found: no such local file or folder, and no such dataset on the Hub "
            "(or it is private: log in with `hf auth login` or set HF_TOKEN)"
        ) from None
    except RevisionNotFoundError:
        raise FileNotFoundError(f"Hub dataset {repo_id!r} has no revision {revision!r}; pass an existing branch, tag or commit") from None
    except HfHubHTTPError as error:  # the Hub answered: a refused token, or a failure of its own
        raise _hub_refusal(error, repo_id) from None
    except Exception as error:  # network failures of any HTTP client
        raise ConnectionError(
            f"cannot reach the Hugging Face Hub to look up dataset {repo_id!r} ({type(error).__name__}); "
            "pass a local file or folder, or set HF_HUB_OFFLINE=1 to use the cached copy"
        ) from None


def _hub_refusal(error: HfHubHTTPError, repo_id: str) -> HfaugError:
    """What the Hub's HTTP ``error`` means for reading ``repo_id``: a token it refused, or its own failure
    (a :class:`HubFailure`, which the command line exits 1 for, as for a Hub out of reach)."""
    from huggingface_hub import HfApi

    from hfaug.hub.errors import CREDENTIALS_REFUSED, http_status, refusal_told

    told = f"dataset {repo_id!r}: {refusal_told(HfApi().endpoint, error, f'read {repo_id}')}"
    return HfaugError(told) if http_status(error) in CREDENTIALS_REFUSED else HubFailure(f"{told}; try again later")


def load_hub(repo_id: str, config: str | None, revision: str | None, splits: list[str] | None) -> DatasetDict:
    from huggingface_hub import constants

    try:
        if splits:
            return DatasetDict(
                {split: load_dataset(repo_id, name=config, revision=revision, split=split) for split in splits}
            )
        return load_dataset(repo_id, name=config, revision=revision)
    except ValueError as error:
        if not str(error).startswith("Unknown split"):  # datasets' error names the splits, without a hint
            raise
        check_splits(get_dataset_split_names(repo_id, config_name=config, revision=revision), splits, repo_id)
        raise
    except ConnectionError:
        if not datasets_config.HF_HUB_OFFLINE:
            raise
        offline = "HF_HUB_OFFLINE=1" if constants.HF_HUB_OFFLINE else "HF_DATASETS_OFFLINE=1"
        raise ConnectionError(
            f"Hub dataset {repo_id!r} is not in the local cache, and {offline} forbids downloading it (nor is there a "
            f"local file or folder {repo_id!r} in {os.getcwd()!r}); load it once where the Hub is reachable (it is then "
            "cached), or pass a local file or folder"
        ) from None
