"""``hfaug list``: the registered augmenters and filters with their parameters; those that cannot
be imported, or that require a package that is not installed, are listed with what they need (an
extra of hfaug) or why they are broken."""

from __future__ import annotations

import argparse
import inspect
import json
from typing import Any

from hfaug import registry
from hfaug.configurable import Registry, extra_parameters
from hfaug.errors import MissingDependency
from hfaug.filters import registry as filter_registry
from hfaug.recipe_schema import RECIPE_LEVEL_PARAMS

_REGISTRIES: dict[str, Registry] = {"augmenter": registry.AUGMENTERS, "filter": filter_registry.FILTERS}
_HEADINGS = {
    "augmenter": f"Augmenters (in a recipe, {', '.join(RECIPE_LEVEL_PARAMS)} are set once at its top level):",
    "filter": "Filters (a recipe's `filters` entries):",
}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "list",
        help="list the registered augmenters and filters with their parameters",
        description="List the registered augmenters and filters (hfaug's own and those of installed plugins) "
        "with their summary and parameters, as a recipe names them; one that needs a package not installed is "
        "listed with the command that installs it, one that cannot be imported with why.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def _describe(kind: str, name: str) -> dict[str, Any]:
    """What ``hfaug list`` shows of ``name``: its summary and parameters, else ``needs`` (the command
    that installs a missing package) or ``broken`` (why its class cannot be loaded)."""
    try:
        cls = _REGISTRIES[kind].get_class(name)
        _REGISTRIES[kind].check_installed(name)
    except MissingDependency as error:
        return {"kind": kind, "name": name, "needs": error.install or error.name, "error": str(error)}
    except Exception as error:  # a third-party entry point that fails to load must not hide the others
        return {"kind": kind, "name": name, "broken": f"{type(error).__name__}: {error}"}
    own_doc = inspect.cleandoc(vars(cls).get("__doc__") or "")  # not a base class's, which getdoc would give
    summary = own_doc.split("\n\n")[0].replace("\n", " ").replace("``", "")  # no reST markup
    signature = _REGISTRIES[kind].parameters(name)
    return {
        "kind": kind,
        "name": name,
        "class": f"{cls.__module__}.{cls.__qualname__}",
        "summary": summary,
        "required": [key for key, default in signature.items() if default is inspect.Parameter.empty],
        "parameters": {key: default for key, default in signature.items() if default is not inspect.Parameter.empty},
        "extra_parameters": extra_parameters(cls),  # the name of a `**` parameter taking any other parameter
    }


def run(args: argparse.Namespace) -> int:
    described = [_describe(kind, name) for kind, known in _REGISTRIES.items() for name in known.names()]
    if args.json:
        print(json.dumps(described, indent=2, default=repr))
        return 0
    for kind, heading in _HEADINGS.items():
        print(heading)
        for item in (item for item in described if item["kind"] == kind):
            print("\n".join(_lines(item)))
        print()
    return 0


def _lines(item: dict[str, Any]) -> list[str]:
    """The table rows of one :func:`_describe` entry."""
    for status in ("needs", "broken"):
        if status in item:
            return [f"{item['name']:<20} ({status}: {item[status]})"]
    params = [*item["required"], *(f"{key}={value!r}" for key, value in item["parameters"].items())]
    if item["extra_parameters"]:
        params.append(f"**{item['extra_parameters']}")
    return [f"{item['name']:<20} {item['summary']}", f"{'':<20} ({', '.join(params)})"]
