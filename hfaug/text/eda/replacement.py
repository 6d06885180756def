"""EDA's synonym replacement (:func:`replace_synonyms`), the edit of :class:`hfaug.Synonym` at EDA's rate."""

from __future__ import annotations

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.text.synonym import NO_CANDIDATE, TextAnalysis, synonym_edit


def synonym_obstacle(analysis: TextAnalysis) -> str | None:
    """Why :func:`replace_synonyms` cannot change the text, or ``None`` if it can."""
    return None if analysis.found.indices else NO_CANDIDATE


def replace_synonyms(analysis: TextAnalysis, rng: np.random.Generator, *, alpha: float) -> Augmented:
    """Replace ``max(1, int(alpha * words))`` words by fitting synonyms (see :class:`hfaug.Synonym`)."""
    draws = rng.random(2 * len(analysis.found.indices)).tolist()
    count = max(1, int(alpha * analysis.word_count))
    return synonym_edit(analysis, draws, count=count)
