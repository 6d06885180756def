"""The before/after records of a version's sample rows, for its manifest, its card and ``hfaug show``."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from datasets import Dataset
from datasets.table import embed_table_storage

from hfaug import provenance
from hfaug.media_preview import describe, display_label, media_kind


def sample_records(samples: Dataset, column: str, label_column: str | None, split: str) -> list[dict[str, Any]]:
    """Before/after records of sample rows (each original followed by its copies), for the
    manifest, the card and ``hfaug show``. Media values are described, not embedded."""
    feature = samples.features[column]
    table = samples.with_format("arrow")[:]
    if media_kind(feature) is not None:  # described from the bytes of the files cells name, never by their paths
        with contextlib.suppress(OSError):
            table = embed_table_storage(table)
    rows = table.to_pylist()
    records: dict[str, dict[str, Any]] = {}
    for row in rows:
        source_id = row[provenance.SOURCE_ID]
        record = records.setdefault(source_id, {"split": split, "source_id": source_id, "before": None, "after": []})
        label = display_label(row[label_column], samples.features[label_column]) if label_column else None
        if label is not None:  # a row without a label shows none
            record["label"] = label
        if row[provenance.COPY] == 0:
            record["before"] = describe(row[column], feature)
        else:
            record["after"].append(
                {
                    "copy": row[provenance.COPY],
                    "augmenter": row[provenance.AUGMENTER],
                    "value": describe(row[column], feature),
                    "params": json.loads(row[provenance.PARAMS] or "{}"),
                    "error": row[provenance.ERROR],
                }
            )
    return list(records.values())
