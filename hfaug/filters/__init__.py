"""Quality filters for augmented data: drop augmented rows that are not good enough, and say why.

Every filter is built from plain parameters (``config()``; ``hfaug.filters.get(name, **config)``
rebuilds it) and applies to the output of ``hfaug.augment(..., keep_original=True)``::

    flt = hfaug.filters.get("semantic_similarity", threshold=0.8)
    kept, report = flt.apply(augmented, column="text", label_column="label")
    # report == {"filter": "semantic_similarity", "config": {...}, "rows_checked": 4000,
    #            "rows_dropped": 312, "rows_unjudged": 0, "reasons": {"low_similarity": 312}}

Only augmented rows (``hfaug_copy > 0``) are judged, each against the original row with the
same ``hfaug_source_id``; originals are never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfaug.lazy import lazy_exports

from hfaug.filters.base import Candidates, Filter, apply_filters
from hfaug.filters.registry import UnknownFilter, get, get_class, names, parameters, register

# The names in `_LAZY`, for type checkers (`as`: re-exported); tests/test_packaging.py keeps the two in step.
if TYPE_CHECKING:
    from hfaug.filters.duplicates import Duplicates as Duplicates
    from hfaug.filters.label import LabelConsistency as LabelConsistency
    from hfaug.filters.length import LengthRatio as LengthRatio
    from hfaug.filters.semantic import SemanticSimilarity as SemanticSimilarity

_LAZY: dict[str, str] = {
    "Duplicates": "hfaug.filters.duplicates",
    "LabelConsistency": "hfaug.filters.label",
    "LengthRatio": "hfaug.filters.length",
    "SemanticSimilarity": "hfaug.filters.semantic",
}

__all__ = [
    "Candidates",
    "Filter",
    "UnknownFilter",
    "apply_filters",
    "get",
    "get_class",
    "names",
    "parameters",
    "register",
    *_LAZY,
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
