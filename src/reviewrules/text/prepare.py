"""Prepare a text field once: HTML decoded, NFKC, invisible characters removed, case folded, and (on demand)
homoglyph/diacritic/leetspeak folded, every view mapped back to the original.

Views of a :class:`PreparedText`:

``original``
    the field as given.
``text``
    HTML entities and common tags decoded (``<br />`` is a line break; an anchor keeps its ``href`` in place),
    NFKC-normalized (full-width digits, ligatures, fancy math letters become plain), zero-width and control
    characters removed. Case is kept (capitalisation is a cue for names).
``norm``
    ``text`` case-folded. Most detectors read this view.
``folded``
    ``norm`` with look-alike letters (Cyrillic ``ѕ``, Greek ``ο``) and accents folded to ASCII, one character for
    one character, so it shares ``norm``'s map. For detectors that must see through disguises.
``leet``
    ``folded`` with leetspeak digits and symbols read as letters (``sh1t``, ``a$$``). Digits lose their meaning
    here, so only lexicon matchers should read it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cached_property
from typing import Final

import regex

from .confusables import FOLD_TABLE, LEET_TABLE
from .offsets import View, build_view

__all__ = ["PreparedText", "prepare"]

_TAGS = (
    "a|abbr|b|blockquote|br|center|code|div|em|font|h[1-6]|hr|i|img|li|ol|p|pre|q|s|small|span|strike|strong|sub|"
    "sup|table|tbody|td|th|thead|tr|u|ul|video|iframe|style|script"
)
# One pass over the original finds everything the clean view changes. Bounded quantifiers only.
_CLEAN = regex.compile(
    r"(?P<anchor><a\s[^<>]{0,400}?href\s*=\s*(?P<q>[\"']?)(?P<href>[^\"'<>\s]{1,2000})(?P=q)[^<>]{0,400}>)"
    r"|(?P<br></?(?:br|p|div|li|tr|h[1-6])(?:\s[^<>]{0,400})?/?>)"
    rf"|(?P<tag></?(?:{_TAGS})(?:\s[^<>]{{0,400}})?/?>)"
    r"|(?P<ent>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<inv>[\p{Cf}\p{Cc}--[\t\n\r]]+)"
    r"|(?P<wide>[^\x00-\x7f\p{Cf}\p{Cc}]{1,256})",
    regex.V1 | regex.IGNORECASE,
)
_QUICK = regex.compile(r"[&<]|[^\x00-\x7f]")


def _clean_replace(m: regex.Match[str]) -> str | list[tuple[str, int, int]]:
    kind = m.lastgroup
    if kind == "anchor" or m.group("anchor"):
        hs, he = m.span("href")
        return [(" ", m.start(), hs), (m.group("href"), hs, he), (" ", he, m.end())]
    if m.group("br"):
        return "\n"
    if m.group("tag"):
        return " " if str(m.group(0)).lower().startswith("<img") else ""
    if m.group("ent"):
        ent: str = m.group("ent")
        out = html.unescape(ent)
        if out == ent:
            return ent
        return str(unicodedata.normalize("NFKC", out))
    if m.group("inv"):
        return ""
    run: str = m.group(0)
    if unicodedata.is_normalized("NFKC", run):
        return run
    base = m.start()
    return [(unicodedata.normalize("NFKC", c), base + i, base + i + 1) for i, c in enumerate(run)]


def _casefold_view(parent: View) -> View:
    text = parent.text
    if text.isascii():
        low = text.lower()
        return View(low, parent, None)
    folded = text.casefold()
    if len(folded) == len(text):
        return View(folded, parent, None)
    return build_view(parent, _FOLDABLE, _casefold_pieces)


_FOLDABLE = regex.compile(r"[A-Z]+|[^\x00-\x7f]+")


def _casefold_pieces(m: regex.Match[str]) -> list[tuple[str, int, int]]:
    base = m.start()
    return [(c.casefold(), base + i, base + i + 1) for i, c in enumerate(m.group(0))]


class PreparedText:
    """One field, prepared once. Views are computed on first use and cached on the object."""

    __slots__ = ("__dict__", "field", "original", "truncated")

    def __init__(self, original: str, field: str = "body", max_chars: int | None = None) -> None:
        self.field: Final = field
        self.truncated: Final = max_chars is not None and len(original) > max_chars
        self.original: Final = original
        limited = original[:max_chars] if self.truncated and max_chars is not None else original
        self._root = View(limited)

    @cached_property
    def clean(self) -> View:
        root = self._root
        text = root.text
        # "_QUICK.search(text) is None" without a scan on ASCII text (isascii() reads a flag)
        if (text.isascii() and "&" not in text and "<" not in text) or (
            not text.isascii() and _QUICK.search(text) is None
        ):
            return View(text, root, None)
        return build_view(root, _CLEAN, _clean_replace)

    @property
    def text(self) -> str:
        return self.clean.text

    @cached_property
    def norm_view(self) -> View:
        return _casefold_view(self.clean)

    @property
    def norm(self) -> str:
        return self.norm_view.text

    @cached_property
    def folded_view(self) -> View:
        v = self.norm_view
        if v.text.isascii():
            return View(v.text, v, None)
        return View(v.text.translate(FOLD_TABLE), v, None)

    @property
    def folded(self) -> str:
        return self.folded_view.text

    @cached_property
    def leet_view(self) -> View:
        v = self.folded_view
        return View(v.text.translate(LEET_TABLE), v, None)

    @property
    def leet(self) -> str:
        return self.leet_view.text

    def span(self, view: View, start: int, end: int) -> tuple[int, int, str]:
        """Map a span of any of this field's views to the original: ``(start, end, evidence)``."""
        s, e = view.to_root(start, end)
        return s, e, self.original[s:e]

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """Word spans in ``norm`` (letters, digits, apostrophes inside words)."""
        norm = self.norm
        # On ASCII text the stdlib engine finds the same words faster.
        return [m.span() for m in (_WORD_ASCII if norm.isascii() else _WORD).finditer(norm)]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in ``norm`` (and ``text``, which has the same length), stripped of outer blanks."""
        return split_sentences(self.norm)

    def __len__(self) -> int:
        return len(self.original)


_WORD = regex.compile(r"\w+(?:['’]\w+)*", regex.V1)
_WORD_ASCII = re.compile(r"\w+(?:'\w+)*")
_SENT_END = regex.compile(r"(?:[.!?…]+[\"')\]]*|[。！？]+)(?=\s|$)|\n\s*\n|\n(?=\s*[-*•])|(?<=[。！？])", regex.V1)


# The same pattern without the branches that need characters most texts lack: a zero-width lookbehind tried at
# every position costs several times the rest of the scan.
_SENT_END_NL = regex.compile(r"(?:[.!?…]+[\"')\]]*)(?=\s|$)|\n\s*\n|\n(?=\s*[-*•])", regex.V1)
_SENT_END_PLAIN = regex.compile(r"(?:[.!?…]+[\"')\]]*)(?=\s|$)", regex.V1)


def split_sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    if "。" in text or "！" in text or "？" in text:
        ends = _SENT_END
    elif "\n" in text:
        ends = _SENT_END_NL
    else:
        ends = _SENT_END_PLAIN
    for m in ends.finditer(text):
        end = m.end()
        _append_stripped(text, start, end, out)
        start = end
    _append_stripped(text, start, len(text), out)
    return out


def _append_stripped(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def prepare(text: str, field: str = "body", max_chars: int | None = None) -> PreparedText:
    if not isinstance(text, str):
        raise TypeError(f"expected str for field {field!r}, got {type(text).__name__}")
    return PreparedText(text, field, max_chars)
