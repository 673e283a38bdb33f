"""Items in batches, in order: the one chunking helper of the local path's windows, the
multilingual extractor's windows and the parser's groups of blocks."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def _one(_: object) -> int:
    return 1


def batches(items: Iterable[T], size: int, weight: Callable[[T], int] = _one) -> Iterator[list[T]]:
    """Lists of consecutive items, each closed once its items' weights (1 each, unless given)
    add up to `size`; the last list holds what is left. Items are read only as needed."""
    batch: list[T] = []
    total = 0
    for item in items:
        batch.append(item)
        total += weight(item)
        if total >= size:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch
