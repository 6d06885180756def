"""Choose augmentation settings on validation data: score candidate recipes of a grid.

Every candidate is a recipe (the grid's ``base`` fields plus its own); for each training
file it is evaluated like ``scripts/eval_efficacy.py --eval-on validation`` (a validation
split carved from the training file; test data is never read), with each classifier, on the
same augmented rows. Prints one line per (data, candidate, classifier) and writes all
results as JSON.

    python scripts/sweep_efficacy.py --grid scripts/efficacy_grid.yaml \
        --train ../shared/data/sst2/train.jsonl ../shared/data/trec/train.jsonl \
        --classifiers tfidf-lr minilm-lr --seeds 3 --json sweep.json

Grid file::

    base: {column: text, label_column: label, keep_original: true, seed: 0}
    candidates:
      eda-0.05-x16: {augmenters: [{name: eda, alpha: 0.05}], n: 16}
      synonym-0.2-x8: {augmenters: [{name: synonym, p: 0.2}], n: 8, filters: [duplicates]}
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from hfaug import Recipe

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_efficacy import (  # noqa: E402
    CACHE_DIR_HELP,
    DEFAULT_CACHE,
    check_columns,
    check_rows,
    copies_of,
    fail,
    load,
    require_file,
    require_output_file,
    write_json,
)

GRID_FORMAT = (
    "write 'candidates: {NAME: {augmenters: [...], n: 8}}' and optionally 'base: {...}', "
    "as in scripts/efficacy_grid.yaml"
)
"""What a grid file holds, for the messages about one that does not."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from hfaug.cli.arguments import positive_int
    from hfaug.efficacy import CLASSIFIERS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grid", required=True, type=Path, help="YAML file with 'base' and 'candidates'")
    parser.add_argument("--train", required=True, nargs="+", type=Path, help="training files")
    parser.add_argument(
        "--classifiers",
        nargs="+",
        choices=CLASSIFIERS,
        default=["tfidf-lr", "minilm-lr"],
        help="classifiers to score each candidate with (default: tfidf-lr minilm-lr)",
    )
    parser.add_argument("--only", nargs="+", help="evaluate only these candidates")
    parser.add_argument(
        "--n-train", type=positive_int, default=500, help="training rows per seed, at least one per class (default 500)"
    )
    parser.add_argument("--seeds", type=positive_int, default=3, help="number of seeds (default 3)")
    parser.add_argument(
        "--n-validation", type=positive_int, default=1000, help="rows of the validation split (default 1000)"
    )
    parser.add_argument("--json", type=Path, help="append results to this JSON file (one list)")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("HFAUG_EMBEDDING_CACHE", DEFAULT_CACHE)),
        help=CACHE_DIR_HELP,
    )
    args = parser.parse_args(argv)
    require_file("--grid", args.grid)
    for path in args.train:
        require_file("--train", path)
    require_output_file("--json", args.json, [("--grid", args.grid), *(("--train", path) for path in args.train)])
    return args


