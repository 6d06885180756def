"""``hfaug apply RECIPE --dataset SRC [--split S] --out DIR``: run a recipe, write a version folder."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from hfaug import provenance
from hfaug.cli.arguments import given, non_negative_int, positive_int
from hfaug.errors import optional_imports
from hfaug.recipe import Recipe
from hfaug.shipped import shipped_recipes
from hfaug.sources.loading import load_source
from hfaug.versioned.layout import CARD, PREVIEW_DIR
from hfaug.versioned.manifests import version_folders
from hfaug.versioned.output_folder import check_output_dir
from hfaug.versioned.saving import save
from hfaug.versioned.split_checks import empty_split_remedy, refuse_empty_splits

WARNING = "hfaug apply: warning: "
"""What starts each warning of the command on stderr, its own and those hfaug logs while it runs."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "apply",
        help="augment a dataset with a recipe and write a versioned folder (data, card, manifest, preview)",
        description="Augment a dataset with a recipe and write OUT/<version>/ (Hub layout: data/*.parquet, "
        "README.md dataset card, manifest.json, preview/index.html).",
    )
    parser.add_argument(
        "recipe", metavar="RECIPE",
        help=f"recipe YAML file, or the name of a shipped recipe: {', '.join(shipped_recipes()) or '(none installed)'}",
    )
    parser.add_argument(
        "--dataset", "-d", required=True, type=given, metavar="SRC",
        help="a .csv/.tsv/.json/.jsonl/.parquet/.arrow file (or a compressed one: .jsonl.gz), a folder saved by "
        "datasets, a data folder, or a Hub dataset id",
    )
    parser.add_argument(
        "--split", action="append", metavar="S",
        help="use only this split (repeatable), or part of it in datasets' slice syntax, which keeps the split's "
        "name: train[:200] to try a recipe on part of the data first, train[10%%:20%%], train[-50:]; "
        "for a single file, the name of its split (default: train)",
    )
    parser.add_argument("--config", metavar="NAME", help="dataset configuration (Hub datasets, folders)")
    parser.add_argument("--revision", metavar="REV", help="branch, tag or commit of a Hub dataset")
    parser.add_argument("--out", "-o", default="out", type=given, metavar="DIR", help="output folder (default: out)")
    parser.add_argument("--num-proc", type=positive_int, metavar="N", help="processes for the augmentation (datasets' num_proc)")
    parser.add_argument("--batch-size", type=positive_int, metavar="B", help="rows per batch (default: datasets' 1000)")
    parser.add_argument(
        "--engine", choices=("datasets", "ray"), default="datasets",
        help="datasets: map on this machine (default); ray: Ray Data on the cluster of RAY_ADDRESS or `ray start`",
    )
    parser.add_argument(
        "--concurrency", type=positive_int, metavar="N",
        help="with --engine ray: actors of a model augmenter; for others, the most tasks at once",
    )
    parser.add_argument("--samples", type=non_negative_int, default=12, metavar="K", help="before/after samples kept (default: 12)")
    parser.add_argument("--no-preview", action="store_true", help="do not write preview/index.html")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    _check_engine(args)
    _refuse_paths_not_utf8({"--dataset": args.dataset, "--out": args.out})
    _refuse_output_inside_dataset(args.out, args.dataset)
    recipe = Recipe.from_yaml(args.recipe)  # validated before any data is read
    data, source = load_source(args.dataset, splits=args.split, config=args.config, revision=args.revision)
    refuse_empty_splits(data, f"dataset {args.dataset!r}", "pass --split for the splits that have rows")
    check_output_dir(args.out)  # a bad --out fails now, not after the augmentation
    options = {key: value for key, value in (("num_proc", args.num_proc), ("batch_size", args.batch_size)) if value}
    if args.engine == "ray":
        options.update(engine="ray", **({"concurrency": args.concurrency} if args.concurrency else {}))
    out = recipe.apply(data, source=source, samples=args.samples, **options)
    refuse_empty_splits(out, "the augmented data", empty_split_remedy(out.manifest, "pass --split for the splits that have rows"))
    folder = save(out, args.out, preview=not args.no_preview)
    for name, split in out.stats["splits"].items():
        print(f"{name}: {split['rows_in']} -> {split['rows_out']} rows ({_outcome(split)})")
        if split["augmented"] and split["copies_requested"] and not _count(split, "changed"):
            print(f"{WARNING}{_none_changed(name, split, folder)}", file=sys.stderr)
    print(f"version {out.version} written to {folder}")
    print(f"dataset card: {folder / CARD}")
    if not args.no_preview:
        print(f"preview: {folder / PREVIEW_DIR / 'index.html'}")
    others = sum(other != folder for other in version_folders(folder.parent))
    if others:
        print(
            f"{folder.parent} also holds {others} other version{'s' if others > 1 else ''}: pass this version's "
            f"folder, {folder}, to hfaug show, preview and push"
        )
    return 0


