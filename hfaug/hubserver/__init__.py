"""A local server that speaks the Hugging Face Hub's HTTP protocol.

It implements what ``huggingface_hub`` and ``datasets`` call to create repositories,
upload (preupload, LFS batch with basic transfer, NDJSON commits with ``parentCommit``
checks), manage branches and tags, list and download files. Repositories are real git
repositories (dulwich) whose large files are LFS pointers, so commits, branches and tags
behave as on the Hub. Use it as an offline, self-hosted target (``pip install 'hfaug[hub-server]'``)::

    python -m hfaug.hubserver --root hub-data --port 8123 --token "$MY_TOKEN"
    HF_ENDPOINT=http://127.0.0.1:8123 HF_HUB_DISABLE_XET=1 HF_TOKEN="$MY_TOKEN" hfaug push out/<version> me/data

The server's packages (starlette, dulwich, uvicorn) are imported on first use.
"""

from typing import TYPE_CHECKING

from hfaug.hubserver.cli import main
from hfaug.lazy import lazy_exports

# The names in `_LAZY`, for type checkers (`as`: re-exported); tests/test_packaging.py keeps the two in step.
if TYPE_CHECKING:
    from hfaug.hubserver.app import HubApp as HubApp, create_app as create_app
    from hfaug.hubserver.store import HubStore as HubStore

_LAZY: dict[str, str] = {
    "HubApp": "hfaug.hubserver.app",
    "create_app": "hfaug.hubserver.app",
    "HubStore": "hfaug.hubserver.store",
}

__all__ = ["main", *_LAZY]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
