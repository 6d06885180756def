"""Columns that describe the augmented text, and what to do about columns hfaug cannot augment.

An augmenter rewrites one column and carries every other into its copies unchanged. Columns that
point into the text (character offsets such as SQuAD's ``answers.answer_start``, entity spans) or
are aligned with its words (``tokens`` with ``ner_tags``, a tokenizer's ``input_ids``) then no
longer match it: :func:`warn_dependent_columns` says so once, from the features alone. The
``*_advice`` functions tell, in refusals, what to do with a column of lists or a nested field.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from hfaug.text_columns import holds_text

logger = logging.getLogger("hfaug")

OFFSETS = frozenset({"start", "starts", "end", "ends", "begin", "begins", "offset", "offsets", "span", "spans"})
"""The words that name an integer field, at any depth, as character offsets into a text (:func:`named_as`):
``answer_start``, ``start_byte`` of Natural Questions, ``minimal_answers_start_byte`` of TyDi QA, ``char_offset``,
``subj_start``, ``offset_mapping``."""
REGIONS = frozenset(
    {"bbox", "bboxes", "box", "boxes", "keypoint", "keypoints", "landmark", "landmarks", "segmentation",
     "polygon", "polygons", "mask", "masks", "xmin", "xmax", "ymin", "ymax", "x1", "y1", "x2", "y2"}
)  # fmt: skip
"""The words that name numbers as regions of an image (COCO's ``objects.bbox``, Pascal VOC's ``xmin``, ``keypoints``)."""
TIMES = OFFSETS | {"time", "times", "timestamp", "timestamps", "stamp", "onset", "onsets"}
"""The words that name numbers as times in a clip (``segments.start``, ``start_time``, ``time_stamp``)."""
NO_POSITIONS = frozenset(
    {"year", "years", "month", "day", "days", "hour", "hours", "week", "season", "date", "page", "pages", "price",
     "office", "num", "count", "utc", "id", "number", "zone", "label", "ratio", "score", "signature", "is", "of"}
)  # fmt: skip
"""Words that make a name no position however it is named otherwise (``start_year``, ``num_spans``, ``utc_offset``,
``begin_page``, ``box_office``)."""
_NO_TEXT_OFFSETS = NO_POSITIONS | {"time", "times"}  # a text's offsets are no times (*start_time*)
OTHER_IMAGES = frozenset({"thumbnail", "thumb", "preview", "original", "raw"})
"""Words that name another image as no map of the augmented one's regions (every other ``Image`` column is one:
a mask, an annotation, a depth map)."""
TOKENIZER_OUTPUTS = frozenset({"input_ids", "attention_mask", "token_type_ids", "special_tokens_mask"})
"""Columns a tokenizer derives from a text."""
TEXT_NAMES = ("context", "text", "document", "passage", "paragraph", "content", "sentence")
"""Column names that offsets and tokens conventionally describe (SQuAD's ``context``), most likely first."""
_INTEGERS = frozenset({"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"})
_STORED_FILE_KEYS = frozenset({"bytes", "path", "array"})  # the cells of media columns, which are no structs to flatten
_warned: set[tuple[str, tuple[str, ...], bool]] = set()  # (column, the dataset's columns, moved) already checked


def warn_dependent_columns(owner: str, column: str, features: Mapping[str, Any] | None, *, moved: bool = True) -> None:
    """Log one warning when columns of a dataset with these ``features`` describe the text that ``owner``
    augments in ``column`` (or its image or clip, where ``owner`` has ``moved`` them); once per process for a
    column and a dataset's column names, so that each batch of a map or each split of a recipe does not repeat it."""
    if features is None:
        return
    seen = (column, tuple(features), moved)
    if seen in _warned:
        return
    _warned.add(seen)
    message = dependent_columns_message(column, features, moved=moved)
    if message:
        logger.warning("%s: %s", owner, message)


def dataset_map_features(example_or_batch: Any) -> Mapping[str, Any] | None:
    """The features of the dataset that ``Dataset.map`` passes a row or batch of (its formatter knows them);
    None for another mapping."""
    return getattr(getattr(example_or_batch, "formatter", None), "features", None)


def dependent_columns_message(column: str, features: Mapping[str, Any], *, moved: bool = True) -> str | None:
    """Why the other columns of ``features`` go stale when ``column`` is augmented, and what to do;
    None when none describes it, or when it holds images or clips that were not ``moved``."""
    from datasets import Audio, Image  # loaded already where there are features

    if isinstance(features.get(column), (Image, Audio)):
        return _media_message(column, features, isinstance(features[column], Image)) if moved else None
    if not holds_text(features.get(column)) or _described_text(features) not in (None, column):
        return None
    offsets = offset_fields(features, column)
    kinds = {
        "character offsets into a text": offsets,
        "tokens, or labels given per token": token_aligned_columns(features, column),
        "a tokenizer's output": [name for name in features if name in TOKENIZER_OUTPUTS and name != column],
    }
    held = "; ".join(f"{kind}: {', '.join(map(repr, names))}" for kind, names in kinds.items() if names)
    if not held:
        return None
    return (
        f"column {column!r} is augmented while other columns describe a text ({held}). They are carried into "
        f"the copies unchanged, so where they describe {column!r} they no longer match it. Augment a column "
        f"nothing points into{QA_EXAMPLE if offsets else ''}, or drop those columns or derive them again from the "
        "augmented text after augmenting."
    )


def _media_message(column: str, features: Mapping[str, Any], image: bool) -> str | None:
    """Why the other columns of ``features`` go stale when the ``image`` (else the clip) of ``column`` is augmented:
    boxes, points and masks of an image, times in a clip; None when none describes it."""
    from datasets import Image

    others = {name: feature for name, feature in features.items() if name != column}
    if image:
        described = [
            name
            for name, feature in others.items()
            if isinstance(feature, Image) and OTHER_IMAGES.isdisjoint(name.lower().split("_"))
        ] + _numbers_named(others, REGIONS)
        what, moved = "regions of an image", "moves pixels (a flip, crop, rotation, perspective, affine or resize)"
        kept = "ops that keep every pixel in place (colour, blur, noise)"
    else:
        described = _numbers_named(others, TIMES)
        what, moved = "times in a clip", "changes its timing (speed, time stretch, shift)"
        kept = "ops that keep its timing (gain, noise, filters, reverb)"
    if not described:
        return None
    return (
        f"column {column!r} is augmented while other columns describe it ({what}: {', '.join(map(repr, described))}). "
        f"They are carried into the copies unchanged, so after an op that {moved} they no longer match it. Use only "
        f"{kept}, or drop those columns or derive them again from the augmented copies."
    )


def _numbers_named(features: Mapping[str, Any], words: frozenset[str]) -> list[str]:
    """Dotted names of the numeric fields, at any depth of ``features``, :func:`named_as` ``words``."""
    return [
        path
        for name, feature in features.items()
        for path, leaf in _leaves(feature, name)
        if _is_number(leaf) and named_as(path.rpartition(".")[2], words)
    ]


def named_as(name: str, words: frozenset[str], excluded: frozenset[str] = NO_POSITIONS) -> bool:
    """Whether ``name``'s words (between underscores, in any case; or all of them joined: ``x_min``) hold one of
    ``words`` and none of ``excluded``."""
    parts = set(name.lower().split("_"))
    return bool(parts & words or name.lower().replace("_", "") in words) and parts.isdisjoint(excluded)


QA_EXAMPLE = " (for question answering, 'question' rather than 'context')"
"""The usual case of a column nothing points into, said where offsets are found."""


def offset_fields(features: Mapping[str, Any], column: str) -> list[str]:
    """Dotted names of the integer fields, at any depth of the columns other than ``column``, named like
    character offsets (``answers.answer_start``, ``entities.start``)."""
    return [
        path
        for name, feature in features.items()
        if name != column
        for path, leaf in _leaves(feature, name)
        if _is_integer(leaf) and named_as(path.rpartition(".")[2], OFFSETS, _NO_TEXT_OFFSETS)
    ]


def token_aligned_columns(features: Mapping[str, Any], column: str) -> list[str]:
    """Columns of tokens (lists of strings named like ``tokens`` or ``words``) and of labels given per token:
    lists of integer or class labels named ``*_tags`` (``ner_tags``; a bare ``tags`` is most often a row's
    labels) and, next to tokens, any such list."""
    others = {name: feature for name, feature in features.items() if name != column}
    tokens = [name for name, feature in others.items() if _is_token_column(name, feature)]
    labels = [
        name
        for name, feature in others.items()
        if _is_integer(_item(feature)) and (tokens or name.lower().endswith("_tags"))
    ]
    return tokens + labels


_ADVICE = {
    "tokens": (
        "To augment its tokens as a text, join them into a column of texts first "
        "(ds.map(lambda row: {'text': ' '.join(row[...])})), but only when no other column is aligned with them: "
        "tags such as ner_tags would not follow the words the augmenter adds, removes or moves."
    ),
    "nested": (
        "hfaug augments a top-level column with one value per row: copy the field to augment into a column of its "
        "own (for a chat's first message, ds.map(lambda row: {'content': row['messages'][0]['content']}); or one "
        "row per item), augment that column, then build the field again from it."
    ),
    "labels": "Its lists of numbers look like labels, which are carried along, not augmented.",
}
"""What to do with a column of each shape that hfaug cannot augment."""


def wrong_column_advice(values: Sequence[Any]) -> str:
    """What to do when a column's ``values`` (its rows) are of a type the augmenter never takes."""
    if any(isinstance(value, (list, tuple)) for value in values):
        return list_column_advice(values)
    if any(isinstance(value, Mapping) and not holds_media_cells(value) for value in values):
        return _ADVICE["nested"]
    return "Pass column=<the column to augment>."


def list_column_advice(values: Sequence[Any]) -> str:
    """What to do with a column whose rows (``values``) hold lists, judged by their items."""
    items = [item for value in values if isinstance(value, (list, tuple)) for item in value]
    if items and all(isinstance(item, str) for item in items):
        return _ADVICE["tokens"]
    if any(isinstance(item, Mapping) for item in items):
        return _ADVICE["nested"]
    if items and all(isinstance(item, (int, float)) and not isinstance(item, bool) for item in items):
        return f"{_ADVICE['labels']} Pass column=<the text column>."
    return "Pass column=<a column with one value per row>."


def holds_media_cells(feature: Any) -> bool:
    """Whether a struct (a feature or a cell) holds media as files, bytes or samples, as an ``Image`` or ``Audio``
    column stores them: no nested fields to copy out."""
    return isinstance(feature, Mapping) and bool(_STORED_FILE_KEYS & feature.keys())


def feature_advice(feature: Any) -> str:
    """What to do with a column of this `datasets` feature, when it is a list or a struct that holds no media;
    else ``""``."""
    if holds_media_cells(feature):
        return ""
    item = _item(feature)
    if holds_text(item):
        return _ADVICE["tokens"]
    if isinstance(feature, Mapping) or isinstance(item, Mapping):
        return _ADVICE["nested"]
    return _ADVICE["labels"] if _is_integer(item) or getattr(item, "dtype", "").startswith("float") else ""


def dotted_name_advice(column: str, features: Mapping[str, Any] | None) -> str:
    """For a ``column`` not found: how to reach the nested field it names with dots (``answers.text``), when
    its first part is a column; else ``""``."""
    top = column.partition(".")[0]
    if top == column or features is None or top not in features:
        return ""
    reached = _field(features[top], column.split(".")[1:])
    if holds_text(reached):
        return (
            f" Nested fields are not addressed by dotted names: ds.flatten() makes {column!r} a top-level column "
            f"of texts; augment that one (pass the flattened dataset, column={column!r}; for the command line, "
            "write it to a file, ds.flatten().to_parquet('flat.parquet'), and pass that as --dataset)."
        )
    return f" Nested fields are not addressed by dotted names, and {column!r} is not a text of its own. {_ADVICE['nested']}"


def _described_text(features: Mapping[str, Any]) -> str | None:
    """The column that offsets and tokens most likely describe: the only text column, else the first named
    as such texts conventionally are (``context``, ``text``, ...); None when that cannot be told."""
    texts = [name for name, feature in features.items() if holds_text(feature)]
    if len(texts) == 1:
        return texts[0]
    return next((name for name in TEXT_NAMES if name in texts), None)


def _leaves(feature: Any, path: str) -> Iterator[tuple[str, Any]]:
    """The leaf features under ``feature`` with their dotted paths; lists are looked through."""
    if isinstance(feature, Mapping):
        for name, field in feature.items():
            yield from _leaves(field, f"{path}.{name}")
    elif hasattr(feature, "feature"):  # List, LargeList
        yield from _leaves(feature.feature, path)
    else:
        yield path, feature


def _field(feature: Any, names: list[str]) -> Any:
    """The feature that the field ``names`` of a struct ``feature`` holds, None where there is none or a list
    lies on the way."""
    for name in names:
        if not isinstance(feature, Mapping) or name not in feature:
            return None
        feature = feature[name]
    return feature


def _item(feature: Any) -> Any:
    """The feature of the items of a list ``feature``; None for anything else."""
    return getattr(feature, "feature", None)


def _is_token_column(name: str, feature: Any) -> bool:
    return holds_text(_item(feature)) and (_named_like(name, "tokens") or _named_like(name, "words"))


def _named_like(name: str, word: str) -> bool:
    """Whether ``name`` is ``word`` or ends with ``_word`` (``ner_tags`` for ``tags``)."""
    named = name.lower()
    return named == word or named.endswith(f"_{word}")


def _is_number(feature: Any) -> bool:
    return _is_integer(feature) or getattr(feature, "dtype", "").startswith("float")


def _is_integer(feature: Any) -> bool:
    return getattr(feature, "dtype", None) in _INTEGERS and not hasattr(feature, "feature")
