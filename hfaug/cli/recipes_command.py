"""``hfaug recipes [NAME]``: the recipes shipped with hfaug and what each is for; with NAME, that
recipe's YAML as shipped, to read or to start a recipe of one's own from it."""

from __future__ import annotations

import argparse
import textwrap

import yaml

from hfaug.errors import closest
from hfaug.shipped import shipped_recipes

_WIDTH = 100
_INDENT = "    "


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "recipes",
        help="list the shipped recipes, or print one to read or copy",
        description="List the recipes shipped with hfaug and what each is for. With NAME, print that recipe's YAML "
        "as shipped, comments included: to read what `hfaug apply NAME` does, or to start a recipe of your own "
        "(`hfaug recipes sst2-eda > my-recipe.yaml`, edit it, then `hfaug apply my-recipe.yaml ...`).",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="the shipped recipe to print")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    shipped = shipped_recipes()
    if args.name is None:
        print("\n".join(_listing(shipped)))
        return 0
    if args.name not in shipped:
        raise KeyError(
            f"no shipped recipe named {args.name!r}.{closest(args.name, shipped)} "
            f"The shipped recipes: {', '.join(shipped) or '(none installed)'}."
        )
    print(shipped[args.name].read_text(encoding="utf-8"), end="")
    return 0


def _listing(shipped: dict) -> list[str]:
    """Each shipped recipe's name and description, then how to print and run one. The descriptions are read
    from the files, not from recipes built of them: a recipe whose augmenters need an extra not installed is
    listed too."""
    lines = ["Shipped recipes (`hfaug apply NAME ...` runs one):"]
    for name, file in shipped.items():
        lines.append(name)
        description = yaml.safe_load(file.read_text(encoding="utf-8")).get("description") or "(no description)"
        lines += textwrap.wrap(description, _WIDTH, initial_indent=_INDENT, subsequent_indent=_INDENT)
    lines.append("`hfaug recipes NAME` prints one, to read it or copy it into a recipe of your own.")
    return lines
