"""A fast per-language term matcher that sees through the usual disguises.

Built once from a list of terms, it answers for one :class:`~reviewrules.text.PreparedText` which terms occur, as
whole tokens, with spans in the field's ``norm`` view (the ``folded`` and ``leet`` views share those offsets, so a
caller maps a span back with ``prepared.norm_view``).

Term syntax (one term per lexicon line):

``word``
    the whole token ``word`` (case-insensitive; tokens are runs of letters and digits).
``stem*``
    any token that starts with ``stem`` (``fuck*`` finds ``fuckwit``); keep stems long enough to be safe.
``*tail``
    any token that ends with ``tail`` (``*shit`` finds ``bullshit``).
``two words``
    a phrase of consecutive tokens; each token may end with ``*``.

Why it is fast: one ``findall`` of tokens of the ``leet`` view and a set intersection decide, for almost every
text, that nothing can match; the slower pass (token offsets, phrases, masks, spacing, elongation, homoglyphs) only
runs when that pre-filter or a cheap hint says it may be needed.

What it sees through: leetspeak (``sh1t``, ``a$$``, ``@ss``), masks (``f*ck``, ``f**k``, ``sh#t``), spacing
(``f u c k``, ``f.u.c.k``), elongation (``fuuuck``), look-alike letters (Cyrillic ``ѕhit``; NFKC already made fancy
letters plain and removed zero-width characters). Digit-heavy tokens (``455``, ``A55``) are not read as leetspeak:
a token needs more letters than digits.

What it never does: match inside a longer word (``Scunthorpe``, ``classic``, ``assessment``), or fold accents on
terms that have them in the language (``coño`` is not ``cono``, the Spanish cone). An allow-list of tokens and
phrases (``shitake``, ``hell of a``) removes matches that overlap it.

``substring=True`` is for languages written without spaces (Japanese): terms are found as substrings and the
allow-list is a list of longer strings that contain a term innocently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Generic, TypeVar

import regex

from ..text import PreparedText
from ..text.confusables import FOLD_TABLE, LEET_TABLE

__all__ = ["LexMatch", "LexMatcher", "prefilter_tokens", "tokens"]

T = TypeVar("T")

_TOKEN = regex.compile(r"[^\W_]+")
_TOKEN_ASCII = re.compile(r"[^\W_]+")
# Runs that may hide a word behind symbols: letters, digits and the usual leet and mask characters.
_WIDE = regex.compile(r"[\p{L}\p{N}$@!|+*#€£¥]{2,40}")
_MASKY = frozenset("*#")
# Single letters separated by one space, dot, dash or underscore: "f u c k", "f.u.c.k".
_SPACED = regex.compile(r"(?<![\p{L}\p{N}])\p{L}(?:[ .\-_]\p{L}){2,15}(?![\p{L}\p{N}])")
# A cheap hint that a disguise may be present (masks, elongation, spaced letters).
# Single-letter tokens other than "i" and "a": three of them hint at spaced-out letters.
_SINGLES = frozenset("bcdefghjklmnopqrstuvwxyz")
# ... and at least one that is not left over from an apostrophe ("it's", "don't", "I'm", "I'd").
_RARE_SINGLES = _SINGLES - frozenset("sdmt")
_RUN3 = regex.compile(r"(\p{L})\1{2,}")


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` as the matcher sees them (runs of letters and digits)."""
    found: list[str] = _TOKEN.findall(text)
    return found


def prefilter_tokens(prepared: PreparedText) -> frozenset[str]:
    """The token set every matcher's pre-filter reads (tokens of the ``leet`` view); compute once per text."""
    leet = prepared.leet
    # On ASCII text the stdlib engine finds the same tokens faster.
    toks: list[str] = (_TOKEN_ASCII if leet.isascii() else _TOKEN).findall(leet)
    if "!" in prepared.norm:
        # The leet view reads "!" as "i": "shit!" is "shiti" there. Add the reading without it.
        toks += [t.rstrip("i") for t in toks if t.endswith("i")]
    return frozenset(toks)


