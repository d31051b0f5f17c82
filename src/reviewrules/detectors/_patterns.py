"""Categorised phrase patterns from per-language lexicons, behind a cheap whole-word gate (shared by the medical,
dangerous and impersonation detectors).

Lexicon format (``data/lexicons/<lang>/<name>.txt``), one entry per line:

``gate: word word ...``
    words (whole tokens of the accent-folded text) of which at least one must occur before a pattern is tried;
    almost every review is dismissed by one set intersection. ``{name}`` adds the first word of every term of
    that lexicon (its longest word).
``<category> [word word {name}]: <phrase>``
    a line with its own gate instead of the file's (recommended: each pattern runs only when one of its own
    rarer words occurs).
``<category>: <phrase>``
    a phrase, lower case, accents optional (the text is accent-folded). A space matches a run of blanks;
    ``word*`` matches the rest of a word; ``(a|b)`` and ``?`` work as in a regular expression; ``#`` is a digit; ``@`` is any one word; ``..`` is a gap of
    up to three words; ``{name}`` is every term of the lexicon ``<prefix>_<name>`` of the same language (one term
    per line, same syntax). The phrase must start and end on word boundaries.

Categories are the caller's: the detector decides tier and message per category.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex

from ..extract._lazy import LazyPattern, PerLanguage
from ..lexicon import lexicon
from ..text import PreparedText
from ..text.confusables import FOLD_TABLE
from .base import Document

__all__ = ["PatternBook", "PatternMatch", "PatternSet", "negated", "quick_words", "text_lines", "word_set"]

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


def _phrase(term: str, prefix: str, language: str, depth: int = 0, refs: dict[str, str] | None = None) -> str:
    """The regular expression of a phrase; ``refs`` memoizes expanded ``{name}`` references within one build."""
    if refs is None:
        refs = {}
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
            expanded = refs.get(m.group(1))
            if expanded is None:
                terms = lexicon(f"{prefix}_{m.group(1)}", language)
                alts = sorted({_phrase(t, prefix, language, depth + 1, refs) for t in terms}, key=len, reverse=True)
                expanded = "(?:" + "|".join(alts) + ")" if alts else "(?!)"
                refs[m.group(1)] = expanded
            out.append(expanded)
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


_GATE_SPLIT = str.maketrans({c: " " for c in "'’-"})


def _gate_words(spec: str, prefix: str, language: str) -> set[str]:
    """Words of a gate: plain words, plus the longest word of every term of a ``{name}`` lexicon (terms with
    wildcards or groups cannot gate and are skipped: give such lines other gate words)."""
    out: set[str] = set()
    for item in spec.casefold().split():
        m = _REF.fullmatch(item)
        if m is None:
            out.update(item.translate(FOLD_TABLE).translate(_GATE_SPLIT).split())
            continue
        for term in lexicon(f"{prefix}_{m.group(1)}", language):
            # The longest word of a term is the rarest one ("multiple sclerosis" gates on "sclerosis").
            words = [w for w in term.casefold().translate(FOLD_TABLE).translate(_GATE_SPLIT).split() if w.isalnum()]
            if words and len(words) == len(term.split()) + term.count("'") + term.count("’") + term.count("-"):
                out.add(max(words, key=len))
    return out


class PatternSet:
    """All categories of one lexicon in one language, compiled once: one pattern per line, each behind its own
    whole-word gate (``category [w1 w2 {name}]: phrase``) or the file's ``gate:`` line."""

    def __init__(self, name: str, language: str) -> None:
        prefix = name.split("_", 1)[0]
        gate: set[str] = set()
        lines: list[tuple[str, str, set[str] | None]] = []
        refs: dict[str, str] = {}
        for line in lexicon(name, language):
            head, sep, body = line.partition(":")
            if not sep or not body.strip():
                continue
            cat, _, spec = head.partition("[")
            cat = cat.strip()
            if cat == "gate":
                gate.update(_gate_words(body, prefix, language))
                continue
            if not cat.isidentifier():
                continue
            own = _gate_words(spec.rstrip("] "), prefix, language) if spec else None
            lines.append((cat, f"(?<!\\w){_phrase(body, prefix, language, 0, refs)}(?!\\w)", own))
        self.gate: frozenset[str] = frozenset(gate)
        # each pattern is compiled the first time its gate lets a text through
        self._lines: tuple[tuple[str, frozenset[str], LazyPattern], ...] = tuple(
            (cat, frozenset(own if own is not None else gate), LazyPattern(pat, regex.V1))
            for cat, pat, own in lines
        )
        # Which lines each gate word opens (a review then costs one set intersection, not one test per line).
        opens: dict[str, list[int]] = {}
        for i, (_cat, words, _rx) in enumerate(self._lines):
            for w in words:
                opens.setdefault(w, []).append(i)
        self._opens: dict[str, tuple[int, ...]] = {w: tuple(v) for w, v in opens.items()}
        self._gate_words = frozenset(opens)
        self._always: tuple[int, ...] = tuple(i for i, (_c, words, _rx) in enumerate(self._lines) if not words)

    def __bool__(self) -> bool:
        return bool(self._lines)

    def compile_all(self) -> None:
        """Compile every pattern now (they are otherwise compiled on first use): a malformed line raises here."""
        for _cat, _gate, pattern in self._lines:
            pattern.rx  # noqa: B018

    def find(self, field: PreparedText, words: frozenset[str], timeout: float | None = None) -> list[PatternMatch]:
        out: list[PatternMatch] = []
        # Accepted matches never overlap, so sorted by start they are sorted by end too: one bisection tells
        # whether a new match overlaps any of them (a linear scan per match was quadratic on repetitive text).
        starts: list[int] = []
        ends: list[int] = []
        opened = self._gate_words.intersection(words)
        if opened:
            chosen: set[int] = set(self._always)
            for w in opened:
                chosen.update(self._opens[w])
            order: tuple[int, ...] | list[int] = sorted(chosen)
        else:
            order = self._always
        lines = self._lines
        for i in order:
            cat, _gate, pattern = lines[i]
            for m in pattern.rx.finditer(field.folded, timeout=timeout):
                s, e = m.span()
                i = bisect_left(starts, e)
                if i and ends[i - 1] > s:
                    continue
                starts.insert(i, s)
                ends.insert(i, e)
                out.append(PatternMatch(cat, s, e))
        out.sort(key=lambda pm: pm.start)
        return out


class PatternBook:
    """One :class:`PatternSet` per language for a lexicon name, each built the first time a text in its language
    arrives (languages without a file are empty)."""

    def __init__(self, name: str, languages: tuple[str, ...] = ("en", "es", "de", "fr", "it")) -> None:
        self._sets: PerLanguage[PatternSet] = PerLanguage(languages, lambda lang: PatternSet(name, lang))

    @property
    def sets(self) -> dict[str, PatternSet]:
        """Every language's set (built now if needed)."""
        return self._sets.all()

    def get(self, language: str) -> PatternSet | None:
        s = self._sets.get(language)
        return s if s else None


def negated(text: str, start: int, negators: frozenset[str], words: int = 3) -> bool:
    """Whether one of the ``words`` words before ``start`` in ``text`` is a negator ("does not cure")."""
    before = text[max(0, start - 60):start].translate(_PUNCT_KEEP_APOS).split()[-words:]
    return any(w in negators or w.endswith("n't") for w in before)


def text_lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of ``text``, without their outer blanks (one span per line keeps evidence quotable)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            out.append((start, start + len(stripped)))
        pos += len(line) + 1
    return out
