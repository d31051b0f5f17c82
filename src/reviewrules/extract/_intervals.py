"""Non-overlapping spans kept sorted, for "does this candidate overlap one already taken?" in O(log n).

A linear scan over the spans taken so far is quadratic on long texts with many candidates (a list of a thousand
addresses or emails); the spans taken never overlap, so sorted by start they are sorted by end too and one bisection
answers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

__all__ = ["Taken"]


class Taken:
    """Spans ``[start, end)`` that never overlap one another (the caller only adds a span that overlaps none)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s < end and start < e``."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s <= start and end <= e``."""
        i = bisect_right(self._starts, start)
        return i > 0 and self._ends[i - 1] >= end

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
