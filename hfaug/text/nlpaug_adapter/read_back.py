"""Reading an nlpaug augmenter back, for ``NlpaugAugmenter.from_instance``: the arguments it keeps, and a refusal
where one rebuilt from them would differ."""

from __future__ import annotations

import re
from typing import Any

from hfaug.text.nlpaug_adapter.classes import PREFIX
from hfaug.text.nlpaug_adapter.parameters import is_json

UNKEPT = object()
"""What :func:`kept_value` returns for a constructor argument that nlpaug keeps no record of."""


def kept_value(augmenter: Any, key: str) -> Any:
    """Constructor argument ``key`` of the nlpaug ``augmenter`` as nlpaug keeps it: an attribute of the
    augmenter, else of its model (``RandomSentAug``'s ``mode``, a language model's ``top_k``), as given
    (:func:`_as_given`); else :data:`UNKEPT`."""
    for holder in (augmenter, getattr(augmenter, "model", None)):
        if hasattr(holder, key):
            return _as_given(getattr(holder, key))
    return UNKEPT


def _as_given(value: Any) -> Any:
    """``value`` as it was given to nlpaug: a pattern it compiled from a string (``stopwords_regex``) as that
    string, unless it was compiled with flags, which a string cannot carry; anything else as it is."""
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and re.compile(value.pattern).flags == value.flags:
        return value.pattern
    return value


def _plain_state(augmenter: Any) -> dict[str, Any]:
    """The JSON attributes of the nlpaug ``augmenter`` and of its model (``model.`` before their names):
    what makes its outputs, besides functions and model weights."""
    holders = {"": augmenter, "model.": getattr(augmenter, "model", None)}
    return {
        prefix + key: value
        for prefix, holder in holders.items()
        for key, value in getattr(holder, "__dict__", {}).items()
        if is_json(value)
    }


def refuse_another_rebuild(augmenter: Any, rebuilt: Any, path: str, unkept: list[str]) -> None:
    """Refuse to rebuild ``augmenter`` where ``rebuilt``, built from what it keeps, differs from it: a value
    given to a parameter it keeps no record of (``unkept``: ``OcrAug``'s ``dict_of_path``) would be lost."""
    original, again = _plain_state(augmenter), _plain_state(rebuilt)
    differing = sorted(key for key in original.keys() | again.keys() if original.get(key) != again.get(key))
    if not differing:
        return
    kind = type(augmenter).__name__
    cause = (
        f"{kind} keeps no record of {', '.join(unkept)}, so what was given there cannot be read back"
        if unkept
        else "it was changed after it was built"
    )
    arguments = "".join(f"{key}=<what you gave nlpaug>, " for key in unkept)
    raise ValueError(
        f"nlpaug: from_instance cannot rebuild this {kind}: {cause}, and one built from what it keeps differs in "
        f"{', '.join(differing)}. Build it from plain parameters instead: "
        f"hfaug.NlpaugAugmenter({path.removeprefix(PREFIX)!r}, {arguments}...)"
    )
