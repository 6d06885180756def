"""hfaug: data augmentation for Hugging Face `datasets`.

Augmenters are `Dataset.map` functions::

    import hfaug
    ds.map(hfaug.synonym, batched=True)
    big = hfaug.augment(ds, [hfaug.Synonym(p=0.1), hfaug.backtranslate], n=4)

Heavy parts (`datasets`, models, torchvision, audiomentations) are imported on first use.
"""

from __future__ import annotations

from hfaug.lazy import lazy_exports

from hfaug import provenance
from hfaug._version import __version__
from hfaug.augmenter import Augmented, Augmenter
from hfaug.compose import OneOf, Sequential
from hfaug.errors import ColumnError, HfaugError, InvalidValue, MissingDependency, ModelNotFound, UnknownAugmenter
from hfaug.registry import get, names, register
from hfaug.seeding import RowRandomness, uniforms
from hfaug.text.base import TextAugmenter

# Public names defined in modules that are imported on first access.
_LAZY: dict[str, str] = {
    "augment": "hfaug.pipeline",
    "filters": "hfaug.filters",
    "Recipe": "hfaug.recipe",
    "RecipeError": "hfaug.recipe",
    "load_version_dir": "hfaug.versioned",
    "PushResult": "hfaug.hub",
    "load": "hfaug.hub",
    "push_to_hub": "hfaug.hub",
    "ImageAugment": "hfaug.image",
    "AudioAugment": "hfaug.audio",
    "OnTheFly": "hfaug.on_the_fly",
    "Synonym": "hfaug.text.synonym",
    "synonym": "hfaug.text.synonym",
    "RandomSwap": "hfaug.text.eda",
    "RandomDeletion": "hfaug.text.eda",
    "RandomInsertion": "hfaug.text.eda",
    "EDA": "hfaug.text.eda",
    "AEDA": "hfaug.text.aeda",
    "CharNoise": "hfaug.text.char_noise",
    "NlpaugAugmenter": "hfaug.text.nlpaug_adapter",
    "BackTranslate": "hfaug.text.backtranslate",
    "backtranslate": "hfaug.text.backtranslate",
    "write_parquet_shards": "hfaug.shards",
}

__all__ = [
    "Augmented",
    "Augmenter",
    "ColumnError",
    "HfaugError",
    "InvalidValue",
    "MissingDependency",
    "ModelNotFound",
    "OneOf",
    "RowRandomness",
    "Sequential",
    "TextAugmenter",
    "UnknownAugmenter",
    "__version__",
    "get",
    "names",
    "provenance",
    "register",
    "uniforms",
    *_LAZY,
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
