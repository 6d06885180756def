"""The files of a version folder, ``OUT/<version>/``, in the Hub's layout, so that ``load_dataset`` reads it as it is
and ``push_to_hub``/`hfaug push` can upload it unchanged::

    OUT/<version>/
        data/<split>-00000-of-0000N.parquet   # features kept (Image and Audio bytes embedded)
        README.md                             # dataset card with `configs` metadata
        manifest.json                         # version, recipe, source, statistics, samples
        preview/index.html                    # before/after page (plus samples.parquet, assets/)
"""

MANIFEST = "manifest.json"
CARD = "README.md"
DATA_DIR = "data"
PREVIEW_DIR = "preview"
SAMPLES_FILE = "samples.parquet"
