"""Helpers for the text augmenter tests."""

from __future__ import annotations

import json

from datasets import Dataset


def copies_with_sources(out: Dataset) -> list[tuple[str, dict]]:
    """``(source text, copy row)`` for every augmented copy of a ``keep_original=True`` output."""
    sources, pairs = {}, []
    for row in out:
        if row["hfaug_copy"] == 0:
            sources[row["hfaug_source_id"]] = row["text"]
        else:
            pairs.append((sources[row["hfaug_source_id"]], row))
    return pairs


def params_of(row: dict) -> dict:
    return json.loads(row["hfaug_params"])