@dataclass(frozen=True, slots=True)
class LexMatch(Generic[T]):
    """One term found. ``start``/``end`` are offsets in the ``norm`` view (shared by ``folded`` and ``leet``)."""

    start: int
    end: int
    term: str  # the lexicon term as written
    value: T  # what the caller attached to the term
    form: str  # plain | leet | mask | spaced | elongated | homoglyph | substring
    masked: int = 0  # number of masked characters (``f**k`` -> 2)


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    term: str
    parts: tuple[str, ...]  # phrase tokens after the first (each may end with "*")
    value: T


def _part_ok(part: str, tok: str) -> bool:
    if part.endswith("*"):
        return tok.startswith(part[:-1])
    return tok == part


class LexMatcher(Generic[T]):
    """Whole-token matcher for one language's terms (see the module docs for the syntax)."""

    def __init__(
        self,
        entries: Iterable[tuple[str, T]],
        allow: Iterable[str] = (),
        *,
        obfuscation: bool = True,
        substring: bool = False,
    ) -> None:
        self.substring = substring
        self.obfuscation = obfuscation and not substring
        exact: dict[str, list[_Entry[T]]] = {}
        prefix: dict[str, list[_Entry[T]]] = {}
        suffix: dict[str, list[_Entry[T]]] = {}
        subs: list[tuple[str, _Entry[T]]] = []
        forms: dict[int, list[tuple[str, _Entry[T]]]] = {}
        needs: dict[str, set[frozenset[str]]] = {}
        for raw, value in entries:
            term = raw.strip()
            if not term:
                continue
            if substring:
                subs.append((term.casefold(), _Entry(term, (), value)))
                continue
            low = term.casefold()
            head_star = low.startswith("*")
            toks = _phrase_tokens(low)
            if not toks:
                continue
            # The pre-filter reads tokens of the leet view, so it files terms under their folded spelling.
            plain_toks = [_leetify(t) for t in toks if not t.endswith("*")]
            if plain_toks and not head_star:
                anchor = max(plain_toks, key=len)
                needs.setdefault(anchor, set()).add(frozenset(plain_toks))
            first, rest = toks[0], tuple(toks[1:])
            entry = _Entry(term, rest, value)
            if head_star and not rest:
                suffix.setdefault(first.rstrip("*"), []).append(entry)
            elif first.endswith("*"):
                prefix.setdefault(first[:-1], []).append(entry)
            else:
                exact.setdefault(first, []).append(entry)
            if not rest and not head_star:
                forms.setdefault(len(first.rstrip("*")), []).append((first.rstrip("*"), entry))
        self._exact = exact
        self._prefix = prefix
        self._suffix = suffix
        self._subs = tuple(subs)
        self._forms = forms
        self._pre_t = tuple(prefix)
        self._suf_t = tuple(suffix)
        self._pre_lens = tuple(sorted({len(p) for p in prefix}))
        self._suf_lens = tuple(sorted({len(s) for s in suffix}))
        self._keys = frozenset(exact)
        # The pre-filter: a term can only match when all its plain tokens occur in the text. Each term is filed
        # under its longest token (rarer than "i" or "you"), so one set intersection finds the few to check.
        self._needs: dict[str, tuple[frozenset[str], ...]] = {a: tuple(v) for a, v in needs.items()}
        self._anchors = frozenset(needs)
        self._affixes = tuple(sorted({_leetify(a) for a in (*prefix, *suffix)}))
        # Elongation hint: the letters people stretch ("fuuuck", "shiiit", "asss", "fuckkk"), tripled, when some
        # term has them.
        letters = {c for key in (*exact, *prefix) if key.isascii() for c in key}
        self._runs = tuple(c * 3 for c in "aeioustk" if c in letters)
        # ASCII terms may be found in disguise (folded look-alikes, leet); terms with accents only as written.
        self._ascii_keys = frozenset(k for k in exact if k.isascii())
        allow_list = [a.strip().casefold() for a in allow if a.strip()]
        if substring:
            self._allow_subs: tuple[str, ...] = tuple(allow_list)
            self._allow: LexMatcher[None] | None = None
        else:
            self._allow_subs = ()
            self._allow = LexMatcher(((a, None) for a in allow_list), obfuscation=False) if allow_list else None

    # -------------------------------------------------------------------------------------------------------------

    def _single(self, tok: str, ascii_only: bool = False) -> list[_Entry[T]]:
        """Single-token entries (and phrase entries starting here) that ``tok`` matches."""
        out: list[_Entry[T]] = []
        if not ascii_only or tok in self._ascii_keys:
            hit = self._exact.get(tok)
            if hit:
                out.extend(hit)
        if self._pre_t and tok.startswith(self._pre_t):
            for n in self._pre_lens:
                got = self._prefix.get(tok[:n])
                if got:
                    out.extend(got)
        if self._suf_t and tok.endswith(self._suf_t):
            for n in self._suf_lens:
                got = self._suffix.get(tok[-n:])
                if got and len(tok) > n:
                    out.extend(got)
        return out

    def _plan(self, prepared: PreparedText, pre: AbstractSet[str] | None) -> _Plan | None:
        """The cheap pre-filter: which parts of the text can hold a match, and which disguises to look for.

        Returns None when nothing can match (most texts)."""
        toks = pre if pre is not None else prefilter_tokens(prepared)
        leet = prepared.leet
        norm = prepared.norm
        spots: list[str] = []
        # sorted: the windows are capped (see _windows), so the order must not depend on string hashing
        for anchor in sorted(self._anchors.intersection(toks)):
            if any(need <= toks for need in self._needs[anchor]):
                spots.append(anchor)
        if self._affixes:
            spots.extend(a for a in self._affixes if a in leet)
        leetish = any(a not in norm for a in spots)
        if not self.obfuscation:
            return _Plan(spots, False, False, False, False) if spots else None
        mask = "*" in norm or "#" in norm
        spaced = (
            not _RARE_SINGLES.isdisjoint(toks)
            and len(_SINGLES.intersection(toks)) >= 3
            and _SPACED.search(prepared.folded) is not None
        )
        folded = prepared.folded
        runs = [r for r in self._runs if r in folded]
        if not (spots or mask or spaced or runs):
            return None
        marks = runs + [c for c in "*#" if c in norm]
        return _Plan(spots + marks, leetish, mask, spaced, bool(runs))

    def find(
        self, prepared: PreparedText, timeout: float | None = None, pre: AbstractSet[str] | None = None
    ) -> list[LexMatch[T]]:
        """All matches in ``prepared`` (offsets in its ``norm`` view), without overlaps, in text order.

        ``pre`` is :func:`prefilter_tokens` of ``prepared`` when the caller runs several matchers on one text.
        """
        norm = prepared.norm
        if not norm:
            return []
        if self.substring:
            return self._find_substrings(norm)
        plan = self._plan(prepared, pre)
        if plan is None:
            return []
        found: list[LexMatch[T]] = []
        folded = prepared.folded
        leet = prepared.leet
        # Tokenize only windows around the places a term, a mask or a stretched letter may be.
        windows = _windows(leet, norm, plan.spots)
        for ws, we in windows:
            spans = [m.span() for m in _TOKEN.finditer(norm, ws, we, timeout=timeout)]
            toks = [norm[s:e] for s, e in spans]
            self._scan(toks, spans, folded, plan.elong, found)
        if self.obfuscation and (plan.leetish or plan.mask or plan.spaced or plan.elong):
            self._find_disguised(norm, folded, leet, plan, windows, found, timeout)
        if not found:
            return []
        return self._resolve(found, prepared, timeout, pre)

    def _scan(
        self, toks: list[str], spans: list[tuple[int, int]], folded: str, elong: bool, found: list[LexMatch[T]]
    ) -> None:
        for i, tok in enumerate(toks):
            s, e = spans[i]
            form = "plain"
            cands = self._single(tok)
            if not cands and not tok.isascii():
                ftok = folded[s:e]
                if ftok != tok and ftok.isascii():
                    cands = self._single(ftok, ascii_only=True)
                    form = "homoglyph"
            if not cands and elong and len(tok) >= 4 and _RUN3.search(tok):
                for variant in _collapse(folded[s:e]):
                    cands = self._single(variant, ascii_only=True)
                    if cands:
                        form = "elongated"
                        break
            for entry in cands:
                end = self._phrase_end(entry, toks, spans, i)
                if end is not None:
                    found.append(LexMatch(s, end, entry.term, entry.value, form))

    def _phrase_end(self, entry: _Entry[T], toks: list[str], spans: list[tuple[int, int]], i: int) -> int | None:
        if not entry.parts:
            return spans[i][1]
        n = len(entry.parts)
        if i + n >= len(toks):
            return None
        for k, part in enumerate(entry.parts, start=1):
            if not _part_ok(part, toks[i + k]):
                return None
        return spans[i + n][1]

    def _find_disguised(
        self,
        norm: str,
        folded: str,
        leet: str,
        plan: _Plan,
        windows: list[tuple[int, int]],
        found: list[LexMatch[T]],
        timeout: float | None,
    ) -> None:
        # Leetspeak and masks: runs with symbols or digits mixed into letters.
        wide: list[tuple[int, int]] = []
        if plan.mask or plan.elong or plan.leetish:
            for ws, we in windows:
                wide.extend(m.span() for m in _WIDE.finditer(norm, ws, we, timeout=timeout))
        for s, e in wide:
            raw = norm[s:e]
            if raw.isalpha():
                continue
            # Trailing "!" is punctuation; stars on both ends are emphasis ("*word*"), a trailing run alone is a
            # mask ("sh**").
            while e > s and norm[e - 1] == "!":
                e -= 1
            lead = s
            while s < e and norm[s] in "*#":
                s += 1
            if s > lead:
                while e > s and norm[e - 1] in "*#":
                    e -= 1
            if e - s < 2:
                continue
            raw = norm[s:e]
            letters = sum(1 for c in raw if c.isalpha())
            if letters == 0:
                continue
            if any(c in _MASKY for c in raw):
                self._mask(raw, folded[s:e], s, e, found)
                continue
            digits = sum(1 for c in raw if c.isdigit())
            if digits >= letters:
                continue
            ltok = leet[s:e]
            if not ltok.isalpha() or ltok == raw:
                continue
            cands = self._single(ltok, ascii_only=True)
            if not cands and _RUN3.search(ltok):
                for variant in _collapse(ltok):
                    cands = self._single(variant, ascii_only=True)
                    if cands:
                        break
            found.extend(LexMatch(s, e, c.term, c.value, "leet") for c in cands if not c.parts)
        # Spaced letters.
        if plan.spaced:
            for m in _SPACED.finditer(folded, timeout=timeout):
                s, e = m.span()
                joined = "".join(ch for ch in leet[s:e] if ch.isalpha())
                cands = self._single(joined, ascii_only=True)
                found.extend(LexMatch(s, e, c.term, c.value, "spaced") for c in cands if not c.parts)

    def _mask(self, raw: str, folded: str, s: int, e: int, found: list[LexMatch[T]]) -> None:
        visible = sum(1 for c in raw if c not in _MASKY)
        masked = len(raw) - visible
        if visible < 1 or masked < 1:
            return
        pattern = folded.translate(_LEET_LETTERS)
        for form, entry in self._forms.get(len(raw), ()):
            if not form.isascii():
                continue
            if all(p in _MASKY or p == f for p, f in zip(pattern, form, strict=True)):
                found.append(LexMatch(s, e, entry.term, entry.value, "mask", masked))
                return

    def _find_substrings(self, norm: str) -> list[LexMatch[T]]:
        if norm.isascii():
            return []
        out: list[LexMatch[T]] = []
        blocked: list[tuple[int, int]] = []
        for a in self._allow_subs:
            i = norm.find(a)
            while i >= 0:
                blocked.append((i, i + len(a)))
                i = norm.find(a, i + 1)
        for term, entry in self._subs:
            i = norm.find(term)
            while i >= 0:
                j = i + len(term)
                if not any(bs <= i and j <= be for bs, be in blocked):
                    out.append(LexMatch(i, j, entry.term, entry.value, "substring"))
                i = norm.find(term, j)
        out.sort(key=lambda m: (m.start, -m.end))
        return _no_overlaps(out)

    def _resolve(
        self,
        found: list[LexMatch[T]],
        prepared: PreparedText,
        timeout: float | None,
        pre: AbstractSet[str] | None,
    ) -> list[LexMatch[T]]:
        if self._allow is not None:
            allowed = [(a.start, a.end) for a in self._allow.find(prepared, timeout, pre)]
            if allowed:
                found = [m for m in found if not any(a < m.end and m.start < b for a, b in allowed)]
        # Longest first at each position; a plain match beats a disguised reading of the same span.
        found.sort(key=lambda m: (m.start, -(m.end - m.start), m.form != "plain"))
        return _no_overlaps(found)


@dataclass(frozen=True, slots=True)
class _Plan:
    spots: list[str]  # tokens, stems, stretched letters or mask signs (in the leet view) to look around
    leetish: bool  # some spot is only there in the leet view ("sh1t")
    mask: bool
    spaced: bool
    elong: bool


_WINDOW = 120
_MAX_WINDOWS = 200


def _windows(leet: str, norm: str, spots: list[str]) -> list[tuple[int, int]]:
    """Merged character windows around every occurrence of the spots, widened to token edges."""
    n = len(leet)
    raw: list[tuple[int, int]] = []
    for spot in spots:
        i = leet.find(spot)
        k = 0
        while i >= 0 and k < _MAX_WINDOWS:
            raw.append((max(0, i - _WINDOW), min(n, i + len(spot) + _WINDOW)))
            k += 1
            i = leet.find(spot, i + len(spot))
    if not raw:
        return []
    raw.sort()
    # At most _MAX_WINDOWS windows, the first ones in the text: the same whatever the order of the spots.
    del raw[_MAX_WINDOWS:]
    out: list[tuple[int, int]] = []
    for s, e in raw:
        while s > 0 and leet[s - 1].isalnum():
            s -= 1
        while e < n and leet[e].isalnum():
            e += 1
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _leetify(token: str) -> str:
    return token.translate(FOLD_TABLE).translate(LEET_TABLE)


def _no_overlaps(found: list[LexMatch[T]]) -> list[LexMatch[T]]:
    out: list[LexMatch[T]] = []
    last_end = -1
    for m in found:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out


def _phrase_tokens(term: str) -> list[str]:
    """Tokens of a lexicon term; a word ending in ``*`` keeps the star on its last token."""
    out: list[str] = []
    for word in term.split():
        sub = _TOKEN.findall(word)
        if sub and word.endswith("*"):
            sub[-1] += "*"
        out.extend(sub)
    return out


def _collapse(tok: str) -> list[str]:
    """Readings of an elongated token: each run of three or more letters as one letter, then as two."""
    one = _RUN3.sub(lambda m: m.group(1), tok)
    two = _RUN3.sub(lambda m: m.group(1) * 2, tok)
    return [one, two] if one != two else [one]


# In a masked token the visible letters may themselves be leet ("f*¢k" is rare; "$h*t" is not).
_LEET_LETTERS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
                               "!": "i", "|": "l"})
