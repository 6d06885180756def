"""A ``.json`` file that holds one object (SQuAD's, CLINC150's), not rows: refused, naming the lists that may hold
its rows."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from datasets import Dataset, LargeList, List

from hfaug.errors import HfaugError


def refuse_rows_in_a_list(split: Dataset, path: Path) -> None:
    """Refuse a ``.json`` file read as one row with a list (SQuAD's ``{"version": ..., "data": [...]}``): its rows are
    likely in the list, which `datasets` reads as rows only when told its name (``field=``)."""
    lists = [column for column, feature in split.features.items() if isinstance(feature, (List, LargeList))]
    if path.suffix.lower() != ".json" or split.num_rows != 1 or not lists:
        return
    raise _one_json_object(path, lists)


@contextlib.contextmanager
def one_json_object_told(path: Path) -> Iterator[None]:
    """Tell the error of `datasets` on a ``.json`` file holding one object with lists (CLINC150's
    ``{"train": [...], "test": [...]}``, pretty-printed, larger than pyarrow's block, its lists of other lengths),
    which it cannot read as one row either, as :func:`refuse_rows_in_a_list` tells the object it reads."""
    try:
        yield
    except HfaugError as error:
        lists = _top_level_lists(path) if path.suffix.lower() == ".json" else []
        if not lists:
            raise
        raise _one_json_object(path, lists) from error


def _top_level_lists(path: Path) -> list[str]:
    """The keys of the lists in the JSON object that the file ``path`` holds; none where it holds no object."""
    try:
        with open(path, encoding="utf-8") as file:
            content = json.load(file)
    except ValueError:  # no JSON (a UnicodeDecodeError is one too)
        return []
    return [key for key, value in content.items() if isinstance(value, list)] if isinstance(content, dict) else []


def _one_json_object(path: Path, lists: list[str]) -> HfaugError:
    """The error of the ``.json`` file ``path`` that holds one object, whose ``lists`` may hold its rows."""
    where = f"the list {lists[0]!r}" if len(lists) == 1 else f"one of the lists {', '.join(map(repr, lists))}"
    return HfaugError(
        f"{str(path)!r} holds one JSON object, not rows; if its rows are in {where}, save them as JSON Lines (one "
        f"object a line), or read them in Python with load_dataset('json', data_files=path, field={lists[0]!r}) and "
        "pass that Dataset"
    )
