"""Batches by token budget: sort by length, then fill each batch up to a padded-token budget."""

from __future__ import annotations


def plan_batches(lengths: list[int], max_tokens: int, rows_per_item: int = 1) -> list[list[int]]:
    """Indices of ``lengths`` grouped into batches, longest first.

    Items are sorted by length (longest first, ties by index), so each batch is padded only
    to its own longest item; a batch grows while ``items * rows_per_item * longest`` stays
    within ``max_tokens`` (a single item always forms a batch).

    Args:
        lengths (`list[int]`): Token count of each item.
        max_tokens (`int`): Padded tokens a batch may hold.
        rows_per_item (`int`, defaults to 1): Rows each item takes in the model (beams).

    Example:
        >>> plan_batches([3, 10, 4, 9], max_tokens=20)
        [[1, 3], [2, 0]]
    """
    order = sorted(range(len(lengths)), key=lambda index: (-lengths[index], index))
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = lengths[current[0]] if current else lengths[index]
        if current and (len(current) + 1) * rows_per_item * longest > max_tokens:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches
