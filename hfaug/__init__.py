"""hfaug: data augmentation for Hugging Face `datasets`.

Augmenters are `Dataset.map` functions::

    import hfaug
    ds.map(hfaug.synonym, batched=True)
    big = hfaug.augment(ds, [hfaug.Synonym(p=0.1), hfaug.backtranslate], n=4)

Heavy parts (`datasets`, models, torchvision, audiomentations) are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfaug.lazy import lazy_exports

from hfaug import provenance
from hfaug._version import __version__
from hfaug.augmenter import Augmented, Augmenter
from hfaug.compose import OneOf, Sequential
from hfaug.errors import ColumnError, HfaugError, InvalidValue, MissingDependency, ModelNotFound, UnknownAugmenter
from hfaug.registry import get, names, register
from hfaug.seeding import RowRandomness, uniforms
from hfaug.text.base import TextAugmenter

# The names in `_LAZY`, for type checkers (`as`: re-exported); tests/test_packaging.py keeps the two in step.
if TYPE_CHECKING:
    from hfaug import filters as filters
    from hfaug.audio import AudioAugment as AudioAugment
    from hfaug.hub import PushResult as PushResult, load as load, push_to_hub as push_to_hub
    from hfaug.image import ImageAugment as ImageAugment
    from hfaug.on_the_fly import OnTheFly as OnTheFly
    from hfaug.pipeline import augment as augment
    from hfaug.recipe import Recipe as Recipe, RecipeError as RecipeError
    from hfaug.shards import write_parquet_shards as write_parquet_shards
    from hfaug.text.aeda import AEDA as AEDA
    from hfaug.text.backtranslate import BackTranslate as BackTranslate, backtranslate as backtranslate
    from hfaug.text.char_noise import CharNoise as CharNoise
    from hfaug.text.eda import (
        EDA as EDA,
        RandomDeletion as RandomDeletion,
        RandomInsertion as RandomInsertion,
        RandomSwap as RandomSwap,
    )
    from hfaug.text.nlpaug_adapter import NlpaugAugmenter as NlpaugAugmenter
    from hfaug.text.synonym import Synonym as Synonym, synonym as synonym
    from hfaug.versioned import load_version_dir as load_version_dir

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
