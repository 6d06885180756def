"""Does a recipe's augmentation help a classifier trained on little data?

For each seed: draw a class-stratified subset of N training rows, train a classifier on it
(baseline) and on the subset augmented by the recipe (augmented; the recipe's seed plus the
run's seed), and score both. Prints a table (mean and standard deviation of the accuracy
over seeds, and of the difference) and optionally writes it as JSON.

Choose recipe settings with ``--eval-on validation`` (a fixed class-stratified split carved
from the training file, never trained on); report ``--eval-on test`` (the default).

    python scripts/eval_efficacy.py --train sst2/train.jsonl --test sst2/test.jsonl \
        --n-train 500 --recipe recipes/sst2-efficacy.yaml --classifier tfidf-lr --seeds 5 --json out.json

JSON: ``baseline``, ``augmented``, ``delta`` (means over seeds, accuracy in points), their
``*_std``, ``seeds`` (per seed: seed, baseline, augmented, delta, row counts, filter reports),
``settings``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

DEFAULT_CACHE = Path.home() / ".cache" / "hfaug" / "embeddings"
CACHE_DIR_HELP = f"on-disk cache of sentence embeddings (default $HFAUG_EMBEDDING_CACHE or {DEFAULT_CACHE})"
"""``--cache-dir``'s help, the same in the sweep."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from hfaug.cli.arguments import non_negative_int, positive_int, positive_number
    from hfaug.efficacy import CLASSIFIERS, EVAL_SPLITS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, type=Path, help="training data (.jsonl/.json/.csv/.parquet)")
    parser.add_argument("--test", type=Path, help="test data (needed unless --eval-on validation)")
    parser.add_argument(
        "--recipe", required=True, help="recipe YAML whose augmentation is evaluated, or a shipped recipe's name (hfaug recipes)"
    )
    parser.add_argument(
        "--n-train", type=positive_int, default=500, help="training rows per seed, at least one per class (default 500)"
    )
    parser.add_argument(
        "--classifier", choices=CLASSIFIERS, default="tfidf-lr", help="classifier to train and score (default tfidf-lr)"
    )
    parser.add_argument(
        "--C",
        type=positive_number,
        default=None,
        help="logistic regression's C, above 0 (default: the classifier's, tuned on validation)",
    )
    parser.add_argument(
        "--equal-steps",
        action="store_true",
        help="minilm-ft: fine-tune the baseline for as many steps as the augmented run (epochs x augmented rows / rows)",
    )
    parser.add_argument("--seeds", type=positive_int, default=5, help="number of seeds (default 5)")
    parser.add_argument(
        "--first-seed", type=non_negative_int, default=0, help="first seed (default 0): add seeds to an earlier run"
    )
    parser.add_argument(
        "--eval-on",
        "--select-on",
        dest="eval_on",
        choices=EVAL_SPLITS,
        default="test",
        help="score on the test data, or on a validation split carved from the training data (to choose settings)",
    )
    parser.add_argument(
        "--n-validation", type=non_negative_int, default=1000, help="rows of the validation split (default 1000)"
    )
    parser.add_argument("--text-column", default=None, help="text column (default: the recipe's column)")
    parser.add_argument("--label-column", default=None, help="label column (default: the recipe's, else 'label')")
    parser.add_argument("--json", type=Path, help="write the result as JSON here")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("HFAUG_EMBEDDING_CACHE", DEFAULT_CACHE)),
        help=CACHE_DIR_HELP,
    )
    args = parser.parse_args(argv)
    if args.eval_on == "test" and args.test is None:
        parser.error("--test is required unless --eval-on validation")
    for name in ("train", "test"):
        require_file(f"--{name}", getattr(args, name))
    require_output_file("--json", args.json, [("--train", args.train), ("--test", args.test)])
    return args


def require_file(option: str, path: Path | None) -> None:
    """A user error (:func:`fail`) when ``path``, given as ``option``, is not a file: a folder is named as one, with
    the files it holds."""
    if path is None or path.is_file():
        return
    if path.is_dir():
        from hfaug.sources import folder_contents

        fail(f"{option} {str(path)!r} is a folder ({folder_contents(path)}); pass the path of a file")
    fail(f"{option} {str(path)!r}: no such file")


def require_output_file(option: str, path: Path | None, inputs: Sequence[tuple[str, Path | None]]) -> None:
    """A user error (:func:`fail`) when ``path``, given as ``option``, could not be written as a file: it is a
    folder, a file stands where one of its folders would be, or its folder cannot be written (a file there that
    can be is not enough: :func:`write_json` writes a new file beside it); or when it is one of the ``inputs``
    files (given as their options), which the result would replace."""
    if path is None:
        return
    if path.is_dir():
        fail(f"{option} {str(path)!r} is a folder; pass a file path, e.g. {str(path / 'result.json')!r}")
    for input_option, input_path in inputs:
        if path.is_file() and input_path is not None and path.samefile(input_path):
            fail(f"{option} {str(path)!r} is the {input_option} file, which the result would replace; pass another path")
    nearest = next(folder for folder in path.parents if folder.exists())
    if not nearest.is_dir():
        fail(f"{option} {str(path)!r}: {str(nearest)!r} is a file, not a folder; pass a path in a folder")
    if not os.access(nearest, os.W_OK | os.X_OK):
        fail(
            f"{option} {str(path)!r}: the folder {str(nearest)!r} cannot be written (the file is written whole, through "
            "a new file beside it); pass a path in a folder you can write"
        )


def write_json(path: Path, value: Any, indent: int = 2) -> None:
    """Write ``value`` as JSON to ``path``, creating its folder; whole or not at all (a run stopped while it writes
    leaves the file that was there, which a sweep adds its results to)."""
    from hfaug.whole_files import write_whole

    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, json.dumps(value, indent=indent) + "\n")


def fail(message: str) -> NoReturn:
    """Stop with ``message`` as one line on stderr and exit status 2 (a user mistake)."""
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def load(path: Path, option: str) -> Any:
    """The rows of the data file at ``path`` (given as ``option``, of any type ``hfaug apply`` reads); one line and
    exit 2 for a file that cannot be read or holds no rows."""
    from hfaug.errors import HfaugError
    from hfaug.sources import load_source

    try:
        with datasets_logs_silenced():
            return load_source(str(path), splits=["train"])[0]["train"]
    except HfaugError as error:  # it names the file
        fail(f"{option}: {error}")
    except ValueError as error:  # pyarrow's, for a file that is not Parquet
        fail(f"{option} {str(path)!r}: {' '.join(str(error).split())}")


@contextlib.contextmanager
def datasets_logs_silenced() -> Iterator[None]:
    """`datasets`' log lines off (it logs a file it cannot parse before raising): :func:`load` says it in one."""
    import datasets

    verbosity = datasets.logging.get_verbosity()
    datasets.logging.set_verbosity(datasets.logging.CRITICAL)
    try:
        yield
    finally:
        datasets.logging.set_verbosity(verbosity)


COPY_COUNTS = ("copies_requested", "copies_made", "dropped_by_augmenters", "dropped_by_filters")
"""The recipe statistics kept for each seed: every copy asked for is made, or dropped and counted."""


COLUMN_REMEDIES = {
    "train": "pass --text-column/--label-column",
    "test": "the test file takes the training file's column names (--text-column/--label-column name them in both): "
    "rename its columns to those",
}
"""What to do about a data file's missing columns: the column options name those of both files at once, so a test
file named otherwise is renamed, not given options of its own."""


def copies_of(augmented: Any, where: str) -> dict[str, int]:
    """What became of the copies a recipe asked for (:data:`COPY_COUNTS` of ``augmented``'s statistics); a warning
    on stderr, naming ``where`` (the seed), when it kept none, as then the augmented run only repeats the baseline."""
    (split,) = augmented.stats["splits"].values()
    copies = {key: split[key] for key in COPY_COUNTS}
    if copies["copies_made"] == copies["dropped_by_filters"]:
        print(
            f"warning: {where}: the recipe kept none of the {copies['copies_requested']} copies asked for "
            f"({copies['dropped_by_augmenters']} dropped by its augmenters, {copies['dropped_by_filters']} by its "
            "filters), so the augmented run trains on the originals alone: loosen its filters or change its augmenters",
            file=sys.stderr,
            flush=True,
        )
    return copies


def check_columns(dataset: Any, option: str, columns: Sequence[str], remedy: str) -> None:
    """Stop with one line when ``dataset`` (given as ``option``) lacks one of ``columns`` (the text column, then the
    label column) or its text column holds no text; ``remedy``: what to do."""
    missing = [column for column in columns if column not in dataset.column_names]
    if missing:
        fail(f"{option} has no column(s) {missing}; it has {dataset.column_names}: {remedy}")
    text = dataset.features[columns[0]]
    from hfaug.text_columns import holds_text

    if not holds_text(text):
        fail(f"{option}'s column {columns[0]!r} holds {text}, not text: {remedy}")


def check_rows(dataset: Any, option: str, text_column: str, label_column: str) -> None:
    """Stop with one line when ``dataset`` (given as ``option``) has null or blank texts or null labels."""
    from hfaug import efficacy

    try:
        efficacy.check_rows(dataset, option, text_column, label_column)
    except ValueError as error:
        fail(str(error))


def interrupted(args: argparse.Namespace | None, finished: int) -> int:
    """Say on stderr how far a run stopped by Ctrl-C got and how to run the seeds it did not finish (each seed's
    figures do not depend on the others); the exit status of Ctrl-C. ``args`` is None when Ctrl-C came while
    they were read."""
    from hfaug.cli.main import EXIT_INTERRUPTED

    if args is None or not finished:
        print("interrupted before the first seed finished (no result written)", file=sys.stderr)
    elif finished >= args.seeds:
        print("interrupted after the last seed, before the result was written: run it again", file=sys.stderr)
    else:
        rest = f"--first-seed {args.first_seed + finished} --seeds {args.seeds - finished}"
        print(
            f"interrupted after {finished} of {args.seeds} seeds (their lines are above; no result written): run the "
            f"others with {rest}",
            file=sys.stderr,
        )
    return EXIT_INTERRUPTED


def main(argv: list[str] | None = None) -> int:
    finished: list[str] = []  # the lines of the seeds done, for a run interrupted before the last
    args: argparse.Namespace | None = None
    try:
        args = parse_args(argv)
        return evaluate_recipe(args, finished)
    except KeyboardInterrupt:  # at any point: reading the arguments or the data, training, writing the result
        return interrupted(args, len(finished))


def evaluate_recipe(args: argparse.Namespace, finished: list[str]) -> int:
    """Evaluate the recipe as ``args`` say, adding to ``finished`` the line of each seed done; the exit status."""
    os.environ["HFAUG_EMBEDDING_CACHE"] = str(args.cache_dir)  # the recipe's similarity filter shares the cache

    import datasets

    from hfaug.efficacy import evaluate, format_table
    from hfaug.errors import HfaugError
    from hfaug.recipe import Recipe

    datasets.disable_progress_bars()
    try:
        recipe = Recipe.from_yaml(args.recipe)
    except (HfaugError, OSError, UnicodeDecodeError) as error:  # not a recipe, a folder, not text
        fail(str(error))
    text_column = args.text_column or recipe.column
    label_column = args.label_column or recipe.label_column or "label"
    train = load(args.train, "--train")
    test = load(args.test, "--test") if args.test is not None else None
    for name, dataset in (("train", train), ("test", test)):
        if dataset is not None:
            check_columns(dataset, f"--{name}", (text_column, label_column), COLUMN_REMEDIES[name])
            check_rows(dataset, f"--{name} {str(getattr(args, name))!r}", text_column, label_column)

    renames = {
        old: new for old, new in ((text_column, recipe.column), (label_column, recipe.label_column)) if new and old != new
    }
    filter_reports: list[list[dict[str, Any]]] = []

    copy_counts: list[dict[str, int]] = []

    def augmentation(subset: Any, seed: int) -> Any:
        out = dataclasses.replace(recipe, seed=recipe.seed + seed).apply(subset.rename_columns(renames))
        filter_reports.append(out.stats["filters"])  # whole: the copies kept unjudged and the pinned revisions too
        copy_counts.append(copies_of(out, f"seed {seed}"))
        return out.rename_columns({new: old for old, new in renames.items()})

    def progress(line: str) -> None:
        finished.append(line)
        print(line, file=sys.stderr, flush=True)

    try:
        result = evaluate(
            train,
            test,
            augmentation,
            n_train=args.n_train,
            classifier=args.classifier,
            seeds=args.seeds,
            first_seed=args.first_seed,
            eval_on=args.eval_on,
            n_validation=args.n_validation,
            text_column=text_column,
            label_column=label_column,
            cache_dir=str(args.cache_dir),
            C=args.C,
            equal_steps=args.equal_steps,
            progress=progress,
        )
    except (ValueError, HfaugError) as error:  # the data, or the recipe on it
        fail(str(error))
    for row, reports, copies in zip(result["seeds"], filter_reports, copy_counts):
        row["filters"] = reports
        row["copies"] = copies  # what became of the copies asked for: made, or dropped by the augmenters or filters
    result["settings"].update(
        train=str(args.train), test=None if args.test is None else str(args.test), recipe=recipe.to_dict()
    )
    last = args.first_seed + args.seeds - 1
    seeds = f"1 seed ({last})" if args.seeds == 1 else f"{args.seeds} seeds ({args.first_seed}-{last})"
    print(
        f"{Path(args.recipe).name} | {args.classifier} | N={args.n_train} | {seeds} | "
        f"accuracy (%) on {args.eval_on} ({result['settings']['eval_rows']} rows)"
    )
    print(format_table(result))
    if args.json is not None:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
