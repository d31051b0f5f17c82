"""Text views with an offset map back to the text they were derived from.

A :class:`View` is a string plus a piecewise map to its parent. Copied runs map one to one; replaced runs (an HTML
entity decoded to one character, a ligature expanded by NFKC, a deleted zero-width character) map as a block. So a
span found in any view maps back to a span of the original text, and ``original[start:end]`` is the evidence.
Building a view costs time proportional to the number of changes, not to the text length, and an unchanged view
shares its parent's map for free.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Final

import regex

__all__ = ["View", "build_view"]


class View:
    """A string derived from ``parent`` (or an original text when ``parent`` is None)."""

    __slots__ = ("_lin", "_pe", "_ps", "_ve", "_vs", "parent", "text")

    def __init__(
        self,
        text: str,
        parent: View | None = None,
        segments: tuple[list[int], list[int], list[int], list[int], list[bool]] | None = None,
    ) -> None:
        self.text: Final = text
        self.parent: Final = parent
        if segments is None:
            self._vs = self._ve = self._ps = self._pe = None
            self._lin = None
        else:
            self._vs, self._ve, self._ps, self._pe, self._lin = segments

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"View({len(self.text)} chars, identity={self._vs is None})"

    @property
    def is_identity(self) -> bool:
        return self._vs is None

    def _start_to_parent(self, i: int) -> int:
        if self._vs is None:
            return i
        assert self.parent is not None
        if i >= len(self.text):
            return len(self.parent.text)
        k = bisect_right(self._vs, i) - 1
        assert self._ps is not None and self._lin is not None and self._ve is not None and self._pe is not None
        if k < 0:
            return 0
        if i >= self._ve[k]:  # in a gap after a deleted run: the next segment starts here
            return self._ps[k + 1] if k + 1 < len(self._ps) else len(self.parent.text)
        return self._ps[k] + (i - self._vs[k]) if self._lin[k] else self._ps[k]

    def _end_to_parent(self, j: int) -> int:
        if self._vs is None:
            return j
        assert self.parent is not None
        if j <= 0:
            return 0
        k = bisect_right(self._vs, j - 1) - 1
        assert self._ps is not None and self._lin is not None and self._ve is not None and self._pe is not None
        if k < 0:
            return 0
        return self._ps[k] + (j - self._vs[k]) if self._lin[k] else self._pe[k]

    def to_root(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this view to the original text. Empty spans stay empty."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        view: View | None = self
        while view is not None and view.parent is not None:
            if end == start:
                s = view._start_to_parent(start)
                start = end = s
            else:
                start, end = view._start_to_parent(start), view._end_to_parent(end)
                if end < start:
                    end = start
            view = view.parent
        return start, end

    def root(self) -> View:
        view = self
        while view.parent is not None:
            view = view.parent
        return view


class _Builder:
    __slots__ = ("lin", "out", "pe", "pos", "ps", "ve", "vs")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.vs: list[int] = []
        self.ve: list[int] = []
        self.ps: list[int] = []
        self.pe: list[int] = []
        self.lin: list[bool] = []
        self.pos = 0

    def add(self, s: str, p_start: int, p_end: int) -> None:
        n = len(s)
        if n == 0:
            return
        linear = n == p_end - p_start
        if (
            linear
            and self.lin
            and self.lin[-1]
            and self.ve[-1] == self.pos
            and self.pe[-1] == p_start
        ):
            self.ve[-1] += n
            self.pe[-1] += n
        else:
            self.vs.append(self.pos)
            self.ve.append(self.pos + n)
            self.ps.append(p_start)
            self.pe.append(p_end)
            self.lin.append(linear)
        self.out.append(s)
        self.pos += n


Replacer = Callable[["regex.Match[str]"], "Iterable[tuple[str, int, int]] | str"]


def build_view(parent: View, pattern: regex.Pattern[str], replace: Replacer) -> View:
    """Derive a view: every match of ``pattern`` is replaced by what ``replace`` returns.

    ``replace`` returns either a string (mapped as a block onto the match, or one to one when it has the same
    length) or pieces ``(text, parent_start, parent_end)`` for finer maps (an anchor tag whose href stays linked to
    its place in the original). Without a match the parent's text is reused and the map is the identity.
    """
    text = parent.text
    b = _Builder()
    last = 0
    changed = False
    for m in pattern.finditer(text):
        ms, me = m.span()
        rep = replace(m)
        if isinstance(rep, str):
            if rep == m.group(0):
                continue
            pieces: Iterable[tuple[str, int, int]] = ((rep, ms, me),)
        else:
            pieces = rep
        changed = True
        if ms > last:
            b.add(text[last:ms], last, ms)
        for s, ps, pe in pieces:
            b.add(s, ps, pe)
        last = me
    if not changed:
        return View(text, parent, None)
    if last < len(text):
        b.add(text[last:], last, len(text))
    return View("".join(b.out), parent, (b.vs, b.ve, b.ps, b.pe, b.lin))
