"""``hfaug preview DIR``: (re)write the before/after page of a version folder."""

from __future__ import annotations

import argparse

from hfaug.cli.arguments import given, non_negative_int
from hfaug.preview import write_preview


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "preview",
        help="write the before/after HTML page of a folder written by `hfaug apply`",
        description="Write preview/index.html in the version folder DIR (or in DIR/<version> when DIR holds one "
        "version): text pairs with changed words highlighted, image grids, audio players with spectrograms.",
    )
    parser.add_argument("dir", type=given, metavar="DIR", help="OUT/<version>, or OUT when it holds one version")
    parser.add_argument("--samples", type=non_negative_int, metavar="K", help="show at most K samples (default: all kept)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(write_preview(args.dir, limit=args.samples))
    return 0
