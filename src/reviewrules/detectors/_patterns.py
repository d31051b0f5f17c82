"""Categorised phrase patterns from per-language lexicons, behind a cheap whole-word gate (shared by the medical,
dangerous and impersonation detectors).

Lexicon format (``data/lexicons/<lang>/<name>.txt``), one entry per line:

``gate: word word ...``
    words (whole tokens of the accent-folded text) of which at least one must occur before any pattern is tried;
    almost every review is dismissed by one set intersection.
``<category>: <phrase>``
    a phrase, lower case, accents optional (the text is accent-folded). A space matches a run of blanks;
    ``word*`` matches the rest of a word; ``(a|b)`` and ``?`` work as in a regular expression; ``#`` is a digit; ``@`` is any one word; ``..`` is a gap of
    up to three words; ``{name}`` is every term of the lexicon ``<prefix>_<name>`` of the same language (one term
    per line, same syntax). The phrase must start and end on word boundaries.

Categories are the caller's: the detector decides tier and message per category.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..lexicon import lexicon
from ..text import PreparedText
from ..text.confusables import FOLD_TABLE
from .base import Document

__all__ = ["PatternBook", "PatternMatch", "PatternSet", "quick_words", "word_set"]

_REF = regex.compile(r"\{([a-z_0-9]+)\}")
# Punctuation to blanks, so that ``str.split`` gives the words (much cheaper than a regex tokenizer).
_PUNCT_KEEP_APOS = str.maketrans({c: " " for c in "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~“”„«»…–—¡¿·•"})
_PUNCT = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~’‘“”„«»…–—¡¿·•"})


def quick_words(doc: Document, field: PreparedText) -> list[str]:
    """The words of a field's ``folded`` view, split on blanks and punctuation; computed once per document and
    shared by the spam, medical, dangerous and impersonation detectors."""
    key = f"misc_words:{field.field}"
    words = doc.notes.get(key)
    if words is None:
        words = field.folded.translate(_PUNCT).split()
        doc.notes[key] = words
    return words


def word_set(doc: Document, field: PreparedText) -> frozenset[str]:
    """The distinct words of a field (see :func:`quick_words`), for whole-word gates."""
    key = f"misc_wordset:{field.field}"
    found = doc.notes.get(key)
    if found is None:
        found = frozenset(quick_words(doc, field))
        doc.notes[key] = found
    return found


@dataclass(frozen=True, slots=True)
class PatternMatch:
    category: str
    start: int  # in ``folded`` (= ``norm``) offsets
    end: int


def _phrase(term: str, prefix: str, language: str, depth: int = 0) -> str:
    term = term.strip().casefold().translate(FOLD_TABLE)
    out: list[str] = []
    i = 0
    while i < len(term):
        ch = term[i]
        if ch == "\\" and i + 1 < len(term):
            out.append(regex.escape(term[i + 1]))
            i += 2
        elif ch == "{":
            m = _REF.match(term, i)
            if m is None or depth > 2:
                raise ValueError(f"bad lexicon reference in {prefix} ({language})")
            terms = lexicon(f"{prefix}_{m.group(1)}", language)
            alts = sorted({_phrase(t, prefix, language, depth + 1) for t in terms}, key=len, reverse=True)
            out.append("(?:" + "|".join(alts) + ")" if alts else "(?!)")
            i = m.end()
        elif term.startswith("..", i):
            out.append(r"(?:[\w'’-]{1,25}[\s,]{1,3}){0,3}?")
            i += 2
            while i < len(term) and term[i] == " ":
                i += 1
        elif ch == " ":
            out.append(r"\s{1,3}")
            while i < len(term) and term[i] == " ":
                i += 1
        elif ch == "@":
            out.append(r"[\w&'’-]{1,25}")
            i += 1
        elif ch == "#":
            out.append(r"\d")
            i += 1
        elif ch == "*":
            out.append(r"\w{0,15}")
            i += 1
        elif ch == "'":
            out.append("['’]")
            i += 1
        elif ch in "()|?":
            out.append("(?:" if ch == "(" else ch)
            i += 1
        else:
            out.append(regex.escape(ch))
            i += 1
    return "".join(out)


class PatternSet:
    """All categories of one lexicon in one language, compiled once."""

    def __init__(self, name: str, language: str) -> None:
        prefix = name.split("_", 1)[0]
        gate: set[str] = set()
        alts: list[str] = []
        for line in lexicon(name, language):
            cat, sep, body = line.partition(":")
            cat = cat.strip()
            if not sep or not body.strip():
                continue
            if cat == "gate":
                gate.update(w.translate(FOLD_TABLE) for w in body.casefold().split())
                continue
            if not cat.isidentifier():
                continue
            alts.append(f"(?P<{cat}>(?<!\\w){_phrase(body, prefix, language)}(?!\\w))")
        self.gate: frozenset[str] = frozenset(gate)
        self._pattern = regex.compile("|".join(alts), regex.V1) if alts else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, field: PreparedText, words: frozenset[str], timeout: float | None = None) -> list[PatternMatch]:
        if self._pattern is None or (self.gate and self.gate.isdisjoint(words)):
            return []
        out: list[PatternMatch] = []
        for m in self._pattern.finditer(field.folded, timeout=timeout):
            if m.lastgroup is not None:
                out.append(PatternMatch(m.lastgroup, m.start(), m.end()))
        return out


class PatternBook:
    """One :class:`PatternSet` per language for a lexicon name, built once (languages without a file are empty)."""

    def __init__(self, name: str, languages: tuple[str, ...] = ("en", "es", "de", "fr", "it")) -> None:
        self.sets = {lang: PatternSet(name, lang) for lang in languages}

    def get(self, language: str) -> PatternSet | None:
        s = self.sets.get(language)
        return s if s else None


def negated(text: str, start: int, negators: frozenset[str], words: int = 3) -> bool:
    """Whether one of the ``words`` words before ``start`` in ``text`` is a negator ("does not cure")."""
    before = text[max(0, start - 60):start].translate(_PUNCT_KEEP_APOS).split()[-words:]
    return any(w in negators or w.endswith("n't") for w in before)
