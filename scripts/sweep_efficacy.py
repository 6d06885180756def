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
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_efficacy import DEFAULT_CACHE, load  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from hfaug.efficacy import CLASSIFIERS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grid", required=True, type=Path, help="YAML file with 'base' and 'candidates'")
    parser.add_argument("--train", required=True, nargs="+", type=Path, help="training files")
    parser.add_argument("--classifiers", nargs="+", choices=CLASSIFIERS, default=["tfidf-lr", "minilm-lr"])
    parser.add_argument("--only", nargs="+", help="evaluate only these candidates")
    parser.add_argument("--n-train", type=int, default=500)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--n-validation", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="append results to this JSON file (one list)")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(os.environ.get("HFAUG_EMBEDDING_CACHE", DEFAULT_CACHE))
    )
    args = parser.parse_args(argv)
    os.environ["HFAUG_EMBEDDING_CACHE"] = str(args.cache_dir)

    import datasets

    from hfaug import Recipe
    from hfaug.efficacy import evaluate

    datasets.disable_progress_bars()
    grid = yaml.safe_load(args.grid.read_text(encoding="utf-8"))
    candidates = {
        name: Recipe.from_dict({**grid.get("base", {}), **fields, "name": name}, origin=f"{args.grid}:{name}")
        for name, fields in grid["candidates"].items()
        if not args.only or name in args.only
    }
    results: list[dict[str, Any]] = json.loads(args.json.read_text()) if args.json and args.json.is_file() else []
    for train_path in args.train:
        train = load(train_path)
        for name, recipe in candidates.items():
            memo: dict[int, Any] = {}

            def augmentation(subset: Any, seed: int, recipe: Recipe = recipe, memo: dict[int, Any] = memo) -> Any:
                if seed not in memo:
                    memo[seed] = dataclasses.replace(recipe, seed=recipe.seed + seed).apply(subset)
                return memo[seed]

            for classifier in args.classifiers:
                result = evaluate(
                    train,
                    None,
                    augmentation,
                    n_train=args.n_train,
                    classifier=classifier,
                    seeds=args.seeds,
                    eval_on="validation",
                    n_validation=args.n_validation,
                    text_column=recipe.column,
                    label_column=recipe.label_column or "label",
                    cache_dir=str(args.cache_dir),
                )
                rows = sum(row["augmented_rows"] for row in result["seeds"]) / len(result["seeds"])
                print(
                    f"{train_path.parent.name:<8} {name:<28} {classifier:<10} baseline {result['baseline']:6.2f}  "
                    f"augmented {result['augmented']:6.2f}  delta {result['delta']:+6.2f} ± {result['delta_std']:.2f}  "
                    f"rows {rows:.0f}",
                    flush=True,
                )
                results.append({"data": str(train_path), "candidate": name, "recipe": recipe.to_dict(), **result})
                if args.json is not None:
                    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
