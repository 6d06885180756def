"""Whether the Hub answers in time: ``huggingface_hub``'s client waits without a limit, and a Hub that takes
connections and never answers (a firewall, a proxy) held calls forever."""

from __future__ import annotations


def model_unanswered(repo_id: str, revision: str | None) -> Exception | None:
    """Why the Hub did not answer about model ``repo_id`` at ``revision`` within ``HF_HUB_ETAG_TIMEOUT`` seconds (no
    connection, a timeout, ``HF_HUB_OFFLINE``), or ``None`` when it answered: an error of its own (no such model, a
    private one) is an answer, which downloading the model then tells."""
    from huggingface_hub import HfApi, constants
    from huggingface_hub.errors import HfHubHTTPError

    try:
        HfApi().model_info(repo_id, revision=revision, timeout=constants.HF_HUB_ETAG_TIMEOUT)
    except HfHubHTTPError:
        return None
    except Exception as error:  # requests and httpx errors share no base class
        return error
    return None
