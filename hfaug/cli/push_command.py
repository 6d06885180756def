"""``hfaug push DIR REPO_ID``: push a version folder written by ``hfaug apply`` to the Hub,
tagged with its version.

Exit codes: 0 pushed (or already there), 1 the Hub could not be reached, failed, or kept
changing under concurrent pushes, 2 a user error (folder, tag, credentials, permissions).
"""

from __future__ import annotations

import argparse
import sys

from hfaug.cli.arguments import given
from hfaug.cli.main import EXIT_HUB_FAILURE, EXIT_USER_ERROR


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "push",
        help="push a version folder written by `hfaug apply` to the Hub, tagged with its version",
        description="Push OUT/<version>/ (or OUT holding one version) to a dataset repository: the data "
        "(datasets' push_to_hub), the dataset card and manifest, then a tag. Pushing a version that is "
        "already there does nothing. The token comes from HF_TOKEN or the login cache; set HF_ENDPOINT "
        "to use another Hub, e.g. the local server of `python -m hfaug.hubserver`.",
        epilog="exit codes: 0 pushed (or already there), 1 the Hub could not be reached or failed, 2 user error",
    )
    parser.add_argument("directory", type=given, metavar="DIR", help="version folder OUT/<version>, or OUT holding one version")
    parser.add_argument("repo_id", type=given, metavar="REPO_ID", help="dataset repository, namespace/name (created if missing)")
    parser.add_argument("--tag", help="tag of the version (default: the version id)")
    parser.add_argument(
        "--private",
        action="store_true",
        help="make the repository private: created private, or switched to private (before the upload) if public",
    )
    parser.set_defaults(run=run)


def _fail(code: int, message: str) -> int:
    print(f"hfaug push: error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from huggingface_hub import constants
    from huggingface_hub.errors import HfHubHTTPError

    from hfaug.hub.errors import (
        CREDENTIALS_REFUSED,
        PushConflict,
        credentials_refused,
        failed,
        http_detail,
        http_status,
        hub_failed,
        is_network_error,
    )
    from hfaug.hub.pushing import push_to_hub
    from hfaug.versioned.layout import CARD
    from hfaug.versioned.loading import load_version_dir
    from hfaug.versioned.manifests import find_version_dir

    folder = find_version_dir(args.directory)
    dataset, manifest = load_version_dir(folder)
    card = (folder / CARD).read_text(encoding="utf-8") if (folder / CARD).is_file() else None
    endpoint = constants.ENDPOINT
    try:
        result = push_to_hub(dataset, args.repo_id, tag=args.tag, private=args.private, card=card, manifest=manifest)
    except PushConflict as error:
        return _fail(EXIT_HUB_FAILURE, str(error))
    except HfHubHTTPError as error:
        status = http_status(error)
        if status in CREDENTIALS_REFUSED:
            return _fail(EXIT_USER_ERROR, credentials_refused(endpoint, error, f"write to {args.repo_id}"))
        if hub_failed(status):
            return _fail(
                EXIT_HUB_FAILURE,
                f"the Hub at {endpoint} {failed(error)}; try again later (a push that "
                "stopped half-way is completed by the next one)",
            )
        return _fail(EXIT_USER_ERROR, f"the Hub at {endpoint} answered HTTP {status}: {http_detail(error)}")
    except Exception as error:
        if not is_network_error(error):
            raise
        return _fail(
            EXIT_HUB_FAILURE,
            f"cannot reach the Hub at {endpoint} ({type(error).__name__}: {error}); check HF_ENDPOINT and your "
            "connection, then push again (a push that stopped half-way is completed by the next one)",
        )
    if result.made_private:
        print(f"made {result.repo_id} private (it was public)")
    if result.created:
        print(f"pushed version {result.tag} to {result.repo_id} (commit {result.commit[:12]}): {result.url}")
    else:
        print(f"version {result.tag} is already in {result.repo_id} (commit {result.commit[:12]}): nothing pushed")
    return 0
