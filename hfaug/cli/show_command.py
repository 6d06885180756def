"""``hfaug show DIR [--version TAG]`` / ``hfaug show REPO --version TAG``: the summary of a version
(a folder, or a version on the Hub) and a few before/after samples."""

from __future__ import annotations

import argparse
import re
import textwrap
from pathlib import Path
from typing import Any

from hfaug.cli.arguments import given, non_negative_int
from hfaug.errors import HfaugError
from hfaug.hub_ids import looks_like_path
from hfaug.labels import quoted_if_ambiguous
from hfaug.versioned.manifests import read_manifest

_WIDTH = 100
_LABELS_LISTED = 8  # more labels than this are summed up in one line


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print the summary of a version (a folder written by `hfaug apply`, or pushed to the Hub) "
        "and a few before/after samples",
        description="Print the summary of a version (recipe, source, rows per split, changes and errors per "
        "augmenter, filter reports) and K before/after samples: from a local folder written by `hfaug apply` "
        "(OUT/<version>, OUT holding one version, or OUT with --version TAG), or from a Hub dataset REPO with "
        "--version TAG (a version pushed by `hfaug push` or hfaug.push_to_hub).",
    )
    parser.add_argument(
        "dir", type=given, metavar="DIR|REPO", help="OUT/<version>, or OUT when it holds one version; or a Hub dataset id"
    )
    parser.add_argument(
        "--version", metavar="TAG", help="the version's tag on the Hub, or the version to show in a local folder"
    )
    parser.add_argument("--samples", type=non_negative_int, default=3, metavar="K", help="samples to print (default: 3)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.version is None or Path(args.dir).exists() or looks_like_path(args.dir):  # never a Hub id
        folder, manifest = _folder_manifest(args.dir, args.version)
        where = ("folder", str(folder))
    else:
        manifest = _hub_manifest(args.dir, args.version)
        where = ("hub", f"{args.dir} at {args.version}")
    try:
        lines = summary_lines(manifest, where=where, samples=args.samples)
    except (LookupError, TypeError, AttributeError) as error:  # a field cut or changed by hand
        field = f"field {error.args[0]!r}" if isinstance(error, KeyError) else "a field"
        raise ValueError(
            f"the manifest of {where[1]} lacks {field} or holds it in another form than hfaug writes (it was edited "
            "after it was written); write the version again with `hfaug apply`"
        ) from error
    print("\n".join(_printable(line) for line in lines))
    return 0


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 control characters but tab and newline


def _printable(line: str) -> str:
    """``line`` with control characters written as escapes (``\\x1b``): the data's texts and labels cannot
    move the cursor, clear the screen or retitle the terminal."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", line)


def _folder_manifest(directory: str, version: str | None) -> tuple[Path, dict[str, Any]]:
    """``read_manifest``; a missing folder named like a Hub repository (``OWNER/NAME``) gets told
    how to show a version on the Hub, and its versions there when the Hub tells them (or that it has no such
    repository, or that the name can be none)."""
    from hfaug.hub.errors import VersionUnavailable
    from hfaug.hub.names import REPO_ID_RULE, is_repo_id, listed
    from hfaug.hub.repository import versions_on_hub

    try:
        return read_manifest(directory, version)
    except FileNotFoundError:
        if Path(directory).exists() or looks_like_path(directory) or "/" not in directory:
            raise
        if not is_repo_id(directory):
            raise FileNotFoundError(
                f"{directory!r} is no local folder, nor a repository id: {REPO_ID_RULE}; to show a version folder, "
                "pass a folder written by `hfaug apply`: OUT or OUT/<version>"
            ) from None
        try:
            versions = versions_on_hub(directory)
        except VersionUnavailable as error:
            raise FileNotFoundError(
                f"{directory!r} is no local folder, and there is {error}; to show a version folder, pass a folder "
                "written by `hfaug apply`: OUT or OUT/<version>"
            ) from None
        on_hub = f" (its versions on the Hub: {listed(versions)})" if versions else ""
        raise FileNotFoundError(
            f"{directory!r} is no local folder; to show a version pushed to the Hub, pass --version TAG: hfaug show "
            f"{directory} --version TAG{on_hub}; to show a version folder, pass a folder written by `hfaug apply`: OUT "
            "or OUT/<version>"
        ) from None


def _hub_manifest(repo_id: str, version: str) -> dict[str, Any]:
    from hfaug.hub.manifests import load_manifest

    manifest = load_manifest(repo_id, version)
    if manifest is None:
        raise HfaugError(
            f"{repo_id} at {version} is not a version made by hfaug (it has no manifest.json that hfaug wrote); "
            "pass the tag of a version pushed by `hfaug push` or hfaug.push_to_hub"
        )
    return manifest


def summary_lines(manifest: dict[str, Any], *, where: tuple[str, str], samples: int) -> list[str]:
    """The lines ``hfaug show`` prints; ``where`` is ``("folder", path)`` or ``("hub", repo and tag)``."""
    recipe, stats, source = manifest["recipe"], manifest["stats"], manifest["source"]
    names = ", ".join(entry["name"] for entry in recipe["augmenters"])
    if len(recipe["augmenters"]) > 1:
        names = f"{recipe['mode']}: {names}"
    lines = [
        f"version     {manifest['version']}  (hfaug {manifest['hfaug_version']})",
        f"{where[0]:<12}{where[1]}",
        f"recipe      {recipe.get('name') or '(unnamed)'}: column {recipe['column']!r}, n={recipe['n']}, "
        f"seed {recipe['seed']}, {names}",
        f"source      {source.get('id') or source.get('path') or source.get('description')}"
        + (f" @ {source['revision']}" if source.get("revision") else ""),
        "splits      " + ", ".join(_split_counts(name, split) for name, split in stats["splits"].items()),
        "augmenters",
    ]
    for name, counts in stats["augmenters"].items():
        lines.append(
            f"  {name:<22} {counts['rows_out']} copies, {counts['changed']} changed"
            + (f" ({counts['repeats']} repeating an earlier copy)" if counts.get("repeats") else "")
            + f", {counts['errors']} errors"
            + (f", {counts['filtered']} removed by filters" if counts.get("filtered") else "")
        )
    for reason, count in stats.get("errors", {}).items():  # versions written before list none
        lines.append(_wrapped(f"  error x{count}: ", reason))
    lines.extend(_filter_line(report) for report in stats["filters"])
    lines.extend(_labels_line(name, split["labels"]) for name, split in stats["splits"].items() if split.get("labels"))
    shown = manifest.get("samples", [])[:samples]
    if shown:
        lines.append(f"samples     {len(shown)} of {len(manifest.get('samples', []))}")
    for sample in shown:
        label = f" [{sample['label']}]" if "label" in sample else ""
        lines.append(_wrapped(f"  before{label}: ", sample["before"]))
        for after in sample["after"]:
            lines.append(_wrapped(f"  after ({after['augmenter']}): ", after["value"]))
    return lines


def _split_counts(name: str, split: dict[str, Any]) -> str:
    counts = f"{name} {split['rows_in']} -> {split['rows_out']}"
    if not split["augmented"]:
        return f"{counts} (as is)"
    dropped = split.get("dropped_by_augmenters")
    return f"{counts} ({dropped} copies dropped by the augmenters)" if dropped else counts


def _labels_line(name: str, labels: dict[str, dict[str, int]]) -> str:
    """A split's rows per label, ``in -> out`` for each of a few labels; for many, how far the labels' growth spans."""
    if len(labels) <= _LABELS_LISTED:
        counts = ", ".join(f"{quoted_if_ambiguous(label)} {rows['rows_in']} -> {rows['rows_out']}" for label, rows in labels.items())
        return _wrapped(f"labels      {name}: ", counts)
    growth = sorted(rows["rows_out"] / rows["rows_in"] for rows in labels.values() if rows["rows_in"])
    return (
        f"labels      {name}: {len(labels)} labels, each {growth[0]:.1f}x to {growth[-1]:.1f}x its rows "
        "(the version's README.md counts them)"
    )


def _filter_line(report: dict[str, Any]) -> str:
    """A filter's counts: the rows it checked, with those it kept unjudged (``rows_unjudged``, as the card
    shows them; versions made before it was counted have none), dropped, and why."""
    unjudged = report.get("rows_unjudged", 0)
    checked = f"{report['rows_checked']} checked" + (f" ({unjudged} kept unjudged)" if unjudged else "")
    reasons = ", ".join(f"{reason} {count}" for reason, count in report["reasons"].items()) or "-"
    return f"filter      {report['filter']}: {checked}, {report['rows_dropped']} dropped ({reasons})"


def _wrapped(prefix: str, text: Any) -> str:
    return textwrap.fill(str(text), width=_WIDTH, initial_indent=prefix, subsequent_indent=" " * 6)
