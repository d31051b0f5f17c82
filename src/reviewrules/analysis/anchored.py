"""Many lexicon patterns, tried only where a word could start one of them.

A plain alternation of a few hundred phrase patterns costs milliseconds per review, because the regex engine tries
every branch at every character. Almost every lexicon pattern starts with a literal word ("arrived", "(?:the )?
seller", "walmart|costco"), so this module works out, once, the possible first words of each pattern and, per
text, tries a pattern only at the start of a word that begins like one of them. Patterns whose start cannot be
worked out (a character class, ``\\d``) are tried with one combined scan, and only when the text holds a character
that could start them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet

import regex

__all__ = ["AnchoredPatterns", "first_words", "spaces", "strip_optional_prefix"]


def spaces(pattern: str) -> str:
    """Let a space in a lexicon pattern match any short run of blanks ("TOOK   THREE WEEKS"); " ?" may be absent."""
    return pattern.replace(" ?", r"\s{0,4}").replace(" ", r"\s{1,4}")

_LITERAL = regex.compile(r"[a-z0-9&'’@\- ]+")
#: A class of the two apostrophes, as lexicons write it inside a word.
_APOSTROPHES = ("['’]", "[’']")
_QUANT = ("?", "*", "{")
_HEAD = regex.compile(r"\w+")
_DIGIT = "\\d"  # marker: the pattern starts with a digit
_ANY_DIGIT = regex.compile(r"\d")
_RUN = regex.compile(r"[a-z0-9]+")
#: Blanks a literal space in a prefix does not stand for as written (newline, tab, no-break space, two spaces).
_ODD_BLANKS = regex.compile(r"[^\S ]| {2}")


def _structure(p: str, i: int = 0) -> Iterator[tuple[int, str]]:
    """``(index, char)`` of the characters of pattern ``p`` from ``i`` that are neither escaped nor inside a
    character class: the only ones that can open, close or split a group."""
    j = i
    in_class = False
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
        else:
            yield j, c
        j += 1


def _close(p: str, i: int) -> int:
    """Index of the parenthesis closing the one at ``p[i]`` (or -1)."""
    depth = 0
    for j, c in _structure(p, i):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


def _split_top(p: str) -> list[str] | None:
    """Top-level alternatives of ``p``."""
    out: list[str] = []
    depth = 0
    start = 0
    for j, c in _structure(p):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(p[start:j])
            start = j + 1
    if depth != 0:
        return None
    out.append(p[start:])
    return out


def _skip_quant(rest: str) -> tuple[str, bool]:
    """Strip a quantifier at the start of ``rest``; say whether it allows zero repetitions."""
    if rest.startswith(("?", "*")):
        rest = rest[1:]
        if rest.startswith(("?", "+")):
            rest = rest[1:]
        return rest, True
    if rest.startswith("+"):
        return rest[1:], False
    if rest.startswith("{"):
        end = rest.find("}")
        if end < 0:
            return rest, False
        q = rest[1:end]
        rest = rest[end + 1 :]
        if rest.startswith("?"):
            rest = rest[1:]
        return rest, q.startswith("0") or q.startswith(",")
    return rest, False


def first_words(p: str, depth: int = 0, cont: bool = False) -> frozenset[str] | None:
    """Literal prefixes one of which every match of ``p`` starts with (None when they cannot be worked out).

    A prefix ending in a space is a whole word. ``cont`` says that what follows ``p`` may continue its last word
    (a group followed by ``['’]?s``), so that no alternative inside it counts as a whole word.
    """
    if depth > 8:
        return None
    alts = _split_top(p)
    if alts is None:
        return None
    if len(alts) > 1:
        words: set[str] = set()
        for a in alts:
            fw = first_words(a, depth + 1, cont)
            if fw is None:
                return None
            words |= fw
        return frozenset(words)
    if p.startswith(("(?:", "(")) and not p.startswith(("(?=", "(?!", "(?<")):
        close = _close(p, 0)
        if close < 0:
            return None
        inner = p[3:close] if p.startswith("(?:") else p[p.index(">") + 1 : close] if p.startswith("(?P<") else p[1:close]
        rest, optional = _skip_quant(p[close + 1 :])
        inner_cont = (bool(rest) and not rest.startswith((" ", "\\s"))) or (not rest and cont)
        fw = first_words(inner, depth + 1, inner_cont)
        if fw is None:
            return None
        if "" in fw:
            optional = True
            fw = fw - {""}
        if optional:
            fr = first_words(rest, depth + 1, cont)
            if fr is None:
                return None
            return frozenset(fw | fr)
        if rest and rest[:1] not in _QUANT and rest[:1] != "+":
            # "(?:with|and|plus) free": every alternative is a plain literal, so the prefixes go on into what follows
            plain = _split_top(inner)
            if plain and all(_LITERAL.fullmatch(a) for a in plain):
                longer = _concat(plain, first_words(rest, depth + 1, cont))
                if longer is not None:
                    return longer
        return fw
    if p == "":
        return frozenset({""})
    if p.startswith("\\d"):
        return frozenset({_DIGIT})
    m = _LITERAL.match(p)
    if m is None:
        return None
    lit = m.group(0)
    after = p[m.end() :]
    if after.startswith("(") and not after.startswith(("(?=", "(?!", "(?<")):
        # "the (?:seller|vendor)": the literal goes on into the group's own prefixes
        longer = _concat((lit,), first_words(after, depth + 1, cont))
        if longer is not None:
            return longer
    for cls in _APOSTROPHES:
        if after.startswith(cls) and after[len(cls) : len(cls) + 1] not in ("?", "*", "{"):
            # "j['’]ai": the apostrophe goes on inside the word (tokens keep it: "j'ai"), both spellings
            longer = _concat((lit + "'", lit + "’"), first_words(after[len(cls) :], depth + 1, cont))
            if longer is not None:
                return longer
            return None
    if after[:1] in _QUANT and after[:1] != "":
        lit = lit[:-1]  # "colou?r": the quantifier applies to the last letter
        if lit.endswith(" "):
            lit = lit.rstrip()
    if after == "" and not cont and not lit.endswith(" "):
        lit += " "  # the whole pattern is this word
    if not lit.strip():
        return None
    return frozenset({lit})


def _has_odd_blanks(text: str) -> bool:
    """``_ODD_BLANKS.search(text) is not None``, with plain substring tests on ASCII text (the common case)."""
    if text.isascii():
        return "  " in text or "\n" in text or "\t" in text or "\r" in text or "\x0b" in text or "\x0c" in text
    return _ODD_BLANKS.search(text) is not None


def _odd_positions(text: str) -> list[int]:
    """``[m.start() for m in _ODD_BLANKS.finditer(text)]``, with ``str.find`` on ASCII text."""
    if not text.isascii():
        return [m.start() for m in _ODD_BLANKS.finditer(text)]
    out: list[int] = []
    for ch in ("\n", "\t", "\r", "\x0b", "\x0c"):
        i = text.find(ch)
        while i != -1:
            out.append(i)
            i = text.find(ch, i + 1)
    # two spaces, then the next pair after them (what a left-to-right scan of " {2}" finds)
    i = text.find("  ")
    while i != -1:
        out.append(i)
        i = text.find("  ", i + 2)
    out.sort()
    return out


def _odd_between(odd: list[int], start: int, end: int) -> bool:
    """True when an odd blank run (sorted start positions ``odd``) overlaps ``[start, end)``."""
    i = bisect_left(odd, start)
    return i < len(odd) and odd[i] < end


def _concat(heads: Sequence[str], tails: frozenset[str] | None) -> frozenset[str] | None:
    """Every head followed by every tail, when the tails are known, none is empty or a digit marker, and the
    product stays small; otherwise None (the caller keeps its shorter prefixes)."""
    if tails is None or not tails or "" in tails or _DIGIT in tails or len(heads) * len(tails) > 256:
        return None
    return frozenset(h + t for h in heads for t in tails)


def strip_optional_prefix(p: str) -> str:
    """Drop leading optional groups ("(?:the )?seller" -> "seller"): a match of the rest is then tried only where
    the rest can start, instead of at every "the". Cue spans start at the first required word."""
    for _ in range(4):
        alts = _split_top(p)
        if not p.startswith("(?:") or alts is None or len(alts) != 1:
            return p
        close = _close(p, 0)
        if close < 0:
            return p
        rest, optional = _skip_quant(p[close + 1 :])
        if not optional or not rest or rest.startswith(("|", ")", "?", "*", "+", "{")):
            return p
        p = rest
    return p


def _skip_class(p: str, i: int) -> int:
    """Index just past the character class that opens at ``p[i]`` (or -1)."""
    j = i + 1
    if p[j : j + 1] == "^":
        j += 1
    if p[j : j + 1] == "]":
        j += 1
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "]":
            return j + 1
        j += 1
    return -1


def _after_quant(p: str, i: int) -> tuple[int, bool]:
    """Skip a quantifier at ``p[i]``: (index after it, whether it allows zero repetitions)."""
    rest, optional = _skip_quant(p[i:])
    return len(p) - len(rest), optional


def _required_items(p: str, depth: int = 0) -> list[frozenset[str]] | None:
    """Sets of literal substrings: every match of ``p`` contains one string of each set. Only parts that are
    certainly required and certainly literal count (a run of letters or digits outside any quantifier); None
    when ``p`` cannot be read."""
    if depth > 8:
        return None
    alts = _split_top(p)
    if alts is None:
        return None
    if len(alts) > 1:
        union: set[str] = set()
        for a in alts:
            items = _required_items(a, depth + 1)
            if not items:
                return None
            union |= max(items, key=_witness_score)
        return [frozenset(union)]
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset({"".join(run)}))
            run.clear()

    i = 0
    n = len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            flush()
            nxt = p[i + 1 : i + 2]
            if nxt and nxt.isalnum() and nxt not in "wWsSdDbB":
                break  # \p{..}, \x41, back-references: stop reading (what was read stays valid)
            i, _ = _after_quant(p, i + 2)
        elif c == "[":
            flush()
            j = _skip_class(p, i)
            if j < 0:
                break
            i, _ = _after_quant(p, j)
        elif c == "(":
            flush()
            close = _close(p, i)
            if close < 0:
                break
            inner: str | None
            if p.startswith("(?:", i):
                inner = p[i + 3 : close]
            elif p.startswith("(?P<", i):
                gt = p.find(">", i)
                inner = p[gt + 1 : close] if 0 < gt < close else None
            elif p.startswith("(?", i):
                if not p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
                    break  # inline flags or other constructs: stop reading
                inner = None  # a lookaround consumes nothing
            else:
                inner = p[i + 1 : close]
            i, optional = _after_quant(p, close + 1)
            if inner is not None and not optional:
                items = _required_items(inner, depth + 1)
                if items:
                    out.append(max(items, key=_witness_score))
        elif c in "?*+{":
            if run:
                run.pop()  # the quantifier applies to the last character only
            flush()
            i, _ = _after_quant(p, i)
        elif c.isalnum():
            run.append(c)
            i += 1
        else:
            flush()
            i += 1
    flush()
    return out


def _witness_score(w: AbstractSet[str]) -> tuple[int, int]:
    """Higher is more selective: longer strings, fewer alternatives."""
    return (min((len(x) for x in w), default=0), -len(w))


def _witness(p: str, prefixes: frozenset[str]) -> tuple[str, ...] | None:
    """Literal substrings one of which every match of ``p`` contains, chosen among the required parts that its
    literal prefixes do not already show; None when nothing selective is known. A text holding none of them
    cannot match ``p``, so its regex is not tried there."""
    items = _required_items(p)
    if not items:
        return None
    useful = [
        w for w in items
        if not prefixes or not all(any(x in lit for x in w) for lit in prefixes)
    ]
    if not useful:
        return None
    best = max(useful, key=_witness_score)
    if _witness_score(best)[0] < 4:
        return None
    # a text that holds "returned" holds "return": only the strings that contain no other are tested
    return tuple(sorted((w for w in best if not any(x != w and x in w for x in best)), key=lambda x: (-len(x), x)))


class _Branch:
    """One pattern under one or more literal keys: its index and its regex, compiled on first use (most patterns
    of a lexicon never meet a text that starts them)."""

    __slots__ = ("_rx", "index", "source", "witness")

    def __init__(self, index: int, source: str, witness: tuple[str, ...] | None = None) -> None:
        self.index = index
        self.source = source
        self.witness = witness
        self._rx: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        rx = self._rx
        if rx is None:
            # Two threads may both compile the same source: the results are equal and either is kept.
            rx = self._rx = regex.compile(self.source)
        return rx


class AnchoredPatterns:
    """Index ``patterns`` once; :meth:`find` returns ``(index, start, end)`` for every match of every pattern
    that starts at a word start (overlapping matches of different patterns included).

    Building reads the patterns' literal prefixes only; each regex is compiled the first time a
    text starts like it (an engine's build stays cheap, and a corpus in one language never compiles the other
    languages' patterns). :meth:`compile_all` compiles them all at once."""

    def __init__(self, patterns: Sequence[str], loose_guard: str | None = None) -> None:
        by_key: dict[str, list[tuple[str, _Branch]]] = {}
        by_word: dict[str, dict[str, list[tuple[str, _Branch]]]] = {}
        by_digit: list[_Branch] = []
        loose: list[int] = []
        for i, p0 in enumerate(patterns):
            p = strip_optional_prefix(p0)
            fw = first_words(p)
            if fw is None:
                loose.append(i)
                continue
            branch = _Branch(i, rf"(?:{spaces(p)})(?!\w)", _witness(p, frozenset(w for w in fw if w != _DIGIT)))
            for w in fw:
                if w == _DIGIT:
                    by_digit.append(branch)
                    continue
                head = _HEAD.match(w)
                if head is not None and w[head.end() : head.end() + 1] == " ":
                    # the literal holds a whole first word: exact lookup of it, and of the next word's first two
                    # letters when the literal has one ("the seller": "the" + "se")
                    nxt = w[head.end() + 1 : head.end() + 3]
                    key2 = nxt if len(nxt) == 2 and nxt.isalnum() else ""
                    by_word.setdefault(head.group(), {}).setdefault(key2, []).append((w.rstrip(), branch))
                elif len(w.rstrip()) == 1:  # "t\\.j\\.": a one-letter word, looked up exactly
                    by_word.setdefault(w.rstrip(), {}).setdefault("", []).append((w.rstrip(), branch))
                else:
                    by_key.setdefault(w[:2], []).append((w.rstrip(), branch))
        self._by_key: dict[str, tuple[tuple[str, _Branch], ...]] = {k: tuple(v) for k, v in by_key.items()}
        self._by_word: dict[str, dict[str, tuple[tuple[str, _Branch], ...]]] = {
            k: {k2: tuple(v2) for k2, v2 in v.items()} for k, v in by_word.items()
        }
        # per first word: the branches to try when the next word starts with given letters (those filed under
        # "" first, then those of the letters), joined once here instead of per token
        self._exact: dict[str, tuple[tuple[tuple[str, _Branch], ...], dict[str, tuple[tuple[str, _Branch], ...]]]] = {
            k: (v.get("", ()), {k2: v.get("", ()) + v2 for k2, v2 in v.items() if k2}) for k, v in self._by_word.items()
        }
        self._by_digit = tuple(by_digit)
        self._words = frozenset(self._by_word)
        self._keys2 = frozenset(k for k in self._by_key if len(k) == 2)
        # the leading letters every literal of a key needs ("took" for "to"): "to" and "today" are not tried
        stems: dict[str, tuple[str, ...]] = {}
        for k, lits in self._by_key.items():
            runs = {(r.group() if (r := _RUN.match(lit)) is not None else "") for lit, _b in lits}
            stems[k] = ("",) if any(len(r) < 2 for r in runs) else tuple(sorted(runs))
        self._stems: dict[str, tuple[str, ...]] = stems
        self._loose: regex.Pattern[str] | None = None
        self._loose_index: tuple[int, ...] = tuple(loose)
        if loose:
            body = "|".join(f"(?P<g{n}>{spaces(strip_optional_prefix(patterns[i]))})" for n, i in enumerate(loose))
            self._loose = regex.compile(rf"(?<!\w)(?:{body})(?!\w)")
        self.anchored = len(patterns) - len(loose)
        # Cheap test that the text could hold a match of a loose pattern at all (e.g. a digit for amounts).
        self._guard = regex.compile(loose_guard) if loose_guard else None

    @property
    def loose_count(self) -> int:
        return len(self._loose_index)

    def compile_all(self) -> None:
        """Compile every pattern now (patterns are otherwise compiled the first time a text could start them): a
        malformed lexicon line raises here. Tests call it; :meth:`find` never needs it."""
        for branches in self._by_key.values():
            for _lit, br in branches:
                br.pattern  # noqa: B018
        for second in self._by_word.values():
            for branches in second.values():
                for _lit, br in branches:
                    br.pattern  # noqa: B018
        for br in self._by_digit:
            br.pattern  # noqa: B018

    def find(
        self,
        text: str,
        words: Sequence[tuple[int, int]],
        timeout: float | None = None,
        tokens: Sequence[str] | None = None,
    ) -> list[tuple[int, int, int]]:
        """``words`` are the word spans of ``text`` (``PreparedText.words``: same offsets in norm and folded);
        ``tokens`` (optional) are the same words as strings, when the caller already has them."""
        out: list[tuple[int, int, int]] = []
        by_key = self._by_key
        empty: tuple[tuple[str, _Branch], ...] = ()
        toks = tokens if tokens is not None else [text[s:e] for s, e in words]
        # Set operations in C first: most words of a review start no pattern at all.
        pref = [t[:2] for t in toks]
        live_w = self._words.intersection(toks)
        live_2 = self._keys2.intersection(pref)
        stems = self._stems
        has_digit = bool(self._by_digit) and _ANY_DIGIT.search(text) is not None
        if has_digit:
            live = [
                i for i, t in enumerate(toks)
                if t in live_w or (pref[i] in live_2 and t.startswith(stems[pref[i]])) or t[:1].isdigit()
            ]
        elif live_w or live_2:
            live = [i for i, t in enumerate(toks) if t in live_w or (pref[i] in live_2 and t.startswith(stems[pref[i]]))]
        else:
            live = []
        # where blanks other than single spaces start (newline, tab, no-break space, two spaces): a literal that
        # spans one of them is left to its regex
        # (located only when a literal compare fails in a text that has some)
        odd_any = bool(live) and _has_odd_blanks(text)
        odd: list[int] | None = None
        # whether a pattern's witness occurs in this text (read once per pattern and text)
        viable: dict[int, bool] = {}
        exact_of = self._exact.get
        last = len(toks) - 1

        def attempt(br: _Branch, at: int) -> None:
            """Match ``br`` at ``at`` unless its witness (a word every match needs) is absent from the text."""
            if br.witness is not None:
                ok = viable.get(br.index)
                if ok is None:
                    ok = False
                    for w in br.witness:
                        if w in text:
                            ok = True
                            break
                    viable[br.index] = ok
                if not ok:
                    return
            m = br.pattern.match(text, at, timeout=timeout)
            if m is not None:
                out.append((br.index, at, m.end()))

        for i in live:
            s, e = words[i]
            t = toks[i]
            pair = exact_of(t)
            if pair is None:
                exact = empty
            elif i < last:
                exact = pair[1].get(toks[i + 1][:2], pair[0])
            else:
                exact = pair[0]
            cands = by_key.get(pref[i], empty)
            digit = self._by_digit if has_digit and t[:1].isdigit() else ()
            if not exact and not cands and not digit:
                continue
            tried: set[int] = set()
            for br in digit:
                tried.add(br.index)
                attempt(br, s)
            for lit, br in exact:
                if br.index in tried:
                    continue
                # "the seller": compare the literal directly unless the text has a run of blanks there
                # (a literal that runs past the first word is compared directly unless odd blanks lie there)
                if not text.startswith(lit, s) and len(lit) > e - s + 1:
                    if not odd_any:
                        continue
                    if odd is None:
                        odd = _odd_positions(text)
                    if not _odd_between(odd, e, s + len(lit) + 1):
                        continue
                tried.add(br.index)
                attempt(br, s)
            for lit, br in cands:
                if br.index in tried:
                    continue
                if not text.startswith(lit, s):
                    if not odd_any or " " not in lit:
                        continue
                    if odd is None:
                        odd = _odd_positions(text)
                    if not _odd_between(odd, s, s + len(lit) + 1):
                        continue
                tried.add(br.index)
                attempt(br, s)
        if self._loose is not None and (self._guard is None or self._guard.search(text) is not None):
            for m in self._loose.finditer(text, overlapped=True, timeout=timeout):
                name = m.lastgroup
                if name is not None:
                    out.append((self._loose_index[int(name[1:])], m.start(), m.end()))
        return out
