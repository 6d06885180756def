"""Names of the provenance columns that augmented rows carry. These names are stable.

==================  ======  =====================================================
column              type    meaning
==================  ======  =====================================================
``hfaug_source_id`` string  content id of the source row (kept through chained
                            augmentation), shared by the original and its copies:
                            a hash of the augmented column's value and of the
                            other columns' plain values (labels, texts, lists
                            and structs of them; not images, audio or bytes)
``hfaug_augmenter`` string  registry name of the augmenter that produced the row,
                            ``original`` for kept originals; the steps of a
                            sequence that changed the copy are joined with ``+``
                            (``eda.swap+char.noise``), and a copy the sequence
                            could not augment is named ``sequence``; chained maps
                            are joined with ``>``
``hfaug_copy``      int64   0 for the original, 1..n for augmented copies;
                            augmenting rows again with m copies numbers the
                            rows made from a row numbered p from p×(m+1) (the
                            row kept) to p×(m+1)+m, or from p×m+1 to p×m+m
                            without keep_original: each row of a source id
                            has a number of its own
``hfaug_params``    string  JSON object of the parameters actually sampled
``hfaug_error``     string  empty, or why the row could not be augmented (the
                            original value was kept, ``on_error="keep"``), led
                            by the augmenter of a combination that failed;
                            chained steps' reasons are joined with ``; ``
==================  ======  =====================================================
"""

from __future__ import annotations

import re

SOURCE_ID = "hfaug_source_id"
AUGMENTER = "hfaug_augmenter"
COPY = "hfaug_copy"
PARAMS = "hfaug_params"
ERROR = "hfaug_error"

COLUMNS: tuple[str, ...] = (SOURCE_ID, AUGMENTER, COPY, PARAMS, ERROR)
ORIGINAL = "original"

DESCRIPTIONS: dict[str, str] = {
    SOURCE_ID: "content id of the source row, shared by the original and all its augmented copies",
    AUGMENTER: (
        "registry name of the augmenter that produced the row ('original' for kept originals); the steps of a "
        "sequence that changed the copy are joined with '+' (e.g. 'eda.swap+char.noise'), and a copy a combination "
        "could not augment is named after it ('sequence', 'one_of'); chained maps are joined with '>'"
    ),
    COPY: (
        "0 for the original row, 1..n for augmented copies; augmenting rows again with m copies numbers the rows "
        "made from a row numbered p from p*(m+1) (the row kept) to p*(m+1)+m, or from p*m+1 to p*m+m without "
        "keep_original"
    ),
    PARAMS: "JSON object of the parameters sampled for this row",
    ERROR: "empty, or the reason the row could not be augmented (its original value was kept)",
}


_ADDRESS = re.compile(r" (?:object )?at 0x[0-9a-fA-F]+")


def error_text(message: str) -> str:
    """``message`` as recorded in ``hfaug_error``: without memory addresses (``<_io.BytesIO
    object at 0x7f...>``, as some libraries' exceptions print), so the same input records the
    same text in every process and run."""
    return _ADDRESS.sub("", message)
