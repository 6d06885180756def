"""``hfaug list``: the registered augmenters and their parameters."""

from __future__ import annotations

import argparse
import inspect
import json

from hfaug import registry


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("list", help="list the registered augmenters and their parameters")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def _describe(name: str) -> dict[str, object]:
    cls = registry.get_class(name)
    summary = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ").replace("``", "")  # no reST markup
    params = {
        key: None if default is inspect.Parameter.empty else default
        for key, default in registry.parameters(name).items()
    }
    return {"name": name, "class": f"{cls.__module__}.{cls.__qualname__}", "summary": summary, "parameters": params}


def run(args: argparse.Namespace) -> int:
    described = [_describe(name) for name in registry.names()]
    if args.json:
        print(json.dumps(described, indent=2, default=repr))
        return 0
    for item in described:
        print(f"{item['name']:<16} {item['summary']}")
        params = ", ".join(f"{key}={value!r}" for key, value in item["parameters"].items())
        print(f"{'':<16} ({params})")
    return 0
