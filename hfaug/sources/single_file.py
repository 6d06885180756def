"""Reading a single data file as one split, after the checks that refuse content it would be misread as."""

from __future__ import annotations

import logging
from pathlib import Path

from datasets import DatasetDict, load_dataset

from hfaug.data_file_paths import literal_pattern
from hfaug.errors import HfaugError
from hfaug.sources.content_checks import refuse_content_of_another_type, refuse_other_separators
from hfaug.sources.data_files import DATA_FILE_TYPES, named_held_out, row_loader
from hfaug.sources.json_object import one_json_object_told, refuse_rows_in_a_list
from hfaug.sources.read_errors import file_loader_errors_unlogged, unreadable_told
from hfaug.sources.text_encoding import refuse_text_not_utf8

logger = logging.getLogger(__name__)


def load_file(path: Path, splits: list[str] | None) -> DatasetDict:
    loader = row_loader(path.name)
    if loader is None:
        raise ValueError(
            f"cannot read {str(path)!r}: unsupported file type {path.suffix or '(none)'!r}; use a {DATA_FILE_TYPES} "
            "file (or one compressed: .jsonl.gz), a dataset folder or a Hub id"
        )
    if splits is not None and len(splits) != 1:
        raise ValueError(f"a single file holds one split; pass one --split (its name), not {splits}")
    split = splits[0] if splits else "train"
    if not splits and named_held_out(Path(path.name), split):
        logger.warning(
            "%r is named as held-out data, but a single file is read as split 'train', which recipes augment; augment "
            "the training data and leave held-out data as it is (or name the file's split: --split NAME, in Python "
            "splits=[NAME])",
            str(path),
        )
    no_rows = HfaugError(f"dataset file {str(path)!r} holds no rows; pass a file with data")
    if path.stat().st_size == 0:
        raise no_rows
    refuse_content_of_another_type([path])
    refuse_other_separators([path])
    where = repr(str(path))
    name, options = loader
    try:
        with one_json_object_told(path), unreadable_told(where, [path]), file_loader_errors_unlogged():
            data = load_dataset(name, data_files={split: literal_pattern(path)}, **options)
    except StopIteration:  # the json builder on a file of blank lines
        raise no_rows from None
    except ValueError as error:
        if "corresponds to no data" not in str(error):
            raise
        raise no_rows from None
    refuse_text_not_utf8(data[split], where, [path])
    refuse_rows_in_a_list(data[split], path)
    return data
