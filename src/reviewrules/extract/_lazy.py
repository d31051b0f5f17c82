"""A regular expression compiled on first use.

Lexicons hold hundreds of patterns per language, and most of them never meet a text that could start them (and a
corpus in one language never needs the other languages'): compiling each on first use keeps an engine's build
cheap. The compiled pattern lives on the object (no global state). Two threads may both compile it at once: the
results are equal and either is kept.
"""

from __future__ import annotations

import regex

__all__ = ["LazyPattern"]


class LazyPattern:
    __slots__ = ("_rx", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._rx: regex.Pattern[str] | None = None

    @property
    def rx(self) -> regex.Pattern[str]:
        rx = self._rx
        if rx is None:
            rx = self._rx = regex.compile(self.source, self.flags)
        return rx
