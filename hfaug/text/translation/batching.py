"""Batches by token budget: sort by length, then fill each batch up to a padded-token budget.

Every item is padded to a length fixed by the item alone (its length rounded up to a multiple
of ``PAD_MULTIPLE``), and a batch only holds items of one padded length. An item therefore
sees the same padding whatever else is in its batch: in bf16/fp16 padding changes the
rounding of attention, and with it sampled tokens, so this keeps outputs independent of the
batch size.
"""

from __future__ import annotations

PAD_MULTIPLE = 8


def padded_length(length: int, limit: int | None = None) -> int:
    """``length`` rounded up to a multiple of ``PAD_MULTIPLE`` (at most ``limit``, never below ``length``)."""
    padded = -(-length // PAD_MULTIPLE) * PAD_MULTIPLE
    return max(length, min(padded, limit)) if limit is not None else padded


def plan_batches(lengths: list[int], max_tokens: int, rows_per_item: int = 1, limit: int | None = None) -> list[list[int]]:
    """Indices of ``lengths`` grouped into batches of one padded length each, longest first.

    A batch grows while ``items * rows_per_item * padded length`` stays within ``max_tokens``
    (a single item always forms a batch).

    Args:
        lengths (`list[int]`): Token count of each item.
        max_tokens (`int`): Padded tokens a batch may hold.
        rows_per_item (`int`, defaults to 1): Rows each item takes in the model (beams).
        limit (`int`, *optional*): The model's input limit (padding never goes beyond it).

    Example:
        >>> plan_batches([3, 10, 4, 9], max_tokens=32)
        [[1, 3], [0, 2]]
    """
    padded = [padded_length(length, limit) for length in lengths]
    order = sorted(range(len(lengths)), key=lambda index: (-padded[index], index))
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        if current and (padded[current[0]] != padded[index] or (len(current) + 1) * rows_per_item * padded[index] > max_tokens):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches
