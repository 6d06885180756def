"""NLTK data that nlpaug reads: a missing resource named once, with the others its dictionary lacks."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

from hfaug.errors import HfaugError
from hfaug.text.nlpaug_adapter.classes import PREFIX


def missing_nltk_resource(error: BaseException) -> str | None:
    """The resource that NLTK's "Resource ... not found" ``error`` names; `None` for any other error, such as
    the ``KeyError`` or ``IndexError`` that are ``LookupError`` subclasses too."""
    if type(error) is not LookupError:
        return None
    message = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # NLTK colours the resource name
    found = re.search(r"Resource '?([\w./-]+?)'? not found", message)
    return found.group(1) if found else None


def _missing_dictionary_data(augmenter: Any) -> list[str]:
    """The NLTK resources that the word dictionary of the nlpaug ``augmenter`` reads and that are not installed:
    the POS tagger (WordNet's and PPDB's), then WordNet, which nlpaug only reads after tagging a text."""
    import nltk
    from nlpaug.model.word_dict import Ppdb, WordNet

    model = getattr(augmenter, "model", None)
    probes = [lambda: nltk.pos_tag(["film"])] if isinstance(model, (WordNet, Ppdb)) else []
    if isinstance(model, WordNet):
        probes.append(lambda: nltk.corpus.wordnet.synsets("film"))
    missing = []
    for probe in probes:
        try:
            probe()
        except LookupError as error:
            missing.append(missing_nltk_resource(error))
    return [resource for resource in missing if resource]


@contextlib.contextmanager
def nltk_data_required(path: str, augmenter: Any = None) -> Iterator[None]:
    """Turn NLTK's "Resource ... not found" (no row can succeed) into one short :class:`HfaugError` that names
    it and the other resources the nlpaug ``augmenter``'s dictionary lacks; other errors pass through, so that
    ``on_error`` decides about the row."""
    try:
        yield
    except LookupError as error:
        resource = missing_nltk_resource(error)
        if resource is None:
            raise
        missing = list(dict.fromkeys([resource, *_missing_dictionary_data(augmenter)]))
        raise HfaugError(
            f"nlpaug: {path.removeprefix(PREFIX)} needs NLTK data that is not installed ({', '.join(missing)}). "
            f"Install {'it' if len(missing) == 1 else 'them'} where the network is reachable "
            f"(python -m nltk.downloader {' '.join(missing)}) and set NLTK_DATA if it is not in a standard place, "
            "or use an hfaug augmenter that needs no download (hfaug.Synonym ships its WordNet lexicon)."
        ) from None
