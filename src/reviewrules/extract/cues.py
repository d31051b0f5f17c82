"""Categorised cue phrases and phrase patterns from per-language lexicons, found in one pass over a field's
``folded`` view.

The review rules about *why* a review was written (compensation, conflicts of interest, promotion) and the message
rules about offers for reviews look for the same kind of evidence: a few categories of short phrases ("a benefit",
"in exchange for", "a review") that must co-occur in one sentence, or multi-word constructions with slots ("my
{relative} makes {this}"). Both are compiled once per (lexicon, language) and indexed by their possible first
word: a review is tokenized once and a pattern is only tried where one of its first words occurs, so the cost per
review is a tokenization plus a handful of anchored matches, whatever the size of the lexicon.

Lexicon syntax (``data/lexicons/<lang>/<name>.txt``), shared by both matchers:

- a phrase is lower case; a space matches any short run of blanks; ``*`` at the end of a word matches the rest of
  the word (``refund*`` matches "refunded"); ``'`` matches both apostrophes; accents are folded away (``recibí``
  also matches ``recibi``), like the ``folded`` view that is searched; a phrase starts and ends on word boundaries.
- :class:`CueMatcher` lexicons hold ``category: phrase`` lines.
- :class:`PhraseSet` lexicons hold ``@slot: alt one | alt two`` slot definitions and ``label: pattern`` lines, where
  a pattern may use ``{slot}`` (a defined slot or a built-in one: ``{TOKEN}`` a code with a digit, ``{HANDLE}``
  an @handle, ``{SEP}`` punctuation between a label and its value, ``{W}``/``{WW}`` one or two arbitrary words)
  and ``[x]`` for an optional word or slot.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

from ..lexicon import lexicon
from ..text import PreparedText
from ..text.confusables import FOLD_TABLE
from ._lazy import LazyPattern

__all__ = ["Cue", "CueMatcher", "Phrase", "PhraseSet", "shared", "term_pattern", "tokenize", "word_set"]



@dataclass(frozen=True, slots=True)
class Cue:
    """One cue (or phrase-pattern match) in ``folded``/``norm`` coordinates of a field; ``category`` is its
    lexicon category or pattern label."""

    category: str
    start: int
    end: int

    @property
    def kind(self) -> str:
        return self.category


Phrase = Cue


@dataclass(frozen=True, slots=True)
class _Piece:
    """A compiled fragment and the words it may start with (``firsts`` None: any word)."""

    rx: str
    firsts: frozenset[str] | None
    stems: frozenset[str]
    optional: bool = False
    glue: bool = False
    # Words (``stem*`` for a prefix) of which at least one occurs in any text this piece matches; None: unknown.
    witness: frozenset[str] | None = None
    # How many words a match holds at least: longer patterns are tried first at a position.
    weight: int = 1
    # For a sequence: the witnesses of all its required parts (a text where this piece matches holds a word of
    # each); empty: only ``witness`` is known.
    required: tuple[frozenset[str], ...] = ()


# Words too common to tell a review apart: never chosen as a pattern's witness when a rarer word exists.
_COMMON_WORDS = (
    "i me my we us our a an the to for of is as and in at on it its this that be am was with by or not no so do "
    "you your he she they them their have has had will would can all one use good great product "
    "de la le les el los las il lo gli un une una et y e en du des al del der die das den dem und ich mein meine "
    "je mon ma mes mi mis io mio mia es est ist è che que qui con per pour para por mit für zu "
    "more like get find see make buy full last better best new out up just also very really well only time back "
    "now then than what when which there here about after before offer are were store shop page site from order "
    "money online come available download install stop check friend head daily web"
)
_COMMON = frozenset(_COMMON_WORDS.split())


def _atomic(word: str) -> str:
    parts = [p for p in regex.split(r"['’-]", word) if p]
    return max(parts, key=len) if parts else word


def _score(w: frozenset[str]) -> tuple[float, int, int]:
    """Lower is more selective: a smaller share of common words, longer words, fewer alternatives."""
    words = [x.rstrip("*") for x in w] or [""]
    common = sum(x in _COMMON or len(x) < 3 for x in words) / len(words)
    return (common, -min(len(x) for x in words), len(w))


def _fold(word: str) -> str:
    return word.casefold().translate(FOLD_TABLE).replace("’", "'")


def _word_piece(word: str) -> _Piece:
    w = _fold(word)
    star = w.endswith("*")
    w = w.rstrip("*")
    rx = regex.escape(w).replace("'", "['’]").replace("\\'", "['’]")
    glue = w.startswith("'")
    if star:
        return _Piece(rx + r"\w{0,15}", frozenset(), frozenset({w}), glue=glue, witness=frozenset({_atomic(w) + "*"}))
    return _Piece(rx, frozenset({w}), frozenset(), glue=glue, witness=frozenset({_atomic(w)}))


def _seq(pieces: list[_Piece]) -> _Piece:
    """Concatenate pieces (blanks between words; ``glue`` pieces attach directly)."""
    rx = ""
    prev_glue = True
    firsts: set[str] | None = set()
    stems: set[str] = set()
    open_first = True
    for p in pieces:
        if p.optional and not p.glue:
            if rx:  # "use [my] code": the optional word brings its own leading blank
                rx += f"(?:\\s{{1,3}}{p.rx})?"
            else:
                rx += f"(?:{p.rx}\\s{{1,3}})?"
                prev_glue = True
        else:
            if rx and not (p.glue or prev_glue):
                rx += r"\s{1,3}"
            rx += p.rx
            prev_glue = p.glue and p.optional  # {SEP} carries its own blanks; "'s" only attaches backwards
        if open_first:
            if p.firsts is None:
                firsts = None
            elif firsts is not None:
                firsts |= p.firsts
            stems |= p.stems
            if not p.optional and not p.glue:
                open_first = False
    required = [p.witness for p in pieces if not p.optional and not p.glue and p.witness is not None]
    witness = min(required, key=_score) if required else None
    weight = sum(p.weight for p in pieces if not p.optional)
    every: list[frozenset[str]] = []
    for p in pieces:
        if not p.optional and not p.glue and p.witness is not None:
            every.extend(p.required or (p.witness,))
    return _Piece(
        rx,
        frozenset(firsts) if firsts is not None else None,
        frozenset(stems),
        witness=witness,
        weight=weight,
        required=tuple(dict.fromkeys(every)),
    )


def _alternation(alts: list[_Piece]) -> _Piece:
    firsts: set[str] | None = set()
    stems: set[str] = set()
    witness: set[str] | None = set()
    for a in alts:
        if a.firsts is None or firsts is None:
            firsts = None
        else:
            firsts |= a.firsts
        stems |= a.stems
        if a.witness is None or witness is None:
            witness = None
        else:
            witness |= a.witness
    rx = "(?:" + "|".join(sorted((a.rx for a in alts), key=len, reverse=True)) + ")"
    return _Piece(
        rx,
        frozenset(firsts) if firsts is not None else None,
        frozenset(stems),
        witness=frozenset(witness) if witness is not None else None,
        weight=min((a.weight for a in alts), default=1),
    )


_SPLIT = str.maketrans({c: " " for c in "'’-.,;:!?\"“”„«»‹›()[]{}<>*/\\|~`^+=…_#$%&@"})


Tokens = list[tuple[int, str]]


def shared(doc_memo: Callable[[str, Any], Any], field: PreparedText) -> tuple[frozenset[str], Callable[[], Tokens] | None]:
    """:func:`word_set` of ``field.folded`` and (for short fields) a lazy :func:`tokenize` of it, computed at most
    once per document and shared by every detector that passes ``doc.memo`` here."""
    text = field.folded
    words: frozenset[str] = doc_memo(f"cues.words.{field.field}", lambda: word_set(text))
    if len(text) > 400:
        return words, None

    def tokens() -> Tokens:
        out: Tokens = doc_memo(f"cues.tokens.{field.field}", lambda: tokenize(text))
        return out

    return words, tokens


def word_set(text: str) -> frozenset[str]:
    """The atomic words of ``text`` (split on blanks, punctuation, apostrophes and hyphens), for the cheap gate
    that skips a review before any pattern runs. Pass it to several matchers of one field to compute it once."""
    return frozenset(text.translate(_SPLIT).split())


def term_pattern(term: str) -> str:
    """The regex for one cue phrase (see the module docstring for the syntax)."""
    return _seq([_word_piece(w) for w in term.split()]).rx


_Entry = tuple[str, str, int, tuple[frozenset[str], ...] | None]
#: One witness as looked up in a text: whole words (in :func:`word_set`) and stems (substrings of the text).
_Witness = tuple[frozenset[str], tuple[str, ...]]


def _entry_witnesses(piece: _Piece) -> tuple[frozenset[str], ...] | None:
    """The witnesses a text must all hold for ``piece`` to match there (None: nothing known)."""
    if piece.required:
        return piece.required
    return (piece.witness,) if piece.witness is not None else None


def _lookup(witness: frozenset[str]) -> _Witness | None:
    words: set[str] = set()
    stems: set[str] = set()
    for w in witness:
        if w.endswith("*"):
            stems.add(w[:-1])
        elif w.translate(_SPLIT).split() == [w]:
            words.add(w)
        else:
            return None  # a witness that word_set() would cut apart cannot be looked up whole
    return frozenset(words), tuple(sorted(stems))


_Gate = tuple[frozenset[str], tuple[str, ...], tuple[tuple[_Witness, ...], ...]]


def _key_gate(entries: list[_Entry]) -> _Gate | None:
    """For the alternation of one first word: per entry, the witnesses a text must all hold for that entry to
    match (the alternation can match only where some entry's are all there), with the union of the entries' first
    witnesses for a quick refusal; None when some entry has none."""
    out: dict[tuple[_Witness, ...], None] = {}
    for _label, _rx, _w, witnesses in entries:
        if not witnesses:
            return None
        conj = [lk for w in witnesses if (lk := _lookup(w)) is not None]
        if not conj:
            return None
        # the rarest first: most entries are ruled out by their first witness
        conj.sort(key=lambda lk: _score(lk[0] | frozenset(st + "*" for st in lk[1])))
        out[tuple(conj)] = None
    conjs = tuple(out)
    first_words = frozenset().union(*(c[0][0] for c in conjs))
    first_stems = tuple(sorted({st for c in conjs for st in c[0][1]}))
    return first_words, first_stems, conjs


def _holds(gate: _Gate, words: frozenset[str], text: str) -> bool:
    """Whether some entry of a first word's gate has all its witnesses in the text."""
    first_words, first_stems, conjs = gate
    if first_words.isdisjoint(words) and not (first_stems and any(st in text for st in first_stems)):
        return False
    for conj in conjs:
        for ws, sts in conj:
            if ws.isdisjoint(words) and not (sts and any(st in text for st in sts)):
                break
        else:
            return True
    return False


class _Index:
    """Patterns grouped by first word: one alternation per first word (and per stem), compiled on first use."""

    def __init__(self, entries: list[tuple[str, _Piece]], gate: frozenset[str] | None = None) -> None:
        gated = [p for label, p in entries if gate is None or label in gate]
        if gated and all(p.witness is not None for p in gated):
            ws: set[str] = set()
            for p in gated:
                ws |= p.witness or frozenset()
            self.gate_words: frozenset[str] | None = frozenset(w for w in ws if not w.endswith("*"))
            self.gate_stems: tuple[str, ...] = tuple(sorted(w[:-1] for w in ws if w.endswith("*")))
        else:
            self.gate_words = None
            self.gate_stems = ()
        by_first: dict[str, list[_Entry]] = {}
        by_stem: dict[str, list[tuple[str, str, int]]] = {}
        anywhere: list[tuple[str, str, int]] = []
        for label, piece in entries:
            if piece.firsts is None:
                anywhere.append((label, piece.rx, piece.weight))
                continue
            for f in piece.firsts:
                by_first.setdefault(f, []).append((label, piece.rx, piece.weight, _entry_witnesses(piece)))
            for s in piece.stems:
                by_stem.setdefault(s, []).append((label, piece.rx, piece.weight))
        # A first word that is itself a whole phrase needs no regex: the token is the match.
        self.single: dict[str, str] = {}
        for label, piece in entries:
            if piece.firsts is not None and len(piece.firsts) == 1 and not piece.stems:
                (w,) = piece.firsts
                if piece.rx == self._plain(w):
                    self.single.setdefault(w, label)
        multi = {
            k: [e for e in v if not (self.single.get(k) == e[0] and e[1] == self._plain(k))]
            for k, v in by_first.items()
        }
        # Identical alternations (a pattern whose first word is a slot files the same list under every word of
        # it) share one regex.
        lazies: dict[str, LazyPattern] = {}

        def lazy(items: list[tuple[str, str, int]]) -> LazyPattern:
            src = self._source(items)
            return lazies.setdefault(src, LazyPattern(src, regex.V1))

        self.first: dict[str, LazyPattern] = {k: lazy([e[:3] for e in v]) for k, v in multi.items() if v}
        # Per first word: the words one of which a text must hold for its alternation to match at all (most
        # alternations of common first words, "my" or "our", are then never tried on a review).
        self.first_gate: dict[str, _Gate] = {
            k: g for k, v in multi.items() if v and (g := _key_gate(v)) is not None
        }
        self.stems: tuple[tuple[str, LazyPattern], ...] = tuple(
            sorted(((k, lazy(v)) for k, v in by_stem.items()), key=lambda kv: -len(kv[0]))
        )
        heads: dict[str, list[tuple[str, LazyPattern]]] = {}
        for stem, sp in self.stems:
            heads.setdefault(stem[:2], []).append((stem, sp))
        self.stem_heads: dict[str, tuple[tuple[str, LazyPattern], ...]] = {k: tuple(v) for k, v in heads.items()}
        self.anywhere = lazy(anywhere) if anywhere else None
        self._lazies = tuple(lazies.values())
        self.keys: frozenset[str] = frozenset(self.first) | frozenset(self.single)

    def compile_all(self) -> None:
        """Compile every alternation now (a malformed lexicon line raises here); :meth:`find` never needs it."""
        for lz in self._lazies:
            lz.rx  # noqa: B018

    @staticmethod
    def _plain(word: str) -> str:
        escaped: str = regex.escape(word)
        return escaped.replace("'", "['’]").replace("\\'", "['’]")

    @staticmethod
    def _source(items: list[tuple[str, str, int]]) -> str:
        # The first alternative that matches wins, so patterns of more words go first ("follow us on instagram"
        # before the call to action "follow"), then longer ones.
        ordered = sorted(set(items), key=lambda lrw: (-lrw[2], -len(lrw[1]), lrw[1], lrw[0]))
        return "|".join(f"(?P<{label}>{rx})(?!\\w)" for label, rx, _ in ordered)

    def __bool__(self) -> bool:
        return bool(self.first or self.single or self.stems or self.anywhere)

    def passes(self, text: str, words: frozenset[str] | None) -> bool:
        """The cheap gate: can any (gated) pattern match at all? Set and substring operations only."""
        if self.gate_words is None:
            return True
        if not self.gate_words.isdisjoint(words if words is not None else word_set(text)):
            return True
        return any(s in text for s in self.gate_stems)

    def occurrences(self, text: str, words: frozenset[str] | None) -> list[int] | None:
        """Offsets of the gate words in ``text`` (None when there is no gate: search everywhere)."""
        if self.gate_words is None:
            return None
        ws = words if words is not None else word_set(text)
        out: list[int] = []
        n = len(text)
        for w in (*self.gate_words.intersection(ws), *(st for st in self.gate_stems if st in text)):
            stem = w in self.gate_stems
            i = text.find(w)
            while i != -1:
                j = i + len(w)
                if (i == 0 or not text[i - 1].isalnum()) and (stem or j >= n or not text[j].isalnum()):
                    out.append(i)
                i = text.find(w, j)
        out.sort()
        return out

    def find(
        self,
        text: str,
        timeout: float | None,
        tokens: Tokens | Callable[[], Tokens] | None = None,
        words: frozenset[str] | None = None,
    ) -> list[Cue]:
        """``words``: :func:`word_set` of ``text`` when the caller has it (computed here when needed)."""
        if callable(tokens):
            tokens = tokens()
        out: list[Cue] = []
        last = 0
        first = self.first
        single = self.single
        heads = self.stem_heads
        gates = self.first_gate
        # per first word: can its alternation match in this text at all (asked once per word and text)
        viable: dict[str, bool] = {}
        toks = tokens if tokens is not None else tokenize(text)
        # Only tokens that can start a pattern reach the loop body: a first word or a single-word phrase, a token
        # with a hyphen or apostrophe (looked up by its first part too), or one that begins like a stem.
        names = {t for _, t in toks}
        rel = names.intersection(self.keys)
        if heads:
            rel.update(t for t in names if t[:2] in heads)
        if "-" in text or "'" in text or "’" in text:
            rel.update(t for t in names if "-" in t or "'" in t)
        for start, tok in toks if rel else ():
            if tok not in rel or start < last:
                continue
            best: regex.Match[str] | None = None
            key = tok
            pat = first.get(tok)
            if pat is None and tok not in single:
                if "-" in tok:
                    key = tok.split("-", 1)[0]
                elif "'" in tok:
                    key = tok.split("'", 1)[0] + "'"
                    if key not in first and key not in single:
                        key = key[:-1]
                pat = first.get(key)
            if pat is not None:
                ok = viable.get(key)
                if ok is None:
                    gate = gates.get(key)
                    if gate is None:
                        ok = True
                    else:
                        if words is None:
                            words = word_set(text)
                        ok = _holds(gate, words, text)
                    viable[key] = ok
                if ok:
                    best = pat.rx.match(text, start, timeout=timeout)
            if best is None and key in single and (key == tok or not tok[len(key)].isalnum()):
                out.append(Cue(single[key], start, start + len(key)))
                last = start + len(key)
                continue
            cands = heads.get(tok[:2])
            if cands:
                for stem, sp in cands:
                    if tok.startswith(stem):
                        mm = sp.rx.match(text, start, timeout=timeout)
                        if mm is not None and (best is None or mm.end() > best.end()):
                            best = mm
            if best is not None and best.lastgroup is not None:
                out.append(Cue(best.lastgroup, best.start(), best.end()))
                last = best.end()
        if self.anywhere is not None:
            taken = [(c.start, c.end) for c in out]
            for m in self.anywhere.rx.finditer(text, timeout=timeout):
                if m.lastgroup is not None and not any(s < m.end() and m.start() < e for s, e in taken):
                    out.append(Cue(m.lastgroup, m.start(), m.end()))
            out.sort(key=lambda c: c.start)
        return out


_STRIP = "'’-.,;:!?\"“”„«»‹›()[]{}<>*/\\|~`^+=…_#$%&"


def _windowed_tokens(text: str, windows: list[tuple[int, int]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for lo, hi in windows:
        out.extend((s + lo, t) for s, t in tokenize(text[lo:hi]))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def tokenize(text: str) -> list[tuple[int, str]]:
    """Whitespace tokens of ``text`` with their offsets, outer punctuation stripped, ``’`` read as ``'``; an
    ``@handle`` keeps its ``@``. Plain string operations (no regex), so it is cheap enough to run on every review;
    pass the result to several matchers of one field to tokenize once."""
    out: list[tuple[int, str]] = []
    pos = 0
    find = text.find
    for raw in text.split():
        s = find(raw, pos)
        pos = s + len(raw)
        tok = raw.strip(_STRIP)
        if not tok:
            continue
        if tok is not raw:
            s += raw.find(tok)
            if raw[0] == "@" and s > 0 and text[s - 1] == "@":
                s -= 1
                tok = "@" + tok
        if "’" in tok:
            tok = tok.replace("’", "'")
        out.append((s, tok))
    return out


class CueMatcher:
    """All cue categories of one lexicon and language. Empty when the language has no lexicon of that name
    (``bool(matcher)`` is False). ``gate``: categories of which at least one cue must occur, or nothing is
    returned."""

    def __init__(
        self, name: str, language: str, gate: tuple[str, ...] = (), also: tuple[tuple[str, ...], ...] = ()
    ) -> None:
        entries: list[tuple[str, _Piece]] = []
        for line in lexicon(name, language):
            cat, sep, term = line.partition(":")
            cat = cat.strip()
            if not sep or not term.strip() or not cat.isidentifier():
                continue
            entries.append((cat, _seq([_word_piece(w) for w in term.split()])))
        self.categories: frozenset[str] = frozenset(c for c, _ in entries)
        self.gate = frozenset(gate)
        self._index = _Index(entries, self.gate or None)
        # Further word groups that must each occur too ("a review word" and "a benefit word").
        self._also = tuple(_Index([e for e in entries if e[0] in group], None) for group in also)

    def __bool__(self) -> bool:
        return bool(self._index)

    def compile_all(self) -> None:
        """Compile every pattern now (they are otherwise compiled on first use): a malformed line raises here."""
        self._index.compile_all()

    def find(
        self,
        field: PreparedText,
        timeout: float | None = None,
        tokens: Tokens | Callable[[], Tokens] | None = None,
        words: frozenset[str] | None = None,
    ) -> list[Cue]:
        """Every cue in ``field.folded`` (offsets shared with ``norm``), in text order, non-overlapping (the longest
        phrase at a position wins)."""
        if not self._index:
            return []
        text = field.folded
        if not self._index.passes(text, words):
            return []
        ws = words if words is not None else word_set(text)
        if self._also and not all(ix.passes(text, ws) for ix in self._also):
            return []
        if tokens is None:
            occ = self._index.occurrences(text, ws)
            if occ is not None and len(text) > 400:
                # Only the sentences that hold a gate word can hold a result.
                sents = field.sentences
                starts = [a for a, _ in sents]
                spans = [sents[max(0, bisect_right(starts, o) - 1)] for o in occ] if sents else []
                tokens = _windowed_tokens(text, _merge(spans))
        cues = self._index.find(text, timeout, tokens, ws)
        if self.gate and not any(c.category in self.gate for c in cues):
            return []
        return cues

    @staticmethod
    def by_sentence(field: PreparedText, cues: list[Cue]) -> list[tuple[tuple[int, int], list[Cue]]]:
        """Group cues by the sentence of ``field`` they fall in (sentences without cues are left out)."""
        if not cues:
            return []
        sents = field.sentences
        if not sents:
            return []
        starts = [s for s, _ in sents]
        grouped: dict[int, list[Cue]] = {}
        for c in cues:
            i = max(0, bisect_right(starts, c.start) - 1)
            grouped.setdefault(i, []).append(c)
        return [(sents[i], cs) for i, cs in sorted(grouped.items())]


_BUILTIN_SLOTS = {
    # A code or id: 4-16 letters and digits with at least one digit ("save20", "k9rfbq", "1126135").
    "TOKEN": _Piece(r"(?=[a-z0-9]{0,15}\d)[a-z0-9]{4,16}(?![\w%$€£])", None, frozenset()),
    # A social-network handle.
    "HANDLE": _Piece(r"@[a-z0-9_](?:[a-z0-9_.]{1,29})", frozenset({"@"}), frozenset()),
    # Punctuation that may sit between a label and its value ("code: SAVE20", "id - 230295").
    "SEP": _Piece(
        r"\s{0,3}(?:[:=#\-–—'\"“”(!]\s{0,3}){0,2}", frozenset(), frozenset(), optional=True, glue=True, weight=0
    ),
    # A few characters of garbled text between a label and its value ("referal ??d?: 1816147").
    "JUNK": _Piece(r"[^\s\w]{0,3}\w{0,3}[^\s\w]{1,4}", None, frozenset(), weight=0),
    # One or two arbitrary words (a brand name, an adjective).
    "W": _Piece(r"[\w'’&.-]{1,30}", None, frozenset()),
    "WW": _Piece(r"[\w'’&.-]{1,30}(?:\s{1,3}[\w'’&.-]{1,30})?", None, frozenset()),
}
_SLOT = regex.compile(r"\{([A-Za-z_0-9]+)\}|\[([^\[\]]+)\]|(\S+)")


class PhraseSet:
    """Labelled phrase patterns with slots from a per-language lexicon (syntax in the module docstring).
    ``find`` returns :class:`Phrase` matches whose ``kind`` is the pattern's label."""

    def __init__(self, name: str, language: str, ungated: tuple[str, ...] = ()) -> None:
        slots: dict[str, _Piece] = dict(_BUILTIN_SLOTS)
        entries: list[tuple[str, _Piece]] = []
        for line in lexicon(name, language):
            head, sep, body = line.partition(":")
            head = head.strip()
            if not sep or not body.strip():
                continue
            if head.startswith("@"):
                alts = [self._phrase(a.strip(), slots) for a in body.split("|") if a.strip()]
                slots[head[1:]] = _alternation(alts)
            elif head.isidentifier():
                entries.append((head, self._phrase(body.strip(), slots)))
        self.labels: frozenset[str] = frozenset(label for label, _ in entries)
        self._index = _Index(entries, self.labels - frozenset(ungated))

    @staticmethod
    def _phrase(phrase: str, slots: dict[str, _Piece]) -> _Piece:
        pieces: list[_Piece] = []
        prev_end = -1
        for m in _SLOT.finditer(phrase):
            slot, optional, word = m.group(1), m.group(2), m.group(3)
            if word is not None and m.start() == prev_end and pieces:
                # "{role}s": a suffix glued to the slot before it
                wp = _word_piece(word)
                last = pieces[-1]  # its words no longer stand alone ("developers"): they witness as prefixes
                stems = frozenset(w if w.endswith("*") else w + "*" for w in last.witness) if last.witness else None
                pieces[-1] = _Piece(last.rx, last.firsts, last.stems, last.optional, last.glue, stems, last.weight)
                pieces.append(_Piece(wp.rx, wp.firsts, wp.stems, glue=True, witness=None, weight=0))
                prev_end = m.end()
                continue
            prev_end = m.end()
            if slot is not None:
                if slot not in slots:
                    raise ValueError(f"undefined slot {{{slot}}} in a lexicon phrase")
                pieces.append(slots[slot])
            elif optional is not None:
                inner = PhraseSet._phrase(optional, slots)
                pieces.append(_Piece(inner.rx, inner.firsts, inner.stems, optional=True, witness=inner.witness))
            else:
                pieces.append(_word_piece(word))
        return _seq(pieces)

    def __bool__(self) -> bool:
        return bool(self._index)

    def compile_all(self) -> None:
        """Compile every pattern now (they are otherwise compiled on first use): a malformed line raises here."""
        self._index.compile_all()

    def find(
        self,
        field: PreparedText,
        timeout: float | None = None,
        tokens: Tokens | Callable[[], Tokens] | None = None,
        words: frozenset[str] | None = None,
        gated: bool = True,
    ) -> list[Phrase]:
        """Every match in ``field.folded`` (offsets shared with ``norm``), in text order, non-overlapping.
        ``tokens``/``words``: :func:`tokenize`/:func:`word_set` of ``field.folded``, when the caller already has
        them. With ``gated`` (the default) nothing is searched unless a word of a gated pattern occurs; labels
        named in ``ungated`` are then only found alongside a gated one."""
        if not self._index:
            return []
        text = field.folded
        if gated and not self._index.passes(text, words):
            return []
        if gated and tokens is None and len(text) > 400:
            occ = self._index.occurrences(text, words)
            if occ is not None:
                # Patterns are short: only the text around a gate word can hold a match.
                spans = []
                for o in occ:
                    lo = max(0, o - 120)
                    cut = max(text.rfind(" ", 0, lo), text.rfind("\n", 0, lo))
                    spans.append((cut + 1 if lo > 0 else 0, min(len(text), o + 120)))
                tokens = _windowed_tokens(text, _merge(spans))
        return self._index.find(text, timeout, tokens, words)