def read_candidates(grid_path: Path, only: list[str] | None) -> dict[str, Recipe]:
    """The grid's candidate recipes by name (those named in ``only``, when given); one line and exit 2 for a
    grid that is not one, a candidate that is not a valid recipe, or a name in ``only`` that the grid lacks."""
    from hfaug import Recipe
    from hfaug.errors import HfaugError, closest

    where = f"--grid {str(grid_path)!r}"
    try:
        grid = yaml.safe_load(grid_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        fail(f"{where} is not valid YAML ({' '.join(str(error).split())})")
    if not isinstance(grid, dict) or not isinstance(grid.get("candidates"), dict) or not grid["candidates"]:
        fail(f"{where} has no 'candidates': {GRID_FORMAT}")
    not_text = next((name for name in grid["candidates"] if not isinstance(name, str)), None)
    if not_text is not None:
        fail(
            f"{where}: candidate name {not_text!r} is a {type(not_text).__name__} to YAML, not text: put it in quotes, "
            f"e.g. '{not_text}': {{augmenters: [...]}}"
        )
    unknown = [name for name in only or () if name not in grid["candidates"]]
    if unknown:
        hints = "".join(closest(name, grid["candidates"]) for name in unknown)
        fail(
            f"--only {', '.join(map(repr, unknown))}: not in {where}.{hints} "
            f"Its candidates: {', '.join(grid['candidates'])}"
        )
    base = recipe_fields(grid.get("base") or {}, f"{where}: 'base'")
    try:
        return {
            name: Recipe.from_dict(
                {**base, **recipe_fields(fields, f"{where}: candidate {name!r}"), "name": name},
                origin=f"{grid_path}:{name}",
            )
            for name, fields in grid["candidates"].items()
            if not only or name in only
        }
    except HfaugError as error:
        fail(str(error))


def recipe_fields(value: Any, what: str) -> dict[str, Any]:
    """``value`` when it is a mapping of recipe fields, else one line and exit 2."""
    if not isinstance(value, dict):
        fail(f"{what} must be a mapping of recipe fields, got {type(value).__name__}: {GRID_FORMAT}")
    return value


def columns_of(recipe: Recipe) -> tuple[str, str]:
    """The text and label columns a candidate recipe trains on."""
    return recipe.column, recipe.label_column or "label"


def load_checked(path: Path, candidates: dict[str, Recipe], args: argparse.Namespace) -> Any:
    """The training file at ``path``; one line and exit 2 when it cannot be read, lacks a candidate's columns,
    has null or blank texts or null labels, or lacks rows for the subsets and the validation split."""
    from hfaug.efficacy import check_sizes

    option = f"--train {str(path)!r}"
    train = load(path, "--train")
    for name, recipe in candidates.items():
        remedy = f"set column/label_column in candidate {name!r} or in the grid's base"
        check_columns(train, option, columns_of(recipe), remedy)
    for text_column, label_column in {columns_of(recipe) for recipe in candidates.values()}:
        check_rows(train, option, text_column, label_column)
    for label_column in {columns_of(recipe)[1] for recipe in candidates.values()}:
        try:
            check_sizes(train[label_column], n_train=args.n_train, n_validation=args.n_validation, eval_on="validation")
        except ValueError as error:
            fail(f"{option}: {error}")
    return train


def earlier_results(path: Path | None) -> list[dict[str, Any]]:
    """The results already in the ``--json`` file (none when it does not exist yet); a file that is
    not such a list stops the sweep before any work, so it is never overwritten."""
    if path is None or not path.is_file():
        return []
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        fail(f"--json {str(path)!r} is not JSON ({error}); pass a new file, or one an earlier sweep wrote")
    if not isinstance(results, list) or not all(isinstance(result, dict) for result in results):
        fail(f"--json {str(path)!r} does not hold a list of results; pass a new file, or one an earlier sweep wrote")
    return results


def main(argv: list[str] | None = None) -> int:
    try:  # Ctrl-C while the arguments, grid and data are read
        args = parse_args(argv)
        trains, candidates, results = prepared(args)
    except KeyboardInterrupt:
        return interrupted_before_scoring()
    earlier = len(results)
    try:
        score(trains, candidates, args, results)
    except KeyboardInterrupt:
        return interrupted(args, len(results) - earlier, len(trains) * len(candidates) * len(args.classifiers))
    return 0


def prepared(args: argparse.Namespace) -> tuple[list[tuple[Path, Any]], dict[str, Recipe], list[dict[str, Any]]]:
    """What a sweep as ``args`` say works on: each training file with its data, the candidate recipes by name and
    the results already in the ``--json`` file."""
    os.environ["HFAUG_EMBEDDING_CACHE"] = str(args.cache_dir)

    import datasets

    datasets.disable_progress_bars()
    candidates = read_candidates(args.grid, args.only)
    trains = [(path, load_checked(path, candidates, args)) for path in args.train]
    return trains, candidates, earlier_results(args.json)


def score(
    trains: list[tuple[Path, Any]], candidates: dict[str, Recipe], args: argparse.Namespace, results: list[dict[str, Any]]
) -> None:
    """Score every candidate on every training file with every classifier; each result is printed, added to
    ``results`` and, with ``--json``, written at once."""
    from hfaug.efficacy import evaluate, shown_std
    from hfaug.errors import HfaugError

    for train_path, train in trains:
        for name, recipe in candidates.items():
            memo: dict[int, Any] = {}
            where = f"--train {str(train_path)!r}, candidate {name!r}"

            def augmentation(
                subset: Any, seed: int, recipe: Recipe = recipe, memo: dict[int, Any] = memo, where: str = where
            ) -> Any:
                if seed not in memo:
                    memo[seed] = dataclasses.replace(recipe, seed=recipe.seed + seed).apply(subset)
                    copies_of(memo[seed], f"{where}, seed {seed}")
                return memo[seed]

            text_column, label_column = columns_of(recipe)
            for classifier in args.classifiers:
                try:
                    result = evaluate(
                        train,
                        None,
                        augmentation,
                        n_train=args.n_train,
                        classifier=classifier,
                        seeds=args.seeds,
                        eval_on="validation",
                        n_validation=args.n_validation,
                        text_column=text_column,
                        label_column=label_column,
                        cache_dir=str(args.cache_dir),
                    )
                except (ValueError, HfaugError) as error:  # the data, or the candidate recipe on it
                    fail(f"{where}, {classifier}: {error}")
                rows = sum(row["augmented_rows"] for row in result["seeds"]) / len(result["seeds"])
                print(
                    f"{str(train_path):<8} {name:<28} {classifier:<10} baseline {result['baseline']:6.2f}  "
                    f"augmented {result['augmented']:6.2f}  delta {result['delta']:+6.2f} ± {shown_std(result['delta_std'])}  "
                    f"rows {rows:.0f}",
                    flush=True,
                )
                results.append({"data": str(train_path), "candidate": name, "recipe": recipe.to_dict(), **result})
                if args.json is not None:
                    write_json(args.json, results, indent=1)


def interrupted(args: argparse.Namespace, scored: int, total: int) -> int:
    """Say on stderr how many results a sweep stopped by Ctrl-C had scored, and where they are; the exit status of
    Ctrl-C."""
    from hfaug.cli.main import EXIT_INTERRUPTED

    kept = f"written to --json {str(args.json)!r}" if args.json is not None else "printed above"
    print(f"interrupted after {scored} of {total} results ({kept})", file=sys.stderr)
    return EXIT_INTERRUPTED


def interrupted_before_scoring() -> int:
    """Say on stderr that Ctrl-C stopped a sweep before its first result; the exit status of Ctrl-C."""
    from hfaug.cli.main import EXIT_INTERRUPTED

    print("interrupted before the first result (none written)", file=sys.stderr)
    return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
