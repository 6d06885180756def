"""`make demo`: run the shipped recipes on the data shipped in recipes/data/ and write the
versioned results (data, dataset card, manifest, before/after preview) under out/demo/.

- recipes/clinc150-intents.yaml on a 300-row CLINC150 subset (text; its test split is kept as is)
- recipes/image-classification.yaml on 36 generated shape images
- recipes/audio-classification.yaml on 24 generated audio clips

Each run is what `hfaug apply RECIPE --dataset DATA --out out/demo` does.

    python scripts/demo.py [--out out/demo]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import hfaug
from hfaug.cli.show_command import summary_lines
from hfaug.sources import load_source
from hfaug.errors import HfaugError
from hfaug.versioned import PREVIEW_DIR, prepare_output_dir, save

ROOT = Path(__file__).resolve().parents[1]
DEMOS: tuple[tuple[str, str], ...] = (
    ("recipes/clinc150-intents.yaml", "recipes/data/clinc150"),
    ("recipes/image-classification.yaml", "recipes/data/shapes.parquet"),
    ("recipes/audio-classification.yaml", "recipes/data/tones.parquet"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("out") / "demo", help="output folder (default: out/demo)")
    args = parser.parse_args(argv)
    try:
        prepare_output_dir(args.out)  # before any work
    except HfaugError as error:
        parser.error(str(error))
    written = []
    for recipe_path, data_path in DEMOS:
        print(f"\n== {recipe_path} on {data_path}", flush=True)
        recipe = hfaug.Recipe.from_yaml(ROOT / recipe_path)
        data, source = load_source(str(ROOT / data_path))
        source["path"] = data_path  # recorded relative to the repository
        augmented = recipe.apply(data, source=source)
        folder = save(augmented, args.out)
        print("\n".join(summary_lines(augmented.manifest, where=("folder", str(folder)), samples=1)), flush=True)
        written.append(folder)
    print("\nThe demo wrote these versioned datasets (Hub layout, dataset card, manifest, preview):")
    for folder in written:
        print(f"  {folder}/\n      open {folder / PREVIEW_DIR / 'index.html'}")
    print(f"Inspect one with: hfaug show {written[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
