"""A regular expression compiled on first use.

Lexicons hold hundreds of patterns per language, and most of them never meet a text that could start them (and a
corpus in one language never needs the other languages'): compiling each on first use keeps an engine's build
cheap. The compiled pattern lives on the object (no global state). Two threads may both compile it at once: the
results are equal and either is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

import regex

__all__ = ["LazyPattern", "PerLanguage"]

T = TypeVar("T")


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


class PerLanguage(Generic[T]):
    """One value per language (a compiled lexicon pack), built the first time a text in that language asks for
    it: an engine that only ever sees English never reads the other languages' lexicons. ``get`` returns None for
    a language outside ``languages``. Two threads may both build a pack: they are equal and the first stored is
    kept."""

    __slots__ = ("_build", "_built", "languages")

    def __init__(self, languages: Iterable[str], build: Callable[[str], T]) -> None:
        self.languages = frozenset(languages)
        self._build = build
        self._built: dict[str, T] = {}

    def get(self, language: str) -> T | None:
        value = self._built.get(language)
        if value is None:
            if language not in self.languages:
                return None
            value = self._built.setdefault(language, self._build(language))
        return value

    def all(self) -> dict[str, T]:
        """Every language's value (built now if needed), e.g. for tests."""
        out: dict[str, T] = {}
        for lang in sorted(self.languages):
            value = self.get(lang)
            if value is not None:
                out[lang] = value
        return out
