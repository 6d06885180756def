"""Small augmenters used to test the base contract (importable, so they pickle by reference)."""

from __future__ import annotations

import enum
import importlib
import os
import pathlib

import numpy as np

from hfaug import Augmented, TextAugmenter, register


@register
class Shout(TextAugmenter):
    """Upper-cases each space-separated word with probability ``p``."""

    name = "test.shout"

    def __init__(self, column="text", *, p=0.5, n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.p = p
        self.calls = 0  # per-process state that must never be pickled

    def augment_batch(self, values, rngs):
        self.calls += 1
        out = []
        for text, rng in zip(values, rngs):
            words = text.split(" ")
            mask = rng.random(len(words)) < self.p
            shouted = " ".join(word.upper() if hit else word for word, hit in zip(words, mask))
            out.append(Augmented(shouted, params={"count": int(mask.sum())}))
        return out


class Toy(TextAugmenter):
    """A text augmenter whose only parameters are the contract's, with ``column="text"`` by default."""

    def __init__(self, column="text", *, n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)


@register
class Fragile(Toy):
    """Reverses texts, but its library call crashes on texts containing "boom" (with a message
    that names an object by its address, as some libraries' messages do)."""

    name = "test.fragile"

    def augment_batch(self, values, rngs):
        if any("boom" in text for text in values):
            raise RuntimeError(f"library exploded in <Parser object at {hex(id(values))}>")
        return [text[::-1] for text in values]


class QuotaExceeded(Exception):
    """An error whose constructor takes two arguments, as some client libraries' errors do: pickled back
    from a worker process, its class is called with its message alone (unless rebuilt without it)."""

    def __init__(self, code, detail):
        super().__init__(f"code {code}: {detail}")


WHERE_QUOTA_WAS_EXCEEDED = (  # the note of the error OverQuota raises on 'this one goes boom'
    "test.over_quota: raised while augmenting column 'text', value 'this one goes boom'; pass on_error='keep' to keep "
    "such rows unchanged with the error recorded"
)


@register
class OverQuota(Toy):
    """Appends " !", but its service refuses texts containing "boom" with a :class:`QuotaExceeded`."""

    name = "test.over_quota"

    def augment_batch(self, values, rngs):
        if any("boom" in text for text in values):
            raise QuotaExceeded(429, "quota exceeded")
        return [text + " !" for text in values]


@register
class NeedsPackage(Toy):
    """Imports a package that is not installed when it augments, as optional dependencies are imported."""

    name = "test.needs_package"

    def augment_batch(self, values, rngs):
        importlib.import_module("hfaug_test_package_not_installed")


@register
class ProcessId(Toy):
    """Replaces each text with the id of the process that augmented it."""

    name = "test.process_id"

    def augment_batch(self, values, rngs):
        return [str(os.getpid()) for _ in values]


class Whisper(TextAugmenter):
    """Lower-cases texts. Not registered: composites must carry it as an object, not by name."""

    name = "test.whisper"

    def augment_batch(self, values, rngs):
        return [text.lower() for text in values]


@register
class Tunable(Shout):
    """:class:`Shout` with a ``chunk`` setting that changes how it runs, never what it outputs."""

    name = "test.tunable"
    output_neutral = ("chunk",)

    def __init__(self, column="text", *, p=0.5, chunk=64, n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, p=p, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.chunk = chunk


class Suffixed(Shout):
    """:class:`Shout` that adds ``suffix``, passing its other parameters on as ``**kwargs``."""

    def __init__(self, suffix="!", **kwargs):
        super().__init__(**kwargs)
        self.suffix = suffix

    def augment_batch(self, values, rngs):
        return [f"{augmented.value}{self.suffix}" for augmented in super().augment_batch(values, rngs)]


class SentenceSuffixed(Suffixed):
    """:class:`Suffixed` of the column ``sentence``, which it sets itself."""

    def __init__(self, suffix="!", **kwargs):
        super().__init__(suffix, column="sentence", **kwargs)


class Mode(str, enum.Enum):
    WORDS = "words"


@register
class PlainDefaults(Toy):
    """Defaults that have a plain JSON equivalent (a set, an enum member, NumPy numbers, a path), and a sampled
    parameter of NumPy values and a set."""

    name = "test.plain_defaults"

    def __init__(self, column="text", *, stopwords=frozenset({"the", "a", "an"}), mode=Mode.WORDS, p=np.float32(0.5),
                 k=np.int64(2), folder=pathlib.Path("words"), n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.stopwords, self.mode, self.p, self.k, self.folder = stopwords, mode, p, k, folder

    def augment_batch(self, values, rngs):
        return [Augmented(f"{text}!", params={"k": self.k, "at": np.array([0, 1]), "words": set(text.split())}) for text in values]


@register
class Counted(Toy):
    """Holds a function as a parameter: no JSON data, which a version cannot record."""

    name = "test.counted"

    def __init__(self, column="text", *, counter=len, n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.counter = counter

    def augment_batch(self, values, rngs):
        return [f"{text} {self.counter(text)}" for text in values]


@register
class Undocumented(Shout):
    name = "test.undocumented"
