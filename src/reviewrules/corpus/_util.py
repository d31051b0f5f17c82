"""Small building blocks of the corpus accumulators: string codes, union-find, evidence spans."""

from __future__ import annotations

from ..detectors.base import CorpusItem
from ..models import Span

NO_TIME = -(1 << 62)
DAY = 86_400


class Codes:
    """Interns strings to small ints so that per-review columns stay arrays of ints."""

    __slots__ = ("_index", "names")

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.names: list[str] = []

    def code(self, s: str | None) -> int:
        if s is None:
            return -1
        c = self._index.get(s)
        if c is None:
            c = self._index[s] = len(self.names)
            self.names.append(s)
        return c


class UnionFind:
    """Disjoint sets over ``0..n-1`` (path halving, union by smaller root index: deterministic)."""

    __slots__ = ("parent",)

    def __init__(self, n: int = 0) -> None:
        self.parent = list(range(n))

    def grow(self, n: int) -> None:
        if n > len(self.parent):
            self.parent.extend(range(len(self.parent), n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def text_field(item: CorpusItem) -> str | None:
    """The field the corpus rules read: the body, or the title of a review without one."""
    if "body" in item.doc.fields:
        return "body"
    if "title" in item.doc.fields:
        return "title"
    return None


def lead_span(item: CorpusItem, limit: int = 200) -> Span | None:
    """The opening of a review's text (up to ``limit`` characters, cut at a space) as evidence."""
    name = text_field(item)
    if name is None:
        return None
    original = item.doc.fields[name].original
    start = len(original) - len(original.lstrip())
    end = len(original.rstrip())
    if end - start > limit:
        cut = original.rfind(" ", start, start + limit)
        end = cut if cut > start else start + limit
        end = len(original[:end].rstrip())
    if end <= start:
        return None
    return Span(subject_id=item.id, field=name, start=start, end=end, text=original[start:end])
