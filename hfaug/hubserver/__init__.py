"""A local server that speaks the Hugging Face Hub's HTTP protocol.

It implements what ``huggingface_hub`` and ``datasets`` call to create repositories,
upload (preupload, LFS batch with basic transfer, NDJSON commits with ``parentCommit``
checks), manage branches and tags, list and download files. Repositories are real git
repositories (dulwich) whose large files are LFS pointers, so commits, branches and tags
behave as on the Hub. Use it as an offline, self-hosted target::

    python scripts/hub_server.py --root hub-data --port 8123 --token "$MY_TOKEN"
    HF_ENDPOINT=http://127.0.0.1:8123 HF_HUB_DISABLE_XET=1 HF_TOKEN="$MY_TOKEN" hfaug push out/<version> me/data
"""

from hfaug.hubserver.app import HubApp, create_app
from hfaug.hubserver.cli import main
from hfaug.hubserver.store import HubStore

__all__ = ["HubApp", "HubStore", "create_app", "main"]
