"""A client process for the Hub tests: it uses the public API (``hfaug.push_to_hub``,
``hfaug.load``) and the real ``huggingface_hub`` client, configured only by its environment
(``HF_ENDPOINT``, ``HF_TOKEN``, ...), as a user's process would be.

    python hub_client.py push VERSION_DIR REPO_ID [--tag TAG] [--load OUT] [--plain]
    python hub_client.py load REPO_ID TAG OUT [TAG OUT ...]
    python hub_client.py history REPO_ID

Each prints one JSON object on its last line of stdout.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from datasets import DatasetDict
from huggingface_hub import HfApi

import hfaug


def push(args: argparse.Namespace) -> dict:
    dataset, _ = hfaug.load_version_dir(args.directory)
    if args.plain:
        dataset = DatasetDict(dataset)  # the same data, without version or manifest
    result = dataclasses.asdict(hfaug.push_to_hub(dataset, args.repo_id, tag=args.tag))
    if args.load:
        loaded = hfaug.load(args.repo_id, version=result["tag"])
        loaded.save_to_disk(args.load)
        result["loaded_manifest"] = getattr(loaded, "manifest", None)
    return result


def load(args: argparse.Namespace) -> dict:
    pairs = list(zip(args.targets[::2], args.targets[1::2], strict=True))
    manifests = {}
    for tag, out in pairs:
        loaded = hfaug.load(args.repo_id, version=tag)
        loaded.save_to_disk(out)
        manifests[tag] = getattr(loaded, "manifest", None)
    return {"loaded": [tag for tag, _ in pairs], "manifests": manifests}


def history(args: argparse.Namespace) -> dict:
    api = HfApi()
    refs = api.list_repo_refs(args.repo_id, repo_type="dataset")
    commits = api.list_repo_commits(args.repo_id, repo_type="dataset")
    return {
        "commits": [commit.title for commit in commits],
        "tags": {ref.name: ref.target_commit for ref in refs.tags},
        "main": next(ref.target_commit for ref in refs.branches if ref.name == "main"),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("push")
    p.add_argument("directory")
    p.add_argument("repo_id")
    p.add_argument("--tag")
    p.add_argument("--load")
    p.add_argument("--plain", action="store_true")
    p.set_defaults(run=push)
    p = commands.add_parser("load")
    p.add_argument("repo_id")
    p.add_argument("targets", nargs="+")
    p.set_defaults(run=load)
    p = commands.add_parser("history")
    p.add_argument("repo_id")
    p.set_defaults(run=history)
    args = parser.parse_args()
    try:
        result = args.run(args)
    except hfaug.HfaugError as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