def _check_engine(args: argparse.Namespace) -> None:
    """Refuse options of another engine, and an engine that is not installed, before any work."""
    if args.concurrency and args.engine != "ray":
        raise ValueError(
            "--concurrency applies to --engine ray only (its actors or tasks at once); pass --engine ray, or leave it out"
        )
    if args.num_proc and args.engine == "ray":
        raise ValueError(
            "--num-proc sets the processes of the local engine; with --engine ray, Ray decides the parallelism: "
            "pass --concurrency N for its actors or tasks at once, or leave it out"
        )
    if args.engine == "ray":
        with optional_imports("hfaug.engines.ray_engine", "--engine ray"):
            import ray.data  # noqa: F401


_WHY_UTF8 = {"--dataset": "the version's manifest and card cannot record", "--out": "the version cannot be written to"}
"""Why each path option must be UTF-8."""


def _refuse_paths_not_utf8(paths: dict[str, str]) -> None:
    """Refuse a path (by its option) whose name is not UTF-8: the manifest and card record the source's path in
    UTF-8, and pyarrow takes UTF-8 paths only, so the save after the augmentation would fail. A name spelt with
    escapes (\\xe9) instead would record a path that is not the source's."""
    for option, path in paths.items():
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:  # a name's bytes that are not UTF-8, which Python decodes as surrogates
            shown = os.fsencode(path).decode("utf-8", "backslashreplace")
            raise ValueError(
                f"{option} '{shown}' is not valid UTF-8 (a name in another encoding, such as Latin-1), which "
                f"{_WHY_UTF8[option]}; rename it, or link to it under a UTF-8 name (ln -s)"
            ) from None


def _refuse_output_inside_dataset(out: str, dataset: str) -> None:
    """Refuse an ``out`` within the local ``dataset`` folder, whose files the next run would read as data."""
    folder = Path(dataset).expanduser().resolve()
    if folder.is_dir() and Path(out).expanduser().resolve().is_relative_to(folder):
        raise ValueError(
            f"the output folder {out!r} is inside the dataset folder {dataset!r}, whose data files the next run "
            "would read with it; pass an --out outside that folder"
        )


def _none_changed(name: str, split: dict[str, Any], folder: Path) -> str:
    """What became of the copies of split ``name``, none of which differs from its source in the output."""
    by_filter = ", ".join(f"{report['filter']} {report['rows_dropped']}" for report in split["filters"] if report["rows_dropped"])
    fates = (
        (split["dropped_by_filters"], f"removed by the filters ({by_filter}): loosen them"),
        (_count(split, "errors"), f"kept unchanged with an error (their {provenance.ERROR} column says which)"),
        (_count(split, "unchanged"), "the same as their source"),
        (split["dropped_by_augmenters"], "dropped by the augmenters (nothing to change, or skipped on error)"),
    )
    told = "; ".join(f"{count} {fate}" for count, fate in fates if count)
    return (
        f"no copy of split {name!r} differs from its source: {told} "
        f"(hfaug show {folder} counts them by augmenter and filter and lists the commonest errors)"
    )


def _outcome(split: dict[str, Any]) -> str:
    """``augmented: 12 copies changed (2 repeating an earlier copy of their row), 1 the same as its source, 2 kept
    unchanged with an error, 3 dropped`` (what became of the copies)."""
    if not split["augmented"]:
        return "kept as is"
    parts = [f"{_count(split, 'changed')} copies changed"]
    if _count(split, "repeats"):
        parts[0] += f" ({_count(split, 'repeats')} repeating an earlier copy of their row)"
    if _count(split, "unchanged"):
        parts.append(f"{_count(split, 'unchanged')} the same as their source")
    if _count(split, "errors"):
        parts.append(f"{_count(split, 'errors')} kept unchanged with an error")
    dropped = split["dropped_by_augmenters"] + split["dropped_by_filters"]
    if dropped:
        parts.append(f"{dropped} dropped")
    return "augmented: " + ", ".join(parts)


def _count(split: dict[str, Any], key: str) -> int:
    """The ``key`` count (``changed``, ``errors``) of a split's copies, over its augmenters."""
    return sum(counts[key] for counts in split["augmenters"].values())
