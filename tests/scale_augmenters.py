"""A model-style augmenter for the scale tests (importable, so worker processes can load it)."""

from __future__ import annotations

from hfaug import Augmented, TextAugmenter, register


@register
class Placed(TextAugmenter):
    """Drops one random word and records the device it runs on.

    It takes a ``device`` parameter, which is what makes an augmenter a model augmenter for
    :mod:`hfaug.devices` and the Ray engine (one instance per process or actor).
    """

    name = "test.placed"

    def __init__(self, column="text", *, device=None, n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.device = device

    def augment_batch(self, values, rngs):
        out = []
        for text, rng in zip(values, rngs):
            words = text.split(" ")
            drop = int(rng.integers(len(words)))
            kept = " ".join(word for index, word in enumerate(words) if index != drop) or text
            out.append(Augmented(kept, params={"dropped": drop, "device": self.device or "auto"}))
        return out
