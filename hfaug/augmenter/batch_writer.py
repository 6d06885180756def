"""The rows an augmented batch becomes: its columns, then the provenance columns (:mod:`hfaug.provenance`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hfaug import provenance
from hfaug.configurable import jsonable

if TYPE_CHECKING:
    from hfaug.augmenter import Augmenter


def _param_json(value: Any) -> Any:
    """A sampled parameter that is no JSON data as JSON data: a NumPy number as Python's, a set sorted (not in the
    order of this process's hashes), ... (:func:`hfaug.configurable.jsonable`); other objects as their text."""
    plain = jsonable(value)
    return str(value) if plain is value else plain


# ``json.dumps(value, sort_keys=True, default=_param_json, ensure_ascii=False)``, without building an encoder per
# call: ``{"deleted": ["café"]}``, as searched and shown, not ``caf\u00e9``.
_params_json = json.JSONEncoder(sort_keys=True, default=_param_json, ensure_ascii=False).encode


class BatchWriter:
    """Accumulates output rows, then builds the batch's columns plus the provenance columns."""

    def __init__(self, augmenter: Augmenter, batch: Mapping[str, list[Any]], source_ids: list[str]) -> None:
        rows = len(batch[augmenter.column])
        self.column = augmenter.column
        self.outputs_per_row = augmenter.n + augmenter.keep_original
        self.batch = batch
        self.source_ids = source_ids
        self.previous_names = batch.get(provenance.AUGMENTER) or [provenance.ORIGINAL] * rows
        self.previous_errors = [error or "" for error in batch.get(provenance.ERROR) or [""] * rows]  # CSV: null
        self.previous_copies = batch.get(provenance.COPY) or [0] * rows
        self.previous_params = batch.get(provenance.PARAMS) or ["{}"] * rows
        self.rows: list[int] = []
        self.values: list[Any] = []
        self.names: list[str] = []
        self.copies: list[int] = []
        self.params: list[str] = []
        self.errors: list[str] = []

    def original(self, row: int) -> None:
        """The row as it came, keeping any provenance from an earlier augmentation."""
        self._row(
            row,
            self.batch[self.column][row],
            self.previous_names[row],
            self._numbered(row, 0),
            self.previous_params[row],
            self.previous_errors[row],
        )

    def augmented(
        self, row: int, copy: int, value: Any, name: str, params: Mapping[str, Any], error: str | None = None
    ) -> None:
        """An augmented copy; ``error`` set means the original value is kept.

        A copy of a copy (``ds.map(a).map(b)``) is named ``a>b`` and records ``{"chain": [a's
        parameters, b's]}``.
        """
        previous = self.previous_names[row]
        params_json = _params_json(dict(params)) if params else "{}"
        if previous != provenance.ORIGINAL:
            name = f"{previous}>{name}"
            earlier = json.loads(self.previous_params[row])
            chain = earlier["chain"] if ">" in previous else [earlier]
            params_json = _params_json({"chain": [*chain, dict(params)]})
        if error:  # earlier steps' errors were cleaned when they were written
            error = provenance.error_text(error)
        earlier = self.previous_errors[row]
        repeated = error and (earlier == error or earlier.endswith(f"; {error}"))  # the same input, the same reason
        errors = earlier if repeated else "; ".join(message for message in (earlier, error) if message)
        value = self.batch[self.column][row] if error is not None else value
        self._row(row, value, name, self._numbered(row, copy), params_json, errors)

    def _numbered(self, row: int, copy: int) -> int:
        """The copy number of ``row``'s output ``copy`` (0: the row kept): the rows made from a row numbered
        ``p`` are numbered from ``p × outputs_per_row``, so that every row of a chain has a number of its own
        among those of its source id, whatever each step kept; an original's copies are numbered 1..n."""
        return self.previous_copies[row] * self.outputs_per_row + copy

    def _row(self, row: int, value: Any, name: str, copy: int, params: str, error: str) -> None:
        self.rows.append(row)
        self.values.append(value)
        self.names.append(name)
        self.copies.append(copy)
        self.params.append(params)
        self.errors.append(error)

    @property
    def columns(self) -> dict[str, list[Any]]:
        """The written rows as columns: the batch's, in its order, then the provenance columns."""
        written = {
            self.column: self.values,
            provenance.SOURCE_ID: [self.source_ids[row] for row in self.rows],
            provenance.AUGMENTER: self.names,
            provenance.COPY: self.copies,
            provenance.PARAMS: self.params,
            provenance.ERROR: self.errors,
        }
        return {
            name: written[name] if name in written else [self.batch[name][row] for row in self.rows]
            for name in (*self.batch, *provenance.COLUMNS)
        }
